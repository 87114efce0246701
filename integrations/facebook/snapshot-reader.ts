import { Platform } from '../../src/accounts/account.enums';
import { CallMeter, isRecord, retryUnavailable, type PlatformHttp } from '../http/platform-http';
import { isPlatformError, PlatformError, PlatformErrorKind } from '../platform-error';
import type { ConnectorContext, SnapshotOutcome, SnapshotTarget } from '../provider';
import { MAX_PAGES, nextCursor, rowsOf, tooManyPages } from './graph-api';
import { badResponse, graphErrorFrom, observeUsage, readUsageHeaders, type GraphUsageSignal } from './graph-errors';
import { mapFacebookSnapshot, RECENT_POST_LIMIT } from './mapper';

/** 10 Pages × 5 reads = 50 operations, Meta's batch maximum (platforms.md §1.4). */
const ACCOUNTS_PER_BATCH = 10;
const MAX_BATCH_OPERATIONS = 50;
const CONCURRENT_BATCHES = 8;
/** An operation answering "service unavailable" is sent again in the next batch, this many times in all. */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 100;

const PAGE_FIELDS = 'id,name,username,link,about,description,website,emails,phone,is_published,followers_count,fan_count,business';
/** Hidden comments (moderation evidence) ride along by field expansion instead of one call per post. */
const POST_FIELDS =
  'id,created_time,message,permalink_url,is_hidden,message_tags,comments.order(reverse_chronological).limit(25){id,created_time,is_hidden}';

type ListKind = 'roles' | 'assigned_users' | 'posts' | 'settings';

interface AccountRead {
  target: SnapshotTarget;
  token: string;
  meter: CallMeter;
  /** This account's part of the shared batch calls, before rounding. */
  callShare: number;
  page: Record<string, unknown> | null;
  lists: Record<ListKind, Record<string, unknown>[]>;
  assignedDenied: boolean;
  /** assigned_users depends on the Page's business id; when the Page read is retried, it waits for it. */
  assignedWaitsForPage: boolean;
  error: PlatformError | null;
}

interface Operation {
  account: AccountRead;
  kind: 'page' | ListKind;
  path: string;
  params: Record<string, string>;
  /** A batch reference (`business={result=page0:$.business.id}`), kept out of URL encoding. */
  reference?: string;
  name?: string;
  attempts: number;
  /** Which page of its list this read asks for (1 = the first); a list is followed for MAX_PAGES pages at most. */
  page: number;
  seen: Set<string>;
}

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function businessIdOf(page: Record<string, unknown> | null): string | null {
  return page && isRecord(page.business) && typeof page.business.id === 'string' ? page.business.id : null;
}

function operation(account: AccountRead, kind: Operation['kind'], path: string, params: Record<string, string>): Operation {
  return { account, kind, path, params, attempts: 1, page: 1, seen: new Set() };
}

function assignedUsers(account: AccountRead, business: { id: string } | { reference: string }): Operation {
  const read = operation(account, 'assigned_users', `${account.target.externalId}/assigned_users`, {
    fields: 'id,name,user_type,tasks',
    limit: '100',
  });
  if ('id' in business) read.params.business = business.id;
  else read.reference = business.reference;
  return read;
}

function firstReads(account: AccountRead, position: number): Operation[] {
  const pageId = account.target.externalId;
  const name = `page${position}`;
  return [
    { ...operation(account, 'page', pageId, { fields: PAGE_FIELDS }), name },
    assignedUsers(account, { reference: `business={result=${name}:$.business.id}` }),
    operation(account, 'roles', `${pageId}/roles`, { fields: 'id,name,tasks', limit: '100' }),
    operation(account, 'posts', `${pageId}/published_posts`, { fields: POST_FIELDS, limit: String(RECENT_POST_LIMIT) }),
    operation(account, 'settings', `${pageId}/settings`, { fields: 'setting,value', limit: '100' }),
  ];
}

function batchEntry(read: Operation): Record<string, unknown> {
  const query = new URLSearchParams({ ...read.params, access_token: read.account.token });
  const entry: Record<string, unknown> = {
    method: 'GET',
    relative_url: `${read.path}?${read.reference ? `${read.reference}&` : ''}${query}`,
  };
  if (read.name) {
    entry.name = read.name;
    entry.omit_response_on_success = false;
  }
  return entry;
}

/**
 * The batch envelope is sent with the app token (`clientId|clientSecret`), not a Page's: when Meta refuses
 * the envelope's token (190, 102), it is the app's id or secret it rejected. That says nothing about any Page's
 * own token, so it must not become TOKEN_REVOKED / TOKEN_EXPIRED on every Page in the batch (which would mark
 * every Facebook connection revoked): it is BAD_REQUEST, Proctor's client settings being wrong.
 */
