import { authorizeOnSimulator as authorizeWithSimulators } from '../../integrations/simulator/authorize-on-simulator';
import { Platform } from '../../src/accounts/account.enums';
import { graphErrorFrom } from '../../integrations/facebook/graph-errors';
import { CallMeter } from '../../integrations/http/platform-http';
import { followPages, graphError } from '../../integrations/instagram/client';
import type { InstagramFixtureInput } from '../../integrations/instagram/simulator-data';
import { instagramProvider } from '../../integrations/instagram/provider';
import { PlatformErrorKind, type PlatformError } from '../../integrations/platform-error';
import { RemediationKind, type SnapshotOutcome, type SnapshotTarget } from '../../integrations/provider';
import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { SIMULATOR_CLIENT } from '../../integrations/simulator/simulator-server';
import { SnapshotField } from '../../integrations/snapshot';
import { startSimulatorHarness, type SimulatorHarness } from '../support/platform-simulators';

const connector = instagramProvider.connector;
const DAY_MS = 24 * 3_600_000;
const MAPLE_RIDGE = '17841400000000101';
const PROFESSIONAL = ['mapleridge.secondary', 'lms.robotics', 'cedarpark.elementary', 'mrs.drama.club'];

function simulatorOf(harness: SimulatorHarness) {
  return harness.running.get(Platform.INSTAGRAM);
}

const REDIRECT_URI = 'http://127.0.0.1:1/oauth/callback';
const BASIC_AUTHORIZE_QUERY = {
  client_id: SIMULATOR_CLIENT.clientId,
  redirect_uri: REDIRECT_URI,
  response_type: 'code',
  scope: 'instagram_business_basic',
};

/** The authorization-code flow as passport-oauth2 runs it, consenting as `userId`. */
function authorizeOnSimulator(harness: SimulatorHarness, userId: string, scopes?: string[]): Promise<Record<string, unknown>> {
  return authorizeWithSimulators(harness.running, instagramProvider, userId, { scopes, redirectUri: REDIRECT_URI });
}

/** The whole connection flow: consent as the account, code exchange, then the connector's long-lived dance. */
async function connect(harness: SimulatorHarness, handle: string, consentAs = handle) {
  const userId = simulatorOf(harness).consentUserFor(consentAs);
  if (!userId) throw new Error(`no consent user for ${consentAs}`);
  const token = await authorizeOnSimulator(harness, userId);
  return connector.completeAuthorization(
    harness.context(Platform.INSTAGRAM),
    { accessToken: String(token.access_token), refreshToken: null, params: token },
    { handle, externalId: null },
  );
}

async function targetFor(harness: SimulatorHarness, handle: string): Promise<SnapshotTarget> {
  const { grant, externalId } = await connect(harness, handle);
  return { key: handle, externalId, handle, credentials: grant.credentials };
}

function failure(outcome: SnapshotOutcome): PlatformError {
  if (outcome.ok) throw new Error(`${outcome.key} unexpectedly succeeded`);
  return outcome.error;
}

function success(outcome: SnapshotOutcome) {
  if (!outcome.ok) throw new Error(`${outcome.key} failed: ${outcome.error.kind}`);
  return outcome.snapshot;
}

async function rejection(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    return error as PlatformError;
  }
  throw new Error('expected a rejection');
}

/** The parts of Graph answers the raw calls below look at (a missing one fails the test where it is read). */
interface GraphAnswer {
  error: { code: number; type: string };
  data: Array<{ id: string; hidden?: boolean }>;
  paging: { cursors: Record<string, string>; next: string; previous: string };
  media: GraphAnswer;
}

/** A raw call to the simulator, for what the connector never sends (malformed requests, re-reads). */
async function raw(harness: SimulatorHarness, path: string, init: RequestInit = {}) {
  const response = await fetch(`${harness.running.urls(Platform.INSTAGRAM).api}${path}`, init);
  return { status: response.status, body: (await response.json()) as GraphAnswer };
}

