import { CallMeter, isRecord, type PlatformHttp } from '../http/platform-http';
import { isPlatformError, PlatformErrorKind, type PlatformError } from '../platform-error';
import type { ConnectorContext, SnapshotOutcome, SnapshotTarget } from '../provider';
import { errorFromProblem, isAppWideProblem, xError } from './errors';
import { mapXSnapshot, X_TWEET_FIELDS, X_USER_FIELDS } from './mapper';
import { idSegment, readAllPages, recordsIn, xRead, type XCall } from './requests';

/** `/2/users?ids=` takes 1-100 ids (platforms.md §3.2). */
const LOOKUP_BATCH = 100;
/** Accounts read at once; each runs its timeline and following reads side by side. */
const CONCURRENCY = 8;
/** The rules scan the 50 newest posts. */
const RECENT_POSTS = 50;
/**
 * Rate-limit windows are per user: after a 429 a couple of other accounts' tokens may still have room. A usage
 * cap (`usage-capped`) is the project's, and stops the lookup at once.
 */
const RATE_LIMITED_LOOKUP_ATTEMPTS = 3;

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function asPlatformError(error: unknown): PlatformError {
  if (isPlatformError(error)) return error;
  return xError(PlatformErrorKind.BAD_RESPONSE, 'X answered something the connector could not read');
}

interface Lookup {
  profiles: Map<number, Record<string, unknown>>;
  failures: Map<number, PlatformError>;
  /** Accounts whose own token made the lookup that found them: X has already accepted that token. */
  ownTokenChecked: Set<number>;
}

/** A failure of this token only (expired, revoked, lacking a scope): another account's token may succeed. */
function isTokenSpecific(failure: PlatformError): boolean {
  if (failure.isCredentialProblem) return true;
  return failure.kind === PlatformErrorKind.PERMISSION_DENIED && !isAppWideProblem(failure);
}

/**
 * One `/2/users?ids=` for up to 100 accounts, with any one account's token. A token X refuses is that
 * account's failure only: the lookup is retried with the next account's token. An app-wide refusal
 * (`client-forbidden`, `usage-capped`) or any other failure would answer the same for every token: the lookup
 * stops and every account not yet failed fails with it.
 */
async function lookupBatch(context: ConnectorContext, http: PlatformHttp, targets: readonly SnapshotTarget[], batch: number[], into: Lookup) {
  for (const index of batch) {
    try {
      idSegment(targets[index].externalId, 'the registered account id');
    } catch (error) {
      into.failures.set(index, asPlatformError(error));
    }
  }
  const ids = [...new Set(batch.filter((index) => !into.failures.has(index)).map((index) => targets[index].externalId))];
  if (ids.length === 0) return;
  let lastError: PlatformError | null = null;
  let rateLimited = 0;
  let body: Record<string, unknown> | null = null;
  let lookupToken: string | null = null;
  for (const candidate of batch) {
    if (into.failures.has(candidate)) continue;
    const call: XCall = { context, http, accessToken: targets[candidate].credentials.accessToken };
    try {
      body = await xRead(call, '/2/users', { ids: ids.join(','), 'user.fields': X_USER_FIELDS });
      lookupToken = call.accessToken;
      break;
    } catch (error) {
      const failure = asPlatformError(error);
      if (isTokenSpecific(failure)) {
        into.failures.set(candidate, failure);
        continue;
      }
      lastError = failure;
      const perUserWindow = failure.kind === PlatformErrorKind.RATE_LIMITED && !isAppWideProblem(failure);
      if (!perUserWindow || ++rateLimited >= RATE_LIMITED_LOOKUP_ATTEMPTS) break;
    }
  }
  const byId = new Map<string, Record<string, unknown> | PlatformError>();
  if (body) {
    for (const user of recordsIn(body, 'the user lookup')) if (typeof user.id === 'string') byId.set(user.id, user);
    // Partial errors on 200: each entry names the id it is about.
    for (const problem of Array.isArray(body.errors) ? body.errors : []) {
      const id = isRecord(problem) ? (problem.resource_id ?? problem.value) : undefined;
      if (typeof id === 'string' && !byId.has(id)) byId.set(id, errorFromProblem(problem));
    }
  }
  for (const index of batch) {
    if (into.failures.has(index)) continue;
    const found = byId.get(targets[index].externalId);
    if (found === undefined) {
      into.failures.set(index, lastError ?? xError(PlatformErrorKind.BAD_RESPONSE, 'X did not answer for this account in the user lookup'));
    } else if (isPlatformError(found)) {
      into.failures.set(index, found);
    } else {
      into.profiles.set(index, found);
      if (lookupToken !== null && targets[index].credentials.accessToken === lookupToken) into.ownTokenChecked.add(index);
    }
  }
}

