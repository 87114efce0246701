import { Platform } from '../../src/accounts/account.enums';
import { isRecord, retryAfterSeconds, type CallMeter, type HttpResponse, type PlatformHttp } from '../http/platform-http';
import { PlatformError, PlatformErrorKind } from '../platform-error';

/** The Graph version the connector speaks; the simulator accepts any `v{N}.0`. */
export const GRAPH_VERSION = 'v25.0';

/**
 * Throttle codes (platforms.md §1.4, §2.4): app 4, user 17, page 32, app limit 341, custom 613, BUC 80000-80014.
 * The same Meta codes, mapped the same way, as the Facebook connector (facebook/graph-errors.ts).
 */
const THROTTLE_CODES = new Set([4, 17, 32, 341, 613]);
const isThrottle = (code: number | null) => code !== null && (THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014));
/** 190 subcodes: 463 expired; 458 app removed, 459 checkpoint, 460 password changed, 464/467 invalid → reconnect. */
const EXPIRED_SUBCODE = 463;

export interface GraphCall {
  http: PlatformHttp;
  /** graph.instagram.com (or the simulator's mount), without a trailing slash. */
  apiUrl: string;
  now: () => Date;
}

export interface GraphRequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Sent as `Authorization: Bearer`, so the token never sits in a URL that could be logged. */
  token?: string;
  query?: Record<string, string | number | boolean>;
  /** Unversioned paths (`/access_token`, `/refresh_access_token`) sit at the host root. */
  versioned?: boolean;
}

export function graphUrl(apiUrl: string, path: string, versioned = true): string {
  return `${apiUrl.replace(/\/+$/, '')}${versioned ? `/${GRAPH_VERSION}` : ''}${path}`;
}

/** One Graph call: usage observed, a 2xx JSON object returned, anything else thrown as a PlatformError. */
export async function graphRequest(call: GraphCall, path: string, options: GraphRequestOptions = {}): Promise<Record<string, unknown>> {
  const response = await call.http.request({
    method: options.method ?? 'GET',
    url: graphUrl(call.apiUrl, path, options.versioned ?? true),
    query: options.query,
    headers: options.token ? { authorization: `Bearer ${options.token}` } : undefined,
  });
  observeUsage(call.http.meter, response.headers, call.now());
  if (response.status >= 200 && response.status < 300) {
    if (isRecord(response.body)) return response.body;
    throw instagramError(PlatformErrorKind.BAD_RESPONSE, 'Instagram answered something that is not a JSON object', response.status);
  }
  throw graphError(response, call.now());
}

export function instagramError(
  kind: PlatformErrorKind,
  message: string,
  status: number | null = null,
  extra: { platformCode?: string | null; retryAfterSeconds?: number | null } = {},
): PlatformError {
  return new PlatformError({ kind, platform: Platform.INSTAGRAM, message, status, ...extra });
}

interface UsageReading {
  percent: number | null;
  minutesToRegain: number;
}

/** `X-Business-Use-Case-Usage` (and `X-App-Usage`): the highest percentage and the longest announced wait. */
export function readUsage(headers: Headers): UsageReading {
  const reading: UsageReading = { percent: null, minutesToRegain: 0 };
  const entries: unknown[] = [];
  for (const name of ['x-business-use-case-usage', 'x-app-usage']) {
    const value = headers.get(name);
    if (!value) continue;
    try {
      const parsed: unknown = JSON.parse(value);
      if (name === 'x-app-usage') entries.push(parsed);
      else if (isRecord(parsed)) for (const list of Object.values(parsed)) if (Array.isArray(list)) entries.push(...list);
    } catch {
      // A malformed usage header is no reason to fail a read that succeeded.
    }
  }
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    for (const field of ['call_count', 'total_cputime', 'total_time']) {
      const value = entry[field];
      if (typeof value === 'number' && Number.isFinite(value)) reading.percent = Math.max(reading.percent ?? 0, value);
    }
    const wait = entry.estimated_time_to_regain_access;
    if (typeof wait === 'number' && wait > reading.minutesToRegain) reading.minutesToRegain = wait;
  }
  return reading;
}

export function observeUsage(meter: CallMeter, headers: Headers, now: Date): void {
  const { percent, minutesToRegain } = readUsage(headers);
  if (percent === null) return;
  meter.observeUsage(percent, minutesToRegain > 0 ? new Date(now.getTime() + minutesToRegain * 60_000) : null);
}

const numberOf = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Meta messages may quote a malformed token back; keep anything token-like out of ours. */
const redact = (message: string) => message.replace(/[A-Za-z0-9_\-.]{32,}/g, '[redacted]');

/**
 * A Meta error body (`{"error":{code,error_subcode,is_transient,...}}`) → the PlatformError it means, in the
 * same order and with the same kinds as Facebook's mapping (facebook/graph-errors.ts `kindFor`).
 */
export function graphError(response: HttpResponse, now: Date): PlatformError {
  const { status, body } = response;
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error) {
    if (status >= 500) return instagramError(PlatformErrorKind.UNAVAILABLE, `Instagram answered HTTP ${status}`, status);
    if (status === 404) return instagramError(PlatformErrorKind.NOT_FOUND, 'Instagram answered HTTP 404', status);
    if (status === 429) {
      return instagramError(PlatformErrorKind.RATE_LIMITED, 'Instagram answered HTTP 429', status, {
        retryAfterSeconds: retryAfterSeconds(response.headers, now),
      });
    }
    return instagramError(PlatformErrorKind.BAD_RESPONSE, `Instagram answered HTTP ${status} without a readable error`, status);
  }
  const code = numberOf(error.code);
  const subcode = numberOf(error.error_subcode);
  const platformCode = code === null ? null : subcode === null ? String(code) : `${code}/${subcode}`;
  const text = typeof error.message === 'string' ? redact(error.message) : 'no message';
  const make = (kind: PlatformErrorKind, retryAfter: number | null = null) =>
    instagramError(kind, `Instagram error ${platformCode ?? '?'}: ${text}`, status, { platformCode, retryAfterSeconds: retryAfter });
  const throttled = () => {
    const { minutesToRegain } = readUsage(response.headers);
    return make(PlatformErrorKind.RATE_LIMITED, minutesToRegain > 0 ? minutesToRegain * 60 : retryAfterSeconds(response.headers, now));
  };
  if (code === 190 || code === 102) return make(subcode === EXPIRED_SUBCODE ? PlatformErrorKind.TOKEN_EXPIRED : PlatformErrorKind.TOKEN_REVOKED);
  if (isThrottle(code)) return throttled();
  if (code === 10 || code === 368 || (code !== null && code >= 200 && code <= 299)) return make(PlatformErrorKind.PERMISSION_DENIED);
  if ((code === 100 && subcode === 33) || code === 803) return make(PlatformErrorKind.NOT_FOUND);
  // Code 1 is Meta's "unknown error, retry": UNAVAILABLE, as on Facebook.
  if (code === 1 || code === 2 || error.is_transient === true || status >= 500) return make(PlatformErrorKind.UNAVAILABLE);
  if (status === 404) return make(PlatformErrorKind.NOT_FOUND);
  if (status === 429) return throttled();
  return make(PlatformErrorKind.BAD_REQUEST);
}
