import { Platform } from '../../src/accounts/account.enums';
import { isRecord, retryAfterSeconds, retryUnavailable, type HttpResponse, type PlatformHttp } from '../http/platform-http';
import { PlatformError, PlatformErrorKind } from '../platform-error';
import type { ConnectorContext } from '../provider';
import { secondsUntilPacificMidnight } from './pacific-time';

type Query = Record<string, string | number | boolean | undefined>;

/** Google's throttling reasons: the daily project quota, and short-term per-project or per-user rates. */
const DAILY_QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded']);
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
/** Only a new consent (or another account) helps. */
const ACCOUNT_REASONS = new Set(['authenticatedUserAccountClosed', 'authenticatedUserAccountSuspended']);

interface FailureDetails {
  status?: number;
  code?: string | null;
  retryAfter?: number | null;
}

function failure(kind: PlatformErrorKind, message: string, details: FailureDetails = {}): PlatformError {
  return new PlatformError({
    kind,
    platform: Platform.YOUTUBE,
    message,
    status: details.status ?? null,
    platformCode: details.code ?? null,
    retryAfterSeconds: details.retryAfter ?? null,
  });
}

export function badResponse(message: string, status?: number): PlatformError {
  return failure(PlatformErrorKind.BAD_RESPONSE, message, { status });
}

/** `errors[0].reason` of `{"error":{code,message,errors:[{reason,...}],status}}`. */
function googleReason(body: unknown): string | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const errors = body.error.errors;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  if (isRecord(first) && typeof first.reason === 'string') return first.reason;
  return typeof body.error.status === 'string' ? body.error.status : null;
}

/**
 * A YouTube Data API error as a PlatformError. Google answers every bad token alike (401 authError), so 401
 * is TOKEN_EXPIRED: the caller refreshes, and a withdrawn consent shows then as invalid_grant (TOKEN_REVOKED).
 */
export function youtubeError(response: HttpResponse, now: Date, http: PlatformHttp): PlatformError {
  const { status } = response;
  const reason = googleReason(response.body);
  const message = `YouTube answered ${status}${reason ? ` ${reason}` : ''}`;
  const details = { status, code: reason };
  if (status === 401) return failure(PlatformErrorKind.TOKEN_EXPIRED, message, details);
  if (reason && DAILY_QUOTA_REASONS.has(reason)) {
    const retryAfter = secondsUntilPacificMidnight(now);
    // No usage headers on YouTube: a spent daily quota is the only usage signal, and it means 100 %.
    http.meter.observeUsage(100, new Date(now.getTime() + retryAfter * 1000));
    return failure(PlatformErrorKind.RATE_LIMITED, message, { ...details, retryAfter });
  }
  if (status === 429 || (reason && RATE_REASONS.has(reason))) {
    return failure(PlatformErrorKind.RATE_LIMITED, message, { ...details, retryAfter: retryAfterSeconds(response.headers, now) });
  }
  if (reason && ACCOUNT_REASONS.has(reason)) return failure(PlatformErrorKind.TOKEN_REVOKED, message, details);
  if (status === 403) return failure(PlatformErrorKind.PERMISSION_DENIED, message, details);
  if (status === 404) return failure(PlatformErrorKind.NOT_FOUND, message, details);
  if (status === 400 && reason === 'invalidPageToken') return failure(PlatformErrorKind.BAD_RESPONSE, message, details);
  if (status === 400) return failure(PlatformErrorKind.BAD_REQUEST, message, details);
  if (status >= 500) return failure(PlatformErrorKind.UNAVAILABLE, message, details);
  return failure(PlatformErrorKind.BAD_RESPONSE, message, details);
}

export interface ApiCall {
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Relative to the API root, e.g. `channels` or `comments/setModerationStatus`. */
  path: string;
  query?: Query;
  json?: unknown;
}

