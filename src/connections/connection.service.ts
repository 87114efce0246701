import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isPlatformError, PlatformErrorKind } from '../../integrations/platform-error';
import type { CodeExchangeResult } from '../../integrations/provider';
import { connectorContext, resolvePlatform, type ResolvedProvider } from '../../integrations/provider-settings';
import type { TokenVault } from '../../integrations/oauth/token-vault';
import { AccountStatus } from '../accounts/account.enums';
import { SocialAccount } from '../accounts/social-account.entity';
import type { Config } from '../config/config';
import { newId } from '../db/ids';
import { TenantScope } from '../tenancy/tenant-scope';
import type { Actor } from '../tenancy/actor';
import { ConnectAttempt } from './connect-attempt.entity';
import type { ConnectAttemptRepository } from './connect-attempt.repository';
import { accountRetired, platformNotConfigured, platformNotSupported } from './connection.errors';
import { ConnectAttemptStage, ConnectionStatus } from './connection.enums';
import { freshConnection } from './fresh-connection';
import { PlatformConnection } from './platform-connection.entity';

export interface ConnectionLink {
  url: string;
  expiresAt: Date;
}

const TICKET_PATTERN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

const hashTicket = (secret: string) => createHash('sha256').update(secret).digest();

/** Why a connect flow stopped; shown on the result page and kept on the attempt. */
export type ConnectFailureCode =
  | 'BAD_LINK'
  | 'LINK_USED_OR_EXPIRED'
  | 'BAD_STATE'
  | 'STATE_USED_OR_EXPIRED'
  | 'CONSENT_DENIED'
  | 'PLATFORM_ERROR'
  | 'TOKEN_EXCHANGE_FAILED'
  | 'ACCOUNT_NOT_MANAGED'
  | 'ACCOUNT_GONE';

export class ConnectFailure extends Error {
  constructor(readonly code: ConnectFailureCode, readonly attemptId: string | null = null) {
    super(code);
    this.name = 'ConnectFailure';
  }
}

