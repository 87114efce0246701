import { Router, type NextFunction, type Request, type Response } from 'express';
import { Platform } from '../../src/accounts/account.enums';
import type { PlatformSimulator, SimulatorOptions } from '../provider';
import { SimulatorControl } from '../simulator/simulator-control';
import { SimulatorTokens } from '../simulator/simulator-tokens';
import { YouTubeStore, loadYouTubeFixture } from './simulator-data';
import { YouTubeQuota, sendGoogleError } from './simulator-google';
import type { YouTubeSimulatorSettings, YouTubeSimulatorState } from './simulator-gate';
import { registerOAuthRoutes } from './simulator-oauth';
import { registerReadRoutes } from './simulator-reads';
import { registerWriteRoutes } from './simulator-writes';

export interface YouTubeSimulator extends PlatformSimulator {
  /** The simulated channels, videos and comments (writes change them). */
  store: YouTubeStore;
  /** Daily quota units: list = 1, update/delete/moderate = 50; `dailyLimit` null = unlimited. */
  quota: YouTubeQuota;
  settings: YouTubeSimulatorSettings;
}

/**
 * Google's OAuth endpoints and the YouTube Data API v3 paths Proctor uses, relative to the `/youtube` mount:
 * `/o/oauth2/v2/auth`, `/token`, `/youtube/v3/{channels,playlistItems,commentThreads,videos}` (GET),
 * `PUT /youtube/v3/{channels,videos}`, `POST /youtube/v3/comments/setModerationStatus`, `DELETE /youtube/v3/comments`.
 */
export function createYouTubeSimulator(options: SimulatorOptions): YouTubeSimulator {
  const data = loadYouTubeFixture(options.fixture);
  const control = new SimulatorControl();
  const state: YouTubeSimulatorState = {
    store: new YouTubeStore(data),
    control,
    tokens: new SimulatorTokens(control, 'ya29.'),
    quota: new YouTubeQuota(data.dailyQuotaUnits),
    settings: { rateLimitStyle: 'QUOTA', apiDisabled: false },
  };
  const router = Router();
  registerOAuthRoutes(router, state, options);
  registerReadRoutes(router, state);
  registerWriteRoutes(router, state);
  router.all('/youtube/v3/{*rest}', (_request, response) => {
    sendGoogleError(response, 404, { reason: 'notFound', message: 'Not Found' });
  });
  router.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    const parseFailed = typeof error === 'object' && error !== null && 'type' in error && error.type === 'entity.parse.failed';
    if (!parseFailed) return next(error);
    sendGoogleError(response, 400, { reason: 'parseError', message: 'Parse Error' });
  });
  return {
    platform: Platform.YOUTUBE,
    router,
    control,
    tokens: state.tokens,
    store: state.store,
    quota: state.quota,
    settings: state.settings,
    consentUserFor(handle) {
      return state.store.channelByHandle(handle)?.ownerUserId ?? null;
    },
  };
}
