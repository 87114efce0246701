import type { Platform } from '../accounts/account.enums';
import { ConnectionStatus } from './connection.enums';
import type { PlatformConnection } from './platform-connection.entity';

/**
 * A connection just made (or made again): connected, sealed credentials, and every trace of earlier refresh
 * failures and errors cleared. The OAuth callback writes it; the bench seeder writes the same row.
 */
export function freshConnection(details: {
  id: string;
  accountId: string;
  platform: Platform;
  sealed: { keyId: string; ciphertext: Buffer };
  scopes: string[];
  connectedBy: string;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  now: Date;
}): Partial<PlatformConnection> {
  return {
    id: details.id,
    accountId: details.accountId,
    platform: details.platform,
    status: ConnectionStatus.CONNECTED,
    credentialsKeyId: details.sealed.keyId,
    credentialsCiphertext: details.sealed.ciphertext,
    scopes: details.scopes,
    connectedAt: details.now,
    connectedBy: details.connectedBy,
    accessTokenExpiresAt: details.accessTokenExpiresAt,
    refreshTokenExpiresAt: details.refreshTokenExpiresAt,
    lastRefreshedAt: null,
    refreshFailureDays: 0,
    lastRefreshFailureAt: null,
    lastErrorCode: null,
    lastErrorMessage: null,
    lastErrorAction: null,
    lastErrorAt: null,
  };
}
