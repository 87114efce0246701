import { Platform } from '../../src/accounts/account.enums';
import { CallMeter, isRecord, retryUnavailable, type PlatformHttp } from '../http/platform-http';
import { PlatformError, PlatformErrorKind, isPlatformError } from '../platform-error';
import type { Connector, ConnectorContext, Credentials, SnapshotOutcome, SnapshotTarget, TokenGrant } from '../provider';
import type { AccountSnapshot } from '../snapshot';
import { applyYouTubeAction } from './actions';
import { badResponse, itemsOf, readPages, tokenRequest, youtubeRead } from './api';
import { RECENT_POST_LIMIT, handleOf, toSnapshot, type HeldForReviewQueue } from './mapper';

const CHANNEL_PARTS = 'snippet,brandingSettings,status,statistics,contentDetails';
/** channels?id= takes up to 50 ids per call. */
const IDS_PER_LOOKUP = 50;
const LOOKUP_CONCURRENCY = 4;
const ACCOUNT_CONCURRENCY = 8;
/** Google sends expires_in; an hour is what it always is when it does not. */
const DEFAULT_ACCESS_SECONDS = 3599;

function refuse(kind: PlatformErrorKind, message: string): PlatformError {
  return new PlatformError({ kind, platform: Platform.YOUTUBE, message });
}

