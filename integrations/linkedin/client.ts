import { Platform } from '../../src/accounts/account.enums';
import { CallMeter, isRecord, retryUnavailable, type PlatformHttp } from '../http/platform-http';
import { isPlatformError, PlatformError, PlatformErrorKind } from '../platform-error';
import type { Connector, ConnectorContext, SnapshotOutcome, SnapshotTarget, TokenGrant } from '../provider';
import { applyLinkedinAction } from './actions';
import { LINKEDIN_UNAVAILABLE, mapLinkedinSnapshot, RECENT_POST_LIMIT } from './mapper';
import {
  badResponse,
  batchGet,
  chunks,
  organizationId,
  organizationUrn,
  readAllPages,
  readLinkedin,
  restliEncode,
  secondsUntilMidnightUtc,
} from './restli';

const DEFAULT_ACCESS_TTL_SECONDS = 60 * 24 * 3600;
/** Ids per BATCH_GET (keeps URLs short; LinkedIn publishes no limit). */
const BATCH_SIZE = 50;
const ACL_PAGE_SIZE = 100;
const ACCOUNT_CONCURRENCY = 8;
const ORGANIZATION_FIELDS =
  '&fields=id,localizedName,name,vanityName,localizedDescription,description,localizedWebsite,website,organizationType';

const numberOf = (value: unknown): number | null => {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
};

/** A token response (code exchange or refresh) → TokenGrant. LinkedIn lists scopes comma-separated. */
function grantFrom(params: Record<string, unknown>, accessToken: string, refreshToken: string | null, now: Date): TokenGrant {
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  const refreshIn = numberOf(params.refresh_token_expires_in);
  return {
    credentials: { accessToken, refreshToken },
    accessTokenExpiresAt: at(numberOf(params.expires_in) ?? DEFAULT_ACCESS_TTL_SECONDS),
    refreshTokenExpiresAt: refreshToken && refreshIn !== null ? at(refreshIn) : null,
    scopes: typeof params.scope === 'string' ? params.scope.split(/[\s,]+/).filter(Boolean) : [],
  };
}

function tokenEndpointError(status: number, body: unknown, now: Date): PlatformError {
  const fields = isRecord(body) ? body : {};
  const code = typeof fields.error === 'string' ? fields.error : null;
  const description = typeof fields.error_description === 'string' ? fields.error_description : '';
  const details = { platform: Platform.LINKEDIN, status, platformCode: code, message: `LinkedIn token endpoint answered ${status} ${code ?? ''}`.trim() };
  if (status >= 500) return new PlatformError({ ...details, kind: PlatformErrorKind.UNAVAILABLE });
  if (status === 429) return new PlatformError({ ...details, kind: PlatformErrorKind.RATE_LIMITED, retryAfterSeconds: secondsUntilMidnightUtc(now) });
  // invalid_grant covers revoked and expired refresh tokens alike; only the description tells them apart [U].
  if (code === 'invalid_grant') {
    const expired = /expired/i.test(description) && !/revoked|invalid/i.test(description);
    return new PlatformError({ ...details, kind: expired ? PlatformErrorKind.TOKEN_EXPIRED : PlatformErrorKind.TOKEN_REVOKED });
  }
  // The app is not a refresh-token partner (any more): a new consent is the only way on.
  if (code === 'unauthorized_client') return new PlatformError({ ...details, kind: PlatformErrorKind.TOKEN_EXPIRED });
  return new PlatformError({ ...details, kind: PlatformErrorKind.BAD_REQUEST });
}

/** Programmatic refresh: a new 60-day access token; the refresh token keeps its original 365-day end. */
async function refresh(context: ConnectorContext, credentials: { refreshToken?: string | null }): Promise<TokenGrant> {
  const refreshToken = credentials.refreshToken;
  if (!refreshToken) {
    throw new PlatformError({
      kind: PlatformErrorKind.TOKEN_EXPIRED,
      platform: Platform.LINKEDIN,
      message: 'no refresh token (the app is not a refresh-token partner): reconnect before the 60-day token ends',
    });
  }
  const response = await retryUnavailable(async () => {
    const answer = await context.http.request({
      method: 'POST',
      url: context.tokenUrl,
      form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: context.clientId, client_secret: context.clientSecret },
    });
    if (answer.status !== 200) throw tokenEndpointError(answer.status, answer.body, context.now());
    return answer;
  });
  const body = response.body;
  if (!isRecord(body) || typeof body.access_token !== 'string') throw badResponse('token endpoint answered without access_token');
  const next = typeof body.refresh_token === 'string' ? body.refresh_token : refreshToken;
  return grantFrom(body, body.access_token, next, context.now());
}

