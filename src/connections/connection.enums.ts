import { registerEnumType } from 'type-graphql';

export enum ConnectionStatus {
  /** No OAuth connection yet: Proctor only knows what the registry says. */
  NOT_CONNECTED = 'NOT_CONNECTED',
  CONNECTED = 'CONNECTED',
  /** Refreshing the token failed for a passing reason (platform down, rate limited); Proctor keeps trying. */
  REFRESH_FAILING = 'REFRESH_FAILING',
  /** Refresh failed on too many separate days; automatic refresh stopped. Reconnect. */
  EXHAUSTED = 'EXHAUSTED',
  /** The token ran out and the platform offers no refresh. Reconnect. */
  EXPIRED = 'EXPIRED',
  /** The platform says consent was withdrawn or the token is no longer valid. Reconnect. */
  REVOKED = 'REVOKED',
}

registerEnumType(ConnectionStatus, {
  name: 'ConnectionStatus',
  description: 'Whether Proctor can read the account on its platform, and if not, why.',
});

/** Statuses where only a person reconnecting (new consent) helps. */
export const NEEDS_RECONNECT: ReadonlySet<ConnectionStatus> = new Set([
  ConnectionStatus.EXHAUSTED,
  ConnectionStatus.EXPIRED,
  ConnectionStatus.REVOKED,
]);

export enum ConnectAttemptStage {
  /** startConnection handed out the link. */
  ISSUED = 'ISSUED',
  /** The link was opened and the browser sent to the platform's consent screen. */
  REDIRECTED = 'REDIRECTED',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