/** startConnection's one-time link, and what happens when the platform sends the person back. */
export class ConnectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly vault: TokenVault,
    readonly attempts: ConnectAttemptRepository,
  ) {}

  async startConnection(scope: TenantScope, accountId: string): Promise<ConnectionLink> {
    const account = await scope.getById(SocialAccount, accountId, 'Account', 'accountId');
    const resolved = resolvePlatform(this.config, account.platform);
    if (!resolved) throw platformNotSupported(account.platform);
    if (!resolved.configured) throw platformNotConfigured(account.platform);
    if (account.status === AccountStatus.RETIRED) throw accountRetired();
    const id = newId();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.oauth.connectLinkTtlSeconds * 1000);
    const actor = scope.actor;
    await scope.transaction(async (transaction) => {
      await transaction.insert(ConnectAttempt, [
        {
          id,
          accountId: account.id,
          platform: account.platform,
          stage: ConnectAttemptStage.ISSUED,
          ticketHash: hashTicket(secret),
          ticketExpiresAt: expiresAt,
          actorType: actor.type,
          actorId: actor.id,
          actorLabel: actor.label,
          actorRole: actor.role,
          actorSchoolId: actor.schoolId,
        },
      ]);
      transaction.audit({
        action: 'connection.start',
        targetType: 'SocialAccount',
        targetId: account.id,
        schoolId: account.schoolId,
        after: { platform: account.platform, attemptId: id, expiresAt },
      });
    });
    return { url: `${this.config.http.publicUrl}/oauth/${resolved.provider.slug}/connect?ticket=${id}.${secret}`, expiresAt };
  }

  /** Checks a link and claims it (single use). Returns the attempt to send to the consent screen. */
  async claimLink(slug: string, ticket: unknown): Promise<ConnectAttempt> {
    const match = typeof ticket === 'string' ? TICKET_PATTERN.exec(ticket) : null;
    if (!match) throw new ConnectFailure('BAD_LINK');
    const [, attemptId, secret] = match;
    const attempt = await this.attempts.find(attemptId);
    if (!attempt || !timingSafeEqual(attempt.ticketHash, hashTicket(secret))) throw new ConnectFailure('BAD_LINK');
    if (resolvePlatform(this.config, attempt.platform)?.provider.slug !== slug) throw new ConnectFailure('BAD_LINK');
    if (!(await this.attempts.claimTicket(attempt.id))) throw new ConnectFailure('LINK_USED_OR_EXPIRED', attempt.id);
    return attempt;
  }

  /**
   * The token exchange succeeded: let the connector finish (long-lived exchange, page token) and confirm the
   * person manages the registered account, then store the sealed credentials, all in one transaction with
   * the attempt's completion and the audit entry.
   */
  async completeConnection(attemptId: string, exchange: CodeExchangeResult): Promise<PlatformConnection> {
    const attempt = await this.attempts.find(attemptId);
    if (!attempt) throw new ConnectFailure('BAD_STATE');
    const actor: Actor = {
      type: attempt.actorType,
      id: attempt.actorId,
      label: attempt.actorLabel,
      role: attempt.actorRole,
      districtId: attempt.districtId,
      schoolId: attempt.actorSchoolId,
    };
    const scope = new TenantScope(actor, this.dataSource.manager);
    const account = await scope.findById(SocialAccount, attempt.accountId);
    const resolved = resolvePlatform(this.config, attempt.platform) as ResolvedProvider;
    if (!account || account.status === AccountStatus.RETIRED) throw new ConnectFailure('ACCOUNT_GONE', attempt.id);
    let completed;
    try {
      completed = await resolved.provider.connector.completeAuthorization(connectorContext(resolved), exchange, {
        handle: account.handle,
        externalId: account.externalId,
      });
    } catch (error) {
      if (isPlatformError(error) && error.kind === PlatformErrorKind.ACCOUNT_NOT_MANAGED) {
        throw new ConnectFailure('ACCOUNT_NOT_MANAGED', attempt.id);
      }
      throw new ConnectFailure('PLATFORM_ERROR', attempt.id);
    }
    const now = new Date();
    return scope.transaction(async (transaction) => {
      const existing = await transaction
        .select(PlatformConnection, 'connection')
        .andWhere('connection.accountId = :accountId', { accountId: account.id })
        .getOne();
      const id = existing?.id ?? newId();
      const sealed = this.vault.seal(completed.grant.credentials, id);
      const values = freshConnection({
        id,
        accountId: account.id,
        platform: account.platform,
        sealed,
        scopes: completed.grant.scopes,
        connectedBy: attempt.actorLabel,
        accessTokenExpiresAt: completed.grant.accessTokenExpiresAt,
        refreshTokenExpiresAt: completed.grant.refreshTokenExpiresAt,
        now,
      });
      if (existing) await transaction.update(PlatformConnection, id, values);
      else await transaction.insert(PlatformConnection, [values]);
      if (account.externalId !== completed.externalId) {
        await transaction.update(SocialAccount, account.id, { externalId: completed.externalId });
      }
      await transaction.update(ConnectAttempt, attempt.id, {
        stage: ConnectAttemptStage.COMPLETED,
        finishedAt: now,
        verifierKeyId: null,
        verifierCiphertext: null,
      });
      transaction.audit({
        action: existing ? 'connection.reconnect' : 'connection.connect',
        targetType: 'SocialAccount',
        targetId: account.id,
        schoolId: account.schoolId,
        before: existing ? { status: existing.status, scopes: existing.scopes } : null,
        after: {
          status: ConnectionStatus.CONNECTED,
          externalId: completed.externalId,
          scopes: completed.grant.scopes,
          accessTokenExpiresAt: completed.grant.accessTokenExpiresAt,
          attemptId: attempt.id,
        },
      });
      return (await transaction.findById(PlatformConnection, id)) as PlatformConnection;
    });
  }

  async failAttempt(attemptId: string | null, code: ConnectFailureCode): Promise<void> {
    if (attemptId) await this.attempts.finish(attemptId, { failureCode: code });
  }
}
