import { Platform } from '../../src/accounts/account.enums';
import { isRecord, retryAfterSeconds, retryUnavailable, type HttpResponse, type PlatformHttp } from '../http/platform-http';
import { PlatformError, PlatformErrorKind } from '../platform-error';
import type { ConnectorContext } from '../provider';

/** The versioned API this connector is written against (sent as `LinkedIn-Version` on every call). */
export const LINKEDIN_VERSION = '202606';
const RESTLI_PROTOCOL_VERSION = '2.0.0';

/** LinkedIn's daily quotas, the only rate limit it has, reset at 00:00 UTC and it sends no headers about them. */
export function secondsUntilMidnightUtc(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}

/** Rest.li 2.0 value encoding: everything but unreserved characters, including `( ) ' ! *` that encodeURIComponent keeps. */
export function restliEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const organizationUrn = (id: string) => `urn:li:organization:${id}`;

/** `123` or `urn:li:organization:123` → `123`; null for anything else. */
export function organizationId(value: unknown): string | null {
  const match = typeof value === 'string' || typeof value === 'number' ? /^(?:urn:li:organization:)?(\d+)$/.exec(String(value)) : null;
  return match ? match[1] : null;
}

export function badResponse(message: string): PlatformError {
  return new PlatformError({ kind: PlatformErrorKind.BAD_RESPONSE, platform: Platform.LINKEDIN, message });
}

/**
 * LinkedIn's error body `{status, serviceErrorCode, code?, message}` → PlatformError. 401 means a token
 * problem; only REVOKED_ACCESS_TOKEN (65601) is known to be final, so every other 401 (65600 "Invalid access
 * token" is what LinkedIn answers for expired tokens too) is TOKEN_EXPIRED: refresh, then reconnect.
 */
export function linkedinError(status: number, body: unknown, headers: Headers, now: Date): PlatformError {
  const fields = isRecord(body) ? body : {};
  const code = typeof fields.code === 'string' ? fields.code : null;
  const serviceErrorCode = typeof fields.serviceErrorCode === 'number' ? fields.serviceErrorCode : null;
  const platformCode = code ?? (serviceErrorCode !== null ? String(serviceErrorCode) : null);
  const said = typeof fields.message === 'string' ? `: ${fields.message.slice(0, 200)}` : '';
  const details = { platform: Platform.LINKEDIN, status, platformCode, message: `LinkedIn answered ${status}${said}` };
  if (status === 401) {
    const revoked = code === 'REVOKED_ACCESS_TOKEN' || serviceErrorCode === 65601;
    return new PlatformError({ ...details, kind: revoked ? PlatformErrorKind.TOKEN_REVOKED : PlatformErrorKind.TOKEN_EXPIRED });
  }
  if (status === 403) return new PlatformError({ ...details, kind: PlatformErrorKind.PERMISSION_DENIED });
  if (status === 404) return new PlatformError({ ...details, kind: PlatformErrorKind.NOT_FOUND });
  if (status === 429) {
    const retryAfter = retryAfterSeconds(headers, now) ?? secondsUntilMidnightUtc(now);
    return new PlatformError({ ...details, kind: PlatformErrorKind.RATE_LIMITED, retryAfterSeconds: retryAfter });
  }
  if (status >= 500) return new PlatformError({ ...details, kind: PlatformErrorKind.UNAVAILABLE });
  // 400 (bad syntax, VERSION_MISSING), 426 (NONEXISTENT_VERSION), 422 and the rest: our request or an API change.
  return new PlatformError({ ...details, kind: PlatformErrorKind.BAD_REQUEST });
}

export interface LinkedinCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query below the API root, already Rest.li-encoded (URLSearchParams would break `List(...)`). */
  path: string;
  token: string;
  json?: unknown;
  /** X-RestLi-Method, for methods tunnelled through POST (PARTIAL_UPDATE). */
  restliMethod?: string;
}

/**
 * One API call with LinkedIn's required headers; throws the mapped PlatformError on any error status. Only 2xx
 * is success: PlatformHttp does not follow redirects, so a 3xx means the call did not happen where we sent it
 * (a write answered 3xx must not be recorded as applied): BAD_RESPONSE.
 */
