// Table definitions of the datalek analyses (placeholder until implemented).
import type { TableDefinition } from '../tables/catalogue';

export const datalekTables: readonly TableDefinition[] = [];
