import { isRecord } from '../http/platform-http';
import { PlatformErrorKind } from '../platform-error';
import type { CodeExchangeResult, Connector, ConnectorContext, Credentials, TokenGrant } from '../provider';
import { applyXAction } from './actions';
import { errorFromTokenResponse, xError } from './errors';
import { xRead } from './requests';
import { fetchXSnapshots } from './snapshots';

/** platforms.md §3.1: access tokens live 2 h; X always says so in expires_in, this covers a missing one. */
const DEFAULT_ACCESS_SECONDS = 7200;

function seconds(value: unknown): number | null {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) && parsed > 0 ? parsed : null;
}

/**
 * Credentials and lifetimes from a token response. X does not say when a refresh token expires (platforms.md
 * [U]), so refreshTokenExpiresAt stays null.
 */
function grantFrom(params: Record<string, unknown>, accessToken: string, refreshToken: string | null, now: Date): TokenGrant {
  const lifetime = seconds(params.expires_in) ?? DEFAULT_ACCESS_SECONDS;
  return {
    credentials: { accessToken, refreshToken },
    accessTokenExpiresAt: new Date(now.getTime() + lifetime * 1000),
    refreshTokenExpiresAt: null,
    scopes: typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : [],
  };
}

/** Confidential clients authenticate with HTTP Basic (RFC 6749 §2.3.1: form-encoded id and secret). */
function basicAuthorization(context: ConnectorContext): string {
  const pair = `${encodeURIComponent(context.clientId)}:${encodeURIComponent(context.clientSecret)}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

export const xConnector: Connector = {
  /** The consenting login is the account itself (X accounts are shared logins): /2/users/me must be it. */
  async completeAuthorization(context, exchange: CodeExchangeResult, account) {
    const body = await xRead({ context, http: context.http, accessToken: exchange.accessToken }, '/2/users/me');
    const me = body.data;
    if (!isRecord(me) || typeof me.id !== 'string' || typeof me.username !== 'string') {
      throw xError(PlatformErrorKind.BAD_RESPONSE, 'X answered /2/users/me without id and username');
    }
    const handle = account.handle.replace(/^@/, '').toLowerCase();
    const matches = account.externalId ? me.id === account.externalId : me.username.toLowerCase() === handle;
    if (!matches) {
      throw xError(PlatformErrorKind.ACCOUNT_NOT_MANAGED, `the X login that consented is @${me.username}, not the registered account`);
    }
    const refreshToken = exchange.refreshToken ?? (typeof exchange.params.refresh_token === 'string' ? exchange.params.refresh_token : null);
    return {
      grant: grantFrom(exchange.params, exchange.accessToken, refreshToken, context.now()),
      externalId: me.id,
      displayName: typeof me.name === 'string' ? me.name : null,
    };
  },

  /**
   * Refresh tokens are single use (a new one comes back each time), so this is never retried: a retry after
   * a lost answer would replay a used token and X would end the whole consent.
   */
  async refresh(context, credentials: Credentials) {
    if (!credentials.refreshToken) {
      throw xError(PlatformErrorKind.TOKEN_EXPIRED, 'this X connection has no refresh token (no offline.access): reconnect');
    }
    const response = await context.http.request({
      method: 'POST',
      url: context.tokenUrl,
      headers: { authorization: basicAuthorization(context) },
      form: { grant_type: 'refresh_token', refresh_token: credentials.refreshToken, client_id: context.clientId },
    });
    if (response.status !== 200) throw errorFromTokenResponse(response, context.now());
    const body = response.body;
    if (!isRecord(body) || typeof body.access_token !== 'string' || body.access_token.length === 0) {
      throw xError(PlatformErrorKind.BAD_RESPONSE, 'X token endpoint answered without access_token', { status: response.status });
    }
    const refreshToken = typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : credentials.refreshToken;
    return grantFrom(body, body.access_token, refreshToken, context.now());
  },

  fetchSnapshots: fetchXSnapshots,
  applyAction: applyXAction,
};