/** One Data API call; returns the JSON body (null for 204) or throws the mapped PlatformError. */
export async function youtubeCall(
  context: ConnectorContext,
  http: PlatformHttp,
  accessToken: string,
  call: ApiCall,
): Promise<unknown> {
  const response = await http.request({
    method: call.method ?? 'GET',
    url: `${context.apiUrl.replace(/\/$/, '')}/${call.path}`,
    query: call.query,
    headers: { authorization: `Bearer ${accessToken}` },
    json: call.json,
  });
  if (response.status === 204) return null;
  if (response.status >= 200 && response.status < 300) {
    if (!isRecord(response.body)) throw badResponse(`YouTube answered ${response.status} without JSON`, response.status);
    return response.body;
  }
  throw youtubeError(response, context.now(), http);
}

/** An idempotent read, retried while YouTube is briefly unavailable; the answer must be a JSON object. */
export async function youtubeRead(
  context: ConnectorContext,
  http: PlatformHttp,
  accessToken: string,
  path: string,
  query: Query,
): Promise<Record<string, unknown>> {
  const body = await retryUnavailable(() => youtubeCall(context, http, accessToken, { path, query }));
  if (!isRecord(body)) throw badResponse(`YouTube answered ${path} without a body`);
  return body;
}

export function itemsOf(page: Record<string, unknown>): Record<string, unknown>[] {
  // Google leaves `items` out of an empty list (e.g. mine=true for a person without a channel).
  if (page.items === undefined) return [];
  if (!Array.isArray(page.items)) throw badResponse('YouTube list without an items array');
  return page.items.filter(isRecord);
}

/** A guard against a server that keeps handing out fresh tokens for empty pages. */
const MAX_PAGES = 500;

/**
 * Follows `nextPageToken` until the list ends or `limit` items are in. A token seen before means the list
 * loops: BAD_RESPONSE rather than reading forever.
 */
export async function readPages(
  context: ConnectorContext,
  http: PlatformHttp,
  accessToken: string,
  path: string,
  query: Query,
  limit = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let pageToken: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await youtubeRead(context, http, accessToken, path, { ...query, pageToken });
    items.push(...itemsOf(page));
    const next = page.nextPageToken;
    if (items.length >= limit || typeof next !== 'string' || next === '') return items.slice(0, limit);
    if (seen.has(next) || pages >= MAX_PAGES) throw badResponse(`YouTube ${path} paging does not end`);
    seen.add(next);
    pageToken = next;
  }
}

/** Google's token endpoint errors: `{"error":"invalid_grant","error_description":"..."}`. */
function tokenEndpointError(response: HttpResponse, now: Date): PlatformError {
  const code = isRecord(response.body) && typeof response.body.error === 'string' ? response.body.error : null;
  const message = `Google token endpoint answered ${response.status}${code ? ` ${code}` : ''}`;
  const details = { status: response.status, code };
  if (code === 'invalid_grant') return failure(PlatformErrorKind.TOKEN_REVOKED, message, details);
  if (response.status === 429) {
    return failure(PlatformErrorKind.RATE_LIMITED, message, { ...details, retryAfter: retryAfterSeconds(response.headers, now) });
  }
  if (response.status >= 500) return failure(PlatformErrorKind.UNAVAILABLE, message, details);
  // invalid_client / unauthorized_client / invalid_request: Proctor's client settings or request are wrong.
  if (code) return failure(PlatformErrorKind.BAD_REQUEST, message, details);
  return failure(PlatformErrorKind.BAD_RESPONSE, message, details);
}

/** POST to the token endpoint with the client secret in the form (Google's client_secret_post). */
export async function tokenRequest(context: ConnectorContext, form: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await context.http.request({
    method: 'POST',
    url: context.tokenUrl,
    form: { client_id: context.clientId, client_secret: context.clientSecret, ...form },
  });
  if (response.status !== 200) throw tokenEndpointError(response, context.now());
  if (!isRecord(response.body) || typeof response.body.access_token !== 'string') {
    throw badResponse('Google token endpoint answered without an access_token', response.status);
  }
  return response.body;
}
