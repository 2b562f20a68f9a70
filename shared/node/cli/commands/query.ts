// `ketenlens query` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const queryCommand: Command = {
  name: 'query',
  summary: '(not available yet)',
  help: 'ketenlens query: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando query is nog niet beschikbaar.', 'The command query is not available yet.');
  },
};
