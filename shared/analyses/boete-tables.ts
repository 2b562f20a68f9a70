// Table definitions of the boete analyses (placeholder until implemented).
import type { TableDefinition } from '../tables/catalogue';

export const boeteTables: readonly TableDefinition[] = [];