/** Organization ids of every page the token's member administers (ADMINISTRATOR, APPROVED). */
async function administeredOrganizations(context: ConnectorContext, token: string): Promise<string[]> {
  const rows = await readAllPages(context, context.http, token, '/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED', {
    pageSize: ACL_PAGE_SIZE,
  });
  return [...new Set(rows.map((row) => organizationId(row.organization)).filter((id): id is string => id !== null))];
}

const completeAuthorization: Connector['completeAuthorization'] = async (context, exchange, account) => {
  const grant = grantFrom(exchange.params, exchange.accessToken, exchange.refreshToken, context.now());
  const token = exchange.accessToken;
  const administered = await administeredOrganizations(context, token);
  const wantedId = organizationId(account.externalId);
  const wantedHandle = account.handle.replace(/^@/, '').toLowerCase();
  // Registered id known: only that page needs reading; otherwise every administered page, to match the vanity name.
  const candidates = wantedId ? administered.filter((id) => id === wantedId) : administered;
  for (const chunk of chunks(candidates, BATCH_SIZE)) {
    const { results } = await batchGet(context, context.http, token, '/organizations', chunk, ORGANIZATION_FIELDS);
    for (const [id, organization] of results) {
      const vanityName = typeof organization.vanityName === 'string' ? organization.vanityName.toLowerCase() : null;
      if (wantedId || vanityName === wantedHandle) {
        const displayName = typeof organization.localizedName === 'string' ? organization.localizedName : null;
        return { grant, externalId: id, displayName };
      }
    }
  }
  throw new PlatformError({
    kind: PlatformErrorKind.ACCOUNT_NOT_MANAGED,
    platform: Platform.LINKEDIN,
    message: 'the person who consented is not an approved ADMINISTRATOR of this LinkedIn page',
  });
};

interface OrganizationReads {
  organizations: Map<string, Record<string, unknown>>;
  failures: Map<string, PlatformError>;
}

/** A failure of this token only (expired, revoked, lacking a scope or role): another person's token may succeed. */
function isTokenSpecific(error: PlatformError): boolean {
  return error.isCredentialProblem || error.kind === PlatformErrorKind.PERMISSION_DENIED;
}

/**
 * One BATCH_GET of every target's organization with one token. Ids that token cannot read (another
 * person's page) or a token LinkedIn rejects are retried with the next target's token; a target fails
 * only when its own token fails for its own page. Any other failure of the whole call (a 429 for the
 * application's daily quota, an outage, a refused request) would answer the same for the next token: the reads
 * stop and every target not yet read fails with it.
 */
async function readOrganizations(context: ConnectorContext, http: PlatformHttp, targets: SnapshotTarget[], ids: Map<string, string>): Promise<OrganizationReads> {
  const reads: OrganizationReads = { organizations: new Map(), failures: new Map() };
  const tried = new Set<string>();
  const live = () => targets.filter((target) => !reads.failures.has(target.key) && !reads.organizations.has(ids.get(target.key) ?? ''));
  for (let pending = live(); pending.length > 0; pending = live()) {
    const token = pending.find((target) => !tried.has(target.credentials.accessToken))?.credentials.accessToken;
    if (token === undefined) break;
    tried.add(token);
    const holders = pending.filter((target) => target.credentials.accessToken === token);
    try {
      for (const chunk of chunks([...new Set(pending.map((target) => ids.get(target.key)!))], BATCH_SIZE)) {
        const batch = await batchGet(context, http, token, '/organizations', chunk, ORGANIZATION_FIELDS);
        for (const [id, organization] of batch.results) reads.organizations.set(id, organization);
        for (const holder of holders) {
          const error = batch.errors.get(ids.get(holder.key)!);
          if (error) reads.failures.set(holder.key, error);
        }
      }
    } catch (error) {
      if (!isPlatformError(error)) throw error;
      if (!isTokenSpecific(error)) {
        for (const target of live()) reads.failures.set(target.key, error);
        break;
      }
      for (const holder of holders) if (!reads.organizations.has(ids.get(holder.key)!)) reads.failures.set(holder.key, error);
    }
  }
  return reads;
}

