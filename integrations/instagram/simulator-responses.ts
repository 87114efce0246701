import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { SimulatorFault } from '../simulator/simulator-control';

/** What graph.instagram.com puts in `error` (platforms.md §1.4, §2.4: the Meta shape plus `is_transient`). */
export interface GraphErrorSpec {
  status: number;
  message: string;
  code: number;
  subcode?: number;
  type?: string;
  isTransient?: boolean;
  userTitle?: string;
  userMessage?: string;
}

export function sendGraphError(response: Response, spec: GraphErrorSpec): void {
  response.status(spec.status).json({
    error: {
      message: spec.message,
      type: spec.type ?? 'OAuthException',
      code: spec.code,
      ...(spec.subcode === undefined ? {} : { error_subcode: spec.subcode }),
      is_transient: spec.isTransient ?? false,
      ...(spec.userTitle ? { error_user_title: spec.userTitle } : {}),
      ...(spec.userMessage ? { error_user_msg: spec.userMessage } : {}),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  });
}

export const GRAPH_ERRORS = {
  expired: (now: number): GraphErrorSpec => ({
    status: 400,
    code: 190,
    subcode: 463,
    message: `Error validating access token: Session has expired on ${new Date(now - 60_000).toUTCString()}.`,
    userTitle: 'Session expired',
    userMessage: 'Your session has expired. Please log in again.',
  }),
  revoked: (): GraphErrorSpec => ({
    status: 400,
    code: 190,
    subcode: 460,
    message:
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  }),
  invalidToken: (): GraphErrorSpec => ({ status: 400, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' }),
  missingToken: (): GraphErrorSpec => ({
    status: 400,
    code: 2500,
    message: 'An active access token must be used to query information about the current user.',
  }),
  /** Throttled (BUC). Meta documents no Retry-After: the wait is in X-Business-Use-Case-Usage. */
  throttled: (): GraphErrorSpec => ({
    status: 400,
    code: 80002,
    isTransient: true,
    message: 'There have been too many calls to this Instagram account. Wait a bit and try again.',
  }),
  /** The app's own limit (the control's app budget): code 4, as on Facebook. */
  appThrottled: (): GraphErrorSpec => ({
    status: 400,
    code: 4,
    isTransient: true,
    message: '(#4) Application request limit reached',
  }),
  serverError: (): GraphErrorSpec => ({
    status: 500,
    code: 2,
    isTransient: true,
    message: 'An unexpected error has occurred. Please retry your request later.',
  }),
  missingParameter: (name: string): GraphErrorSpec => ({ status: 400, code: 100, message: `(#100) The parameter ${name} is required` }),
  invalidParameter: (message: string): GraphErrorSpec => ({ status: 400, code: 100, message: `(#100) ${message}` }),
  unsupported: (method: string, id: string): GraphErrorSpec => ({
    status: 400,
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  }),
  nonexistingField: (field: string, nodeType: string): GraphErrorSpec => ({
    status: 400,
    code: 100,
    message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
  }),
  permission: (permission: string): GraphErrorSpec => ({
    status: 403,
    code: 10,
    message: `(#10) Application does not have permission for this action (${permission})`,
  }),
};

/** `X-Business-Use-Case-Usage` for one Instagram account: percentages, wait in minutes (platforms.md §1.4). */
export function usageHeader(accountId: string, percent: number, minutesToRegain: number): string {
  return JSON.stringify({
    [accountId]: [
      {
        type: 'instagram',
        call_count: percent,
        total_cputime: Math.round(percent / 2),
        total_time: Math.round(percent / 2),
        estimated_time_to_regain_access: minutesToRegain,
      },
    ],
  });
}

/** `X-App-Usage`: percentages of the app's budget (platforms.md §1.4). */
export function appUsageHeader(percent: number): string {
  return JSON.stringify({ call_count: percent, total_cputime: Math.floor(percent / 2), total_time: Math.floor(percent / 2) });
}

/** Minutes a RATE_LIMIT fault tells the client to wait. */
export const THROTTLE_MINUTES = 7;

/** The platform's answer to an injected fault (PARTIAL_PAGE is served by the list code, not here). */
export function sendFault(response: Response, fault: SimulatorFault, accountId: string | null, now: number): void {
  switch (fault) {
    case SimulatorFault.EXPIRED_TOKEN:
      return sendGraphError(response, GRAPH_ERRORS.expired(now));
    case SimulatorFault.REVOKED_TOKEN:
      return sendGraphError(response, GRAPH_ERRORS.revoked());
    case SimulatorFault.RATE_LIMIT:
      response.setHeader('X-Business-Use-Case-Usage', usageHeader(accountId ?? '0', 100, THROTTLE_MINUTES));
      return sendGraphError(response, GRAPH_ERRORS.throttled());
    case SimulatorFault.SERVER_ERROR:
    default:
      return sendGraphError(response, GRAPH_ERRORS.serverError());
  }
}
