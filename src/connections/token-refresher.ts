import type { DataSource, EntityManager } from 'typeorm';
import { isPlatformError, PlatformError, PlatformErrorKind } from '../../integrations/platform-error';
import type { Credentials, TokenStyle } from '../../integrations/provider';
import { connectorContext, type ResolvedProvider } from '../../integrations/provider-settings';
import type { TokenVault } from '../../integrations/oauth/token-vault';
import { TokenVaultError } from '../../integrations/oauth/token-vault';
import { writeAuditEntries } from '../audit/audit.writer';
import { systemActor } from '../tenancy/actor';
import { guidanceFor } from './connection-errors-text';
import { ConnectionStatus, NEEDS_RECONNECT } from './connection.enums';
import { PlatformConnection } from './platform-connection.entity';

/** The connection cannot be used now; `code` is a PlatformErrorKind or one of Proctor's own (NOT_CONNECTED, ...). */
export class ConnectionUnusable extends Error {
  constructor(readonly code: string) {
    super(`connection unusable: ${code}`);
    this.name = 'ConnectionUnusable';
  }
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Refresh this long before expiry: 15 minutes for short tokens (Nango's margin), a week for 60-day tokens, so several nightly syncs get a chance. */
const REFRESH_MARGIN_MS: Record<TokenStyle, number> = {
  REFRESH_TOKEN: 15 * MINUTE,
  META_LONG_LIVED: 7 * DAY,
  INSTAGRAM_LONG_LIVED: 7 * DAY,
  LINKEDIN_60_DAY: 7 * DAY,
};
/** After a failed refresh, automatic attempts pause this long (a platform outage must not become a refresh storm). */
export const REFRESH_COOLDOWN_MS = 30_000;
/** Failed refreshes on this many separate UTC days in a row exhaust the connection (Nango counts days too). */
export const MAX_REFRESH_FAILURE_DAYS = 4;

export interface Lease {
  credentials: Credentials;
  connection: PlatformConnection;
}

type LockedOutcome = { ok: true; lease: Lease } | { ok: false; code: string };

const sameUtcDay = (left: Date, right: Date) => left.toISOString().slice(0, 10) === right.toISOString().slice(0, 10);

/**
 * Hands out usable credentials, refreshing them first when they are about to expire. One refresh at a time per
 * connection, across every process: the refresh runs under the row's FOR UPDATE lock, and a waiter that gets
 * the lock after someone else refreshed uses their result (X rotates refresh tokens: a second refresh with the
 * old one would look like a revocation).
 */
export class TokenRefresher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: TokenVault,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async lease(connection: PlatformConnection, resolved: ResolvedProvider, options: { force?: boolean } = {}): Promise<Lease> {
    const force = options.force ?? false;
    if (NEEDS_RECONNECT.has(connection.status) && !force) throw new ConnectionUnusable(this.codeFor(connection));
    const credentials = this.open(connection);
    const now = this.now();
    if (!force && !this.needsRefresh(connection, resolved, now)) return { credentials, connection };
    if (!this.canRefresh(resolved, credentials)) {
      if (this.isExpired(connection, now)) {
        await this.dataSource.transaction((manager) =>
          this.recordFailure(manager, connection, PlatformErrorKind.TOKEN_EXPIRED, ConnectionStatus.EXPIRED, null),
        );
        throw new ConnectionUnusable(PlatformErrorKind.TOKEN_EXPIRED);
      }
      return { credentials, connection };
    }
    const coolingDown = connection.lastRefreshFailureAt && now.getTime() - connection.lastRefreshFailureAt.getTime() < REFRESH_COOLDOWN_MS;
    if (coolingDown && !force) {
      if (!this.isExpired(connection, now)) return { credentials, connection };
      throw new ConnectionUnusable(connection.lastErrorCode ?? PlatformErrorKind.UNAVAILABLE);
    }
    const outcome = await this.refreshLocked(connection.id, resolved, force, now);
    if (!outcome.ok) throw new ConnectionUnusable(outcome.code);
    return outcome.lease;
  }

  open(connection: PlatformConnection): Credentials {
    try {
      return this.vault.open({ keyId: connection.credentialsKeyId, ciphertext: connection.credentialsCiphertext }, connection.id);
    } catch (error) {
      if (error instanceof TokenVaultError) throw new ConnectionUnusable('CREDENTIALS_UNREADABLE');
      throw error;
    }
  }

  private codeFor(connection: PlatformConnection): string {
    if (connection.status === ConnectionStatus.EXHAUSTED) return 'REFRESH_EXHAUSTED';
    if (connection.status === ConnectionStatus.REVOKED) return PlatformErrorKind.TOKEN_REVOKED;
    return PlatformErrorKind.TOKEN_EXPIRED;
  }

  private needsRefresh(connection: PlatformConnection, resolved: ResolvedProvider, now: Date): boolean {
    if (!connection.accessTokenExpiresAt) return false;
    return connection.accessTokenExpiresAt.getTime() - now.getTime() <= REFRESH_MARGIN_MS[resolved.provider.tokenStyle];
  }

  private isExpired(connection: PlatformConnection, now: Date): boolean {
    return connection.accessTokenExpiresAt !== null && connection.accessTokenExpiresAt.getTime() <= now.getTime();
  }

  private canRefresh(resolved: ResolvedProvider, credentials: Credentials): boolean {
    switch (resolved.provider.tokenStyle) {
      case 'REFRESH_TOKEN':
        return Boolean(credentials.refreshToken);
      case 'LINKEDIN_60_DAY':
        // Only approved partners get LinkedIn refresh tokens; others reconnect every 60 days.
        return Boolean(credentials.refreshToken);
      default:
        return true;
    }
  }

  private async refreshLocked(id: string, resolved: ResolvedProvider, force: boolean, requestedAt: Date): Promise<LockedOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager
        .createQueryBuilder(PlatformConnection, 'connection')
        .setLock('pessimistic_write')
        .where('connection.id = :id', { id })
        .getOne();
      if (!row) return { ok: false, code: 'NOT_CONNECTED' };
      const current = this.open(row);
      const now = this.now();
      const refreshedMeanwhile = row.lastRefreshedAt !== null && row.lastRefreshedAt.getTime() >= requestedAt.getTime();
      if (refreshedMeanwhile || (!force && !this.needsRefresh(row, resolved, now))) {
        return { ok: true, lease: { credentials: current, connection: row } };
      }
      try {
        const grant = await resolved.provider.connector.refresh(connectorContext(resolved), current);
        const sealed = this.vault.seal(grant.credentials, row.id);
        const before = row.status;
        Object.assign(row, {
          credentialsKeyId: sealed.keyId,
          credentialsCiphertext: sealed.ciphertext,
          accessTokenExpiresAt: grant.accessTokenExpiresAt,
          refreshTokenExpiresAt: grant.refreshTokenExpiresAt ?? row.refreshTokenExpiresAt,
          scopes: grant.scopes.length > 0 ? grant.scopes : row.scopes,
          lastRefreshedAt: now,
          refreshFailureDays: 0,
          lastRefreshFailureAt: null,
          status: ConnectionStatus.CONNECTED,
        });
        await manager.update(PlatformConnection, { id: row.id }, {
          credentialsKeyId: row.credentialsKeyId,
          credentialsCiphertext: row.credentialsCiphertext,
          accessTokenExpiresAt: row.accessTokenExpiresAt,
          refreshTokenExpiresAt: row.refreshTokenExpiresAt,
          scopes: row.scopes,
          lastRefreshedAt: now,
          refreshFailureDays: 0,
          lastRefreshFailureAt: null,
          status: ConnectionStatus.CONNECTED,
        });
        if (before !== ConnectionStatus.CONNECTED) await this.auditStatus(manager, row, before, null);
        return { ok: true, lease: { credentials: grant.credentials, connection: row } };
      } catch (error) {
        const failure = isPlatformError(error)
          ? error
          : new PlatformError({ kind: PlatformErrorKind.UNAVAILABLE, platform: row.platform, message: 'refresh failed' });
        if (failure.isCredentialProblem) {
          const status = failure.kind === PlatformErrorKind.TOKEN_REVOKED ? ConnectionStatus.REVOKED : ConnectionStatus.EXPIRED;
          await this.recordFailure(manager, row, failure.kind, status, null);
          return { ok: false, code: failure.kind };
        }
        const days = row.lastRefreshFailureAt && sameUtcDay(row.lastRefreshFailureAt, now) ? row.refreshFailureDays : row.refreshFailureDays + 1;
        const exhausted = days >= MAX_REFRESH_FAILURE_DAYS;
        await this.recordFailure(
          manager,
          row,
          exhausted ? 'REFRESH_EXHAUSTED' : failure.kind,
          exhausted ? ConnectionStatus.EXHAUSTED : ConnectionStatus.REFRESH_FAILING,
          { days, at: now },
        );
        // A failed early refresh is not the end: the current token still works until it expires.
        if (!exhausted && !this.isExpired(row, now)) return { ok: true, lease: { credentials: current, connection: row } };
        return { ok: false, code: exhausted ? 'REFRESH_EXHAUSTED' : failure.kind };
      }
    });
  }

  private async recordFailure(
    manager: EntityManager,
    row: PlatformConnection,
    code: string,
    status: ConnectionStatus,
    refreshFailure: { days: number; at: Date } | null,
  ): Promise<void> {
    const guidance = guidanceFor(code);
    const now = this.now();
    const before = row.status;
    const changes: Partial<PlatformConnection> = {
      status,
      lastErrorCode: code,
      lastErrorMessage: guidance.message,
      lastErrorAction: guidance.action,
      lastErrorAt: now,
      ...(refreshFailure ? { refreshFailureDays: refreshFailure.days, lastRefreshFailureAt: refreshFailure.at } : {}),
    };
    await manager.update(PlatformConnection, { id: row.id }, changes);
    Object.assign(row, changes);
    if (before !== status) await this.auditStatus(manager, row, before, code);
  }

  /** Status changes are audited (as Proctor itself); a routine token refresh is not a change anyone made. */
  private async auditStatus(manager: EntityManager, row: PlatformConnection, before: ConnectionStatus, code: string | null) {
    const account = await manager.query('SELECT school_id FROM social_account WHERE id = $1', [row.accountId]);
    await writeAuditEntries(manager, systemActor(row.districtId, 'token-refresh'), null, [
      {
        action: 'connection.status',
        targetType: 'SocialAccount',
        targetId: row.accountId,
        schoolId: (account as Array<{ school_id: string | null }>)[0]?.school_id ?? null,
        before: { status: before },
        after: { status: row.status, errorCode: code },
      },
    ]);
  }
}