/** The per-account reads: admin roster, newest posts, follower count, then the posts' comment state in one batch. */
async function readAccount(context: ConnectorContext, http: PlatformHttp, target: SnapshotTarget, id: string, organization: Record<string, unknown>) {
  const token = target.credentials.accessToken;
  const urn = restliEncode(organizationUrn(id));
  const settled = await Promise.allSettled([
    readAllPages(context, http, token, `/organizationAcls?q=organization&organization=${urn}`, { pageSize: ACL_PAGE_SIZE }),
    // CREATED, not LAST_MODIFIED: the newest 50 by publication is what the rules and lastPostAt need.
    readAllPages(context, http, token, `/posts?q=author&author=${urn}&sortBy=CREATED`, { pageSize: RECENT_POST_LIMIT, limit: RECENT_POST_LIMIT }),
    readLinkedin(context, http, token, `/networkSizes/${urn}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`),
  ]);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const [acls, posts, networkSize] = settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
    Record<string, unknown>[],
    Record<string, unknown>[],
    Record<string, unknown>,
  ];
  const postIds = [...new Set(posts.map((post) => post.id).filter((postId): postId is string => typeof postId === 'string'))];
  const socialMetadata = new Map<string, Record<string, unknown>>();
  for (const chunk of chunks(postIds, BATCH_SIZE)) {
    // A post LinkedIn will not describe just has unknown comment state (commentsEnabled null).
    for (const [postId, metadata] of (await batchGet(context, http, token, '/socialMetadata', chunk)).results) socialMetadata.set(postId, metadata);
  }
  return mapLinkedinSnapshot({ organization, acls, posts, networkSize, socialMetadata }, LINKEDIN_UNAVAILABLE);
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const fetchSnapshots: Connector['fetchSnapshots'] = async (context, targets) => {
  const shared = new CallMeter();
  const ids = new Map(targets.map((target) => [target.key, organizationId(target.externalId) ?? '']));
  const valid = targets.filter((target) => ids.get(target.key));
  const reads = await readOrganizations(context, context.http.withMeter(shared), valid, ids);
  const meters = targets.map(() => new CallMeter());
  const outcomes = await mapWithConcurrency(targets, ACCOUNT_CONCURRENCY, async (target, index): Promise<SnapshotOutcome> => {
    const id = ids.get(target.key) ?? '';
    const fail = (error: PlatformError): SnapshotOutcome => ({ key: target.key, ok: false, error, apiCalls: meters[index].calls });
    if (!id) return fail(new PlatformError({ kind: PlatformErrorKind.BAD_REQUEST, platform: Platform.LINKEDIN, message: 'externalId is not an organization id' }));
    const failure = reads.failures.get(target.key);
    const organization = reads.organizations.get(id);
    if (failure || !organization) return fail(failure ?? badResponse(`organization ${id} was not returned`));
    try {
      const snapshot = await readAccount(context, context.http.withMeter(meters[index]), target, id, organization);
      return { key: target.key, ok: true, snapshot, apiCalls: meters[index].calls };
    } catch (error) {
      return fail(isPlatformError(error) ? error : badResponse('an answer the connector could not read'));
    }
  });
  // Shared batch calls are split evenly; the first accounts take the remainder so the totals add up.
  outcomes.forEach((outcome, index) => {
    outcome.apiCalls += Math.floor(shared.calls / targets.length) + (index < shared.calls % targets.length ? 1 : 0);
  });
  for (const meter of [shared, ...meters]) {
    context.http.meter.calls += meter.calls;
    if (meter.usagePercent !== null) context.http.meter.observeUsage(meter.usagePercent, meter.resetAt);
  }
  return outcomes;
};

export const linkedinConnector: Connector = {
  completeAuthorization,
  refresh,
  fetchSnapshots,
  applyAction: (context, target, request) => applyLinkedinAction(context, target, request),
};
