import { Platform } from '../../src/accounts/account.enums';
import type { ProviderDefinition } from '../provider';
import { X_REMEDIATIONS } from './actions';
import { xConnector } from './client';
import { X_UNAVAILABLE_FIELDS } from './mapper';
import { createXSimulator } from './simulator';

/** X API v2 (platforms.md §3): OAuth 2.0 with PKCE, a confidential client, 2-hour tokens and refresh tokens. */
export const xProvider: ProviderDefinition = {
  platform: Platform.X,
  name: 'X',
  slug: 'x',
  envPrefix: 'X',
  urls: {
    authorize: 'https://x.com/i/oauth2/authorize',
    token: 'https://api.x.com/2/oauth2/token',
    api: 'https://api.x.com',
  },
  simulatorPaths: { authorize: '/i/oauth2/authorize', token: '/2/oauth2/token', api: '' },
  scopes: {
    read: ['tweet.read', 'users.read', 'follows.read', 'offline.access'],
    remediate: ['tweet.write', 'tweet.moderate.write'],
  },
  scopeSeparator: ' ',
  pkce: 'S256',
  tokenEndpointAuth: 'CLIENT_SECRET_BASIC',
  authorizationParams: {},
  tokenStyle: 'REFRESH_TOKEN',
  capabilities: { unavailable: X_UNAVAILABLE_FIELDS, remediations: X_REMEDIATIONS },
  // Limits are per user and endpoint (15-minute windows, reported in x-rate-limit-* on every answer).
  sync: { batchSize: 100, callsPerAccount: 3, usageScope: 'TOKEN', appBudget: null, quotaDayIn: 'UTC' },
  connector: xConnector,
  createSimulator: createXSimulator,
};
