// `ketenlens audit` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const auditCommand: Command = {
  name: 'audit',
  summary: '(not available yet)',
  help: 'ketenlens audit: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando audit is nog niet beschikbaar.', 'The command audit is not available yet.');
  },
};
