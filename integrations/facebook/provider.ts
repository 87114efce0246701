import { Platform } from '../../src/accounts/account.enums';
import type { ProviderDefinition } from '../provider';
import { facebookConnector } from './client';
import { FACEBOOK_REMEDIATIONS, FACEBOOK_UNAVAILABLE } from './mapper';
import { createFacebookSimulator } from './simulator';

/**
 * Facebook Pages, Graph API v25.0 (platforms.md §1). `pages_manage_metadata` is a read scope here: Graph
 * lists business users (`/assigned_users`) only with it (FB8), and the admin roster needs that list.
 */
export const facebookProvider: ProviderDefinition = {
  platform: Platform.FACEBOOK,
  name: 'Facebook',
  slug: 'facebook',
  envPrefix: 'FACEBOOK',
  urls: {
    authorize: 'https://www.facebook.com/v25.0/dialog/oauth',
    token: 'https://graph.facebook.com/v25.0/oauth/access_token',
    api: 'https://graph.facebook.com/v25.0',
  },
  simulatorPaths: {
    authorize: '/v25.0/dialog/oauth',
    token: '/v25.0/oauth/access_token',
    api: '/v25.0',
  },
  scopes: {
    read: ['pages_show_list', 'pages_read_engagement', 'pages_read_user_engagement', 'pages_manage_metadata'],
    remediate: ['pages_manage_engagement', 'pages_manage_posts'],
  },
  scopeSeparator: ',',
  pkce: 'NONE',
  tokenEndpointAuth: 'CLIENT_SECRET_POST',
  authorizationParams: {},
  tokenStyle: 'META_LONG_LIVED',
  capabilities: {
    unavailable: FACEBOOK_UNAVAILABLE,
    remediations: FACEBOOK_REMEDIATIONS,
  },
  // Meta publishes no fixed app budget (200 × daily users per hour): its usage headers pace the sync instead.
  sync: { batchSize: 50, callsPerAccount: 5, usageScope: 'APP', appBudget: null, quotaDayIn: 'America/Los_Angeles' },
  connector: facebookConnector,
  createSimulator: createFacebookSimulator,
};
