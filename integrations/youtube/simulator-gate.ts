import type { Request, RequestHandler, Response } from 'express';
import { SimulatorFault, type SimulatorControl } from '../simulator/simulator-control';
import { bearerToken, type SimulatedGrant, type SimulatorTokens } from '../simulator/simulator-tokens';
import type { YouTubeStore } from './simulator-data';
import {
  decodePageToken,
  encodePageToken,
  queryValue,
  sendAuthError,
  sendGoogleError,
  sendInvalidValue,
  sendQuotaExceeded,
  sendRateLimitExceeded,
  type YouTubeQuota,
} from './simulator-google';

export interface YouTubeSimulatorSettings {
  /**
   * What the RATE_LIMIT fault answers: QUOTA = 403 quotaExceeded (the daily project quota, the documented
   * case); BURST = 429 rateLimitExceeded (short-term throttling; the app budget answers the same body as 403).
   * Neither carries rate-limit headers.
   */
  rateLimitStyle: 'QUOTA' | 'BURST';
  /**
   * The YouTube Data API is not enabled for the project (or was disabled): every authenticated request answers
   * 403 accessNotConfigured, whichever account's token it carries.
   */
  apiDisabled: boolean;
}

/** Everything the simulator's routes share. */
export interface YouTubeSimulatorState {
  store: YouTubeStore;
  control: SimulatorControl;
  tokens: SimulatorTokens;
  quota: YouTubeQuota;
  settings: YouTubeSimulatorSettings;
}

const GOOGLE = 'https://www.googleapis.com/auth/';
export const READ_SCOPES = ['youtube.readonly', 'youtube', 'youtube.force-ssl', 'youtubepartner'].map((scope) => GOOGLE + scope);
export const WRITE_SCOPES = ['youtube', 'youtube.force-ssl', 'youtubepartner'].map((scope) => GOOGLE + scope);
/** commentThreads.list, comments.setModerationStatus and comments.delete accept only these. */
export const COMMENT_SCOPES = ['youtube.force-ssl', 'youtubepartner'].map((scope) => GOOGLE + scope);

function sendFault(response: Response, fault: SimulatorFault, settings: YouTubeSimulatorSettings): void {
  switch (fault) {
    case SimulatorFault.EXPIRED_TOKEN:
    case SimulatorFault.REVOKED_TOKEN:
      // Google answers expired, revoked and unknown tokens alike.
      return sendAuthError(response);
    case SimulatorFault.RATE_LIMIT:
      if (settings.rateLimitStyle === 'QUOTA') return sendQuotaExceeded(response);
      return sendRateLimitExceeded(response, 429);
    default:
      return sendGoogleError(response, 503, { reason: 'backendError', message: 'The service is currently unavailable.' });
  }
}

/**
 * In front of every API route: the fault switches, then the app budget (in quota units, like Google's
 * per-minute quota: a list call is 1; 403 rateLimitExceeded over it, the BURST body), then the token (header or
 * `access_token` query), then the project's daily quota (Google charges every authenticated request, valid or not).
 */
export function apiGate(state: YouTubeSimulatorState, units: number): RequestHandler {
  return (request, response, next) => {
    const fault = state.control.takeFault(request.path, (candidate) => candidate !== SimulatorFault.PARTIAL_PAGE);
    if (fault) return sendFault(response, fault, state.settings);
    if (state.control.consumeAppBudget(units)?.exceeded) return sendRateLimitExceeded(response, 403);
    const token = bearerToken(request.get('authorization')) ?? queryValue(request, 'access_token');
    if (!token) {
      return sendGoogleError(response, 403, { reason: 'forbidden', message: 'The request is missing a valid API key.' });
    }
    const check = state.tokens.checkAccess(token);
    if (!check.ok) return sendAuthError(response);
    if (state.settings.apiDisabled) {
      return sendGoogleError(response, 403, {
        reason: 'accessNotConfigured',
        domain: 'usageLimits',
        message:
          'YouTube Data API v3 has not been used in project 000000000000 before or it is disabled. Enable it by visiting the Google Cloud console, then retry.',
      });
    }
    if (!state.quota.charge(units, state.control.now())) return sendQuotaExceeded(response);
    response.locals.viewer = check.grant;
    next();
  };
}

export function viewerOf(response: Response): SimulatedGrant {
  const viewer: SimulatedGrant = response.locals.viewer;
  return viewer;
}

/**
 * True when the token carries one of the scopes; answers 403 insufficientPermissions otherwise. Tokens minted
 * for tests (`tokens.mintForTest`, no scopes) count as fully scoped, so the bench needs no OAuth dance.
 */
export function requireScope(response: Response, allowed: readonly string[]): boolean {
  const { scopes } = viewerOf(response);
  if (scopes.length === 0 || scopes.some((scope) => allowed.includes(scope))) return true;
  sendGoogleError(response, 403, { reason: 'insufficientPermissions', message: 'Request had insufficient authentication scopes.' });
  return false;
}

/** Exactly one of the filters; answers 400 and returns null otherwise. */
export function singleFilter(request: Request, response: Response, names: readonly string[]): string | null {
  const present = names.filter((name) => queryValue(request, name) !== undefined);
  if (present.length === 1) return present[0];
  if (present.length === 0) {
    sendGoogleError(response, 400, {
      reason: 'missingRequiredParameter',
      domain: 'youtube.parameter',
      message: `No filter selected. Expected one of: ${names.join(', ')}`,
    });
  } else {
    sendGoogleError(response, 400, {
      reason: 'incompatibleParameters',
      domain: 'youtube.parameter',
      message: `Incompatible parameters specified in the request: ${present.join(', ')}`,
    });
  }
  return null;
}

export interface Page<T> {
  items: T[];
  offset: number;
  nextPageToken?: string;
  prevPageToken?: string;
  pageInfo: { totalResults: number; resultsPerPage: number };
}

/**
 * `maxResults` + `pageToken` paging over a full list, within the platform's range and the test's cap.
 * PARTIAL_PAGE serves half a page (possibly none) that still points to the rest.
 */
export function pageOf<T>(
  request: Request,
  response: Response,
  control: SimulatorControl,
  all: readonly T[],
  limits: { defaultSize: number; minSize: number; maxSize: number },
): Page<T> | null {
  const rawMax = queryValue(request, 'maxResults');
  const requested = rawMax === undefined ? undefined : Number(rawMax);
  if (requested !== undefined && (!Number.isInteger(requested) || requested < limits.minSize || requested > limits.maxSize)) {
    sendInvalidValue(response, 'maxResults', rawMax ?? '');
    return null;
  }
  const rawToken = queryValue(request, 'pageToken');
  const offset = rawToken === undefined || rawToken === '' ? 0 : decodePageToken(rawToken);
  if (offset === null || offset > all.length) {
    sendGoogleError(response, 400, {
      reason: 'invalidPageToken',
      domain: 'youtube.parameter',
      message: "The request specifies an invalid page token.",
      location: 'pageToken',
    });
    return null;
  }
  const size = requested === 0 ? 0 : control.pageSize(requested, limits.defaultSize, limits.maxSize);
  const partial = control.takeFault(request.path, (fault) => fault === SimulatorFault.PARTIAL_PAGE) !== null;
  const served = partial ? Math.floor(size / 2) : size;
  const items = all.slice(offset, offset + served);
  const end = offset + items.length;
  return {
    items,
    offset,
    nextPageToken: end < all.length ? encodePageToken(end) : undefined,
    prevPageToken: offset > 0 ? encodePageToken(Math.max(0, offset - size)) : undefined,
    pageInfo: { totalResults: all.length, resultsPerPage: size },
  };
}
