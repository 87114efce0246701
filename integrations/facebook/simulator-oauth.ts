import type { RequestHandler } from 'express';
import { graphError, type GraphReply } from './simulator-format';
import type { GraphState } from './simulator-graph';

/** Short-lived user token from the code exchange (~1-2 h on Meta). */
const SHORT_LIVED_SECONDS = 5400;
/** Long-lived user token from fb_exchange_token (platforms.md §1.1: 5183944 s, about 60 days). */
const LONG_LIVED_SECONDS = 5183944;

function tokenReply(state: GraphState, userId: string, scopes: string[], kind: 'user_short' | 'user_long'): GraphReply {
  const ttl = kind === 'user_long' ? LONG_LIVED_SECONDS : SHORT_LIVED_SECONDS;
  const issued = state.tokens.issueAccessToken({ userId, scopes, kind }, ttl);
  return { status: 200, headers: {}, body: { access_token: issued.token, token_type: 'bearer', expires_in: issued.expiresIn } };
}

function exchangeLongLived(state: GraphState, params: Record<string, string>): GraphReply {
  const token = params.fb_exchange_token;
  if (!token) return graphError(100, 'Missing fb_exchange_token parameter.');
  const check = state.tokens.checkAccess(token);
  if (!check.ok) {
    // An expired token cannot be exchanged (platforms.md §1.1): only a new login helps.
    if (check.reason === 'EXPIRED') return graphError(190, 'Error validating access token: Session has expired.', { subcode: 463 });
    if (check.reason === 'REVOKED') {
      return graphError(190, 'Error validating access token: The session has been invalidated because the user changed their password.', {
        subcode: 460,
      });
    }
    return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
  }
  if (check.grant.kind !== 'user_short' && check.grant.kind !== 'user_long') {
    return graphError(100, 'fb_exchange_token must be a User access token.');
  }
  return tokenReply(state, check.grant.userId, check.grant.scopes, 'user_long');
}

function exchangeCode(state: GraphState, params: Record<string, string>): GraphReply {
  if (!params.redirect_uri) return graphError(191, 'Missing redirect_uri parameter.');
  if (!params.code) return graphError(100, 'Missing code parameter.');
  const redeemed = state.tokens.redeemCode(params.code, {
    clientId: params.client_id,
    redirectUri: params.redirect_uri,
    codeVerifier: params.code_verifier,
  });
  if (!redeemed.ok) {
    if (redeemed.reason === 'REDIRECT_MISMATCH') {
      const message =
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request';
      return graphError(100, message, { subcode: 36008 });
    }
    return graphError(100, 'This authorization code has been used or has expired.', { subcode: 36009 });
  }
  return tokenReply(state, redeemed.userId, redeemed.scopes, 'user_short');
}

/**
 * `/v25.0/oauth/access_token`, GET as documented and POST form as passport-oauth2 sends it. Client credentials
 * travel as parameters (client_secret_post). Errors are Meta error bodies with HTTP 400.
 */
export function tokenEndpoint(state: GraphState): RequestHandler {
  return (request, response) => {
    const params: Record<string, string> = {};
    const sources: unknown[] = [request.query, request.body];
    for (const source of sources) {
      if (typeof source !== 'object' || source === null) continue;
      for (const [name, value] of Object.entries(source)) if (typeof value === 'string') params[name] = value;
    }
    let reply: GraphReply;
    if (!params.client_id) reply = graphError(101, 'Missing client_id parameter.');
    else if (params.client_id !== state.clientId) reply = graphError(101, 'Error validating application. Invalid application ID.');
    else if (params.client_secret !== state.clientSecret) reply = graphError(1, 'Error validating client secret.');
    else if (params.grant_type === 'fb_exchange_token') reply = exchangeLongLived(state, params);
    else if (params.grant_type === undefined || params.grant_type === 'authorization_code') reply = exchangeCode(state, params);
    else reply = graphError(100, `Unsupported grant_type ${params.grant_type}.`);
    response.status(reply.status).set(reply.headers).json(reply.body);
  };
}
