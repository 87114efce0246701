import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { SimulatorOptions } from '../provider';
import { consentScreen } from '../simulator/consent-screen';
import type { SimulatorControl } from '../simulator/simulator-control';
import { basicCredentials, type SimulatorTokens } from '../simulator/simulator-tokens';
import type { XStore } from './simulator-data';

/** platforms.md §3.1: access tokens live 2 h. */
export const ACCESS_TOKEN_SECONDS = 7200;

/** The OAuth 2.0 scopes X knows (platforms.md §3.1); anything else makes the authorize page fail. */
const KNOWN_SCOPES = new Set([
  'tweet.read', 'tweet.write', 'tweet.moderate.write', 'users.read', 'users.email', 'follows.read', 'follows.write',
  'offline.access', 'space.read', 'mute.read', 'mute.write', 'like.read', 'like.write', 'list.read', 'list.write',
  'block.read', 'block.write', 'bookmark.read', 'bookmark.write', 'dm.read', 'dm.write', 'media.write', 'timeline.read',
]);

/**
 * Which tokens belong to one consent (a code exchange and every refresh after it). Revoking one token
 * revokes the family, and so does replaying a rotated refresh token (platforms.md marks rotation [U]; we
 * simulate single-use refresh tokens with reuse detection, as X is reported to do).
 */
export class TokenFamilies {
  private readonly familyOf = new Map<string, string>();
  private readonly revoked = new Set<string>();
  private readonly rotated = new Set<string>();

  start(): string {
    return randomBytes(12).toString('hex');
  }

  of(token: string): string | undefined {
    return this.familyOf.get(token);
  }

  add(family: string, token: string): void {
    this.familyOf.set(token, family);
  }

  isRevoked(token: string): boolean {
    const family = this.familyOf.get(token);
    return family !== undefined && this.revoked.has(family);
  }

  revokeFamilyOf(token: string): void {
    const family = this.familyOf.get(token);
    if (family !== undefined) this.revoked.add(family);
  }

  markRotated(refreshToken: string): void {
    this.rotated.add(refreshToken);
  }

  wasRotated(refreshToken: string): boolean {
    return this.rotated.has(refreshToken);
  }
}

export interface OAuthDependencies {
  options: SimulatorOptions;
  control: SimulatorControl;
  tokens: SimulatorTokens;
  families: TokenFamilies;
  store: XStore;
}

function oauthError(response: Response, status: number, error: string, description: string): void {
  response.status(status).json({ error, error_description: description });
}

function formField(request: Request, name: string): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body?.[name];
  return typeof value === 'string' ? value : undefined;
}

function requestField(request: Request, name: string): string | undefined {
  const value = request.method === 'POST' ? formField(request, name) : request.query[name];
  return typeof value === 'string' ? value : undefined;
}

/** X shows an error page (it does not redirect) when the authorize request itself is wrong. */
function rejectAuthorize(response: Response, reason: string): void {
  response
    .status(400)
    .type('html')
    .send(
      '<!doctype html><html><head><meta charset="utf-8"><title>X</title></head><body style="font-family:sans-serif">' +
        "<h1>Something went wrong</h1><p>You weren't able to give access to the App. Go back and try logging in again.</p>" +
        `<!-- ${reason.replace(/-->/g, '')} --></body></html>`,
    );
}

