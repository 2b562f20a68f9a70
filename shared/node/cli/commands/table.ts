// `ketenlens table` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const tableCommand: Command = {
  name: 'table',
  summary: '(not available yet)',
  help: 'ketenlens table: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando table is nog niet beschikbaar.', 'The command table is not available yet.');
  },
};
