import { createHash } from 'node:crypto';
import { Platform } from '../../src/accounts/account.enums';
import { CallMeter } from '../../integrations/http/platform-http';
import { PlatformErrorKind, type PlatformError } from '../../integrations/platform-error';
import {
  RemediationKind, type CodeExchangeResult, type ProviderDefinition, type SnapshotOutcome, type SnapshotTarget,
} from '../../integrations/provider';
import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { SIMULATOR_CLIENT } from '../../integrations/simulator/simulator-server';
import { SnapshotField, type AccountSnapshot } from '../../integrations/snapshot';
import { xProvider } from '../../integrations/x/provider';
import type { XSimulator } from '../../integrations/x/simulator';
import type { XFixture } from '../../integrations/x/simulator-data';
import { startSimulatorHarness, type SimulatorHarness } from '../support/platform-simulators';

const connector = xProvider.connector;
const REDIRECT_URI = 'http://127.0.0.1:1/oauth/callback';
const VERIFIER = 'proctor-test-verifier-'.padEnd(64, 'x');
const ALL_SCOPES = [...xProvider.scopes.read, ...xProvider.scopes.remediate];
const BASIC = `Basic ${Buffer.from(`${SIMULATOR_CLIENT.clientId}:${SIMULATOR_CLIENT.clientSecret}`).toString('base64')}`;

let harness: SimulatorHarness;
let simulator: XSimulator;

beforeEach(async () => {
  harness = await startSimulatorHarness([xProvider]);
  simulator = harness.running.get(Platform.X) as XSimulator;
});

afterEach(async () => {
  await harness.close();
});

const context = (meter = new CallMeter()) => harness.context(Platform.X, meter);
const userIdOf = (handle: string) => simulator.store.userByUsername(handle)!.id;
const apiRequests = (key: string) => simulator.control.requests.get(key) ?? 0;

