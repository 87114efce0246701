import { CallMeter, isRecord, retryUnavailable } from '../http/platform-http';
import { isPlatformError, PlatformError, PlatformErrorKind } from '../platform-error';
import type { Connector, ConnectorContext, Credentials, SnapshotOutcome, SnapshotTarget, TokenGrant } from '../provider';
import { SnapshotField } from '../snapshot';
import { applyInstagramAction } from './actions';
import { graphRequest, instagramError, type GraphCall } from './graph-request';
import { instagramUserId, mapInstagramSnapshot, RECENT_POST_LIMIT } from './mapper';

export { graphError, graphRequest, readUsage } from './graph-request';

/** platforms.md §6: no admin roster, no privacy field, no contact email, no following list. */
export const INSTAGRAM_UNAVAILABLE: readonly SnapshotField[] = [
  SnapshotField.ADMINS,
  SnapshotField.AUDIENCE,
  SnapshotField.CONTACT_EMAIL,
  SnapshotField.FOLLOWING,
];

const PROFILE_FIELDS = 'id,user_id,username,name,biography,website,followers_count,follows_count,media_count,account_type';
/** Comments come nested so hidden ones (moderation evidence) cost no extra call. */
const MEDIA_FIELDS =
  'id,caption,media_type,media_product_type,permalink,timestamp,comments_count,is_comment_enabled,comments.limit(25){id,timestamp,hidden}';
const PROFESSIONAL_ACCOUNT_TYPES = new Set(['BUSINESS', 'MEDIA_CREATOR']);
/** A refresh answered "not yet" proves the token is under 24 h old, so it lives at least this much longer. */
const FRESH_TOKEN_MINIMUM_MS = 59 * 24 * 3_600_000;
/** ig_refresh_token refreshes only a long-lived token at least this old (platforms.md §0). */
const REFRESHABLE_AFTER_MS = 24 * 3_600_000;
const SNAPSHOT_CONCURRENCY = 8;

const graphCall = (context: ConnectorContext, http = context.http): GraphCall => ({ http, apiUrl: context.apiUrl, now: context.now });

export interface GraphPage {
  data: Record<string, unknown>[];
  next: string | null;
  after: string | null;
}

/** `{data, paging{cursors{after}, next}}`; `next` absent = last page (a page may be short or empty and go on). */
export function readPage(value: unknown): GraphPage {
  if (value === undefined) return { data: [], next: null, after: null };
  if (!isRecord(value) || !Array.isArray(value.data)) throw instagramError(PlatformErrorKind.BAD_RESPONSE, 'a list came without data[]');
  const paging = isRecord(value.paging) ? value.paging : {};
  const cursors = isRecord(paging.cursors) ? paging.cursors : {};
  return {
    data: value.data.filter(isRecord),
    next: typeof paging.next === 'string' ? paging.next : null,
    after: typeof cursors.after === 'string' ? cursors.after : null,
  };
}

/**
 * Follows `after` cursors from a first page until `limit` items or the last page. The request is rebuilt
 * from the cursor rather than fetching `next` verbatim: Meta's `next` repeats a query-string token.
 */
export async function followPages(
  first: GraphPage,
  fetchAfter: (after: string, remaining: number) => Promise<GraphPage>,
  limit = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const items = [...first.data];
  const seen = new Set<string>();
  let page = first;
  while (page.next && items.length < limit) {
    if (!page.after || seen.has(page.after)) {
      throw instagramError(PlatformErrorKind.BAD_RESPONSE, 'Instagram paging repeated a cursor or gave none');
    }
    seen.add(page.after);
    page = await fetchAfter(page.after, limit - items.length);
    items.push(...page.data);
  }
  return items.slice(0, limit);
}

/** One account: profile and first media page in one call (field expansion), then further media pages. */
async function readAccount(call: GraphCall, target: SnapshotTarget) {
  const token = target.credentials.accessToken;
  const profile = await retryUnavailable(() =>
    graphRequest(call, '/me', { token, query: { fields: `${PROFILE_FIELDS},media.limit(${RECENT_POST_LIMIT}){${MEDIA_FIELDS}}` } }),
  );
  const userId = instagramUserId(profile);
  if (!userId) throw instagramError(PlatformErrorKind.BAD_RESPONSE, 'the profile came without an id');
  if (userId !== target.externalId && profile.id !== target.externalId) {
    throw instagramError(PlatformErrorKind.ACCOUNT_NOT_MANAGED, 'the credentials belong to another Instagram account');
  }
  const media = await followPages(
    readPage(profile.media),
    async (after, remaining) =>
      readPage(
        await retryUnavailable(() =>
          graphRequest(call, '/me/media', { token, query: { fields: MEDIA_FIELDS, limit: remaining, after } }),
        ),
      ),
    RECENT_POST_LIMIT,
  );
  return mapInstagramSnapshot(profile, media, INSTAGRAM_UNAVAILABLE);
}

async function fetchSnapshots(context: ConnectorContext, targets: SnapshotTarget[]): Promise<SnapshotOutcome[]> {
  const outcomes: SnapshotOutcome[] = new Array(targets.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < targets.length) {
      const index = nextIndex++;
      const target = targets[index];
      const meter = new CallMeter();
      try {
        const snapshot = await readAccount(graphCall(context, context.http.withMeter(meter)), target);
        outcomes[index] = { key: target.key, ok: true, snapshot, apiCalls: meter.calls };
      } catch (error) {
        const platformError = isPlatformError(error)
          ? error
          : instagramError(PlatformErrorKind.BAD_RESPONSE, 'the Instagram answer could not be read');
        outcomes[index] = { key: target.key, ok: false, error: platformError, apiCalls: meter.calls };
      } finally {
        // The caller's meter totals every account's calls and keeps the highest usage seen.
        context.http.meter.calls += meter.calls;
        if (meter.usagePercent !== null) context.http.meter.observeUsage(meter.usagePercent, meter.resetAt);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SNAPSHOT_CONCURRENCY, targets.length) }, worker));
  return outcomes;
}

