// `ketenlens tables` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const tablesCommand: Command = {
  name: 'tables',
  summary: '(not available yet)',
  help: 'ketenlens tables: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando tables is nog niet beschikbaar.', 'The command tables is not available yet.');
  },
};