/** The authorization-code flow as passport-oauth2 runs it: PKCE S256, Basic auth plus client_id/secret in the body. */
async function authorize(handle: string, scopes: string[] = ALL_SCOPES): Promise<Record<string, unknown>> {
  const urls = harness.running.urls(Platform.X);
  const url = new URL(urls.authorize);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: SIMULATOR_CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    scope: scopes.join(' '),
    state: 'test-state',
    code_challenge: createHash('sha256').update(VERIFIER).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  simulator.control.consent = { decision: 'APPROVE', userId: simulator.consentUserFor(handle)! };
  const redirect = await fetch(url, { redirect: 'manual' });
  simulator.control.consent = { decision: 'SHOW_PAGE' };
  const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
  const response = await fetch(urls.token, {
    method: 'POST',
    headers: { authorization: BASIC },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: VERIFIER,
      client_id: SIMULATOR_CLIENT.clientId, client_secret: SIMULATOR_CLIENT.clientSecret,
    }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** What passport hands over: refresh_token taken out of params. */
function exchangeOf(token: Record<string, unknown>): CodeExchangeResult {
  const { refresh_token: refreshToken, ...params } = token;
  return { accessToken: String(token.access_token), refreshToken: typeof refreshToken === 'string' ? refreshToken : null, params };
}

async function connect(handle: string, scopes?: string[]): Promise<SnapshotTarget> {
  const result = await connector.completeAuthorization(context(), exchangeOf(await authorize(handle, scopes)), { handle, externalId: null });
  return { key: handle, externalId: result.externalId, handle, credentials: result.grant.credentials };
}

async function failureOf(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    return error as PlatformError;
  }
  throw new Error('expected a PlatformError');
}

function snapshotOf(outcome: SnapshotOutcome): AccountSnapshot {
  if (!outcome.ok) throw new Error(`${outcome.key} failed: ${outcome.error.kind}`);
  return outcome.snapshot;
}

function errorOf(outcome: SnapshotOutcome): PlatformError {
  if (outcome.ok) throw new Error(`${outcome.key} did not fail`);
  return outcome.error;
}

async function connectAll(...handles: string[]): Promise<SnapshotTarget[]> {
  const targets: SnapshotTarget[] = [];
  for (const handle of handles) targets.push(await connect(handle));
  simulator.control.reset();
  return targets;
}

describe('X OAuth 2.0 (authorization code + PKCE, confidential client)', () => {
  it('exchanges the code and finds the consenting account by handle', async () => {
    const token = await authorize('mrs_athletics');
    expect(token).toEqual(expect.objectContaining({ token_type: 'bearer', expires_in: 7200, scope: ALL_SCOPES.join(' ') }));
    const before = Date.now();
    const result = await connector.completeAuthorization(context(), exchangeOf(token), { handle: '@MRS_Athletics', externalId: null });
    expect(result.externalId).toBe(userIdOf('mrs_athletics'));
    expect(result.displayName).toBe('MRS Athletics');
    expect(result.grant.credentials.refreshToken).toEqual(expect.any(String));
    expect(result.grant.scopes).toEqual(ALL_SCOPES);
    expect(result.grant.accessTokenExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 7200_000);
    expect(result.grant.accessTokenExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 7200_000);
    expect(result.grant.refreshTokenExpiresAt).toBeNull();
  });

  it('matches by external id when known, and refuses a login that is not the registered account', async () => {
    const token = await authorize('mrs_athletics');
    const byId = await connector.completeAuthorization(context(), exchangeOf(token), { handle: 'old_name', externalId: userIdOf('mrs_athletics') });
    expect(byId.externalId).toBe(userIdOf('mrs_athletics'));
    const wrong = await failureOf(
      connector.completeAuthorization(context(), exchangeOf(await authorize('cpe_grade5')), { handle: 'mrs_athletics', externalId: null }),
    );
    expect(wrong.kind).toBe(PlatformErrorKind.ACCOUNT_NOT_MANAGED);
  });

  it('rejects an authorize request without code_challenge and a token request without Basic auth or verifier', async () => {
    const urls = harness.running.urls(Platform.X);
    const url = new URL(urls.authorize);
    url.search = new URLSearchParams({ response_type: 'code', client_id: SIMULATOR_CLIENT.clientId, redirect_uri: REDIRECT_URI, scope: 'users.read', state: 's' }).toString();
    simulator.control.consent = { decision: 'APPROVE', userId: userIdOf('mrs_athletics') };
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();

    const post = (headers: Record<string, string>, form: Record<string, string>) =>
      fetch(urls.token, { method: 'POST', headers, body: new URLSearchParams(form) }).then(async (response) => ({ status: response.status, body: await response.json() }));
    const noBasic = await post({}, { grant_type: 'refresh_token', refresh_token: 'x', client_id: SIMULATOR_CLIENT.clientId });
    expect(noBasic).toEqual({ status: 401, body: expect.objectContaining({ error: 'unauthorized_client' }) });
    const noGrant = await post({ authorization: BASIC }, {});
    expect(noGrant).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_request' }) });
    const noVerifier = await post({ authorization: BASIC }, { grant_type: 'authorization_code', code: 'abc', redirect_uri: REDIRECT_URI });
    expect(noVerifier).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_request' }) });
  });

  it('refreshes with rotation: the used refresh token stops working, and replaying it ends the consent', async () => {
    const [target] = await connectAll('mrs_athletics');
    const grant = await connector.refresh(context(), target.credentials);
    expect(grant.credentials.accessToken).not.toBe(target.credentials.accessToken);
    expect(grant.credentials.refreshToken).not.toBe(target.credentials.refreshToken);
    expect(grant.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 7100_000);
    const [fresh] = await connector.fetchSnapshots(context(), [{ ...target, credentials: grant.credentials }]);
    expect(fresh.ok).toBe(true);

    const replay = await failureOf(connector.refresh(context(), target.credentials));
    expect(replay).toMatchObject({ kind: PlatformErrorKind.TOKEN_REVOKED, status: 400, platformCode: 'invalid_request' });
    // Reuse detection: the whole family is gone, including the tokens the first refresh issued.
    expect((await failureOf(connector.refresh(context(), grant.credentials))).kind).toBe(PlatformErrorKind.TOKEN_REVOKED);
    const [after] = await connector.fetchSnapshots(context(), [{ ...target, credentials: grant.credentials }]);
    expect(errorOf(after).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
  });

  it('issues no refresh token without offline.access; refresh then says reconnect', async () => {
    const scopes = ['tweet.read', 'users.read', 'follows.read'];
    const token = await authorize('cpe_grade5', scopes);
    expect(token.refresh_token).toBeUndefined();
    const result = await connector.completeAuthorization(context(), exchangeOf(token), { handle: 'cpe_grade5', externalId: null });
    expect(result.grant.credentials.refreshToken).toBeNull();
    expect((await failureOf(connector.refresh(context(), result.grant.credentials))).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
  });

  it('revoked consent: reads answer 401 (TOKEN_EXPIRED), the refresh then answers invalid_request (TOKEN_REVOKED)', async () => {
    const [target] = await connectAll('cpe_grade5');
    simulator.tokens.revokeUser(userIdOf('cpe_grade5'));
    const [outcome] = await connector.fetchSnapshots(context(), [target]);
    expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.TOKEN_EXPIRED, status: 401 });
    expect((await failureOf(connector.refresh(context(), target.credentials))).kind).toBe(PlatformErrorKind.TOKEN_REVOKED);
  });

  it('POST /2/oauth2/revoke ends the access and refresh tokens of the consent', async () => {
    const [target] = await connectAll('sandbox_sd');
    const response = await fetch(`${harness.running.urls(Platform.X).api}/2/oauth2/revoke`, {
      method: 'POST',
      headers: { authorization: BASIC },
      body: new URLSearchParams({ token: target.credentials.accessToken, token_type_hint: 'access_token' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revoked: true });
    expect(errorOf((await connector.fetchSnapshots(context(), [target]))[0]).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    expect((await failureOf(connector.refresh(context(), target.credentials))).kind).toBe(PlatformErrorKind.TOKEN_REVOKED);
  });
});

describe('X snapshots', () => {
  it('reads several accounts completely with small pages (following >= 3 pages each) and maps them', async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5', 'sandbox_sd');
    simulator.control.pageSizeCap = 2;
    const meter = new CallMeter();
    const outcomes = await connector.fetchSnapshots(context(meter), targets);
    const [athletics, grade5, district] = outcomes.map(snapshotOf);

    for (const handle of ['mrs_athletics', 'cpe_grade5', 'sandbox_sd']) {
      expect(apiRequests(`GET /2/users/${userIdOf(handle)}/following`)).toBeGreaterThanOrEqual(3);
    }
    expect(athletics.following).toHaveLength(10);
    expect(athletics.following).toContainEqual({ externalId: userIdOf('jordank_07'), handle: 'jordank_07', name: 'Jordan K' });
    expect(grade5.following).toHaveLength(5);
    expect(district.following).toHaveLength(5);
    expect(athletics.recentPosts).toHaveLength(8);
    expect(grade5.recentPosts).toHaveLength(3);

    expect(athletics).toMatchObject({
      platform: Platform.X,
      externalId: userIdOf('mrs_athletics'),
      handle: 'mrs_athletics',
      displayName: 'MRS Athletics',
      website: 'https://mapleridge.sandbox-sd.example.org/athletics',
      audience: 'PUBLIC',
      comments: { mode: 'PER_POST', lastModeratedAt: null, heldForReviewCount: null },
      admins: null,
      contactEmail: null,
      lastPostAt: '2026-03-02T05:12:00.000Z',
      followerCount: 1284,
      unavailable: [SnapshotField.ADMINS, SnapshotField.CONTACT_EMAIL],
    });
    expect(athletics.profileText).toContain('Sandbox School District');
    const studentPost = athletics.recentPosts!.find((post) => post.mentions.includes('jordank_07'))!;
    expect(studentPost).toMatchObject({ commentsEnabled: true, url: `https://x.com/mrs_athletics/status/${studentPost.externalId}` });
    expect(athletics.recentPosts!.filter((post) => post.commentsEnabled === false)).toHaveLength(2);
    expect(athletics.recentPosts!.map((post) => post.createdAt)).toEqual([...athletics.recentPosts!.map((post) => post.createdAt)].sort().reverse());
    expect(grade5).toMatchObject({ audience: 'PRIVATE', website: null, lastPostAt: '2025-06-20T22:00:00.000Z' });

    // 1 lookup + following pages (5 + 3 + 3) + timeline pages (4 + 2 + 2).
    expect(apiRequests('GET /2/users')).toBe(1);
    expect(simulator.control.totalRequests()).toBe(20);
    expect(meter.calls).toBe(20);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.apiCalls, 0)).toBe(20);
  });

  it('batches profiles into one lookup: exactly 2 calls per account plus the shared lookup', async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5', 'sandbox_sd', 'lms_robotics', 'cpe_library');
    const meter = new CallMeter();
    const outcomes = await connector.fetchSnapshots(context(meter), targets);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    // cpe_library follows nobody: its following_count says so and the list is not read.
    expect(outcomes.map((outcome) => outcome.apiCalls)).toEqual([3, 2, 2, 2, 1]);
    expect(meter.calls).toBe(10);
    expect(simulator.control.totalRequests()).toBe(10);
    expect(snapshotOf(outcomes[4]).following).toEqual([]);
    // Usage is the busiest window: following allows 15 per 15 minutes, 1 used.
    expect(meter.usagePercent).toBeCloseTo(100 / 15, 5);
    expect(meter.resetAt!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('retries the lookup with another account when the first token is refused; only that account fails', async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5', 'sandbox_sd');
    simulator.tokens.revokeUser(userIdOf('mrs_athletics'));
    const outcomes = await connector.fetchSnapshots(context(), targets);
    expect(errorOf(outcomes[0]).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    expect(outcomes.slice(1).every((outcome) => outcome.ok)).toBe(true);
    expect(apiRequests('GET /2/users')).toBe(2);
  });

  it("retries the lookup after a token's own 403 (missing scope), failing only that account", async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5', 'sandbox_sd');
    const unscoped = simulator.tokens.issueAccessToken({ userId: userIdOf('mrs_athletics'), scopes: ['tweet.read'], kind: 'oauth2-user' }, 7200).token;
    const outcomes = await connector.fetchSnapshots(context(), [{ ...targets[0], credentials: { accessToken: unscoped } }, ...targets.slice(1)]);
    expect(errorOf(outcomes[0])).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, status: 403, platformCode: 'about:blank' });
    expect(outcomes.slice(1).every((outcome) => outcome.ok)).toBe(true);
    expect(apiRequests('GET /2/users')).toBe(2);
  });

  it("checks a dormant account's own token even when the lookup used another account's", async () => {
    // mapleridge_rec has no posts and follows nobody: the lookup (with mrs_athletics' token) finds it anyway.
    const [athletics, dormant] = await connectAll('mrs_athletics', 'mapleridge_rec');
    simulator.tokens.revokeUser(userIdOf('mapleridge_rec'));
    const outcomes = await connector.fetchSnapshots(context(), [athletics, dormant]);
    expect(outcomes[0].ok).toBe(true);
    expect(errorOf(outcomes[1])).toMatchObject({ kind: PlatformErrorKind.TOKEN_EXPIRED, status: 401 });
    expect(apiRequests('GET /2/users')).toBe(1);
    expect(apiRequests(`GET /2/users/${userIdOf('mapleridge_rec')}/tweets`)).toBe(1);
  });

  it("reads a dormant account with one extra call, or none when its own token made the lookup", async () => {
    const [athletics, dormant] = await connectAll('mrs_athletics', 'mapleridge_rec');
    const [, second] = await connector.fetchSnapshots(context(), [athletics, dormant]);
    expect(snapshotOf(second)).toMatchObject({ recentPosts: [], following: [] });
    expect(apiRequests(`GET /2/users/${userIdOf('mapleridge_rec')}/tweets`)).toBe(1);
    expect(apiRequests(`GET /2/users/${userIdOf('mapleridge_rec')}/following`)).toBe(0);

    simulator.control.reset();
    const [alone] = await connector.fetchSnapshots(context(), [dormant]);
    expect(snapshotOf(alone)).toMatchObject({ recentPosts: [], following: [] });
    expect(alone.apiCalls).toBe(1);
    expect(simulator.control.totalRequests()).toBe(1);
  });

  it('maps per-id lookup errors (suspended, unknown) to those accounts only', async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5');
    const jazz = userIdOf('lms_jazzband');
    const suspended: SnapshotTarget = { key: 'jazz', externalId: jazz, handle: 'lms_jazzband', credentials: { accessToken: simulator.tokens.mintForTest(jazz, 'oauth2-user', 7200) } };
    const unknown: SnapshotTarget = { ...targets[1], key: 'gone', externalId: '999999999' };
    const outcomes = await connector.fetchSnapshots(context(), [targets[0], suspended, unknown, targets[1]]);
    expect(errorOf(outcomes[1])).toMatchObject({ kind: PlatformErrorKind.NOT_FOUND, platformCode: 'https://api.twitter.com/2/problems/resource-not-found' });
    expect(errorOf(outcomes[2]).kind).toBe(PlatformErrorKind.NOT_FOUND);
    expect(outcomes[0].ok && outcomes[3].ok).toBe(true);
    expect(apiRequests('GET /2/users')).toBe(1);
  });

  it("answers PERMISSION_DENIED for a protected account's posts read by someone who does not follow it", async () => {
    const [robotics] = await connectAll('lms_robotics');
    const target: SnapshotTarget = { ...robotics, key: 'grade5', externalId: userIdOf('cpe_grade5') };
    const [outcome] = await connector.fetchSnapshots(context(), [target]);
    expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, platformCode: 'https://api.twitter.com/2/problems/not-authorized-for-resource' });
  });

  it('reads a generated fixture of 120 accounts with 2 lookups (bench shape)', async () => {
    const people = Array.from({ length: 10 }, (_, index) => ({ id: String(5000 + index), username: `parent_${index}`, name: `Parent ${index}`, createdAt: '2020-01-01T00:00:00.000Z' }));
    const accounts = Array.from({ length: 120 }, (_, index) => ({
      id: String(1_000_000 + index),
      username: `school_${index}`,
      name: `School ${index}`,
      description: 'A school in Sandbox School District.',
      website: `https://school${index}.sandbox-sd.example.org`,
      createdAt: '2021-01-01T00:00:00.000Z',
      following: people.slice(0, 3).map((person) => person.id),
      tweets: [0, 1].map((post) => ({ id: String(9_000_000 + index * 10 + post), text: `News ${post}`, createdAt: `2026-01-0${post + 1}T10:00:00.000Z` })),
    }));
    const fixture: XFixture = { users: [...people, ...accounts] };
    await harness.close();
    harness = await startSimulatorHarness([xProvider], { [Platform.X]: fixture });
    simulator = harness.running.get(Platform.X) as XSimulator;
    const targets = accounts.map((account) => ({
      key: account.username, externalId: account.id, handle: account.username,
      credentials: { accessToken: simulator.tokens.mintForTest(account.id, 'oauth2-user', 7200) },
    }));
    const meter = new CallMeter();
    const outcomes = await connector.fetchSnapshots(context(meter), targets);
    expect(outcomes.every((outcome) => outcome.ok && outcome.snapshot.following!.length === 3 && outcome.snapshot.recentPosts!.length === 2)).toBe(true);
    expect(apiRequests('GET /2/users')).toBe(2);
    expect(meter.calls).toBe(2 + 120 * 2);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.apiCalls, 0)).toBe(meter.calls);
  });

  it('refuses an invalid fixture at load time', () => {
    const broken = { users: [{ id: '1', username: 'a', name: 'A', createdAt: '2020-01-01T00:00:00.000Z', following: ['2'] }] };
    expect(() => xProvider.createSimulator({ ...SIMULATOR_CLIENT, fixture: broken })).toThrow(/unknown user 2/);
  });
});

