import { Platform } from '../../src/accounts/account.enums';
import { isRecord, retryAfterSeconds, type CallMeter, type HttpResponse } from '../http/platform-http';
import { PlatformError, PlatformErrorKind } from '../platform-error';

const PROBLEMS = 'https://api.twitter.com/2/problems/';

export function xError(kind: PlatformErrorKind, message: string, details: { status?: number; platformCode?: string | null; retryAfterSeconds?: number | null } = {}): PlatformError {
  return new PlatformError({ kind, platform: Platform.X, message, ...details });
}

/** `x-rate-limit-*` headers (platforms.md §3.4): usage of this endpoint's window, and when it resets. */
export function observeRateLimit(response: HttpResponse, meter: CallMeter): void {
  const limit = Number(response.headers.get('x-rate-limit-limit'));
  const remaining = Number(response.headers.get('x-rate-limit-remaining'));
  const reset = Number(response.headers.get('x-rate-limit-reset'));
  if (!response.headers.has('x-rate-limit-limit') || !Number.isFinite(limit) || limit <= 0 || !Number.isFinite(remaining)) return;
  meter.observeUsage(((limit - remaining) / limit) * 100, Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : null);
}

/** Seconds until the window resets, from x-rate-limit-reset (epoch seconds), else Retry-After. */
function secondsUntilReset(response: HttpResponse, now: Date): number | null {
  const reset = Number(response.headers.get('x-rate-limit-reset'));
  if (response.headers.has('x-rate-limit-reset') && Number.isFinite(reset) && reset > 0) {
    return Math.max(0, Math.ceil(reset - now.getTime() / 1000));
  }
  return retryAfterSeconds(response.headers, now);
}

function problemType(problem: Record<string, unknown>): string | null {
  return typeof problem.type === 'string' ? problem.type : null;
}

/** The kind a Problem's `type` names, when it names one (it says more than the status). */
function kindOfProblemType(type: string | null): PlatformErrorKind | null {
  if (!type?.startsWith(PROBLEMS)) return null;
  switch (type.slice(PROBLEMS.length)) {
    case 'usage-capped':
      return PlatformErrorKind.RATE_LIMITED;
    case 'resource-not-found':
      return PlatformErrorKind.NOT_FOUND;
    case 'not-authorized-for-resource':
    case 'not-authorized-for-field':
    case 'client-forbidden':
    case 'unsupported-authentication':
    case 'disallowed-resource':
      return PlatformErrorKind.PERMISSION_DENIED;
    case 'invalid-request':
    case 'conflict':
      return PlatformErrorKind.BAD_REQUEST;
    case 'resource-unavailable':
      return PlatformErrorKind.UNAVAILABLE;
    default:
      return null;
  }
}

/**
 * Problem types about the app (its project's usage cap, its enrolment, the way it authenticates), not about the
 * token that made the call: every account's token gets the same answer.
 */
const APP_WIDE_PROBLEM_TYPES = new Set(['usage-capped', 'client-forbidden', 'unsupported-authentication']);

export function isAppWideProblem(error: PlatformError): boolean {
  const type = error.platformCode;
  return typeof type === 'string' && type.startsWith(PROBLEMS) && APP_WIDE_PROBLEM_TYPES.has(type.slice(PROBLEMS.length));
}

/** A per-item Problem (lookup `errors[]`, or a 200 answer that carries only errors) as a PlatformError. */
export function errorFromProblem(problem: unknown): PlatformError {
  if (!isRecord(problem)) return xError(PlatformErrorKind.BAD_RESPONSE, 'X answered an error entry that is not an object');
  const type = problemType(problem);
  const kind = kindOfProblemType(type) ?? PlatformErrorKind.BAD_RESPONSE;
  const title = typeof problem.title === 'string' ? problem.title : 'error';
  return xError(kind, `X reported ${title}`, { platformCode: type });
}

/**
 * A non-2xx API answer as a PlatformError. X answers every bad token with the same 401, expired or revoked
 * (platforms.md §3.4), so a 401 is TOKEN_EXPIRED: the caller refreshes, and a revoked consent then shows
 * as the refresh's invalid_request (TOKEN_REVOKED).
 */
export function errorFromResponse(response: HttpResponse, now: Date): PlatformError {
  const { status, body } = response;
  const legacyCode =
    isRecord(body) && Array.isArray(body.errors) && isRecord(body.errors[0]) && typeof body.errors[0].code === 'number'
      ? String(body.errors[0].code)
      : null;
  const type = isRecord(body) ? problemType(body) : null;
  const platformCode = type ?? legacyCode;
  const title = isRecord(body) && typeof body.title === 'string' ? body.title : `HTTP ${status}`;
  const byType = kindOfProblemType(type);
  if (byType === PlatformErrorKind.RATE_LIMITED) {
    // A usage cap lasts until the period (day or month) ends; the window headers do not say when.
    return xError(byType, `X usage cap reached (${title})`, { status, platformCode });
  }
  if (status === 429 || legacyCode === '88') {
    return xError(PlatformErrorKind.RATE_LIMITED, 'X rate limit reached', {
      status,
      platformCode,
      retryAfterSeconds: secondsUntilReset(response, now),
    });
  }
  if (status === 401) return xError(PlatformErrorKind.TOKEN_EXPIRED, 'X refused the access token (expired or revoked)', { status, platformCode });
  if (status >= 500) return xError(PlatformErrorKind.UNAVAILABLE, `X answered ${status} ${title}`, { status, platformCode });
  if (byType) return xError(byType, `X answered ${status} ${title}`, { status, platformCode });
  if (status === 403) return xError(PlatformErrorKind.PERMISSION_DENIED, `X answered 403 ${title}`, { status, platformCode });
  if (status === 404) return xError(PlatformErrorKind.NOT_FOUND, `X answered 404 ${title}`, { status, platformCode });
  if (status === 400 || status === 409 || status === 422) {
    return xError(PlatformErrorKind.BAD_REQUEST, `X answered ${status} ${title}`, { status, platformCode });
  }
  return xError(PlatformErrorKind.BAD_RESPONSE, `X answered an unexpected ${status}`, { status, platformCode });
}

/**
 * The token endpoint's OAuth-style errors (`{"error":"invalid_request","error_description":...}`): a bad
 * or used refresh token means the consent is gone.
 */
export function errorFromTokenResponse(response: HttpResponse, now: Date): PlatformError {
  const { status, body } = response;
  const error = isRecord(body) && typeof body.error === 'string' ? body.error : null;
  if (status === 429) {
    return xError(PlatformErrorKind.RATE_LIMITED, 'X token endpoint rate limit reached', { status, platformCode: error, retryAfterSeconds: secondsUntilReset(response, now) });
  }
  if (status >= 500) return xError(PlatformErrorKind.UNAVAILABLE, `X token endpoint answered ${status}`, { status, platformCode: error });
  if (error === 'invalid_request' || error === 'invalid_grant') {
    return xError(PlatformErrorKind.TOKEN_REVOKED, 'X no longer accepts this refresh token', { status, platformCode: error });
  }
  if (error === 'unauthorized_client' || error === 'invalid_client') {
    return xError(PlatformErrorKind.BAD_REQUEST, 'X did not accept the client credentials', { status, platformCode: error });
  }
  return xError(PlatformErrorKind.BAD_RESPONSE, `X token endpoint answered an unexpected ${status}`, { status, platformCode: error });
}
