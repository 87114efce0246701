import { createHash, randomBytes } from 'node:crypto';
import type { SimulatorControl } from './simulator-control';

export interface SimulatedGrant {
  userId: string;
  scopes: string[];
  issuedAt: number;
  /** Null = does not expire. */
  expiresAt: number | null;
  /** What kind of token this is, for platforms with several (Meta short/long user token, Page token). */
  kind: string;
  /** Extra binding, e.g. the page a Page token is for. */
  subject?: string;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  expiresAt: number;
}

export type TokenCheck =
  | { ok: true; grant: SimulatedGrant }
  | { ok: false; reason: 'MISSING' | 'INVALID' | 'EXPIRED' | 'REVOKED' };

export type CodeRedemption =
  | { ok: true; userId: string; scopes: string[] }
  | { ok: false; reason: 'INVALID_CODE' | 'REDIRECT_MISMATCH' | 'CLIENT_MISMATCH' | 'PKCE_MISMATCH' | 'PKCE_MISSING' };

/**
 * The simulator's token authority: codes (single use, 10 minutes, PKCE-checked), access and refresh tokens
 * with lifetimes on the simulator clock, and revocation per user (the person withdrew consent).
 */
export class SimulatorTokens {
  private readonly codes = new Map<string, PendingCode>();
  private readonly access = new Map<string, SimulatedGrant>();
  private readonly refresh = new Map<string, SimulatedGrant>();
  private readonly revokedUsers = new Set<string>();

  constructor(
    private readonly control: SimulatorControl,
    /** A recognisable, platform-like prefix ('EAAB' for Meta, 'ya29.' for Google, ...). */
    private readonly prefix: string,
  ) {}

  issueCode(code: Omit<PendingCode, 'expiresAt'>): string {
    const value = randomBytes(24).toString('base64url');
    this.codes.set(value, { ...code, expiresAt: this.control.now() + 10 * 60_000 });
    return value;
  }

  redeemCode(
    code: string,
    request: { clientId: string; redirectUri: string | undefined; codeVerifier: string | undefined },
  ): CodeRedemption {
    const pending = this.codes.get(code);
    // Single use: a replayed code is gone whatever happens next.
    this.codes.delete(code);
    if (!pending || pending.expiresAt < this.control.now()) return { ok: false, reason: 'INVALID_CODE' };
    if (pending.clientId !== request.clientId) return { ok: false, reason: 'CLIENT_MISMATCH' };
    if (pending.redirectUri !== request.redirectUri) return { ok: false, reason: 'REDIRECT_MISMATCH' };
    if (pending.codeChallenge) {
      if (!request.codeVerifier) return { ok: false, reason: 'PKCE_MISSING' };
      const computed =
        pending.codeChallengeMethod === 'plain'
          ? request.codeVerifier
          : createHash('sha256').update(request.codeVerifier).digest('base64url');
      if (computed !== pending.codeChallenge) return { ok: false, reason: 'PKCE_MISMATCH' };
    }
    this.revokedUsers.delete(pending.userId);
    return { ok: true, userId: pending.userId, scopes: pending.scopes };
  }

  /** `ttlSeconds` null = never expires; the control's override applies to expiring tokens. */
  issueAccessToken(grant: Omit<SimulatedGrant, 'issuedAt' | 'expiresAt'>, ttlSeconds: number | null): {
    token: string;
    expiresIn: number | null;
  } {
    const token = `${this.prefix}${randomBytes(32).toString('base64url')}`;
    const expiresIn = ttlSeconds === null ? null : (this.control.accessTokenTtlSeconds ?? ttlSeconds);
    const now = this.control.now();
    this.access.set(token, { ...grant, issuedAt: now, expiresAt: expiresIn === null ? null : now + expiresIn * 1000 });
    return { token, expiresIn };
  }

  issueRefreshToken(grant: Omit<SimulatedGrant, 'issuedAt' | 'expiresAt'>, ttlSeconds: number | null): string {
    const token = `${this.prefix}r_${randomBytes(32).toString('base64url')}`;
    const now = this.control.now();
    this.refresh.set(token, { ...grant, issuedAt: now, expiresAt: ttlSeconds === null ? null : now + ttlSeconds * 1000 });
    return token;
  }

  checkAccess(token: string | null | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'MISSING' };
    return this.check(this.access.get(token));
  }

  checkRefresh(token: string | null | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'MISSING' };
    return this.check(this.refresh.get(token));
  }

  /** Refresh-token rotation: the used refresh token stops working. */
  consumeRefresh(token: string): void {
    this.refresh.delete(token);
  }

  /** The person withdrew consent (or changed their password): every token of theirs stops working. */
  revokeUser(userId: string): void {
    this.revokedUsers.add(userId);
  }

  /** Ages every access token of a user (or everyone's) past its expiry. */
  expireAccessTokens(userId?: string): void {
    const past = this.control.now() - 1000;
    for (const grant of this.access.values()) {
      if (!userId || grant.userId === userId) {
        grant.expiresAt = past;
      }
    }
  }

  /** Every live access token, for tests that need one without the OAuth dance. */
  mintForTest(userId: string, kind: string, ttlSeconds: number | null, subject?: string): string {
    return this.issueAccessToken({ userId, scopes: [], kind, subject }, ttlSeconds).token;
  }

  private check(grant: SimulatedGrant | undefined): TokenCheck {
    if (!grant) return { ok: false, reason: 'INVALID' };
    if (this.revokedUsers.has(grant.userId)) return { ok: false, reason: 'REVOKED' };
    if (grant.expiresAt !== null && grant.expiresAt <= this.control.now()) return { ok: false, reason: 'EXPIRED' };
    return { ok: true, grant };
  }
}

/** `Authorization: Bearer x` → x. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}

/** `Authorization: Basic base64(id:secret)` → { id, secret }. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header) return null;
  const match = /^Basic\s+(\S+)$/i.exec(header.trim());
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}