/** `/i/oauth2/authorize`, `/2/oauth2/token` and `/2/oauth2/revoke`. */
export function createXOAuthRouter(dependencies: OAuthDependencies): Router {
  const { options, control, tokens, families, store } = dependencies;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  const consent = consentScreen({
    platformName: 'X',
    control,
    tokens,
    clientId: options.clientId,
    users: () =>
      [...store.users.values()]
        .filter((user) => !user.suspended)
        .map((user) => ({ id: user.id, name: `${user.name} (@${user.username})` })),
    pkce: 'REQUIRED',
    scopeSeparator: / +/,
    rejectRequest: rejectAuthorize,
  });
  const authorize = (request: Request, response: Response, next: express.NextFunction) => {
    if (!requestField(request, 'state')) return rejectAuthorize(response, 'state is required');
    const scopes = (requestField(request, 'scope') ?? '').split(/ +/).filter(Boolean);
    if (scopes.length === 0 || scopes.some((scope) => !KNOWN_SCOPES.has(scope))) return rejectAuthorize(response, 'invalid scope');
    return consent(request, response, next);
  };
  router.get('/i/oauth2/authorize', authorize);
  router.post('/i/oauth2/authorize', form, authorize);

  /** Confidential clients authenticate with HTTP Basic; the body may repeat client_id (and passport adds client_secret). */
  function clientAuthenticated(request: Request): boolean {
    const basic = basicCredentials(request.header('authorization'));
    if (!basic || basic.id !== options.clientId || basic.secret !== options.clientSecret) return false;
    const bodyId = formField(request, 'client_id');
    const bodySecret = formField(request, 'client_secret');
    return (bodyId === undefined || bodyId === options.clientId) && (bodySecret === undefined || bodySecret === options.clientSecret);
  }

  function grantTokens(response: Response, family: string, userId: string, scopes: string[]): void {
    const access = tokens.issueAccessToken({ userId, scopes, kind: 'oauth2-user' }, ACCESS_TOKEN_SECONDS);
    families.add(family, access.token);
    const body: Record<string, unknown> = {
      token_type: 'bearer',
      expires_in: access.expiresIn,
      access_token: access.token,
      scope: scopes.join(' '),
    };
    if (scopes.includes('offline.access')) {
      const refreshToken = tokens.issueRefreshToken({ userId, scopes, kind: 'oauth2-refresh' }, null);
      families.add(family, refreshToken);
      body.refresh_token = refreshToken;
    }
    response.setHeader('cache-control', 'no-store');
    response.status(200).json(body);
  }

  router.post('/2/oauth2/token', form, (request, response) => {
    if (!clientAuthenticated(request)) return oauthError(response, 401, 'unauthorized_client', 'Missing valid authorization header');
    const grantType = formField(request, 'grant_type');
    if (!grantType) return oauthError(response, 400, 'invalid_request', 'Missing required parameter [grant_type].');
    if (grantType === 'authorization_code') {
      for (const name of ['code', 'redirect_uri', 'code_verifier']) {
        if (!formField(request, name)) return oauthError(response, 400, 'invalid_request', `Missing required parameter [${name}].`);
      }
      const redemption = tokens.redeemCode(formField(request, 'code') ?? '', {
        clientId: options.clientId,
        redirectUri: formField(request, 'redirect_uri'),
        codeVerifier: formField(request, 'code_verifier'),
      });
      if (!redemption.ok) return oauthError(response, 400, 'invalid_request', 'Value passed for the authorization code was invalid.');
      return grantTokens(response, families.start(), redemption.userId, redemption.scopes);
    }
    if (grantType === 'refresh_token') {
      const refreshToken = formField(request, 'refresh_token');
      if (!refreshToken) return oauthError(response, 400, 'invalid_request', 'Missing required parameter [refresh_token].');
      if (families.wasRotated(refreshToken)) families.revokeFamilyOf(refreshToken);
      const check = tokens.checkRefresh(refreshToken);
      if (!check.ok || families.isRevoked(refreshToken)) {
        return oauthError(response, 400, 'invalid_request', 'Value passed for the token was invalid.');
      }
      tokens.consumeRefresh(refreshToken);
      families.markRotated(refreshToken);
      return grantTokens(response, families.of(refreshToken) ?? families.start(), check.grant.userId, check.grant.scopes);
    }
    return oauthError(response, 400, 'invalid_request', 'Value passed for the grant type was invalid.');
  });

  router.post('/2/oauth2/revoke', form, (request, response) => {
    if (!clientAuthenticated(request)) return oauthError(response, 401, 'unauthorized_client', 'Missing valid authorization header');
    const token = formField(request, 'token');
    if (!token) return oauthError(response, 400, 'invalid_request', 'Missing required parameter [token].');
    families.revokeFamilyOf(token);
    response.status(200).json({ revoked: true });
  });

  return router;
}
