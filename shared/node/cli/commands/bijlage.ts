// `ketenlens bijlage` — placeholder until its issue lands; refuses clearly instead of pretending.
import { UsageError } from '../../../errors';
import type { Command } from '../command';

export const bijlageCommand: Command = {
  name: 'bijlage',
  summary: '(not available yet)',
  help: 'ketenlens bijlage: not available yet in this build.',
  async run() {
    throw new UsageError('Het commando bijlage is nog niet beschikbaar.', 'The command bijlage is not available yet.');
  },
};