function envelopeError(error: PlatformError): PlatformError {
  if (!error.isCredentialProblem) return error;
  return new PlatformError({
    kind: PlatformErrorKind.BAD_REQUEST,
    platform: Platform.FACEBOOK,
    status: error.status,
    platformCode: error.platformCode,
    message: `Facebook rejected the app credentials (client id and secret) on the batch call: ${error.message}`,
  });
}

async function sendBatch(context: ConnectorContext, http: PlatformHttp, reads: Operation[]) {
  const response = await retryUnavailable(async () => {
    const answer = await http.request({
      method: 'POST',
      url: `${context.apiUrl.replace(/\/+$/, '')}/`,
      // The app token at the top; each operation carries its Page's token, so one revoked Page fails alone.
      form: {
        access_token: `${context.clientId}|${context.clientSecret}`,
        include_headers: 'false',
        batch: JSON.stringify(reads.map(batchEntry)),
      },
    });
    if (answer.status >= 500) throw graphErrorFrom(answer.status, answer.body);
    // Meta counts every operation of a batch toward the rate limits, not the envelope (platforms.md §1.4).
    http.meter.calls += reads.length - 1;
    return answer;
  });
  const usage = readUsageHeaders(response.headers);
  if (response.status !== 200) throw envelopeError(graphErrorFrom(response.status, response.body, usage));
  if (!Array.isArray(response.body) || response.body.length !== reads.length) {
    throw badResponse('Facebook batch answered a different number of results');
  }
  return { entries: response.body as unknown[], usage };
}

function entryBody(entry: unknown, usage: GraphUsageSignal, pageId: string): Record<string, unknown> {
  // Meta answers null for the operations it did not get to before the batch timed out: not run, so send again.
  if (entry === null) {
    throw new PlatformError({
      kind: PlatformErrorKind.UNAVAILABLE,
      platform: Platform.FACEBOOK,
      message: 'Facebook batch did not finish this operation (null result)',
    });
  }
  if (!isRecord(entry) || typeof entry.code !== 'number' || typeof entry.body !== 'string') {
    throw badResponse('Facebook batch result is not {code, body}');
  }
  let body: unknown;
  try {
    body = JSON.parse(entry.body);
  } catch {
    throw badResponse('Facebook batch result body is not JSON');
  }
  if (entry.code !== 200 || (isRecord(body) && 'error' in body)) throw graphErrorFrom(entry.code, body, usage, pageId);
  if (!isRecord(body)) throw badResponse('Facebook batch result body is not an object');
  return body;
}

/** One result → the follow-up reads it calls for (next page, a retry, assigned_users once the business is known). */
function settle(read: Operation, entry: unknown, usage: GraphUsageSignal): Operation[] {
  const { account } = read;
  if (account.error) return [];
  let body: Record<string, unknown>;
  try {
    body = entryBody(entry, usage, account.target.externalId);
  } catch (error) {
    if (!isPlatformError(error)) throw error;
    if (read.kind === 'assigned_users') {
      if (account.page === null) {
        account.assignedWaitsForPage = true;
        return [];
      }
      // No business: the Page has no assigned users. No MANAGE task: the roster cannot be read in full.
      if (!businessIdOf(account.page)) return [];
      if (error.kind === PlatformErrorKind.PERMISSION_DENIED) {
        account.assignedDenied = true;
        return [];
      }
    }
    if (error.kind === PlatformErrorKind.UNAVAILABLE && read.attempts < ATTEMPTS) {
      const retry: Operation = { ...read, name: undefined, reference: undefined, attempts: read.attempts + 1 };
      const business = read.reference ? businessIdOf(account.page) : null;
      if (business) retry.params = { ...read.params, business };
      return [retry];
    }
    account.error = error;
    return [];
  }
  try {
    if (read.kind === 'page') {
      account.page = body;
      if (!account.assignedWaitsForPage) return [];
      account.assignedWaitsForPage = false;
      const business = businessIdOf(body);
      return business ? [assignedUsers(account, { id: business })] : [];
    }
    account.lists[read.kind].push(...rowsOf(body, read.path));
    if (read.kind === 'posts' && account.lists.posts.length >= RECENT_POST_LIMIT) return [];
    const after = nextCursor(body, read.seen);
    if (!after) return [];
    if (read.page >= MAX_PAGES) throw tooManyPages(read.path);
    const params: Record<string, string> = { ...read.params, after };
    const business = read.kind === 'assigned_users' ? businessIdOf(account.page) : null;
    if (business) params.business = business;
    return [{ ...read, params, reference: undefined, name: undefined, attempts: 1, page: read.page + 1 }];
  } catch (error) {
    if (!isPlatformError(error)) throw error;
    account.error = error;
    return [];
  }
}

