import express, { type Response } from 'express';
import { Platform } from '../../src/accounts/account.enums';
import type { PlatformSimulator, SimulatorOptions } from '../provider';
import { consentScreen } from '../simulator/consent-screen';
import { SimulatorControl } from '../simulator/simulator-control';
import { SimulatorTokens } from '../simulator/simulator-tokens';
import { graphApi } from './simulator-api';
import { InstagramStore, loadInstagramFixture } from './simulator-data';
import { UsageMeter } from './simulator-graph';

const SHORT_LIVED_SECONDS = 3600;

/**
 * Instagram API with Instagram Login, as one router: api.instagram.com's `/oauth/authorize` and
 * `/oauth/access_token`, and graph.instagram.com's token exchange, refresh, reads and comment moderation
 * (simulator-api.ts). Each professional account is its own login: the consenting person IS the account.
 */
export function createInstagramSimulator(options: SimulatorOptions): PlatformSimulator {
  const control = new SimulatorControl();
  const tokens = new SimulatorTokens(control, 'IGAA');
  const store = new InstagramStore(loadInstagramFixture(options.fixture));
  const usage = new UsageMeter(control);

  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const authorize = consentScreen({
    platformName: 'Instagram',
    control,
    tokens,
    clientId: options.clientId,
    users: () => store.fixture.accounts.map((account) => ({ id: account.userId, name: `@${account.username}` })),
    pkce: 'IGNORED',
    scopeSeparator: /[,\s]+/,
    denyParams: { error_reason: 'user_denied', error_description: 'The user denied your request.' },
    redirectSuffix: '#_',
    rejectRequest: (response, reason) => oauthError(response, `Invalid request: ${reason}`),
  });
  router.get('/oauth/authorize', authorize);
  router.post('/oauth/authorize', form, authorize);
  router.post('/oauth/access_token', form, (request, response) => {
    const field = (name: string) => {
      const value = (request.body as Record<string, unknown> | undefined)?.[name];
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    for (const name of ['client_id', 'client_secret', 'grant_type', 'redirect_uri', 'code']) {
      if (!field(name)) return oauthError(response, `Missing required field ${name}`);
    }
    if (field('client_id') !== options.clientId) return oauthError(response, 'Invalid platform app');
    if (field('client_secret') !== options.clientSecret) return oauthError(response, 'Error validating client secret');
    if (field('grant_type') !== 'authorization_code') return oauthError(response, 'Invalid grant_type');
    const redemption = tokens.redeemCode(field('code')!, {
      clientId: options.clientId,
      redirectUri: field('redirect_uri'),
      codeVerifier: undefined,
    });
    if (!redemption.ok) {
      return oauthError(
        response,
        redemption.reason === 'REDIRECT_MISMATCH'
          ? 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request'
          : 'Invalid authorization code',
      );
    }
    const issued = tokens.issueAccessToken({ userId: redemption.userId, scopes: redemption.scopes, kind: 'short' }, SHORT_LIVED_SECONDS);
    // The flat shape api.instagram.com answers today (docs also show it wrapped in data[]; the connector reads both).
    response.json({ access_token: issued.token, user_id: redemption.userId, permissions: redemption.scopes });
  });
  router.use(form, express.json({ limit: '16kb' }), graphApi({ store, control, tokens }, usage, options.clientSecret));

  return {
    platform: Platform.INSTAGRAM,
    router,
    control,
    tokens,
    consentUserFor: (handle) => store.accountByHandle(handle)?.userId ?? null,
  };
}

/** api.instagram.com's OAuth error body (not the Graph shape). */
function oauthError(response: Response, message: string): void {
  response.status(400).json({ error_type: 'OAuthException', code: 400, error_message: message });
}
