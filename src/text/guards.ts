// What parsed YAML or JSON holds, told apart safely.

/** A mapping (a JSON object), not an array, not null. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
