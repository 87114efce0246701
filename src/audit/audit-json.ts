const SECRET_KEY = /(secret|hash|salt|token|password)/i;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A plain JSON copy of a record for the audit log: dates as ISO strings, plain nested objects and lists kept,
 * and at every level no secrets (by key name), no binary values and no loaded entity relations (each entry is
 * about one row; its relations have entries of their own).
 */
export function auditJson(record: object | null | undefined): Record<string, unknown> | null {
  if (!record) return null;
  return plainObject(record);
}

function plainObject(record: object): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const [key, value] of Object.entries(record)) {
    if (SECRET_KEY.test(key)) continue;
    const json = toJson(value);
    if (json !== undefined) result[key] = json;
  }
  return result;
}

function toJson(value: unknown): Json | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || Buffer.isBuffer(value)) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson).filter((item): item is Json => item !== undefined);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return plainObject(value);
  return undefined;
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
