// A type guard for plain JSON objects, shared by the parsers of the audit trail.
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
