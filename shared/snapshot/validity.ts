// The loader's names for the date and instant rules, which live in shared/dates.ts (the one
// definition). Kept only until findings.ts and open.ts import shared/dates.ts directly.
export { isValidDate, sqlIsValidDate, sqlIsValidInstant } from '../dates';
