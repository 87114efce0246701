import express, { type Request, type Response, type Router } from 'express';
import { consentScreen } from '../simulator/consent-screen';
import { basicCredentials } from '../simulator/simulator-tokens';
import type { SimulatorClient } from '../simulator/simulator-server';
import { queryValue } from './simulator-google';
import type { YouTubeSimulatorState } from './simulator-gate';

/** Google's access tokens live an hour, announced as 3599 seconds. */
const ACCESS_TOKEN_SECONDS = 3599;
const CODE_LIFETIME_MS = 10 * 60_000;

/** What the authorize request asked for beyond the kit's code store: whether to hand out a refresh token. */
interface CodeOptions {
  offline: boolean;
  forceConsent: boolean;
  expiresAt: number;
}

function formField(request: Request, name: string): string | undefined {
  const body: unknown = request.body;
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Authorize parameters: the query, or the consent page's form post (which posts back to the same URL and query). */
function authorizeParameter(request: Request, name: string): string | undefined {
  return (request.method === 'POST' ? formField(request, name) : undefined) ?? queryValue(request, name);
}

function googleErrorPage(response: Response, reason: string): void {
  response
    .status(400)
    .type('html')
    .send(
      '<!doctype html><html><body><h1>Access blocked: authorization error</h1><p>Error 400: invalid_request</p>' +
        `<p>${reason.replace(/[<>&]/g, '')}</p></body></html>`,
    );
}

function tokenError(response: Response, status: number, error: string, description: string): void {
  response.status(status).set('Cache-Control', 'no-store').json({ error, error_description: description });
}

/**
 * Google's OAuth endpoints: `/o/oauth2/v2/auth` (consent) and `/token` (authorization_code and refresh_token
 * grants, client secret in the form or as HTTP Basic). Refresh tokens come only with access_type=offline,
 * again on later consents only with prompt=consent, and are not rotated by a refresh.
 */
export function registerOAuthRoutes(router: Router, state: YouTubeSimulatorState, client: SimulatorClient): void {
  const codeOptions = new Map<string, CodeOptions>();
  const offlineGranted = new Set<string>();
  const form = express.urlencoded({ extended: false });

  const consent = consentScreen({
    platformName: 'Google',
    control: state.control,
    tokens: state.tokens,
    clientId: client.clientId,
    users: () => state.store.users.map((user) => ({ id: user.id, name: `${user.name} (${user.email})` })),
    pkce: 'OPTIONAL',
    scopeSeparator: / +/,
    rejectRequest: googleErrorPage,
  });

  const authorize = (request: Request, response: Response) => {
    const accessType = authorizeParameter(request, 'access_type') ?? 'online';
    const prompt = authorizeParameter(request, 'prompt') ?? '';
    if (!authorizeParameter(request, 'scope')) return googleErrorPage(response, 'Missing required parameter: scope');
    if (accessType !== 'online' && accessType !== 'offline') {
      return googleErrorPage(response, `Invalid access_type: ${accessType}`);
    }
    // The kit's code store knows nothing of access_type: note it against the code on its way out.
    const redirect = response.redirect.bind(response) as (status: number, url: string) => void;
    const capture = (status: number, url: string) => {
      const code = new URL(url).searchParams.get('code');
      if (code) {
        const now = state.control.now();
        for (const [key, value] of codeOptions) if (value.expiresAt < now) codeOptions.delete(key);
        const forceConsent = prompt.split(' ').includes('consent');
        codeOptions.set(code, { offline: accessType === 'offline', forceConsent, expiresAt: now + CODE_LIFETIME_MS });
      }
      redirect(status, url);
    };
    Object.assign(response, { redirect: capture });
    consent(request, response, () => undefined);
  };
  router.get('/o/oauth2/v2/auth', authorize);
  router.post('/o/oauth2/v2/auth', form, authorize);

  const sendTokens = (response: Response, grant: { userId: string; scopes: string[] }, refreshToken?: string) => {
    const access = state.tokens.issueAccessToken({ ...grant, kind: 'access' }, ACCESS_TOKEN_SECONDS);
    response.set('Cache-Control', 'no-store').json({
      access_token: access.token,
      expires_in: access.expiresIn,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
    });
  };

  const exchangeCode = (request: Request, response: Response, clientId: string) => {
    const code = formField(request, 'code');
    const redirectUri = formField(request, 'redirect_uri');
    if (!code) return tokenError(response, 400, 'invalid_request', 'Missing required parameter: code');
    if (!redirectUri) return tokenError(response, 400, 'invalid_request', 'Missing parameter: redirect_uri');
    const options = codeOptions.get(code);
    codeOptions.delete(code);
    const redeemed = state.tokens.redeemCode(code, { clientId, redirectUri, codeVerifier: formField(request, 'code_verifier') });
    if (!redeemed.ok) {
      if (redeemed.reason === 'REDIRECT_MISMATCH') return tokenError(response, 400, 'redirect_uri_mismatch', 'Bad Request');
      if (redeemed.reason === 'PKCE_MISSING') return tokenError(response, 400, 'invalid_grant', 'Missing code verifier.');
      if (redeemed.reason === 'PKCE_MISMATCH') return tokenError(response, 400, 'invalid_grant', 'Invalid code verifier.');
      return tokenError(response, 400, 'invalid_grant', 'Malformed auth code.');
    }
    const grant = { userId: redeemed.userId, scopes: redeemed.scopes };
    const offline = options?.offline === true && (options.forceConsent || !offlineGranted.has(grant.userId));
    if (offline) offlineGranted.add(grant.userId);
    sendTokens(response, grant, offline ? state.tokens.issueRefreshToken({ ...grant, kind: 'refresh' }, null) : undefined);
  };

  const refreshAccess = (request: Request, response: Response) => {
    const refreshToken = formField(request, 'refresh_token');
    if (!refreshToken) return tokenError(response, 400, 'invalid_request', 'Missing required parameter: refresh_token');
    const check = state.tokens.checkRefresh(refreshToken);
    if (!check.ok) return tokenError(response, 400, 'invalid_grant', 'Token has been expired or revoked.');
    sendTokens(response, check.grant);
  };

  router.post('/token', form, express.json(), (request, response) => {
    const basic = basicCredentials(request.get('authorization'));
    const clientId = formField(request, 'client_id') ?? basic?.id;
    const clientSecret = formField(request, 'client_secret') ?? basic?.secret;
    if (!clientId) return tokenError(response, 400, 'invalid_request', 'Could not determine client ID from request.');
    if (clientId !== client.clientId) return tokenError(response, 401, 'invalid_client', 'The OAuth client was not found.');
    if (clientSecret !== client.clientSecret) return tokenError(response, 401, 'invalid_client', 'Unauthorized');
    const grantType = formField(request, 'grant_type');
    if (grantType === 'authorization_code') return exchangeCode(request, response, clientId);
    if (grantType === 'refresh_token') return refreshAccess(request, response);
    if (!grantType) return tokenError(response, 400, 'invalid_request', 'Required parameter is missing: grant_type');
    tokenError(response, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  });
}
