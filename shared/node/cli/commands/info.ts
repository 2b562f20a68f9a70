// `ketenlens info` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const infoCommand: Command = {
  name: 'info',
  summary: '(not available yet)',
  help: 'ketenlens info: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando info is nog niet beschikbaar.', 'The command info is not available yet.');
  },
};
