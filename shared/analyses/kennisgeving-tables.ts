// Table definitions of the kennisgeving analyses (placeholder until implemented).
import type { TableDefinition } from '../tables/catalogue';

export const kennisgevingTables: readonly TableDefinition[] = [];
