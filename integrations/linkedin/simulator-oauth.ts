import express, { type Response, type Router } from 'express';
import { consentScreen } from '../simulator/consent-screen';
import type { SimulatorControl } from '../simulator/simulator-control';
import type { SimulatorTokens } from '../simulator/simulator-tokens';
import type { LinkedinStore } from './simulator-data';

const ACCESS_TOKEN_TTL_SECONDS = 60 * 24 * 3600;
/** Programmatic refresh tokens live 365 days from the consent; refreshing does not extend them. */
const REFRESH_TOKEN_TTL_SECONDS = 365 * 24 * 3600;

export const LINKEDIN_OAUTH_PATHS = { authorize: '/oauth/v2/authorization', token: '/oauth/v2/accessToken' } as const;

interface OAuthDependencies {
  store: LinkedinStore;
  control: SimulatorControl;
  tokens: SimulatorTokens;
  clientId: string;
  clientSecret: string;
}

function oauthError(response: Response, status: number, error: string, description: string): void {
  response.status(status).set('cache-control', 'no-store').json({ error, error_description: description });
}

function field(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** www.linkedin.com/oauth/v2: the consent screen and the token endpoint (form posts, client secret in the body). */
export function mountLinkedinOAuth(router: Router, { store, control, tokens, clientId, clientSecret }: OAuthDependencies): void {
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const authorize = consentScreen({
    platformName: 'LinkedIn',
    control,
    tokens,
    clientId,
    users: () => store.data.members.map((member) => ({ id: member.id, name: member.name })),
    pkce: 'IGNORED',
    scopeSeparator: /[\s,]+/,
    denyParams: { error: 'user_cancelled_authorize', error_description: 'The user cancelled the authorization' },
  });
  router.get(LINKEDIN_OAUTH_PATHS.authorize, authorize);
  router.post(LINKEDIN_OAUTH_PATHS.authorize, form, authorize);

  router.post(LINKEDIN_OAUTH_PATHS.token, form, (request, response) => {
    const body: unknown = request.body;
    const grantType = field(body, 'grant_type');
    if (!grantType) return oauthError(response, 400, 'invalid_request', 'A required parameter "grant_type" is missing');
    if (field(body, 'client_id') !== clientId || field(body, 'client_secret') !== clientSecret) {
      return oauthError(response, 401, 'invalid_client', 'Client authentication failed');
    }
    const issueAccess = (userId: string, scopes: string[]) =>
      tokens.issueAccessToken({ userId, scopes, kind: 'member' }, ACCESS_TOKEN_TTL_SECONDS);

    if (grantType === 'authorization_code') {
      const code = field(body, 'code');
      if (!code) return oauthError(response, 400, 'invalid_request', 'A required parameter "code" is missing');
      const redeemed = tokens.redeemCode(code, { clientId, redirectUri: field(body, 'redirect_uri'), codeVerifier: undefined });
      if (!redeemed.ok) {
        return oauthError(
          response,
          400,
          'invalid_request',
          'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.',
        );
      }
      const access = issueAccess(redeemed.userId, redeemed.scopes);
      const refresh = store.data.application.refreshTokens
        ? tokens.issueRefreshToken({ userId: redeemed.userId, scopes: redeemed.scopes, kind: 'member' }, REFRESH_TOKEN_TTL_SECONDS)
        : null;
      return void response.set('cache-control', 'no-store').json({
        access_token: access.token,
        expires_in: access.expiresIn,
        ...(refresh && { refresh_token: refresh, refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS }),
        // LinkedIn lists granted scopes comma-separated in token responses.
        scope: redeemed.scopes.join(','),
      });
    }

    if (grantType === 'refresh_token') {
      const refreshToken = field(body, 'refresh_token');
      if (!refreshToken) return oauthError(response, 400, 'invalid_request', 'A required parameter "refresh_token" is missing');
      if (!store.data.application.refreshTokens) {
        return oauthError(response, 400, 'unauthorized_client', 'The application is not allowed to use programmatic refresh tokens');
      }
      const check = tokens.checkRefresh(refreshToken);
      if (!check.ok) {
        const description =
          check.reason === 'EXPIRED' ? 'The provided refresh token has expired' : 'The provided refresh token is invalid or has been revoked';
        return oauthError(response, 400, 'invalid_grant', description);
      }
      const access = issueAccess(check.grant.userId, check.grant.scopes);
      const remaining = check.grant.expiresAt === null ? REFRESH_TOKEN_TTL_SECONDS : Math.floor((check.grant.expiresAt - control.now()) / 1000);
      return void response.set('cache-control', 'no-store').json({
        access_token: access.token,
        expires_in: access.expiresIn,
        refresh_token: refreshToken,
        refresh_token_expires_in: remaining,
        scope: check.grant.scopes.join(','),
      });
    }
    oauthError(response, 400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
  });
}
