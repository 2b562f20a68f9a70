// `ketenlens keygen` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const keygenCommand: Command = {
  name: 'keygen',
  summary: '(not available yet)',
  help: 'ketenlens keygen: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando keygen is nog niet beschikbaar.', 'The command keygen is not available yet.');
  },
};
