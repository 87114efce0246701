import { Platform } from '../../src/accounts/account.enums';
import { retryUnavailable, type PlatformHttp } from '../http/platform-http';
import { PlatformError, PlatformErrorKind } from '../platform-error';
import type { AccountReference, Connector, ConnectorContext, Credentials, TokenGrant } from '../provider';
import { applyFacebookAction } from './actions';
import { exchangeForLongLived, graphCall, graphList } from './graph-api';
import { badResponse } from './graph-errors';
import { readFacebookSnapshots } from './snapshot-reader';

const ACCOUNT_FIELDS = 'access_token,category,name,id,tasks,username';

type PageRow = Record<string, unknown>;

function handleMatcher(account: AccountReference): (row: PageRow) => boolean {
  if (account.externalId) return (row) => row.id === account.externalId;
  const handle = account.handle.trim().replace(/^@/, '').toLowerCase();
  return (row) => row.id === handle || (typeof row.username === 'string' && row.username.toLowerCase() === handle);
}

/** Pages the user token's person manages (`/me/accounts`, every page until the one we look for). */
async function findManagedPage(context: ConnectorContext, http: PlatformHttp, userToken: string, matches: (row: PageRow) => boolean) {
  const rows = await graphList(context, http, { path: 'me/accounts', params: { fields: ACCOUNT_FIELDS, limit: '100' }, token: userToken }, matches);
  const page = rows.find(matches);
  if (!page) return null;
  if (typeof page.id !== 'string' || typeof page.access_token !== 'string') throw badResponse('Facebook /me/accounts row lacks id or access_token');
  return { id: page.id, name: typeof page.name === 'string' ? page.name : null, pageAccessToken: page.access_token };
}

async function pageIdOf(context: ConnectorContext, pageToken: string): Promise<string> {
  const page = await retryUnavailable(() => graphCall(context, context.http, { path: 'me', params: { fields: 'id' }, token: pageToken }));
  if (typeof page.id !== 'string') throw badResponse('Facebook /me answered without id');
  return page.id;
}

async function grantedScopes(context: ConnectorContext, http: PlatformHttp, userToken: string): Promise<string[]> {
  const rows = await graphList(context, http, { path: 'me/permissions', params: { limit: '100' }, token: userToken });
  return rows.flatMap((row) => (row.status === 'granted' && typeof row.permission === 'string' ? [row.permission] : []));
}

function grantFor(context: ConnectorContext, userToken: string, expiresIn: number | null, extra: Record<string, string>, scopes: string[]): TokenGrant {
  return {
    // The Page token minted from a long-lived user token does not expire; the user token's lifetime is the
    // connection's, and refresh re-exchanges it before then.
    credentials: { accessToken: userToken, refreshToken: null, extra },
    accessTokenExpiresAt: expiresIn === null ? null : new Date(context.now().getTime() + expiresIn * 1000),
    refreshTokenExpiresAt: null,
    scopes,
  };
}

/**
 * Facebook Pages over Graph API v25.0 (platforms.md §1). Token style META_LONG_LIVED: the code gives a short
 * user token, exchanged for a ~60-day one; the Page token comes from `/me/accounts`. Reads use Graph batches.
 */
export const facebookConnector: Connector = {
  async completeAuthorization(context, exchange, account) {
    const longLived = await exchangeForLongLived(context, context.http, exchange.accessToken);
    const page = await findManagedPage(context, context.http, longLived.accessToken, handleMatcher(account));
    if (!page) {
      throw new PlatformError({
        kind: PlatformErrorKind.ACCOUNT_NOT_MANAGED,
        platform: Platform.FACEBOOK,
        message: `the person who consented has no role on the Facebook Page ${account.externalId ?? account.handle}`,
      });
    }
    const scopes = await grantedScopes(context, context.http, longLived.accessToken);
    const extra = { pageAccessToken: page.pageAccessToken };
    return { grant: grantFor(context, longLived.accessToken, longLived.expiresIn, extra, scopes), externalId: page.id, displayName: page.name };
  },

  async refresh(context, credentials: Credentials) {
    const longLived = await exchangeForLongLived(context, context.http, credentials.accessToken);
    const extra: Record<string, string> = { ...credentials.extra };
    const pageToken = credentials.extra?.pageAccessToken;
    if (pageToken) {
      // Credentials hold secrets only: the Page's id comes from its token (`/me` as the Page). A Page token
      // that stopped working (role removed, 190/492) answers TOKEN_REVOKED here.
      const pageId = await pageIdOf(context, pageToken);
      const found = await findManagedPage(context, context.http, longLived.accessToken, (row) => row.id === pageId);
      if (!found) {
        throw new PlatformError({
          kind: PlatformErrorKind.TOKEN_REVOKED,
          platform: Platform.FACEBOOK,
          message: 'the person who connected the Page no longer has a role on it',
        });
      }
      extra.pageAccessToken = found.pageAccessToken;
    }
    const scopes = await grantedScopes(context, context.http, longLived.accessToken);
    return grantFor(context, longLived.accessToken, longLived.expiresIn, extra, scopes);
  },

  fetchSnapshots: readFacebookSnapshots,

  applyAction: applyFacebookAction,
};
