import express from 'express';
import { Platform } from '../../src/accounts/account.enums';
import type { PlatformSimulator, SimulatorOptions } from '../provider';
import { SimulatorControl } from '../simulator/simulator-control';
import { SimulatorTokens } from '../simulator/simulator-tokens';
import { createXApiRouter, defaultXSettings, type XSimulatorSettings } from './simulator-api';
import { parseXFixture, sandboxXFixture, XStore } from './simulator-data';
import { RateLimitWindows } from './simulator-http';
import { createXOAuthRouter, TokenFamilies } from './simulator-oauth';

export type { XSimulatorSettings } from './simulator-api';

/** The X simulator, with what only X has: its data, its switches and its rate-limit windows. */
export interface XSimulator extends PlatformSimulator {
  store: XStore;
  settings: XSimulatorSettings;
  rateLimits: RateLimitWindows;
}

/** Resetting the control also starts fresh rate-limit windows and default X switches. */
class XSimulatorControl extends SimulatorControl {
  onReset: (() => void) | null = null;

  override reset(): void {
    super.reset();
    this.onReset?.();
  }
}

/**
 * X API v2 as platforms.md §3 describes it: OAuth 2.0 with PKCE and confidential-client Basic auth,
 * `/2/users/me`, `/2/users?ids=`, `/2/users/{id}/tweets` and `/following` with `meta.next_token` paging,
 * hide-reply / delete-post / update-profile writes, Problem errors and `x-rate-limit-*` headers.
 */
export function createXSimulator(options: SimulatorOptions): XSimulator {
  const store = new XStore(parseXFixture(options.fixture ?? sandboxXFixture));
  const control = new XSimulatorControl();
  const tokens = new SimulatorTokens(control, '');
  const families = new TokenFamilies();
  const rateLimits = new RateLimitWindows(control);
  const settings = defaultXSettings();
  control.onReset = () => {
    rateLimits.reset();
    Object.assign(settings, defaultXSettings());
  };

  const router = express.Router();
  router.use(createXOAuthRouter({ options, control, tokens, families, store }));
  router.use(createXApiRouter({ control, tokens, families, store, limits: rateLimits, settings }));

  return {
    platform: Platform.X,
    router,
    control,
    tokens,
    store,
    settings,
    rateLimits,
    consentUserFor(handle) {
      const user = store.userByUsername(handle);
      return user && !user.suspended ? user.id : null;
    },
  };
}
