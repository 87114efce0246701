import { PlatformErrorKind } from '../../integrations/platform-error';

/** What a principal reads on the dashboard for each failure, and what to do about it. */
export const ERROR_GUIDANCE: Record<string, { message: string; action: string }> = {
  NOT_CONNECTED: {
    message: 'Proctor is not connected to this account yet.',
    action: 'Use "Connect" and sign in as an administrator of the account.',
  },
  [PlatformErrorKind.TOKEN_EXPIRED]: {
    message: "The platform's permission for Proctor has expired.",
    action: 'Reconnect the account (sign in again as an administrator).',
  },
  [PlatformErrorKind.TOKEN_REVOKED]: {
    message: 'The platform withdrew Proctor\'s permission (consent removed, password changed or admin role removed).',
    action: 'Reconnect the account as a current administrator.',
  },
  REFRESH_EXHAUSTED: {
    message: "Proctor could not renew the platform's permission for several days.",
    action: 'Reconnect the account; automatic renewal has stopped.',
  },
  [PlatformErrorKind.PERMISSION_DENIED]: {
    message: 'The connected person lacks a role or permission Proctor needs.',
    action: 'Reconnect as a full administrator and grant every permission asked for.',
  },
  [PlatformErrorKind.RATE_LIMITED]: {
    message: 'The platform asked Proctor to slow down.',
    action: 'Nothing to do: Proctor retries after the platform\'s limit resets.',
  },
  [PlatformErrorKind.UNAVAILABLE]: {
    message: 'The platform did not answer.',
    action: 'Nothing to do: Proctor retries on the next check.',
  },
  [PlatformErrorKind.NOT_FOUND]: {
    message: 'The platform no longer knows this account (deleted, renamed or unpublished).',
    action: 'Check the account on the platform, then reconnect or retire it.',
  },
  [PlatformErrorKind.ACCOUNT_NOT_MANAGED]: {
    message: 'The person who signed in does not manage this account.',
    action: 'Reconnect, signing in as an administrator of this account.',
  },
  [PlatformErrorKind.BAD_REQUEST]: {
    message: 'The platform refused Proctor\'s request.',
    action: 'Contact Proctor support; the platform may have changed its API.',
  },
  [PlatformErrorKind.BAD_RESPONSE]: {
    message: 'The platform answered something Proctor could not read.',
    action: 'Nothing to do now; if it persists, contact Proctor support.',
  },
  CREDENTIALS_UNREADABLE: {
    message: 'The stored permission cannot be decrypted (its encryption key was removed).',
    action: 'Reconnect the account, or restore the old key in TOKEN_ENCRYPTION_KEYS.',
  },
};

export function guidanceFor(code: string): { message: string; action: string } {
  return ERROR_GUIDANCE[code] ?? { message: 'Proctor could not read the account.', action: 'Try again later.' };
}