function seconds(value: unknown): number | null {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

/** A token-endpoint answer as a grant; Google does not rotate refresh tokens, so the old one stays. */
function grantFrom(context: ConnectorContext, body: Record<string, unknown>, credentials: Credentials): TokenGrant {
  const now = context.now().getTime();
  const accessSeconds = seconds(body.expires_in) ?? DEFAULT_ACCESS_SECONDS;
  const refreshSeconds = seconds(body.refresh_token_expires_in);
  const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : (credentials.refreshToken ?? null);
  return {
    credentials: { ...credentials, refreshToken },
    accessTokenExpiresAt: new Date(now + accessSeconds * 1000),
    // Only apps in "Testing" get expiring refresh tokens (7 days), and Google then says so.
    refreshTokenExpiresAt: refreshToken && refreshSeconds !== null ? new Date(now + refreshSeconds * 1000) : null,
    scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [],
  };
}

async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * 403 reasons about the token that made the call (its scopes, its Google account), not about the project:
 * another account's token may succeed. Every other 403 (accessNotConfigured, a project-level block, ...) would
 * answer the same for every token, and each try costs quota.
 */
const TOKEN_DENIAL_REASONS = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', 'forbidden', 'youtubeSignupRequired']);

function isTokenSpecific(error: PlatformError): boolean {
  if (error.isCredentialProblem) return true;
  return error.kind === PlatformErrorKind.PERMISSION_DENIED && error.platformCode !== null && TOKEN_DENIAL_REASONS.has(error.platformCode);
}

interface ChannelLookup {
  channels: Map<string, Record<string, unknown>>;
  /** Tokens YouTube refused, by token: their accounts fail with it, the others are read with another token. */
  refusedTokens: Map<string, PlatformError>;
  error: PlatformError | null;
  meter: CallMeter;
}

/**
 * One channels?id=… call for up to 50 accounts, with the first of their tokens that YouTube accepts. Only a
 * failure of that token moves on to the next token; a rate limit, an app-wide refusal or any other failure ends
 * the lookup, and every account not refused for its own token fails with it.
 */
async function lookupChannels(context: ConnectorContext, targets: SnapshotTarget[]): Promise<ChannelLookup> {
  const meter = new CallMeter();
  const http = context.http.withMeter(meter);
  const ids = [...new Set(targets.map((target) => target.externalId))].join(',');
  const refusedTokens = new Map<string, PlatformError>();
  for (const token of new Set(targets.map((target) => target.credentials.accessToken))) {
    try {
      const page = await youtubeRead(context, http, token, 'channels', { part: CHANNEL_PARTS, id: ids });
      const channels = new Map(itemsOf(page).map((channel) => [String(channel.id), channel]));
      return { channels, refusedTokens, error: null, meter };
    } catch (error) {
      if (!isPlatformError(error)) throw error;
      if (!isTokenSpecific(error)) return { channels: new Map(), refusedTokens, error, meter };
      refusedTokens.set(token, error);
    }
  }
  return { channels: new Map(), refusedTokens, error: null, meter };
}

/** Up to 50 newest uploads. A channel without uploads answers 404 for its uploads playlist. */
async function readUploads(
  context: ConnectorContext,
  http: PlatformHttp,
  token: string,
  playlistId: string,
): Promise<Record<string, unknown>[]> {
  try {
    const query = { part: 'snippet,contentDetails', playlistId, maxResults: 50 };
    return await readPages(context, http, token, 'playlistItems', query, RECENT_POST_LIMIT);
  } catch (error) {
    if (isPlatformError(error) && error.kind === PlatformErrorKind.NOT_FOUND) return [];
    throw error;
  }
}

/** The held-for-review queue's first page (enough for a count); null when this token may not read it. */
async function readHeldQueue(
  context: ConnectorContext,
  http: PlatformHttp,
  token: string,
  channelId: string,
): Promise<HeldForReviewQueue | null> {
  try {
    const query = { part: 'snippet', allThreadsRelatedToChannelId: channelId, moderationStatus: 'heldForReview', maxResults: 100 };
    const page = await youtubeRead(context, http, token, 'commentThreads', query);
    const pageInfo = isRecord(page.pageInfo) ? page.pageInfo : {};
    const totalResults = typeof pageInfo.totalResults === 'number' ? pageInfo.totalResults : null;
    return { items: itemsOf(page), totalResults, hasMore: typeof page.nextPageToken === 'string' && page.nextPageToken !== '' };
  } catch (error) {
    if (isPlatformError(error) && error.kind === PlatformErrorKind.PERMISSION_DENIED) return null;
    throw error;
  }
}

async function readAccount(
  context: ConnectorContext,
  http: PlatformHttp,
  target: SnapshotTarget,
  channel: Record<string, unknown>,
): Promise<AccountSnapshot> {
  const token = target.credentials.accessToken;
  const details = isRecord(channel.contentDetails) ? channel.contentDetails : {};
  const playlists = isRecord(details.relatedPlaylists) ? details.relatedPlaylists : {};
  if (typeof playlists.uploads !== 'string') throw badResponse('YouTube channel without an uploads playlist');
  const [uploads, held] = await Promise.allSettled([
    readUploads(context, http, token, playlists.uploads),
    readHeldQueue(context, http, token, target.externalId),
  ]);
  if (uploads.status === 'rejected') throw uploads.reason;
  if (held.status === 'rejected') throw held.reason;
  return toSnapshot({ channel, uploads: uploads.value, heldForReview: held.value });
}

function isDailyQuota(error: PlatformError): boolean {
  return error.kind === PlatformErrorKind.RATE_LIMITED && error.platformCode === 'quotaExceeded';
}

/**
 * Channels by id in batches of 50 (the batch's calls are shared out evenly), then per account its uploads
 * and held-comment queue: about 2 calls per account. Once the project's daily quota is spent, accounts not
 * yet started fail at once instead of spending more calls that would be refused too.
 */
async function fetchSnapshots(context: ConnectorContext, targets: SnapshotTarget[]): Promise<SnapshotOutcome[]> {
  const outcomes: SnapshotOutcome[] = new Array(targets.length);
  const shared: number[] = targets.map(() => 0);
  const lookups: ChannelLookup[] = [];
  const chunks: number[][] = [];
  for (let start = 0; start < targets.length; start += IDS_PER_LOOKUP) {
    chunks.push(targets.slice(start, start + IDS_PER_LOOKUP).map((_, offset) => start + offset));
  }
  await forEachConcurrently(chunks, LOOKUP_CONCURRENCY, async (chunk, index) => {
    const lookup = await lookupChannels(context, chunk.map((position) => targets[position]));
    lookups[index] = lookup;
    chunk.forEach((position, offset) => {
      shared[position] = Math.floor(lookup.meter.calls / chunk.length) + (offset < lookup.meter.calls % chunk.length ? 1 : 0);
    });
  });
  let quotaSpent: PlatformError | null = lookups.find((lookup) => lookup.error && isDailyQuota(lookup.error))?.error ?? null;
  const meters: CallMeter[] = lookups.map((lookup) => lookup.meter);
  await forEachConcurrently(targets, ACCOUNT_CONCURRENCY, async (target, position) => {
    const lookup = lookups[Math.floor(position / IDS_PER_LOOKUP)];
    const meter = new CallMeter();
    meters.push(meter);
    const fail = (error: PlatformError) => {
      outcomes[position] = { key: target.key, ok: false, error, apiCalls: shared[position] + meter.calls };
    };
    const refused = lookup.refusedTokens.get(target.credentials.accessToken) ?? lookup.error;
    if (refused) return fail(refused);
    const channel = lookup.channels.get(target.externalId);
    if (!channel) return fail(refuse(PlatformErrorKind.NOT_FOUND, 'YouTube has no channel with this id'));
    if (quotaSpent) return fail(quotaSpent);
    try {
      const snapshot = await readAccount(context, context.http.withMeter(meter), target, channel);
      outcomes[position] = { key: target.key, ok: true, snapshot, apiCalls: shared[position] + meter.calls };
    } catch (error) {
      // Whatever went wrong stays with this account.
      const failure = isPlatformError(error) ? error : badResponse('YouTube answered something the connector cannot read');
      if (isDailyQuota(failure)) quotaSpent ??= failure;
      fail(failure);
    }
  });
  for (const meter of meters) {
    context.http.meter.calls += meter.calls;
    if (meter.usagePercent !== null) context.http.meter.observeUsage(meter.usagePercent, meter.resetAt);
  }
  return outcomes;
}

export const youtubeConnector: Connector = {
  async completeAuthorization(context, exchange, account) {
    const grant = grantFrom(context, exchange.params, { accessToken: exchange.accessToken, refreshToken: exchange.refreshToken });
    const query = { part: 'snippet', mine: true, maxResults: 50 };
    const page = await youtubeRead(context, context.http, exchange.accessToken, 'channels', query);
    const wanted = account.handle.replace(/^@/, '').toLowerCase();
    const channel = itemsOf(page).find((candidate) =>
      account.externalId ? candidate.id === account.externalId : handleOf(candidate) === wanted || candidate.id === account.handle,
    );
    if (!channel) {
      throw refuse(PlatformErrorKind.ACCOUNT_NOT_MANAGED, 'the Google account that consented does not manage this channel');
    }
    const snippet = isRecord(channel.snippet) ? channel.snippet : {};
    return { grant, externalId: String(channel.id), displayName: typeof snippet.title === 'string' ? snippet.title : null };
  },

  async refresh(context, credentials) {
    const refreshToken = credentials.refreshToken;
    if (!refreshToken) {
      throw refuse(PlatformErrorKind.TOKEN_EXPIRED, 'no refresh token (consent without access_type=offline): reconnect');
    }
    const body = await retryUnavailable(() => tokenRequest(context, { grant_type: 'refresh_token', refresh_token: refreshToken }));
    return grantFrom(context, body, { ...credentials, accessToken: String(body.access_token) });
  },

  fetchSnapshots,

  applyAction: applyYouTubeAction,
};