/** The short-lived token from the code exchange: flat `{access_token,...}`, or wrapped in `data[]` as newer docs show. */
function shortLivedAnswer(exchange: { accessToken: string; params: Record<string, unknown> }) {
  const wrapped = Array.isArray(exchange.params.data) && isRecord(exchange.params.data[0]) ? exchange.params.data[0] : null;
  const answer = wrapped ?? exchange.params;
  const token = exchange.accessToken || (typeof answer.access_token === 'string' ? answer.access_token : '');
  const permissions = answer.permissions;
  const scopes = Array.isArray(permissions)
    ? permissions.filter((scope): scope is string => typeof scope === 'string')
    : typeof permissions === 'string'
      ? permissions.split(/[,\s]+/).filter(Boolean)
      : [];
  return { token, scopes };
}

function longLivedGrant(context: ConnectorContext, answer: Record<string, unknown>, scopes: string[]): TokenGrant {
  const token = answer.access_token;
  const expiresIn = answer.expires_in;
  if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number') {
    throw instagramError(PlatformErrorKind.BAD_RESPONSE, 'the token answer lacks access_token or expires_in');
  }
  const issuedAt = context.now();
  const expiresAt = new Date(issuedAt.getTime() + expiresIn * 1000);
  return {
    // No refresh token: the long-lived access token refreshes itself (ig_refresh_token), once it is 24 h old.
    credentials: {
      accessToken: token,
      refreshToken: null,
      extra: { grantedScopes: scopes.join(','), accessTokenIssuedAt: issuedAt.toISOString(), accessTokenExpiresAt: expiresAt.toISOString() },
    },
    accessTokenExpiresAt: expiresAt,
    refreshTokenExpiresAt: null,
    scopes,
  };
}

const normalHandle = (handle: string) => handle.trim().replace(/^@/, '').toLowerCase();

export const instagramConnector: Connector = {
  async completeAuthorization(context, exchange, account) {
    const { token, scopes } = shortLivedAnswer(exchange);
    if (!token) throw instagramError(PlatformErrorKind.BAD_RESPONSE, 'the code exchange gave no access token');
    const call = graphCall(context);
    const longLived = await retryUnavailable(() =>
      graphRequest(call, '/access_token', {
        versioned: false,
        query: { grant_type: 'ig_exchange_token', client_secret: context.clientSecret, access_token: token },
      }),
    );
    const grant = longLivedGrant(context, longLived, scopes);
    const me = await retryUnavailable(() =>
      graphRequest(call, '/me', { token: grant.credentials.accessToken, query: { fields: 'user_id,username,name,account_type' } }),
    );
    const externalId = instagramUserId(me);
    const username = typeof me.username === 'string' ? normalHandle(me.username) : null;
    const matches = account.externalId
      ? account.externalId === externalId || account.externalId === me.id
      : username !== null && username === normalHandle(account.handle);
    // With Instagram Login the person who consents IS the account; a personal account is not served at all.
    if (!externalId || !matches || !PROFESSIONAL_ACCOUNT_TYPES.has(String(me.account_type))) {
      throw instagramError(PlatformErrorKind.ACCOUNT_NOT_MANAGED, 'the consenting Instagram account is not the registered professional account');
    }
    const displayName = typeof me.name === 'string' && me.name !== '' ? me.name : (username ?? null);
    return { grant, externalId, displayName };
  },

  async refresh(context, credentials) {
    if (!credentials.accessToken) throw instagramError(PlatformErrorKind.TOKEN_REVOKED, 'no Instagram token to refresh');
    const call = graphCall(context);
    const scopes = credentials.extra?.grantedScopes?.split(',').filter(Boolean) ?? [];
    try {
      const answer = await retryUnavailable(() =>
        graphRequest(call, '/refresh_access_token', {
          versioned: false,
          query: { grant_type: 'ig_refresh_token', access_token: credentials.accessToken },
        }),
      );
      return longLivedGrant(context, answer, scopes);
    } catch (error) {
      // Code 100 here means "not refreshable yet" only for a token we know to be under 24 h old: keep what we
      // have. Any other code 100 (or one for a token of unknown age) is the error it says it is.
      if (error instanceof PlatformError && error.platformCode === '100' && isTooYoungToRefresh(context, credentials)) {
        return unchangedGrant(context, credentials, scopes);
      }
      throw error;
    }
  },

  fetchSnapshots,

  applyAction: applyInstagramAction,
};

/** True when the token's recorded issue time (`extra.accessTokenIssuedAt`) is less than 24 h ago. */
function isTooYoungToRefresh(context: ConnectorContext, credentials: Credentials): boolean {
  const issuedAt = Date.parse(credentials.extra?.accessTokenIssuedAt ?? '');
  return !Number.isNaN(issuedAt) && context.now().getTime() - issuedAt < REFRESHABLE_AFTER_MS;
}

function unchangedGrant(context: ConnectorContext, credentials: Credentials, scopes: string[]): TokenGrant {
  const recorded = Date.parse(credentials.extra?.accessTokenExpiresAt ?? '');
  const expiresAt = Number.isNaN(recorded) ? new Date(context.now().getTime() + FRESH_TOKEN_MINIMUM_MS) : new Date(recorded);
  return { credentials, accessTokenExpiresAt: expiresAt, refreshTokenExpiresAt: null, scopes };
}
