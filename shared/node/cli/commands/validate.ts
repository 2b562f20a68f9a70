// `ketenlens validate` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const validateCommand: Command = {
  name: 'validate',
  summary: '(not available yet)',
  help: 'ketenlens validate: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando validate is nog niet beschikbaar.', 'The command validate is not available yet.');
  },
};
