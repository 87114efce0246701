import { Platform } from '../../src/accounts/account.enums';
import { isRecord, type CallMeter } from '../http/platform-http';
import { PlatformError, PlatformErrorKind } from '../platform-error';

/** Codes Meta throttles with (platforms.md §1.4): app 4, user 17, page 32, app limit 341, custom 613, BUC 80000-80014. */
const THROTTLE_CODES = new Set([4, 17, 32, 341, 613]);

/** What Meta's usage headers said on one response. */
export interface GraphUsageSignal {
  /** X-App-Usage / X-Page-Usage, highest field, 0-100. */
  appPercent: number | null;
  /** X-Business-Use-Case-Usage per object id (the Page for Pages BUC). */
  objects: Map<string, { percent: number; regainMinutes: number }>;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function highestField(record: Record<string, unknown>): number {
  return Math.max(numberOr(record.call_count, 0), numberOr(record.total_cputime, 0), numberOr(record.total_time, 0));
}

function parseJsonHeader(headers: Headers, name: string): unknown {
  const value = headers.get(name);
  if (!value) return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

/** Reads `X-App-Usage`, `X-Page-Usage` and `X-Business-Use-Case-Usage`; absent headers leave nulls and an empty map. */
export function readUsageHeaders(headers: Headers): GraphUsageSignal {
  const signal: GraphUsageSignal = { appPercent: null, objects: new Map() };
  for (const name of ['x-app-usage', 'x-page-usage']) {
    const usage = parseJsonHeader(headers, name);
    if (isRecord(usage)) signal.appPercent = Math.max(signal.appPercent ?? 0, highestField(usage));
  }
  const business = parseJsonHeader(headers, 'x-business-use-case-usage');
  if (isRecord(business)) {
    for (const [objectId, entries] of Object.entries(business)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        if (!isRecord(entry)) continue;
        const previous = signal.objects.get(objectId);
        signal.objects.set(objectId, {
          percent: Math.max(previous?.percent ?? 0, highestField(entry)),
          regainMinutes: Math.max(previous?.regainMinutes ?? 0, numberOr(entry.estimated_time_to_regain_access, 0)),
        });
      }
    }
  }
  return signal;
}

/** Seconds until a throttled object (or, without an id, any object in the signal) may call again. */
function regainSeconds(signal: GraphUsageSignal, objectId: string | null): number | null {
  const entries = objectId ? [signal.objects.get(objectId)] : [...signal.objects.values()];
  const minutes = Math.max(0, ...entries.map((entry) => entry?.regainMinutes ?? 0));
  return minutes > 0 ? minutes * 60 : null;
}

/** Puts the signal on a meter: the highest percentage seen and, when throttled, when access comes back. */
export function observeUsage(meter: CallMeter, signal: GraphUsageSignal, objectId: string | null, now: Date): void {
  const entries = objectId ? [signal.objects.get(objectId)] : [...signal.objects.values()];
  const percents = entries.flatMap((entry) => (entry ? [entry.percent] : []));
  if (signal.appPercent !== null) percents.push(signal.appPercent);
  if (percents.length === 0) return;
  const regain = regainSeconds(signal, objectId);
  meter.observeUsage(Math.max(...percents), regain ? new Date(now.getTime() + regain * 1000) : null);
}

/** Meta messages never carry tokens on purpose; this keeps it that way if one ever echoes a parameter. */
function scrub(message: string): string {
  return message.replace(/\b(EAA|EAAB)[A-Za-z0-9_-]{10,}/g, '[token]').slice(0, 300);
}

function kindFor(status: number, code: number | null, subcode: number | null, transient: boolean): PlatformErrorKind {
  if (code === 190 || code === 102) return subcode === 463 ? PlatformErrorKind.TOKEN_EXPIRED : PlatformErrorKind.TOKEN_REVOKED;
  if (code !== null && (THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014))) return PlatformErrorKind.RATE_LIMITED;
  if (code === 10 || code === 368 || (code !== null && code >= 200 && code <= 299)) return PlatformErrorKind.PERMISSION_DENIED;
  if ((code === 100 && subcode === 33) || code === 803) return PlatformErrorKind.NOT_FOUND;
  if (code === 1 || code === 2 || transient || status >= 500) return PlatformErrorKind.UNAVAILABLE;
  if (status === 404) return PlatformErrorKind.NOT_FOUND;
  if (status === 429) return PlatformErrorKind.RATE_LIMITED;
  return PlatformErrorKind.BAD_REQUEST;
}

/**
 * Meta's error body `{"error":{message,type,code,error_subcode,is_transient,…}}` → PlatformError. `usage` is the
 * response's usage headers (or the batch envelope's), for retryAfterSeconds on throttles; `objectId` the Page.
 */
export function graphErrorFrom(
  status: number,
  body: unknown,
  usage: GraphUsageSignal | null = null,
  objectId: string | null = null,
): PlatformError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error) {
    const kind = status >= 500 ? PlatformErrorKind.UNAVAILABLE : status === 429 ? PlatformErrorKind.RATE_LIMITED : PlatformErrorKind.BAD_RESPONSE;
    return new PlatformError({ kind, platform: Platform.FACEBOOK, status, message: `Facebook answered HTTP ${status} without an error body` });
  }
  const code = typeof error.code === 'number' ? error.code : null;
  const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : null;
  const kind = kindFor(status, code, subcode, error.is_transient === true);
  const message = typeof error.message === 'string' ? scrub(error.message) : 'no message';
  return new PlatformError({
    kind,
    platform: Platform.FACEBOOK,
    status,
    platformCode: code === null ? null : subcode === null ? String(code) : `${code}/${subcode}`,
    retryAfterSeconds: kind === PlatformErrorKind.RATE_LIMITED && usage ? regainSeconds(usage, objectId) : null,
    message: `Facebook error ${code ?? '?'}${subcode === null ? '' : `/${subcode}`}: ${message}`,
  });
}

export function badResponse(message: string): PlatformError {
  return new PlatformError({ kind: PlatformErrorKind.BAD_RESPONSE, platform: Platform.FACEBOOK, message });
}

export function badRequest(message: string): PlatformError {
  return new PlatformError({ kind: PlatformErrorKind.BAD_REQUEST, platform: Platform.FACEBOOK, message });
}
