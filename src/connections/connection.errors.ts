import type { Platform } from '../accounts/account.enums';
import { ConflictError } from '../errors/app-errors';

export const platformNotSupported = (platform: Platform) =>
  new ConflictError(`Proctor has no connector for ${platform} accounts.`, 'PLATFORM_NOT_SUPPORTED');

export const platformNotConfigured = (platform: Platform) =>
  new ConflictError(
    `${platform} is not configured on this Proctor (set its client id and secret).`,
    'PLATFORM_NOT_CONFIGURED',
  );

export const accountRetired = () =>
  new ConflictError('A retired account cannot be connected.', 'ACCOUNT_RETIRED');