/**
 * Posts (50 newest) and the whole following list, with the account's own token. `ownTokenChecked`: the profile
 * lookup already used this account's token; otherwise at least one call here must, or a revoked token of a
 * dormant account would still read as a success.
 */
async function readAccount(call: XCall, profile: Record<string, unknown>, ownTokenChecked: boolean) {
  const id = idSegment(String(profile.id), 'an account id');
  const metrics = isRecord(profile.public_metrics) ? profile.public_metrics : {};
  // Skipping a list the profile says is empty saves a call per account, as long as one call still checks the token.
  const skipFollowing = metrics.following_count === 0;
  const skipTweets = metrics.tweet_count === 0 && (ownTokenChecked || !skipFollowing);
  const [tweets, following] = await Promise.allSettled([
    skipTweets
      ? Promise.resolve([])
      : readAllPages(call, `/2/users/${id}/tweets`, { 'tweet.fields': X_TWEET_FIELDS }, {
          maxItems: RECENT_POSTS,
          pageSize: (read) => Math.min(100, Math.max(5, RECENT_POSTS - read)),
        }),
    skipFollowing ? Promise.resolve([]) : readAllPages(call, `/2/users/${id}/following`, {}, { pageSize: () => 1000 }),
  ]);
  if (tweets.status === 'rejected') throw tweets.reason;
  if (following.status === 'rejected') throw following.reason;
  return mapXSnapshot(profile, tweets.value, following.value);
}

/** Splits shared calls over the accounts that shared them, so the per-account counts add up to the total. */
function shareOut(calls: number, indexes: number[], shares: number[]): void {
  indexes.forEach((index, position) => {
    shares[index] += Math.floor(calls / indexes.length) + (position < calls % indexes.length ? 1 : 0);
  });
}

function addTo(total: CallMeter, meter: CallMeter): void {
  total.calls += meter.calls;
  if (meter.usagePercent !== null) total.observeUsage(meter.usagePercent, meter.resetAt);
}

export async function fetchXSnapshots(context: ConnectorContext, targets: SnapshotTarget[]): Promise<SnapshotOutcome[]> {
  const lookup: Lookup = { profiles: new Map(), failures: new Map(), ownTokenChecked: new Set() };
  const shared = targets.map(() => 0);
  const batches: number[][] = [];
  for (let start = 0; start < targets.length; start += LOOKUP_BATCH) {
    batches.push(targets.slice(start, start + LOOKUP_BATCH).map((_, offset) => start + offset));
  }
  await mapWithConcurrency(batches, CONCURRENCY, async (batch) => {
    const meter = new CallMeter();
    try {
      await lookupBatch(context, context.http.withMeter(meter), targets, batch, lookup);
    } catch (error) {
      for (const index of batch) if (!lookup.profiles.has(index) && !lookup.failures.has(index)) lookup.failures.set(index, asPlatformError(error));
    } finally {
      shareOut(meter.calls, batch, shared);
      addTo(context.http.meter, meter);
    }
  });

  return mapWithConcurrency(targets, CONCURRENCY, async (target, index): Promise<SnapshotOutcome> => {
    const failure = lookup.failures.get(index);
    const profile = lookup.profiles.get(index);
    if (failure || !profile) {
      return { key: target.key, ok: false, error: failure ?? asPlatformError(null), apiCalls: shared[index] };
    }
    const meter = new CallMeter();
    try {
      const call: XCall = { context, http: context.http.withMeter(meter), accessToken: target.credentials.accessToken };
      const snapshot = await readAccount(call, profile, lookup.ownTokenChecked.has(index));
      return { key: target.key, ok: true, snapshot, apiCalls: shared[index] + meter.calls };
    } catch (error) {
      return { key: target.key, ok: false, error: asPlatformError(error), apiCalls: shared[index] + meter.calls };
    } finally {
      addTo(context.http.meter, meter);
    }
  });
}