export async function callLinkedin(context: ConnectorContext, http: PlatformHttp, call: LinkedinCall): Promise<HttpResponse> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${call.token}`,
    'linkedin-version': LINKEDIN_VERSION,
    'x-restli-protocol-version': RESTLI_PROTOCOL_VERSION,
  };
  if (call.restliMethod) headers['x-restli-method'] = call.restliMethod;
  const response = await http.request({
    method: call.method ?? 'GET',
    url: context.apiUrl.replace(/\/$/, '') + call.path,
    headers,
    json: call.json,
  });
  if (response.status >= 200 && response.status < 300) return response;
  if (response.status < 400) {
    throw new PlatformError({
      kind: PlatformErrorKind.BAD_RESPONSE,
      platform: Platform.LINKEDIN,
      status: response.status,
      message: `LinkedIn answered ${response.status} (a redirect or informational answer, not a result)`,
    });
  }
  const error = linkedinError(response.status, response.body, response.headers, context.now());
  if (error.kind === PlatformErrorKind.RATE_LIMITED) {
    // No usage headers exist: a 429 is the only signal, and it means the day's quota is spent.
    http.meter.observeUsage(100, new Date(context.now().getTime() + (error.retryAfterSeconds ?? 0) * 1000));
  }
  throw error;
}

/** An idempotent GET, retried while LinkedIn is briefly unavailable; the body must be a JSON object. */
export async function readLinkedin(context: ConnectorContext, http: PlatformHttp, token: string, path: string): Promise<Record<string, unknown>> {
  const response = await retryUnavailable(() => callLinkedin(context, http, { path, token }));
  if (!isRecord(response.body)) throw badResponse(`LinkedIn answered ${response.status} without a JSON object`);
  return response.body;
}

/**
 * Where the next page starts, or null at the end. A page may come back shorter than `count` without being
 * the last (LinkedIn filters elements after paging), so `links` rel=next and `total` decide when present;
 * "fewer than count" is trusted only when the response has neither.
 */
function nextStart(paging: unknown, start: number, received: number, requested: number): number | null {
  const fields = isRecord(paging) ? paging : {};
  const links = Array.isArray(fields.links) ? fields.links.filter(isRecord) : [];
  const next = links.find((link) => link.rel === 'next');
  if (next && typeof next.href === 'string') {
    const linked = Number(new URL(next.href, 'https://api.linkedin.com').searchParams.get('start'));
    if (Number.isInteger(linked) && linked >= 0) return linked;
  }
  if (typeof fields.total === 'number') return start + received < fields.total ? start + received : null;
  const pageSize = typeof fields.count === 'number' && fields.count > 0 ? fields.count : requested;
  return received === 0 || received < pageSize ? null : start + received;
}

/**
 * Far beyond any real roster or post list at LinkedIn's page sizes; stops a server that keeps pointing at new
 * pages. X stops at 10 000 pages, YouTube at 500.
 */
export const MAX_PAGES = 1000;

/** Every element of a start/count collection (or the first `limit`), following pages to the end (at most MAX_PAGES). */
export async function readAllPages(
  context: ConnectorContext,
  http: PlatformHttp,
  token: string,
  path: string,
  options: { pageSize: number; limit?: number },
): Promise<Record<string, unknown>[]> {
  const elements: Record<string, unknown>[] = [];
  const visited = new Set<number>();
  const separator = path.includes('?') ? '&' : '?';
  for (let start = 0, pages = 1; ; pages += 1) {
    visited.add(start);
    const count = options.limit ? Math.min(options.pageSize, options.limit - elements.length) : options.pageSize;
    const body = await readLinkedin(context, http, token, `${path}${separator}start=${start}&count=${count}`);
    if (!Array.isArray(body.elements)) throw badResponse('a collection answer without elements');
    elements.push(...body.elements.filter(isRecord));
    if (options.limit && elements.length >= options.limit) return elements.slice(0, options.limit);
    const next = nextStart(body.paging, start, body.elements.length, count);
    if (next === null) return elements;
    if (visited.has(next) || next < start) throw badResponse(`paging went back to start=${next}`);
    if (pages >= MAX_PAGES) throw badResponse(`paging did not end after ${MAX_PAGES} pages`);
    start = next;
  }
}

export interface BatchResult {
  results: Map<string, Record<string, unknown>>;
  /** Per-key failures (Rest.li `errors`), mapped like whole-call errors. */
  errors: Map<string, PlatformError>;
}

/** Rest.li BATCH_GET `{resource}?ids=List(...)` for one chunk of keys. */
export async function batchGet(
  context: ConnectorContext,
  http: PlatformHttp,
  token: string,
  resource: string,
  keys: readonly string[],
  query = '',
): Promise<BatchResult> {
  const body = await readLinkedin(context, http, token, `${resource}?ids=List(${keys.map(restliEncode).join(',')})${query}`);
  const results = isRecord(body.results) ? body.results : {};
  const errors = isRecord(body.errors) ? body.errors : {};
  const batch: BatchResult = { results: new Map(), errors: new Map() };
  for (const key of keys) {
    const result = results[key];
    const error = errors[key];
    if (isRecord(result)) batch.results.set(key, result);
    else if (isRecord(error)) {
      const status = typeof error.status === 'number' ? error.status : 500;
      batch.errors.set(key, linkedinError(status, error, new Headers(), context.now()));
    } else batch.errors.set(key, badResponse(`${key} is missing from the batch answer`));
  }
  return batch;
}

/** Splits keys into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
