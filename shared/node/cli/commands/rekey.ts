// `ketenlens rekey` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const rekeyCommand: Command = {
  name: 'rekey',
  summary: '(not available yet)',
  help: 'ketenlens rekey: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando rekey is nog niet beschikbaar.', 'The command rekey is not available yet.');
  },
};
