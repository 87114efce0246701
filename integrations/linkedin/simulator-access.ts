import type { RequestHandler, Response } from 'express';
import { SimulatorFault, type SimulatorControl } from '../simulator/simulator-control';
import { bearerToken, type SimulatedGrant, type SimulatorTokens } from '../simulator/simulator-tokens';
import type { LinkedinStore } from './simulator-data';
import { rawQuery, sendRestliError } from './simulator-restli';

export interface LinkedinApiDependencies {
  store: LinkedinStore;
  control: SimulatorControl;
  tokens: SimulatorTokens;
}

/** Versions older than this are sunset (LinkedIn keeps a version about a year). */
const OLDEST_ACTIVE_VERSION = 202507;

/** Our choices where platforms.md marks LinkedIn's serviceErrorCodes for token failures [U]. */
const TOKEN_ERRORS = {
  MISSING: { serviceErrorCode: 401, code: 'EMPTY_ACCESS_TOKEN', message: 'Empty oauth2_access_token' },
  INVALID: { serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' },
  REVOKED: { serviceErrorCode: 65601, code: 'REVOKED_ACCESS_TOKEN', message: 'The token used in the request has been revoked by the user' },
  EXPIRED: { serviceErrorCode: 65602, code: 'EXPIRED_ACCESS_TOKEN', message: 'The token used in the request has expired' },
} as const;

function sendTokenError(response: Response, reason: keyof typeof TOKEN_ERRORS): void {
  const { message, ...codes } = TOKEN_ERRORS[reason];
  sendRestliError(response, 401, message, codes);
}

/** LinkedIn sends no rate-limit headers and no Retry-After: quotas are daily and reset at 00:00 UTC. */
function sendThrottled(response: Response, scope: 'APPLICATION' | 'MEMBER'): void {
  response.status(429).json({ status: 429, message: `Resource level throttle ${scope} DAY limit for calls to this resource is reached.` });
}

function monthOf(milliseconds: number): number {
  const date = new Date(milliseconds);
  return date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;
}

/**
 * Mounted on /rest; runs before every API request, in this order: version header, Rest.li protocol
 * header, injected faults, app budget, access token, daily quota. Leaves the caller's grant in
 * `response.locals.grant`.
 */
export function apiGate({ store, control, tokens }: LinkedinApiDependencies): RequestHandler {
  const usage = new Map<string, number>();
  return (request, response, next) => {
    const version = request.get('linkedin-version');
    if (!version) {
      return sendRestliError(response, 400, 'A version must be present. Please specify a version by adding the LinkedIn-Version header.', {
        code: 'VERSION_MISSING',
      });
    }
    const parsed = /^(\d{6})(\.\d{2})?$/.exec(version);
    if (!parsed || Number(parsed[1]) < OLDEST_ACTIVE_VERSION || Number(parsed[1]) > monthOf(control.now())) {
      return sendRestliError(response, 426, `Requested version ${version} is not active`, { code: 'NONEXISTENT_VERSION' });
    }
    const query = rawQuery(request);
    if ((query.has('q') || query.has('ids')) && request.get('x-restli-protocol-version') !== '2.0.0') {
      return sendRestliError(response, 400, 'Finders and batch requests need X-Restli-Protocol-Version: 2.0.0', {
        code: 'ILLEGAL_ARGUMENT',
        serviceErrorCode: 100,
      });
    }
    const fault = control.takeFault(request.originalUrl, (candidate) => candidate !== SimulatorFault.PARTIAL_PAGE);
    switch (fault) {
      case SimulatorFault.EXPIRED_TOKEN:
        return sendTokenError(response, 'EXPIRED');
      case SimulatorFault.REVOKED_TOKEN:
        return sendTokenError(response, 'REVOKED');
      case SimulatorFault.RATE_LIMIT:
        return sendThrottled(response, 'APPLICATION');
      case SimulatorFault.SERVER_ERROR:
        return void response.status(500).json({ status: 500, message: 'Internal Server Error' });
      default:
        break;
    }
    // LinkedIn has only one throttle answer: the app budget gets the daily quota's 429, headerless.
    if (control.consumeAppBudget()?.exceeded) return sendThrottled(response, 'APPLICATION');
    const check = tokens.checkAccess(bearerToken(request.get('authorization')));
    if (!check.ok) return sendTokenError(response, check.reason);
    const limit = store.data.application.dailyCallLimitPerMember;
    if (limit !== null) {
      const day = new Date(control.now()).toISOString().slice(0, 10);
      const resource = request.path.split('/')[1] ?? '';
      const key = `${day} ${check.grant.userId} ${resource}`;
      const used = (usage.get(key) ?? 0) + 1;
      usage.set(key, used);
      if (used > limit) return sendThrottled(response, 'MEMBER');
    }
    response.locals.grant = check.grant;
    next();
  };
}

export function grantOf(response: Response): SimulatedGrant {
  return response.locals.grant as SimulatedGrant;
}

export const SCOPES = {
  READ_ADMIN: ['r_organization_admin', 'rw_organization_admin'],
  WRITE_ADMIN: ['rw_organization_admin'],
  READ_SOCIAL: ['r_organization_social', 'w_organization_social', 'r_organization_social_feed'],
  WRITE_SOCIAL: ['w_organization_social', 'w_organization_social_feed'],
} as const;

/**
 * 403 ACCESS_DENIED unless the token carries one of `scopes`. Tokens minted with no scopes at all
 * (`SimulatorTokens.mintForTest`, the bench) count as fully consented.
 */
export function allowed(response: Response, scopes: readonly string[], resource: string): boolean {
  const granted = grantOf(response).scopes;
  if (granted.length === 0 || scopes.some((scope) => granted.includes(scope))) return true;
  denyAccess(response, resource);
  return false;
}

export function denyAccess(response: Response, resource: string): void {
  sendRestliError(response, 403, `Not enough permissions to access: ${resource}`, { code: 'ACCESS_DENIED', serviceErrorCode: 100 });
}