describe('Instagram connector against its simulator', () => {
  let harness: SimulatorHarness;
  const targets = new Map<string, SnapshotTarget>();

  beforeAll(async () => {
    harness = await startSimulatorHarness([instagramProvider]);
    for (const handle of PROFESSIONAL) targets.set(handle, await targetFor(harness, handle));
  });
  afterAll(() => harness.close());
  beforeEach(() => simulatorOf(harness).control.reset());
  const target = (handle: string) => targets.get(handle)!;
  const fetchOne = async (handle: string, meter = new CallMeter()) =>
    (await connector.fetchSnapshots(harness.context(Platform.INSTAGRAM, meter), [target(handle)]))[0];

  describe('authorization', () => {
    it('exchanges the code, then the 1 h token for a 60-day one, and finds the consenting account', async () => {
      const before = Date.now();
      const { grant, externalId, displayName } = await connect(harness, '@MapleRidge.Secondary', 'mapleridge.secondary');
      expect(externalId).toBe(MAPLE_RIDGE);
      expect(displayName).toBe('Maple Ridge Secondary');
      expect(grant.credentials.refreshToken).toBeNull();
      expect(grant.refreshTokenExpiresAt).toBeNull();
      expect(grant.scopes.sort()).toEqual(['instagram_business_basic', 'instagram_business_manage_comments']);
      const lifetime = grant.accessTokenExpiresAt!.getTime() - before;
      expect(lifetime).toBeGreaterThan(59 * DAY_MS);
      expect(lifetime).toBeLessThan(61 * DAY_MS);
    });

    it('appends #_ to the redirect, as Instagram does', async () => {
      const simulator = simulatorOf(harness);
      simulator.control.consent = { decision: 'APPROVE', userId: simulator.consentUserFor('lms.robotics')! };
      const authorize = new URL(harness.running.urls(Platform.INSTAGRAM).authorize);
      authorize.search = new URLSearchParams(BASIC_AUTHORIZE_QUERY).toString();
      const response = await fetch(authorize, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toMatch(/\?code=[^&#]+#_$/);
    });

    it('accepts the data[]-wrapped answer the newer docs show', async () => {
      const token = await authorizeOnSimulator(harness, simulatorOf(harness).consentUserFor('lms.robotics')!);
      const wrapped = { data: [{ access_token: token.access_token, user_id: token.user_id, permissions: 'instagram_business_basic' }] };
      const result = await connector.completeAuthorization(
        harness.context(Platform.INSTAGRAM),
        { accessToken: '', refreshToken: null, params: wrapped },
        { handle: 'whatever', externalId: '17841400000000102' },
      );
      expect(result.externalId).toBe('17841400000000102');
      expect(result.grant.scopes).toEqual(['instagram_business_basic']);
    });

    it.each([
      ['another account consented', 'mapleridge.secondary', 'cedarpark.elementary'],
      ['a personal account consented', 'amara.okafor', 'amara.okafor'],
    ])('refuses when %s (ACCOUNT_NOT_MANAGED)', async (_case, registered, consentAs) => {
      const error = await rejection(connect(harness, registered, consentAs));
      expect(error.kind).toBe(PlatformErrorKind.ACCOUNT_NOT_MANAGED);
    });

    it('answers the token endpoint errors in api.instagram.com shape (single-use code, redirect, secret)', async () => {
      const simulator = simulatorOf(harness);
      const urls = harness.running.urls(Platform.INSTAGRAM);
      const codeFor = async () => {
        simulator.control.consent = { decision: 'APPROVE', userId: simulator.consentUserFor('mrs.drama.club')! };
        const authorize = new URL(urls.authorize);
        authorize.search = new URLSearchParams(BASIC_AUTHORIZE_QUERY).toString();
        const location = (await fetch(authorize, { redirect: 'manual' })).headers.get('location')!;
        return new URL(location.replace(/#_$/, '')).searchParams.get('code')!;
      };
      const exchange = async (fields: Record<string, string>) => {
        const response = await fetch(urls.token, { method: 'POST', body: new URLSearchParams(fields) });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const base = {
        client_id: SIMULATOR_CLIENT.clientId,
        client_secret: SIMULATOR_CLIENT.clientSecret,
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT_URI,
      };
      const code = await codeFor();
      const first = await exchange({ ...base, code });
      expect(first.status).toBe(200);
      expect(Object.keys(first.body).sort()).toEqual(['access_token', 'permissions', 'user_id']);
      for (const refused of [
        await exchange({ ...base, code }),
        await exchange({ ...base, code: await codeFor(), redirect_uri: 'http://127.0.0.1:1/other' }),
        await exchange({ ...base, code: await codeFor(), client_secret: 'wrong' }),
        await exchange({ ...base, code: await codeFor(), client_secret: '' }),
      ]) {
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ error_type: 'OAuthException', code: 400 });
      }
    });
  });

  describe('refresh', () => {
    it('keeps a token younger than 24 h as it is (Instagram refuses to refresh it yet)', async () => {
      const credentials = target('lms.robotics').credentials;
      const grant = await connector.refresh(harness.context(Platform.INSTAGRAM), credentials);
      expect(grant.credentials).toEqual(credentials);
      expect(grant.accessTokenExpiresAt!.toISOString()).toBe(credentials.extra!.accessTokenExpiresAt);
    });

    it('refreshes a long-lived token after 24 h into a new 60-day token that works', async () => {
      const { grant: original } = await connect(harness, 'mrs.drama.club');
      simulatorOf(harness).control.clockOffsetMs = 25 * 3_600_000;
      const grant = await connector.refresh(harness.context(Platform.INSTAGRAM), original.credentials);
      expect(grant.credentials.accessToken).not.toBe(original.credentials.accessToken);
      expect(grant.accessTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * DAY_MS);
      expect(grant.scopes).toEqual(original.scopes);
      const [outcome] = await connector.fetchSnapshots(harness.context(Platform.INSTAGRAM), [
        { ...target('mrs.drama.club'), credentials: grant.credentials },
      ]);
      expect(success(outcome).handle).toBe('mrs.drama.club');
    });

    it('answers TOKEN_EXPIRED for an expired token and TOKEN_REVOKED once consent is withdrawn', async () => {
      const { grant } = await connect(harness, 'mrs.drama.club');
      const simulator = simulatorOf(harness);
      simulator.control.clockOffsetMs = 61 * DAY_MS;
      const expired = await rejection(connector.refresh(harness.context(Platform.INSTAGRAM), grant.credentials));
      expect([expired.kind, expired.platformCode]).toEqual([PlatformErrorKind.TOKEN_EXPIRED, '190/463']);
      simulator.control.clockOffsetMs = 25 * 3_600_000;
      simulator.tokens.revokeUser(simulator.consentUserFor('mrs.drama.club')!);
      const revoked = await rejection(connector.refresh(harness.context(Platform.INSTAGRAM), grant.credentials));
      expect([revoked.kind, revoked.platformCode]).toEqual([PlatformErrorKind.TOKEN_REVOKED, '190/460']);
      targets.set('mrs.drama.club', await targetFor(harness, 'mrs.drama.club'));
    });

    it('records when the token was issued, at connection and at each refresh', async () => {
      const before = Date.now();
      const { grant } = await connect(harness, 'mrs.drama.club');
      const issued = Date.parse(grant.credentials.extra!.accessTokenIssuedAt);
      expect(issued).toBeGreaterThanOrEqual(before);
      expect(issued).toBeLessThanOrEqual(Date.now());
      simulatorOf(harness).control.clockOffsetMs = 25 * 3_600_000;
      const later = () => new Date(Date.now() + 25 * 3_600_000);
      const refreshed = await connector.refresh({ ...harness.context(Platform.INSTAGRAM), now: later }, grant.credentials);
      expect(refreshed.credentials.accessToken).not.toBe(grant.credentials.accessToken);
      expect(Math.abs(Date.parse(refreshed.credentials.extra!.accessTokenIssuedAt) - later().getTime())).toBeLessThan(5_000);
    });

    it('answers code 100 for a token over 24 h old, or of unknown age, with the error instead of keeping the old grant', async () => {
      // The token is fresh at the simulator, so it answers code 100; the credentials say otherwise.
      const credentials = target('lms.robotics').credentials;
      const old = { ...credentials, extra: { ...credentials.extra, accessTokenIssuedAt: new Date(Date.now() - 2 * DAY_MS).toISOString() } };
      const refused = await rejection(connector.refresh(harness.context(Platform.INSTAGRAM), old));
      expect(refused).toMatchObject({ kind: PlatformErrorKind.BAD_REQUEST, platformCode: '100', status: 400 });
      const unknownAge = { ...credentials, extra: { ...credentials.extra } };
      delete unknownAge.extra.accessTokenIssuedAt;
      const unknown = await rejection(connector.refresh(harness.context(Platform.INSTAGRAM), unknownAge));
      expect(unknown).toMatchObject({ kind: PlatformErrorKind.BAD_REQUEST, platformCode: '100' });
    });

    it('retries a refresh through a passing server error', async () => {
      const simulator = simulatorOf(harness);
      simulator.control.clockOffsetMs = 25 * 3_600_000;
      simulator.control.inject(SimulatorFault.SERVER_ERROR, { pathIncludes: '/refresh_access_token' });
      const grant = await connector.refresh(harness.context(Platform.INSTAGRAM), target('cedarpark.elementary').credentials);
      expect(grant.credentials.accessToken).not.toBe(target('cedarpark.elementary').credentials.accessToken);
    });
  });

  describe('snapshots', () => {
    it('reads every account in one call each when the media fit in the first page', async () => {
      const meter = new CallMeter();
      const outcomes = await connector.fetchSnapshots(harness.context(Platform.INSTAGRAM, meter), PROFESSIONAL.map(target));
      expect(outcomes.map((outcome) => [outcome.key, outcome.ok, outcome.apiCalls])).toEqual(PROFESSIONAL.map((handle) => [handle, true, 1]));
      expect(meter.calls).toBe(4);
      expect(simulatorOf(harness).control.totalRequests()).toBe(4);
      expect(meter.usagePercent).not.toBeNull();
    });

    it('follows media to the last page with a small page size and maps the account', async () => {
      const simulator = simulatorOf(harness);
      simulator.control.pageSizeCap = 2;
      const meter = new CallMeter();
      const outcomes = await connector.fetchSnapshots(harness.context(Platform.INSTAGRAM, meter), PROFESSIONAL.map(target));
      // 12, 4, 9 and 3 posts at 2 a page: the first page rides along with /me.
      expect(outcomes.map((outcome) => outcome.apiCalls)).toEqual([6, 2, 5, 2]);
      expect(meter.calls).toBe(15);
      expect(simulator.control.requests.get('GET /v25.0/me/media')).toBe(11);
      const [maple, robotics, cedar] = outcomes.map(success);
      expect(maple.recentPosts!.map((post) => post.externalId)).toEqual(
        Array.from({ length: 12 }, (_, index) => `180100000000000${String(index + 1).padStart(2, '0')}`),
      );
      expect(cedar.recentPosts).toHaveLength(9);
      expect(maple).toMatchObject({
        platform: Platform.INSTAGRAM,
        externalId: MAPLE_RIDGE,
        handle: 'mapleridge.secondary',
        displayName: 'Maple Ridge Secondary',
        website: 'https://mapleridge.sandbox-sd.example.org',
        profileLinks: ['https://www.sandbox-sd.example.org/social-media'],
        followerCount: 1284,
        lastPostAt: '2026-11-19T16:05:00.000Z',
        comments: { mode: 'PER_POST', lastModeratedAt: '2026-11-19T20:40:00.000Z', heldForReviewCount: null },
        admins: null,
        following: null,
        audience: null,
        contactEmail: null,
      });
      expect(maple.unavailable.sort()).toEqual(
        [SnapshotField.ADMINS, SnapshotField.AUDIENCE, SnapshotField.CONTACT_EMAIL, SnapshotField.FOLLOWING].sort(),
      );
      expect(maple.recentPosts![2].commentsEnabled).toBe(false);
      expect(maple.recentPosts![4].mentions).toEqual(['lila_draws']);
      expect(robotics).toMatchObject({ website: null, lastPostAt: '2025-05-30T20:15:00.000Z', comments: { lastModeratedAt: null } });
      expect(robotics.recentPosts![0].mentions).toEqual(['robo.riley']);
    });

    it('stays complete when pages come back short (PARTIAL_PAGE)', async () => {
      const simulator = simulatorOf(harness);
      simulator.control.pageSizeCap = 2;
      simulator.control.inject(SimulatorFault.PARTIAL_PAGE, { times: 4 });
      const outcome = await fetchOne('mapleridge.secondary');
      expect(success(outcome).recentPosts).toHaveLength(12);
      // /me brings 1 post, three short media pages 1 each, then 4 full pages of 2.
      expect(outcome.apiCalls).toBe(8);
    });

    it('reads at most the 50 newest posts, sized to what is still missing', async () => {
      const fixture: InstagramFixtureInput = {
        accounts: Array.from({ length: 12 }, (_, account) => ({
          id: String(9_400_000 + account),
          userId: String(17_841_500_000 + account),
          username: `bench.school.${account}`,
          accountType: 'BUSINESS' as const,
          media: Array.from({ length: 60 }, (_, post) => ({
            id: String(18_500_000_000 + account * 100 + post),
            caption: `Post ${post}`,
            timestamp: new Date(Date.UTC(2026, 0, 1) + post * DAY_MS).toISOString(),
          })),
        })),
      };
      const bench = await startSimulatorHarness([instagramProvider], { [Platform.INSTAGRAM]: fixture });
      try {
        const simulator = simulatorOf(bench);
        const benchTargets = fixture.accounts.map((account) => ({
          key: account.username,
          externalId: account.userId,
          handle: account.username,
          credentials: { accessToken: simulator.tokens.mintForTest(account.userId, 'long', 5_183_944) },
        }));
        const outcomes = await connector.fetchSnapshots(bench.context(Platform.INSTAGRAM), benchTargets);
        expect(outcomes.every((outcome) => outcome.ok && outcome.apiCalls === 1)).toBe(true);
        const posts = success(outcomes[3]).recentPosts!;
        expect(posts).toHaveLength(50);
        expect(posts[0].text).toBe('Post 59');
        simulator.control.pageSizeCap = 20;
        const [capped] = await connector.fetchSnapshots(bench.context(Platform.INSTAGRAM), [benchTargets[0]]);
        expect([capped.apiCalls, success(capped).recentPosts!.length]).toEqual([3, 50]);
      } finally {
        await bench.close();
      }
    });

    it('serves Graph cursor paging, nested under /me and on the edge, with next links that work', async () => {
      const token = target('cedarpark.elementary').credentials.accessToken;
      const auth = { headers: { authorization: `Bearer ${token}` } };
      const first = await raw(harness, '/v25.0/me?fields=username,media.limit(4){id,is_comment_enabled}', auth);
      expect(first.body.media.data).toHaveLength(4);
      expect(Object.keys(first.body.media.paging.cursors).sort()).toEqual(['after', 'before']);
      const next = new URL(first.body.media.paging.next);
      expect(next.pathname).toMatch(/\/v25\.0\/17841400000000103\/media$/);
      expect(next.searchParams.get('access_token')).toBeNull();
      const second = (await (await fetch(next, auth)).json()) as GraphAnswer;
      expect(second.data.map((media) => media.id)).toEqual(['18030000000000005', '18030000000000006', '18030000000000007', '18030000000000008']);
      const last = await raw(harness, `/v25.0/me/media?fields=id&limit=4&after=${second.paging.cursors.after}&access_token=${token}`);
      expect(last.body.data).toHaveLength(1);
      expect(last.body.paging.next).toBeUndefined();
      expect(new URL(last.body.paging.previous).searchParams.get('access_token')).toBe(token);
    });

    it('omits usage when the platform sends no usage header', async () => {
      simulatorOf(harness).control.usageHeaders = false;
      const meter = new CallMeter();
      await fetchOne('lms.robotics', meter);
      expect(meter.usagePercent).toBeNull();
    });
  });

  describe('faults', () => {
    it.each([
      [SimulatorFault.EXPIRED_TOKEN, PlatformErrorKind.TOKEN_EXPIRED, '190/463'],
      [SimulatorFault.REVOKED_TOKEN, PlatformErrorKind.TOKEN_REVOKED, '190/460'],
    ])('%s → %s', async (fault, kind, code) => {
      simulatorOf(harness).control.inject(fault);
      const error = failure(await fetchOne('cedarpark.elementary'));
      expect([error.kind, error.platformCode, error.status]).toEqual([kind, code, 400]);
    });

    it('RATE_LIMIT → RATE_LIMITED with the wait from X-Business-Use-Case-Usage', async () => {
      simulatorOf(harness).control.inject(SimulatorFault.RATE_LIMIT);
      const meter = new CallMeter();
      const error = failure(await fetchOne('cedarpark.elementary', meter));
      expect([error.kind, error.platformCode, error.retryAfterSeconds]).toEqual([PlatformErrorKind.RATE_LIMITED, '80002', 7 * 60]);
      expect(meter.usagePercent).toBe(100);
      expect(meter.resetAt).not.toBeNull();
    });

    it('SERVER_ERROR once is retried; persistent is UNAVAILABLE', async () => {
      const control = simulatorOf(harness).control;
      control.inject(SimulatorFault.SERVER_ERROR);
      const recovered = await fetchOne('lms.robotics');
      expect([recovered.ok, recovered.apiCalls]).toEqual([true, 2]);
      control.inject(SimulatorFault.SERVER_ERROR, { times: 3 });
      const outcome = await fetchOne('lms.robotics');
      expect([failure(outcome).kind, failure(outcome).platformCode, outcome.apiCalls]).toEqual([PlatformErrorKind.UNAVAILABLE, '2', 3]);
    });

    it('checks tokens for real: expired by age, revoked by the person, and one failure leaves the others alone', async () => {
      const simulator = simulatorOf(harness);
      simulator.tokens.revokeUser(simulator.consentUserFor('lms.robotics')!);
      const outcomes = await connector.fetchSnapshots(
        harness.context(Platform.INSTAGRAM),
        ['mapleridge.secondary', 'lms.robotics', 'cedarpark.elementary'].map(target),
      );
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
      expect(failure(outcomes[1]).kind).toBe(PlatformErrorKind.TOKEN_REVOKED);
      targets.set('lms.robotics', await targetFor(harness, 'lms.robotics'));
      simulator.control.clockOffsetMs = 61 * DAY_MS;
      expect(failure(await fetchOne('lms.robotics')).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    });

    it('answers missing or malformed parameters with Meta errors', async () => {
      const missingToken = await raw(harness, '/v25.0/me?fields=id');
      expect([missingToken.status, missingToken.body.error.code, missingToken.body.error.type]).toEqual([400, 2500, 'OAuthException']);
      const badToken = await raw(harness, '/v25.0/me', { headers: { authorization: 'Bearer not-a-token' } });
      expect([badToken.status, badToken.body.error.code]).toEqual([400, 190]);
      const token = target('mapleridge.secondary').credentials.accessToken;
      const noSecret = await raw(harness, `/access_token?grant_type=ig_exchange_token&access_token=${token}`);
      expect([noSecret.status, noSecret.body.error.code]).toEqual([400, 100]);
      const noSwitch = await raw(harness, '/v25.0/18010000000000006', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect([noSwitch.status, noSwitch.body.error.code]).toEqual([400, 100]);
      const unknownField = await raw(harness, '/v25.0/me?fields=id,email', { headers: { authorization: `Bearer ${token}` } });
      expect([unknownField.status, unknownField.body.error.code]).toEqual([400, 100]);
    });

    it.each([
      [400, { code: 4, is_transient: true }, PlatformErrorKind.RATE_LIMITED],
      [400, { code: 17 }, PlatformErrorKind.RATE_LIMITED],
      [400, { code: 190, error_subcode: 467 }, PlatformErrorKind.TOKEN_REVOKED],
      [400, { code: 190, error_subcode: 458 }, PlatformErrorKind.TOKEN_REVOKED],
      [400, { code: 190 }, PlatformErrorKind.TOKEN_REVOKED],
      [403, { code: 10 }, PlatformErrorKind.PERMISSION_DENIED],
      [403, { code: 200 }, PlatformErrorKind.PERMISSION_DENIED],
      [400, { code: 100, error_subcode: 33 }, PlatformErrorKind.NOT_FOUND],
      [400, { code: 100 }, PlatformErrorKind.BAD_REQUEST],
      [400, { code: 1, is_transient: true }, PlatformErrorKind.UNAVAILABLE],
      [400, { code: 1 }, PlatformErrorKind.UNAVAILABLE],
      [400, { code: 341 }, PlatformErrorKind.RATE_LIMITED],
      [400, { code: 80000 }, PlatformErrorKind.RATE_LIMITED],
      [400, { code: 80014 }, PlatformErrorKind.RATE_LIMITED],
      [400, { code: 80015 }, PlatformErrorKind.BAD_REQUEST],
      [403, { code: 368 }, PlatformErrorKind.PERMISSION_DENIED],
      [429, { code: 12345 }, PlatformErrorKind.RATE_LIMITED],
      [503, '<html>upstream</html>', PlatformErrorKind.UNAVAILABLE],
      [404, null, PlatformErrorKind.NOT_FOUND],
      [400, 'not json', PlatformErrorKind.BAD_RESPONSE],
    ])('maps HTTP %i %j to %s', (status, error, kind) => {
      const body = error !== null && typeof error === 'object' ? { error: { message: 'x', type: 'OAuthException', ...error } } : error;
      expect(graphError({ status, headers: new Headers(), body }, new Date()).kind).toBe(kind);
    });

    it('maps every Meta error body to the same kind and code as the Facebook connector', () => {
      const codes = [1, 2, 4, 10, 17, 32, 100, 102, 190, 200, 299, 341, 368, 613, 803, 79999, 80000, 80001, 80009, 80010, 80014, 80015, 12345];
      const variants: Array<Record<string, unknown>> = [{}, { error_subcode: 33 }, { error_subcode: 463 }, { is_transient: true }];
      for (const status of [400, 403, 404, 429, 500, 503]) {
        for (const code of codes) {
          for (const variant of variants) {
            const body = { error: { message: 'x', type: 'OAuthException', code, ...variant } };
            const instagram = graphError({ status, headers: new Headers(), body }, new Date());
            const facebook = graphErrorFrom(status, body);
            expect({ status, code, variant, kind: instagram.kind, platformCode: instagram.platformCode }).toEqual({
              status,
              code,
              variant,
              kind: facebook.kind,
              platformCode: facebook.platformCode,
            });
          }
        }
      }
    });

    it('refuses a paging cursor that repeats (BAD_RESPONSE)', async () => {
      const looping = { data: [{ id: '1' }], next: 'https://graph.instagram.com/next', after: 'same' };
      const error = await rejection(followPages(looping, async () => looping));
      expect(error.kind).toBe(PlatformErrorKind.BAD_RESPONSE);
    });
  });
});

describe('Instagram remediation actions', () => {
  let harness: SimulatorHarness;
  let maple: SnapshotTarget;
  let cedar: SnapshotTarget;

  beforeAll(async () => {
    harness = await startSimulatorHarness([instagramProvider]);
    maple = await targetFor(harness, 'mapleridge.secondary');
    cedar = await targetFor(harness, 'cedarpark.elementary');
  });
  afterAll(() => harness.close());

  const apply = (target: SnapshotTarget, kind: RemediationKind, params: Record<string, string>) =>
    connector.applyAction(harness.context(Platform.INSTAGRAM), target, { kind, params });
  const read = async (target: SnapshotTarget) =>
    success((await connector.fetchSnapshots(harness.context(Platform.INSTAGRAM), [target]))[0]);
  const comments = async (target: SnapshotTarget, mediaId: string) =>
    (await raw(harness, `/v25.0/${mediaId}/comments?fields=id,hidden`, { headers: { authorization: `Bearer ${target.credentials.accessToken}` } }))
      .body.data;

  it('DISABLE_POST_COMMENTS turns is_comment_enabled off', async () => {
    const result = await apply(maple, RemediationKind.DISABLE_POST_COMMENTS, { postId: '18010000000000005' });
    expect(result.platformResponse).toEqual({ success: true });
    const post = (await read(maple)).recentPosts!.find((candidate) => candidate.externalId === '18010000000000005');
    expect(post!.commentsEnabled).toBe(false);
  });

  it('HIDE_COMMENT hides it, and the snapshot sees the moderation', async () => {
    expect((await read(cedar)).comments!.lastModeratedAt).toBe('2026-09-25T17:20:00.000Z');
    await apply(cedar, RemediationKind.HIDE_COMMENT, { commentId: '17900000000000009' });
    expect(await comments(cedar, '18030000000000002')).toEqual([{ id: '17900000000000009', hidden: true }]);
    expect((await read(cedar)).comments!.lastModeratedAt).toBe('2026-11-10T15:00:00.000Z');
  });

  it('DELETE_COMMENT removes it', async () => {
    const result = await apply(maple, RemediationKind.DELETE_COMMENT, { commentId: '17900000000000005' });
    expect(result.platformResponse).toEqual({ success: true });
    expect((await comments(maple, '18010000000000005')).map((comment) => comment.id)).toEqual(['17900000000000004']);
  });

  it('needs the comment-management permission', async () => {
    const token = await authorizeOnSimulator(harness, simulatorOf(harness).consentUserFor('mrs.drama.club')!, ['instagram_business_basic']);
    const { grant, externalId } = await connector.completeAuthorization(
      harness.context(Platform.INSTAGRAM),
      { accessToken: String(token.access_token), refreshToken: null, params: token },
      { handle: 'mrs.drama.club', externalId: null },
    );
    const readOnly = { key: 'drama', externalId, handle: 'mrs.drama.club', credentials: grant.credentials };
    const error = await rejection(apply(readOnly, RemediationKind.HIDE_COMMENT, { commentId: '17900000000000012' }));
    expect([error.kind, error.platformCode]).toEqual([PlatformErrorKind.PERMISSION_DENIED, '10']);
  });

  it('refuses what Instagram cannot do, and objects of another account', async () => {
    const unsupported = await rejection(apply(maple, RemediationKind.UPDATE_WEBSITE, { url: 'https://example.org' }));
    expect(unsupported.kind).toBe(PlatformErrorKind.BAD_REQUEST);
    const foreign = await rejection(apply(maple, RemediationKind.HIDE_COMMENT, { commentId: '17900000000000010' }));
    expect([foreign.kind, foreign.platformCode]).toEqual([PlatformErrorKind.NOT_FOUND, '100/33']);
    const missing = await rejection(apply(maple, RemediationKind.DELETE_COMMENT, {}));
    expect(missing.kind).toBe(PlatformErrorKind.BAD_REQUEST);
  });
});
