import type { Platform } from '../src/accounts/account.enums';

/**
 * Every way a platform call can fail, in words the rest of Proctor acts on. Each connector's client maps
 * its platform's real error bodies (platforms.md) onto these.
 */
export enum PlatformErrorKind {
  /** The access token's lifetime ran out: refresh if the platform allows it, else reconnect. */
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  /** Consent revoked, password changed, token invalid: only a new consent (reconnect) helps. */
  TOKEN_REVOKED = 'TOKEN_REVOKED',
  /** The token lacks a scope or the consenting user lacks a role. */
  PERMISSION_DENIED = 'PERMISSION_DENIED',
  /** Rate limit or quota reached; `retryAfterSeconds` says when to come back when the platform tells. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** 5xx, timeout or network failure: worth retrying later. */
  UNAVAILABLE = 'UNAVAILABLE',
  NOT_FOUND = 'NOT_FOUND',
  /** The platform refused the request as malformed (a bug on our side or an API change). */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The platform answered something we cannot read (not JSON, a paging cursor that loops, a missing field). */
  BAD_RESPONSE = 'BAD_RESPONSE',
  /** The person who consented does not manage the registered account. */
  ACCOUNT_NOT_MANAGED = 'ACCOUNT_NOT_MANAGED',
}

export interface PlatformErrorDetails {
  kind: PlatformErrorKind;
  platform: Platform;
  message: string;
  /** HTTP status, when there was a response. */
  status?: number | null;
  /** The platform's own code (Meta `190/463`, Google `quotaExceeded`, X problem type, LinkedIn serviceErrorCode). */
  platformCode?: string | null;
  retryAfterSeconds?: number | null;
}

export class PlatformError extends Error {
  readonly kind: PlatformErrorKind;
  readonly platform: Platform;
  readonly status: number | null;
  readonly platformCode: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(details: PlatformErrorDetails) {
    super(details.message);
    this.name = 'PlatformError';
    this.kind = details.kind;
    this.platform = details.platform;
    this.status = details.status ?? null;
    this.platformCode = details.platformCode ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
  }

  /** Token errors end the connection's usefulness until refresh or reconnect. */
  get isCredentialProblem(): boolean {
    return this.kind === PlatformErrorKind.TOKEN_EXPIRED || this.kind === PlatformErrorKind.TOKEN_REVOKED;
  }

  get isTransient(): boolean {
    return this.kind === PlatformErrorKind.RATE_LIMITED || this.kind === PlatformErrorKind.UNAVAILABLE;
  }
}

export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError;
}
