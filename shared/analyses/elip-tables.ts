// Table definitions of the elip analyses (placeholder until implemented).
import type { TableDefinition } from '../tables/catalogue';

export const elipTables: readonly TableDefinition[] = [];
