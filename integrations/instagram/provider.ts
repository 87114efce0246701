import { Platform } from '../../src/accounts/account.enums';
import type { ProviderDefinition } from '../provider';
import { INSTAGRAM_REMEDIATIONS } from './actions';
import { INSTAGRAM_UNAVAILABLE, instagramConnector } from './client';
import { createInstagramSimulator } from './simulator';

/**
 * Instagram professional accounts through the Instagram API with Instagram Login (platforms.md §2): the
 * account itself consents, tokens live 1 h then 60 days after the exchange, and refresh themselves.
 */
export const instagramProvider: ProviderDefinition = {
  platform: Platform.INSTAGRAM,
  name: 'Instagram',
  slug: 'instagram',
  envPrefix: 'INSTAGRAM',
  urls: {
    authorize: 'https://api.instagram.com/oauth/authorize',
    token: 'https://api.instagram.com/oauth/access_token',
    api: 'https://graph.instagram.com',
  },
  simulatorPaths: { authorize: '/oauth/authorize', token: '/oauth/access_token', api: '' },
  scopes: { read: ['instagram_business_basic'], remediate: ['instagram_business_manage_comments'] },
  scopeSeparator: ',',
  // PKCE is not documented for Instagram Login [U]; the simulator ignores a challenge if one is sent.
  pkce: 'NONE',
  tokenEndpointAuth: 'CLIENT_SECRET_POST',
  authorizationParams: {},
  tokenStyle: 'INSTAGRAM_LONG_LIVED',
  capabilities: { unavailable: [...INSTAGRAM_UNAVAILABLE], remediations: [...INSTAGRAM_REMEDIATIONS] },
  // No batch on graph.instagram.com: a job is a handful of accounts read side by side; BUC headers pace it.
  sync: { batchSize: 25, callsPerAccount: 1, usageScope: 'APP', appBudget: null, quotaDayIn: 'America/Los_Angeles' },
  connector: instagramConnector,
  createSimulator: createInstagramSimulator,
};
