import { Platform } from '../../src/accounts/account.enums';
import { RemediationKind, type ProviderDefinition } from '../provider';
import { linkedinConnector } from './client';
import { LINKEDIN_UNAVAILABLE } from './mapper';
import { LINKEDIN_OAUTH_PATHS } from './simulator-oauth';
import { createLinkedinSimulator } from './simulator';

export { LINKEDIN_VERSION } from './restli';

/**
 * LinkedIn organization pages through the Community Management API (platforms.md §5). Web-app OAuth: no
 * PKCE, client secret in the token form, 60-day access tokens and, for approved partners, a 365-day
 * refresh token. The organization's numeric id is the account's externalId.
 */
export const linkedinProvider: ProviderDefinition = {
  platform: Platform.LINKEDIN,
  name: 'LinkedIn',
  slug: 'linkedin',
  envPrefix: 'LINKEDIN',
  urls: {
    authorize: 'https://www.linkedin.com/oauth/v2/authorization',
    token: 'https://www.linkedin.com/oauth/v2/accessToken',
    api: 'https://api.linkedin.com/rest',
  },
  simulatorPaths: { authorize: LINKEDIN_OAUTH_PATHS.authorize, token: LINKEDIN_OAUTH_PATHS.token, api: '/rest' },
  scopes: {
    read: ['r_organization_admin', 'r_organization_social'],
    remediate: ['rw_organization_admin', 'w_organization_social'],
  },
  scopeSeparator: ' ',
  pkce: 'NONE',
  tokenEndpointAuth: 'CLIENT_SECRET_POST',
  authorizationParams: {},
  tokenStyle: 'LINKEDIN_60_DAY',
  capabilities: {
    unavailable: [...LINKEDIN_UNAVAILABLE],
    remediations: [
      RemediationKind.UPDATE_PROFILE_TEXT,
      RemediationKind.UPDATE_WEBSITE,
      RemediationKind.DISABLE_POST_COMMENTS,
      RemediationKind.DELETE_COMMENT,
      RemediationKind.DELETE_POST,
      RemediationKind.REMOVE_ADMIN,
      RemediationKind.ADD_ADMIN,
    ],
  },
  // Daily quotas per app and member, unpublished (see the Developer Portal), reset at midnight UTC.
  sync: { batchSize: 50, callsPerAccount: 5, usageScope: 'APP', appBudget: null, quotaDayIn: 'UTC' },
  connector: linkedinConnector,
  createSimulator: createLinkedinSimulator,
};
