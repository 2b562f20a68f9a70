// `ketenlens seal` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const sealCommand: Command = {
  name: 'seal',
  summary: '(not available yet)',
  help: 'ketenlens seal: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando seal is nog niet beschikbaar.', 'The command seal is not available yet.');
  },
};
