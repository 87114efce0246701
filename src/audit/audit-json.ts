const SECRET_KEY = /(secret|hash|salt|token|password)/i;

/**
 * A plain JSON copy of a record for the audit log: dates as ISO strings, no binary values, no secrets, and no
 * loaded relations (each entry is about one row).
 */
export function auditJson(record: object | null | undefined): Record<string, unknown> | null {
  if (!record) return null;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || typeof value === 'function' || SECRET_KEY.test(key)) continue;
    if (Buffer.isBuffer(value)) continue;
    if (value instanceof Date) result[key] = value.toISOString();
    else if (Array.isArray(value)) {
      if (value.every((item) => item === null || typeof item !== 'object')) result[key] = [...value];
    } else if (value !== null && typeof value === 'object') {
      if (Object.getPrototypeOf(value) === Object.prototype) result[key] = JSON.parse(JSON.stringify(value));
    } else result[key] = value;
  }
  return result;
}

/** Only the keys whose values differ, so an update's entry shows what changed. */
export function auditDiff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before, after };
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key] ?? null;
      changedAfter[key] = after[key] ?? null;
    }
  }
  return { before: changedBefore, after: changedAfter };
}
