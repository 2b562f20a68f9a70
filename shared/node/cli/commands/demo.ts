// `ketenlens demo` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: '(not available yet)',
  help: 'ketenlens demo: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando demo is nog niet beschikbaar.', 'The command demo is not available yet.');
  },
};