describe('X faults', () => {
  it('EXPIRED_TOKEN (fault and real expiry) → TOKEN_EXPIRED for that account; a refresh recovers', async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5');
    simulator.control.inject(SimulatorFault.EXPIRED_TOKEN, { pathIncludes: `/2/users/${userIdOf('cpe_grade5')}/tweets` });
    let outcomes = await connector.fetchSnapshots(context(), targets);
    expect(outcomes[0].ok).toBe(true);
    expect(errorOf(outcomes[1])).toMatchObject({ kind: PlatformErrorKind.TOKEN_EXPIRED, status: 401, platformCode: 'about:blank' });

    simulator.tokens.expireAccessTokens(userIdOf('cpe_grade5'));
    outcomes = await connector.fetchSnapshots(context(), [targets[1]]);
    expect(errorOf(outcomes[0]).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    const grant = await connector.refresh(context(), targets[1].credentials);
    outcomes = await connector.fetchSnapshots(context(), [{ ...targets[1], credentials: grant.credentials }]);
    expect(outcomes[0].ok).toBe(true);
  });

  it('REVOKED_TOKEN → the read fails TOKEN_EXPIRED (X sends the same 401) and the refresh TOKEN_REVOKED', async () => {
    const targets = await connectAll('mrs_athletics', 'sandbox_sd');
    simulator.control.inject(SimulatorFault.REVOKED_TOKEN, { pathIncludes: `/2/users/${userIdOf('mrs_athletics')}/following` });
    const outcomes = await connector.fetchSnapshots(context(), targets);
    expect(errorOf(outcomes[0]).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    expect(outcomes[1].ok).toBe(true);
    expect((await failureOf(connector.refresh(context(), targets[0].credentials))).kind).toBe(PlatformErrorKind.TOKEN_REVOKED);
  });

  it('RATE_LIMIT → RATE_LIMITED with retryAfterSeconds and full usage, in both body variants', async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5');
    const [athletics, grade5] = [userIdOf('mrs_athletics'), userIdOf('cpe_grade5')];
    simulator.settings.rateLimitBody = 'ALTERNATE';
    simulator.control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: `/2/users/${athletics}/tweets` });
    simulator.control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: `/2/users/${grade5}/tweets` });
    const meter = new CallMeter();
    const outcomes = await connector.fetchSnapshots(context(meter), targets);
    const errors = outcomes.map(errorOf);
    for (const error of errors) {
      expect(error).toMatchObject({ kind: PlatformErrorKind.RATE_LIMITED, status: 429 });
      expect(error.retryAfterSeconds).toBeGreaterThan(800);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(901);
    }
    expect(errors.map((error) => error.platformCode).sort()).toEqual(['88', 'about:blank']);
    expect(meter.usagePercent).toBe(100);
  });

  it('exhausting a real window (following: 15 per 15 minutes) answers 429 until the window resets', async () => {
    const [target] = await connectAll('mrs_athletics');
    simulator.control.pageSizeCap = 1;
    expect((await connector.fetchSnapshots(context(), [target]))[0].ok).toBe(true);
    const [limited] = await connector.fetchSnapshots(context(), [target]);
    expect(errorOf(limited).kind).toBe(PlatformErrorKind.RATE_LIMITED);
    simulator.control.clockOffsetMs = 15 * 60_000 + 1000;
    expect((await connector.fetchSnapshots(context(), [target]))[0].ok).toBe(true);
  });

  it('usage cap → RATE_LIMITED', async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5');
    simulator.settings.usageCap = { period: 'Monthly', scope: 'Product' };
    const outcomes = await connector.fetchSnapshots(context(), targets);
    for (const outcome of outcomes) {
      expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.RATE_LIMITED, platformCode: 'https://api.twitter.com/2/problems/usage-capped' });
    }
  });

  it('an app-wide refusal (client-forbidden, usage cap) stops the lookup at the first token and fails every account', async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5', 'sandbox_sd');
    simulator.settings.clientForbidden = true;
    let outcomes = await connector.fetchSnapshots(context(), targets);
    for (const outcome of outcomes) {
      expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, status: 403, platformCode: 'https://api.twitter.com/2/problems/client-forbidden' });
    }
    expect(apiRequests('GET /2/users')).toBe(1);
    expect(simulator.control.totalRequests()).toBe(1);

    simulator.control.reset();
    simulator.settings.usageCap = { period: 'Daily', scope: 'Product' };
    outcomes = await connector.fetchSnapshots(context(), targets);
    for (const outcome of outcomes) {
      expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.RATE_LIMITED, status: 429, platformCode: 'https://api.twitter.com/2/problems/usage-capped' });
    }
    expect(apiRequests('GET /2/users')).toBe(1);
    expect(simulator.control.totalRequests()).toBe(1);
  });

  it('SERVER_ERROR once is retried; persistent → UNAVAILABLE for that account only', async () => {
    const targets = await connectAll('mrs_athletics', 'cpe_grade5');
    simulator.control.inject(SimulatorFault.SERVER_ERROR, { pathIncludes: '/2/users' });
    let outcomes = await connector.fetchSnapshots(context(), targets);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(apiRequests('GET /2/users')).toBe(2);

    simulator.control.inject(SimulatorFault.SERVER_ERROR, { times: 10, pathIncludes: `/2/users/${userIdOf('cpe_grade5')}/following` });
    outcomes = await connector.fetchSnapshots(context(), targets);
    expect(outcomes[0].ok).toBe(true);
    expect(errorOf(outcomes[1])).toMatchObject({ kind: PlatformErrorKind.UNAVAILABLE, status: 503 });
  });

  it('PARTIAL_PAGE (empty and short pages that still point on) → lists still complete', async () => {
    const [target] = await connectAll('mrs_athletics');
    for (const cap of [1, 3]) {
      simulator.rateLimits.reset();
      simulator.control.pageSizeCap = cap;
      simulator.control.inject(SimulatorFault.PARTIAL_PAGE, { times: 3, pathIncludes: '/following' });
      simulator.control.inject(SimulatorFault.PARTIAL_PAGE, { times: 2, pathIncludes: '/tweets' });
      const snapshot = snapshotOf((await connector.fetchSnapshots(context(), [target]))[0]);
      expect(snapshot.following).toHaveLength(10);
      expect(new Set(snapshot.following!.map((follow) => follow.externalId)).size).toBe(10);
      expect(snapshot.recentPosts).toHaveLength(8);
      expect(simulator.control.pendingFaults()).toHaveLength(0);
    }
  });
});