/** Reads up to 10 Pages: one batch for every first page, then batches of whatever pages remain. */
async function readGroup(context: ConnectorContext, accounts: AccountRead[]): Promise<number> {
  const meter = new CallMeter();
  const http = context.http.withMeter(meter);
  let queue = accounts.flatMap((account, position) => firstReads(account, position));
  while (queue.length > 0) {
    const live = queue.filter((read) => !read.account.error);
    queue = [];
    for (let start = 0; start < live.length; start += MAX_BATCH_OPERATIONS) {
      const reads = live.slice(start, start + MAX_BATCH_OPERATIONS);
      const callsBefore = meter.calls;
      try {
        const { entries, usage } = await sendBatch(context, http, reads);
        for (const account of new Set(reads.map((read) => read.account))) {
          observeUsage(account.meter, usage, account.target.externalId, context.now());
        }
        observeUsage(context.http.meter, usage, null, context.now());
        reads.forEach((read, index) => queue.push(...settle(read, entries[index], usage)));
      } catch (error) {
        if (!isPlatformError(error)) throw error;
        for (const read of reads) read.account.error ??= error;
      } finally {
        const share = (meter.calls - callsBefore) / reads.length;
        for (const read of reads) read.account.callShare += share;
      }
    }
    const retries = queue.filter((read) => read.attempts > 1);
    if (retries.length > 0) await pause(RETRY_DELAY_MS * 2 ** (Math.max(...retries.map((read) => read.attempts)) - 2));
  }
  return meter.calls;
}

/** Whole calls per account that add up to the calls made (largest remainder). */
function attributeCalls(accounts: AccountRead[], total: number): void {
  const floors = accounts.map((account) => Math.floor(account.callShare + 1e-9));
  let remainder = total - floors.reduce((sum, value) => sum + value, 0);
  const byFraction = accounts
    .map((account, index) => ({ index, fraction: account.callShare - floors[index] }))
    .sort((left, right) => right.fraction - left.fraction);
  for (const { index } of byFraction) {
    if (remainder <= 0) break;
    floors[index] += 1;
    remainder -= 1;
  }
  accounts.forEach((account, index) => (account.meter.calls += floors[index]));
}

async function inPool<T>(items: T[], limit: number, worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await worker(item);
    }
  });
  await Promise.all(runners);
}

/** fetchSnapshots: Graph batches of 10 Pages, 8 batches in flight; one Page's failure stays its own. */
export async function readFacebookSnapshots(context: ConnectorContext, targets: SnapshotTarget[]): Promise<SnapshotOutcome[]> {
  const accounts: AccountRead[] = targets.map((target) => ({
    target,
    token: target.credentials.extra?.pageAccessToken ?? target.credentials.accessToken,
    meter: new CallMeter(),
    callShare: 0,
    page: null,
    lists: { roles: [], assigned_users: [], posts: [], settings: [] },
    assignedDenied: false,
    assignedWaitsForPage: false,
    error: null,
  }));
  const groups: AccountRead[][] = [];
  for (let start = 0; start < accounts.length; start += ACCOUNTS_PER_BATCH) groups.push(accounts.slice(start, start + ACCOUNTS_PER_BATCH));
  const callsPerGroup: number[] = [];
  await inPool(groups, CONCURRENT_BATCHES, async (group) => {
    callsPerGroup.push(await readGroup(context, group));
  });
  const total = callsPerGroup.reduce((sum, calls) => sum + calls, 0);
  attributeCalls(accounts, total);
  context.http.meter.calls += total;
  return accounts.map((account): SnapshotOutcome => {
    const { key } = account.target;
    const apiCalls = account.meter.calls;
    if (account.error) return { key, ok: false, error: account.error, apiCalls };
    if (!account.page) return { key, ok: false, error: badResponse('Facebook batch never answered the Page read'), apiCalls };
    const snapshot = mapFacebookSnapshot(account.target.externalId, {
      page: account.page,
      roles: account.lists.roles,
      assignedUsers: account.assignedDenied ? null : account.lists.assigned_users,
      posts: account.lists.posts,
      settings: account.lists.settings,
    });
    return { key, ok: true, snapshot, apiCalls };
  });
}
