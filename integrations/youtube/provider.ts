import { Platform } from '../../src/accounts/account.enums';
import { RemediationKind, type ProviderDefinition } from '../provider';
import { youtubeConnector } from './client';
import { YOUTUBE_UNAVAILABLE } from './mapper';
import { createYouTubeSimulator } from './simulator';

/** YouTube Data API v3 with Google OAuth (platforms.md §4). */
export const youtubeProvider: ProviderDefinition = {
  platform: Platform.YOUTUBE,
  name: 'YouTube',
  slug: 'youtube',
  envPrefix: 'YOUTUBE',
  urls: {
    authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
    token: 'https://oauth2.googleapis.com/token',
    api: 'https://www.googleapis.com/youtube/v3',
  },
  simulatorPaths: {
    authorize: '/o/oauth2/v2/auth',
    token: '/token',
    api: '/youtube/v3',
  },
  scopes: {
    read: ['https://www.googleapis.com/auth/youtube.readonly'],
    // force-ssl is also what commentThreads.list needs for the held-for-review queue.
    remediate: ['https://www.googleapis.com/auth/youtube.force-ssl'],
  },
  scopeSeparator: ' ',
  pkce: 'S256',
  tokenEndpointAuth: 'CLIENT_SECRET_POST',
  // offline: a refresh token; consent: a new one on every reconnect (Google otherwise sends it only once).
  authorizationParams: { access_type: 'offline', prompt: 'consent' },
  tokenStyle: 'REFRESH_TOKEN',
  capabilities: {
    unavailable: YOUTUBE_UNAVAILABLE,
    remediations: [
      RemediationKind.UPDATE_PROFILE_TEXT,
      RemediationKind.SET_AUDIENCE_PRIVATE,
      RemediationKind.HIDE_COMMENT,
      RemediationKind.DELETE_COMMENT,
    ],
  },
  // 10 000 quota units a day per project by default, reset at midnight Pacific (platforms.md §4.4).
  sync: { batchSize: 50, callsPerAccount: 3, usageScope: 'APP', appBudget: { capacity: 10_000, window: { dayIn: 'America/Los_Angeles' } }, quotaDayIn: 'America/Los_Angeles' },
  connector: youtubeConnector,
  createSimulator: createYouTubeSimulator,
};