describe('X remediation', () => {
  const read = async (target: SnapshotTarget) => snapshotOf((await connector.fetchSnapshots(context(), [target]))[0]);

  it('UPDATE_PROFILE_TEXT and UPDATE_WEBSITE change the profile; a re-read shows them', async () => {
    const [target] = await connectAll('cpe_grade5');
    const text = "Ms. Okafor's Grade 5 at Cedar Park Elementary, Sandbox School District.";
    const result = await connector.applyAction(context(), target, { kind: RemediationKind.UPDATE_PROFILE_TEXT, params: { text } });
    expect(result.platformResponse).toMatchObject({ data: { description: text } });
    await connector.applyAction(context(), target, { kind: RemediationKind.UPDATE_WEBSITE, params: { url: 'https://cedarpark.sandbox-sd.example.org' } });
    const snapshot = await read(target);
    expect(snapshot.profileText).toBe(text);
    expect(snapshot.website).toBe('https://cedarpark.sandbox-sd.example.org');
    expect(JSON.stringify(result.platformResponse)).not.toContain(target.credentials.accessToken);
  });

  it('DELETE_POST removes the post; a re-read no longer shows it', async () => {
    const [target] = await connectAll('mrs_athletics');
    const studentPost = (await read(target)).recentPosts!.find((post) => post.mentions.includes('jordank_07'))!;
    const result = await connector.applyAction(context(), target, { kind: RemediationKind.DELETE_POST, params: { postId: studentPost.externalId } });
    expect(result.platformResponse).toEqual({ data: { deleted: true } });
    const after = await read(target);
    expect(after.recentPosts).toHaveLength(7);
    expect(after.recentPosts!.some((post) => post.externalId === studentPost.externalId)).toBe(false);
    const again = await failureOf(connector.applyAction(context(), target, { kind: RemediationKind.DELETE_POST, params: { postId: studentPost.externalId } }));
    expect(again.kind).toBe(PlatformErrorKind.NOT_FOUND);
  });

  it('HIDE_COMMENT hides a reply in the account’s own conversation; others are refused', async () => {
    const [target] = await connectAll('mrs_athletics');
    const reply = simulator.store.timeline(userIdOf('angry_ref_fan'))[0];
    const result = await connector.applyAction(context(), target, { kind: RemediationKind.HIDE_COMMENT, params: { commentId: reply.id } });
    expect(result.platformResponse).toEqual({ data: { hidden: true } });
    expect(simulator.store.tweets.get(reply.id)!.hidden).toBe(true);

    const notAReply = simulator.store.timeline(userIdOf('valley_gazette'))[0];
    const refused = await failureOf(connector.applyAction(context(), target, { kind: RemediationKind.HIDE_COMMENT, params: { commentId: notAReply.id } }));
    expect(refused).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, status: 403 });
    const othersPost = await failureOf(connector.applyAction(context(), target, { kind: RemediationKind.DELETE_POST, params: { postId: notAReply.id } }));
    expect(othersPost.kind).toBe(PlatformErrorKind.PERMISSION_DENIED);
  });

  it('refuses kinds X has no API for, bad parameters, and writes without the write scope', async () => {
    const [target] = await connectAll('mrs_athletics');
    const unsupported = await failureOf(connector.applyAction(context(), target, { kind: RemediationKind.SET_AUDIENCE_PRIVATE, params: {} }));
    expect(unsupported.kind).toBe(PlatformErrorKind.BAD_REQUEST);
    const badId = await failureOf(connector.applyAction(context(), target, { kind: RemediationKind.DELETE_POST, params: { postId: '../users/me' } }));
    expect(badId.kind).toBe(PlatformErrorKind.BAD_REQUEST);
    expect(simulator.control.totalRequests()).toBe(0);

    const readOnly = await connect('sandbox_sd', xProvider.scopes.read);
    const denied = await failureOf(connector.applyAction(context(), readOnly, { kind: RemediationKind.UPDATE_PROFILE_TEXT, params: { text: 'x' } }));
    expect(denied).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, status: 403 });
  });
});

describe('X request validation', () => {
  const get = async (path: string, accessToken?: string) => {
    const response = await fetch(`${harness.running.urls(Platform.X).api}${path}`, {
      headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers a missing Authorization header with the 401 Problem and rate-limit headers', async () => {
    const response = await get('/2/users/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    for (const header of ['x-rate-limit-limit', 'x-rate-limit-remaining', 'x-rate-limit-reset']) expect(response.headers.get(header)).toMatch(/^[0-9]+$/);
  });

  it('answers missing or invalid parameters with an invalid-request Problem', async () => {
    const token = simulator.tokens.mintForTest(userIdOf('mrs_athletics'), 'oauth2-user', 7200);
    const id = userIdOf('mrs_athletics');
    for (const path of [
      '/2/users',
      `/2/users?ids=${id}&user.fields=shoe_size`,
      `/2/users/${id}/following?max_results=0`,
      `/2/users/${id}/tweets?max_results=2`,
      `/2/users/${id}/tweets?pagination_token=not-a-token`,
      `/2/users/${id}/tweets?colour=blue`,
    ]) {
      const response = await get(path, token);
      expect({ path, status: response.status, type: response.body.type }).toEqual({
        path,
        status: 400,
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    }
  });
});
