/**
 * Reading times the rules compare, in epoch milliseconds, so no verdict depends on the server's zone or DST.
 * Null means absent, NaN unreadable: rules tell "not shown" from "shown but garbled".
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** ISO text from a snapshot → epoch ms. A date-time without a zone is read as UTC (date-only text is UTC by the standard). */
export function instant(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (!ISO_INSTANT.test(trimmed)) return Number.NaN;
  const normalised = trimmed.replace(' ', 'T');
  return Date.parse(normalised.length > 10 && !HAS_ZONE.test(normalised) ? `${normalised}Z` : normalised);
}

/** A registry date (a Date, or its JSON text) → epoch ms. */
export function millis(value: Date | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

export const readable = (ms: number | null): ms is number => ms !== null && !Number.isNaN(ms);
