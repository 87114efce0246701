import { Platform } from '../../src/accounts/account.enums';
import { CallMeter, PlatformHttp, type HttpRequest, type HttpResponse } from '../../integrations/http/platform-http';
import { PlatformErrorKind, isPlatformError, type PlatformError } from '../../integrations/platform-error';
import {
  RemediationKind,
  type ActionRequest,
  type ConnectorContext,
  type Credentials,
  type SnapshotOutcome,
  type SnapshotTarget,
} from '../../integrations/provider';
import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { SIMULATOR_CLIENT } from '../../integrations/simulator/simulator-server';
import { SnapshotField, type AccountSnapshot } from '../../integrations/snapshot';
import { youtubeRead } from '../../integrations/youtube/api';
import { secondsUntilPacificMidnight } from '../../integrations/youtube/pacific-time';
import { youtubeProvider } from '../../integrations/youtube/provider';
import type { YouTubeSimulator } from '../../integrations/youtube/simulator';
import type { YouTubeFixture } from '../../integrations/youtube/simulator-data';
import { authorizeOnSimulator, startSimulatorHarness, type SimulatorHarness } from '../support/platform-simulators';

const GRACE = '104857392018475620193';
const TOMAS = '117392048561738204956';
const INES = '109283746501928374650';
const DANA = '101928374650192837465';
const HUGO = '108374619283746501927';
const SAM = '115647382910564738291';
const LAKESIDE = 'UCLk7sdMdl9qTz3vWb2pXn4A';
const DISTRICT = 'UCsbxSD4dstr1ctOffcl9w2Q';
const DRAMA = 'UCmrsDrama7Qp2Lx9Vb4Tz1K';
const MUSIC = 'UCcpeMusic3Hn8Rt5Wq0Zy6J';
const HELD_COMMENT = 'UgzR8nW2eT5yU1iO4pA7sD0FaABAg';
const PUBLISHED_COMMENT = 'UgxK3mP9qR2tV5wY8zA1bC4AaABAg';
const READONLY = 'https://www.googleapis.com/auth/youtube.readonly';
const FORCE_SSL = 'https://www.googleapis.com/auth/youtube.force-ssl';
const { connector } = youtubeProvider;
const REDIRECT_URI = 'http://127.0.0.1:1/oauth/callback';
const CLIENT = { client_id: SIMULATOR_CLIENT.clientId, client_secret: SIMULATOR_CLIENT.clientSecret };

let harness: SimulatorHarness;
let meter: CallMeter;
let context: ConnectorContext;

async function start(fixture?: YouTubeFixture): Promise<void> {
  harness = await startSimulatorHarness([youtubeProvider], fixture ? { [Platform.YOUTUBE]: fixture } : {});
  meter = new CallMeter();
  context = harness.context(Platform.YOUTUBE, meter);
}

beforeEach(() => start());
afterEach(() => harness.close());

function simulator(): YouTubeSimulator {
  return harness.running.get(Platform.YOUTUBE) as YouTubeSimulator;
}

function tokenFor(userId: string, scopes = [READONLY, FORCE_SSL]): string {
  return simulator().tokens.issueAccessToken({ userId, scopes, kind: 'access' }, 3599).token;
}

function target(externalId: string, userId: string, scopes?: string[]): SnapshotTarget {
  return { key: `connection-${externalId}`, externalId, handle: '', credentials: { accessToken: tokenFor(userId, scopes) } };
}

const SANDBOX_TARGETS = (): SnapshotTarget[] => [target(LAKESIDE, GRACE), target(DISTRICT, INES), target(DRAMA, DANA), target(MUSIC, HUGO)];

function snapshotOf(outcome: SnapshotOutcome): AccountSnapshot {
  if (!outcome.ok) throw new Error(`expected a snapshot, got ${outcome.error.kind}`);
  return outcome.snapshot;
}

function errorOf(outcome: SnapshotOutcome): PlatformError {
  if (outcome.ok) throw new Error('expected an error');
  return outcome.error;
}

async function caught(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    if (isPlatformError(error)) return error;
    throw error;
  }
  throw new Error('expected a PlatformError');
}

function requests(key: string): number {
  return simulator().control.requests.get(key) ?? 0;
}

async function api(path: string, token: string | null, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(`${harness.running.urls(Platform.YOUTUBE).api}/${path}`, { ...init, headers });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  return { status: response.status, headers: response.headers, body };
}

/** The `items` of a list answer, or undefined when Google left them out. */
function itemsIn(body: unknown): Array<Record<string, unknown>> | undefined {
  return (body as { items?: Array<Record<string, unknown>> }).items;
}

async function authorizeCode(userId: string, extra: Record<string, string> = {}): Promise<string> {
  const url = new URL(harness.running.urls(Platform.YOUTUBE).authorize);
  const scope = `${READONLY} ${FORCE_SSL}`;
  const params = { response_type: 'code', client_id: CLIENT.client_id, redirect_uri: REDIRECT_URI, scope, state: 's', ...extra };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  simulator().control.consent = { decision: 'APPROVE', userId };
  const response = await fetch(url, { redirect: 'manual' });
  return new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? '';
}

async function postToken(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(harness.running.urls(Platform.YOUTUBE).token, { method: 'POST', body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function exchangeCode(code: string, form: Record<string, string> = {}) {
  return postToken({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...CLIENT, ...form });
}

/** What a Google API error looks like to `toMatchObject`. */
function googleError(status: number, reason: string) {
  return { status, body: { error: { code: status, errors: [expect.objectContaining({ reason })] } } };
}

/** The shared authorize → token flow, with other authorize parameters when a test needs them. */
function authorizeTokens(userId: string, authorizationParams = youtubeProvider.authorizationParams): Promise<Record<string, unknown>> {
  return authorizeOnSimulator(harness, { ...youtubeProvider, authorizationParams }, userId);
}

async function connect(userId: string, handle: string, externalId: string | null = null) {
  const token = await authorizeTokens(userId);
  const refreshToken = typeof token.refresh_token === 'string' ? token.refresh_token : null;
  const exchange = { accessToken: String(token.access_token), refreshToken, params: token };
  return { token, result: await connector.completeAuthorization(context, exchange, { handle, externalId }) };
}

describe('YouTube authorization', () => {
  it('exchanges the code and finds the owner\'s channel by handle', async () => {
    expect(simulator().consentUserFor('@LakesideMiddle')).toBe(GRACE);
    const before = Date.now();
    const { token, result } = await connect(GRACE, '@LakesideMiddle');
    expect(token).toMatchObject({ expires_in: 3599, token_type: 'Bearer', scope: `${READONLY} ${FORCE_SSL}` });
    expect(String(token.access_token)).toMatch(/^ya29\./);
    expect(typeof token.refresh_token).toBe('string');
    expect(result.externalId).toBe(LAKESIDE);
    expect(result.displayName).toBe('Lakeside Middle School');
    expect(result.grant.credentials).toEqual({ accessToken: token.access_token, refreshToken: token.refresh_token });
    expect(result.grant.scopes).toEqual([READONLY, FORCE_SSL]);
    expect(result.grant.refreshTokenExpiresAt).toBeNull();
    const expiresAt = result.grant.accessTokenExpiresAt?.getTime() ?? 0;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3599_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3599_000);
  });

  it('lets a Brand Account manager connect, matching the known channel id', async () => {
    const { result } = await connect(TOMAS, 'lakesidemiddle', LAKESIDE);
    expect(result.externalId).toBe(LAKESIDE);
  });

  it('refuses a person who does not manage the channel (ACCOUNT_NOT_MANAGED)', async () => {
    expect((await caught(connect(INES, 'lakesidemiddle'))).kind).toBe(PlatformErrorKind.ACCOUNT_NOT_MANAGED);
    // Sam has no channel at all: mine=true answers without items.
    expect((await caught(connect(SAM, 'lakesidemiddle'))).kind).toBe(PlatformErrorKind.ACCOUNT_NOT_MANAGED);
  });

  it('hands out a refresh token only for access_type=offline, and again only with prompt=consent', async () => {
    expect((await authorizeTokens(GRACE, {})).refresh_token).toBeUndefined();
    const offlineOnly = { access_type: 'offline' };
    expect(typeof (await authorizeTokens(GRACE, offlineOnly)).refresh_token).toBe('string');
    expect((await authorizeTokens(GRACE, offlineOnly)).refresh_token).toBeUndefined();
    expect(typeof (await authorizeTokens(GRACE)).refresh_token).toBe('string');
  });

  it('keeps access_type through the consent page\'s form post', async () => {
    const url = new URL(harness.running.urls(Platform.YOUTUBE).authorize);
    const params = {
      response_type: 'code',
      client_id: CLIENT.client_id,
      redirect_uri: REDIRECT_URI,
      scope: READONLY,
      state: 's',
      access_type: 'offline',
      prompt: 'consent',
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    // The page's form carries no access_type: it posts back to the same URL, query included.
    const { access_type: _offline, prompt: _prompt, ...hidden } = params;
    const body = new URLSearchParams({ ...hidden, user_id: GRACE, decision: 'allow' });
    const posted = await fetch(url, { method: 'POST', redirect: 'manual', body });
    const code = new URL(posted.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await exchangeCode(code);
    expect(token.status).toBe(200);
    expect(typeof token.body.refresh_token).toBe('string');
  });

  it('answers the token endpoint\'s errors the Google way', async () => {
    const code = await authorizeCode(GRACE, { access_type: 'offline' });
    expect(await exchangeCode(code, { client_secret: 'wrong' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await exchangeCode(code, { client_id: 'someone-else' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await postToken({ grant_type: 'authorization_code', code, ...CLIENT })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect((await exchangeCode(code)).status).toBe(200);
    // Codes are single use.
    expect(await exchangeCode(code)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const elsewhere = await exchangeCode(await authorizeCode(GRACE), { redirect_uri: 'http://elsewhere/cb' });
    expect(elsewhere).toMatchObject({ status: 400, body: { error: 'redirect_uri_mismatch' } });
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    const pkce = await authorizeCode(GRACE, { code_challenge: challenge, code_challenge_method: 'S256' });
    expect(await exchangeCode(pkce, { code_verifier: 'x'.repeat(43) })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await postToken({ grant_type: 'password', ...CLIENT })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it('shows an error page, not a redirect, for a malformed authorize request', async () => {
    const url = new URL(harness.running.urls(Platform.YOUTUBE).authorize);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', SIMULATOR_CLIENT.clientId);
    url.searchParams.set('redirect_uri', 'http://127.0.0.1:1/cb');
    simulator().control.consent = { decision: 'APPROVE', userId: GRACE };
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
    url.searchParams.set('scope', READONLY);
    url.searchParams.set('client_id', 'unknown');
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
  });
});

describe('YouTube refresh', () => {
  const connected = (credentials: Credentials): SnapshotTarget => ({ key: 'c', externalId: LAKESIDE, handle: 'lakesidemiddle', credentials });

  it('mints a new access token and keeps the (unrotated) refresh token', async () => {
    const { result } = await connect(GRACE, 'lakesidemiddle');
    const grant = await connector.refresh(context, result.grant.credentials);
    expect(grant.credentials.accessToken).not.toBe(result.grant.credentials.accessToken);
    expect(grant.credentials.refreshToken).toBe(result.grant.credentials.refreshToken);
    expect(grant.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(grant.scopes).toEqual([READONLY, FORCE_SSL]);
    const [outcome] = await connector.fetchSnapshots(context, [connected(grant.credentials)]);
    expect(snapshotOf(outcome).handle).toBe('lakesidemiddle');
    // The old refresh token still works: Google does not rotate.
    await expect(connector.refresh(context, result.grant.credentials)).resolves.toBeDefined();
  });

  it('reads a withdrawn consent as 401 (TOKEN_EXPIRED), then the refresh says TOKEN_REVOKED', async () => {
    const { result } = await connect(GRACE, 'lakesidemiddle');
    simulator().tokens.revokeUser(GRACE);
    const [outcome] = await connector.fetchSnapshots(context, [connected(result.grant.credentials)]);
    expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.TOKEN_EXPIRED, status: 401, platformCode: 'authError' });
    const refused = await caught(connector.refresh(context, result.grant.credentials));
    expect(refused).toMatchObject({ kind: PlatformErrorKind.TOKEN_REVOKED, status: 400, platformCode: 'invalid_grant' });
    expect(refused.message).not.toContain(String(result.grant.credentials.refreshToken));
  });

  it('asks for a reconnect without a refresh token, and reports a wrong client secret', async () => {
    expect((await caught(connector.refresh(context, { accessToken: 'ya29.x' }))).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    const { result } = await connect(GRACE, 'lakesidemiddle');
    const wrongSecret = { ...context, clientSecret: 'not-it' };
    const refused = await caught(connector.refresh(wrongSecret, result.grant.credentials));
    expect(refused).toMatchObject({ kind: PlatformErrorKind.BAD_REQUEST, platformCode: 'invalid_client' });
  });
});

describe('YouTube fetchSnapshots', () => {
  it('reads every sandbox channel completely, paging uploads in pages of two', async () => {
    simulator().control.pageSizeCap = 2;
    const outcomes = await connector.fetchSnapshots(context, SANDBOX_TARGETS());
    const [lakeside, district, drama, music] = outcomes.map(snapshotOf);
    expect(lakeside).toMatchObject({
      platform: Platform.YOUTUBE,
      externalId: LAKESIDE,
      handle: 'lakesidemiddle',
      displayName: 'Lakeside Middle School',
      website: null,
      audience: 'PUBLIC',
      followerCount: 1240,
      admins: null,
      following: null,
      contactEmail: null,
      lastPostAt: '2026-11-14T02:30:00.000Z',
      comments: { mode: 'PER_POST', heldForReviewCount: 1, lastModeratedAt: '2026-11-15T03:41:09.000Z' },
    });
    expect(lakeside.profileText).toContain('Sandbox School District');
    expect(lakeside.profileLinks).toEqual(['https://lakeside.sandbox-sd.example.org']);
    const cannotShow = [SnapshotField.WEBSITE, SnapshotField.ADMINS, SnapshotField.CONTACT_EMAIL, SnapshotField.FOLLOWING];
    expect(lakeside.unavailable).toEqual(expect.arrayContaining(cannotShow));
    expect(lakeside.unavailable).not.toContain(SnapshotField.COMMENTS);
    // All 8 uploads (the owner sees the private one too), newest first, over 4 pages.
    expect(lakeside.recentPosts?.map((post) => post.externalId)).toEqual([
      'aL7kP2mQx9R', 'Vt3nS8dKw1Z', 'Hc5yB0uJr4M', 'pE8wQ1nZt6K', 'Xr2gF7hLc3D', 'mK4dT9sVb0N', 'Jq6uW3eYp8S', 'Zb1rN5oGi7H',
    ]);
    expect(lakeside.recentPosts?.flatMap((post) => post.mentions)).toEqual(['lila_draws', 'robo.riley']);
    expect(lakeside.recentPosts?.[1]).toMatchObject({ url: 'https://www.youtube.com/watch?v=Vt3nS8dKw1Z', tags: [], commentsEnabled: null });
    expect(district).toMatchObject({ handle: 'sandboxschools', followerCount: 5310, lastPostAt: '2026-11-18T03:30:00.000Z' });
    expect(district.recentPosts).toHaveLength(3);
    expect(drama).toMatchObject({ handle: 'mrsdrama', profileLinks: [], lastPostAt: '2024-05-30T01:15:00.000Z' });
    expect(drama.recentPosts?.[0].mentions).toEqual(['jordank_07']);
    expect(music).toMatchObject({ handle: 'cedarparkmusic', audience: 'PRIVATE', followerCount: null, recentPosts: [], lastPostAt: null });
    expect(music.unavailable).toContain(SnapshotField.FOLLOWER_COUNT);
    // 1 channels call + uploads pages (8→4, 3→2, 2→1, none→1 404) + 4 held-queue calls.
    expect(requests('GET /youtube/v3/channels')).toBe(1);
    expect(requests('GET /youtube/v3/playlistItems')).toBe(8);
    expect(requests('GET /youtube/v3/commentThreads')).toBe(4);
    expect(outcomes.map((outcome) => outcome.apiCalls)).toEqual([6, 3, 2, 2]);
    expect(meter.calls).toBe(simulator().control.totalRequests());
  });

  it('batches 50 channels per lookup: about 2 calls per account', async () => {
    const count = 120;
    // The bench's way: generate the fixture programmatically in the sandbox file's shape.
    const users = Array.from({ length: count }, (_, index) => ({
      id: `1${String(index).padStart(20, '0')}`,
      name: `Staff ${index}`,
      email: `staff${index}@sandbox-sd.example.org`,
    }));
    const channels = users.map((user, index) => ({
      id: `UC${String(index).padStart(22, '0')}`,
      ownerUserId: user.id,
      title: `Classroom ${index}`,
      customUrl: `@classroom${index}`,
      description: 'A Sandbox School District classroom.',
      publishedAt: '2024-01-01T00:00:00Z',
      privacyStatus: 'public' as const,
      subscriberCount: index,
      videos: [0, 1, 2].map((video) => ({
        id: `v${String(index * 3 + video).padStart(10, '0')}`,
        title: `Lesson ${video}`,
        description: 'Recorded lesson.',
        publishedAt: `2026-0${video + 1}-15T12:00:00Z`,
        privacyStatus: 'public' as const,
      })),
    }));
    const fixture: YouTubeFixture = { users, channels };
    await harness.close();
    await start(fixture);
    const targets = channels.map((channel) => target(channel.id, channel.ownerUserId));
    const outcomes = await connector.fetchSnapshots(context, targets);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(outcomes.map((outcome) => outcome.key)).toEqual(targets.map((one) => one.key));
    expect(requests('GET /youtube/v3/channels')).toBe(3);
    const total = outcomes.reduce((sum, outcome) => sum + outcome.apiCalls, 0);
    expect(total).toBe(3 + count * 2);
    expect(meter.calls).toBe(total);
    expect(total / count).toBeCloseTo(2.025, 3);
  });

  it('retries the lookup with another account\'s token when one is refused, and fails only that account', async () => {
    simulator().tokens.revokeUser(GRACE);
    const outcomes = await connector.fetchSnapshots(context, SANDBOX_TARGETS());
    expect(errorOf(outcomes[0]).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    expect(outcomes.slice(1).every((outcome) => outcome.ok)).toBe(true);
    expect(requests('GET /youtube/v3/channels')).toBe(2);
  });

  it("moves on to the next token after that token's own 403 (insufficientPermissions)", async () => {
    const unscoped = target(LAKESIDE, GRACE, ['https://www.googleapis.com/auth/userinfo.email']);
    const outcomes = await connector.fetchSnapshots(context, [unscoped, target(DISTRICT, INES)]);
    expect(errorOf(outcomes[0])).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, status: 403, platformCode: 'insufficientPermissions' });
    expect(outcomes[1].ok).toBe(true);
    expect(requests('GET /youtube/v3/channels')).toBe(2);
  });

  it('stops the lookup at an app-wide 403 (API not enabled for the project) and fails every account with it', async () => {
    simulator().settings.apiDisabled = true;
    const outcomes = await connector.fetchSnapshots(context, SANDBOX_TARGETS());
    for (const outcome of outcomes) {
      expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, status: 403, platformCode: 'accessNotConfigured' });
    }
    // One call, not one per token.
    expect(requests('GET /youtube/v3/channels')).toBe(1);
    expect(simulator().control.totalRequests()).toBe(1);
  });

  it('stops the lookup at a rate limit and fails every account with it', async () => {
    simulator().settings.rateLimitStyle = 'BURST';
    simulator().control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: '/channels', times: 10 });
    const outcomes = await connector.fetchSnapshots(context, SANDBOX_TARGETS());
    for (const outcome of outcomes) {
      expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.RATE_LIMITED, status: 429, platformCode: 'rateLimitExceeded' });
    }
    expect(requests('GET /youtube/v3/channels')).toBe(1);
  });

  it('reports a channel YouTube does not have as NOT_FOUND for that account only', async () => {
    const ghost = { ...target('UCzzzzzzzzzzzzzzzzzzzzzz', GRACE), key: 'ghost' };
    const outcomes = await connector.fetchSnapshots(context, [ghost, target(LAKESIDE, GRACE)]);
    expect(errorOf(outcomes[0]).kind).toBe(PlatformErrorKind.NOT_FOUND);
    expect(outcomes[1].ok).toBe(true);
  });

  it('marks COMMENTS unavailable when the token cannot read the held queue', async () => {
    const [readonly, stranger] = await connector.fetchSnapshots(context, [target(LAKESIDE, GRACE, [READONLY]), target(LAKESIDE, INES)]);
    expect(snapshotOf(readonly)).toMatchObject({ comments: null });
    expect(snapshotOf(readonly).unavailable).toContain(SnapshotField.COMMENTS);
    // Someone else's token: no held queue, and the private upload is only a placeholder, so it is left out.
    expect(snapshotOf(stranger).comments).toBeNull();
    expect(snapshotOf(stranger).recentPosts?.map((post) => post.externalId)).not.toContain('Jq6uW3eYp8S');
    expect(snapshotOf(stranger).recentPosts).toHaveLength(7);
  });

  it('stops on a page token that repeats (BAD_RESPONSE)', async () => {
    class LoopingHttp extends PlatformHttp {
      override withMeter(other: CallMeter): PlatformHttp {
        return new LoopingHttp({ platform: Platform.YOUTUBE, meter: other });
      }

      override async request(request: HttpRequest): Promise<HttpResponse> {
        this.meter.calls += 1;
        const channel = { id: LAKESIDE, snippet: { title: 'Lakeside' }, contentDetails: { relatedPlaylists: { uploads: 'UUloop' } } };
        const item = { contentDetails: { videoId: 'aL7kP2mQx9R', videoPublishedAt: '2026-01-01T00:00:00Z' } };
        const body = request.url.endsWith('/playlistItems') ? { items: [item], nextPageToken: 'CAEQAA' } : { items: [channel] };
        return { status: 200, headers: new Headers(), body };
      }
    }
    const looping = { ...context, http: new LoopingHttp({ platform: Platform.YOUTUBE, meter }) };
    const [outcome] = await connector.fetchSnapshots(looping, [target(LAKESIDE, GRACE)]);
    expect(errorOf(outcome).kind).toBe(PlatformErrorKind.BAD_RESPONSE);
  });
});

describe('YouTube faults', () => {
  it('EXPIRED_TOKEN and REVOKED_TOKEN answer 401 authError: TOKEN_EXPIRED, so the caller refreshes', async () => {
    for (const fault of [SimulatorFault.EXPIRED_TOKEN, SimulatorFault.REVOKED_TOKEN]) {
      simulator().control.inject(fault, { pathIncludes: '/playlistItems' });
      const [outcome] = await connector.fetchSnapshots(context, [target(LAKESIDE, GRACE)]);
      expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.TOKEN_EXPIRED, status: 401, platformCode: 'authError' });
    }
  });

  it('an expired token on the shared lookup fails only its own account', async () => {
    simulator().control.inject(SimulatorFault.EXPIRED_TOKEN, { pathIncludes: '/channels' });
    const outcomes = await connector.fetchSnapshots(context, SANDBOX_TARGETS());
    expect(errorOf(outcomes[0]).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    expect(outcomes.slice(1).map((outcome) => outcome.ok)).toEqual([true, true, true]);
  });

  it('RATE_LIMIT as the daily quota: RATE_LIMITED until midnight Pacific, usage 100 %', async () => {
    simulator().control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: '/commentThreads' });
    const outcomes = await connector.fetchSnapshots(context, [target(LAKESIDE, GRACE), target(DISTRICT, INES)]);
    const error = errorOf(outcomes[0]);
    expect(error).toMatchObject({ kind: PlatformErrorKind.RATE_LIMITED, status: 403, platformCode: 'quotaExceeded' });
    const expected = secondsUntilPacificMidnight(new Date());
    expect(Math.abs((error.retryAfterSeconds ?? 0) - expected)).toBeLessThanOrEqual(5);
    expect(outcomes[1].ok).toBe(true);
    expect(meter.usagePercent).toBe(100);
    expect(meter.resetAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('RATE_LIMIT as short-term throttling: 429 rateLimitExceeded', async () => {
    simulator().settings.rateLimitStyle = 'BURST';
    simulator().control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: '/playlistItems' });
    const [outcome] = await connector.fetchSnapshots(context, [target(LAKESIDE, GRACE)]);
    expect(errorOf(outcome)).toMatchObject({
      kind: PlatformErrorKind.RATE_LIMITED,
      status: 429,
      platformCode: 'rateLimitExceeded',
      retryAfterSeconds: null,
    });
  });

  it('counts quota units and stops spending calls once the daily quota is gone', async () => {
    await harness.close();
    await start({ dailyQuotaUnits: 1, users: [{ id: GRACE, name: 'Grace', email: 'grace@sandbox-sd.example.org' }], channels: [] });
    const targets = Array.from({ length: 20 }, (_, index) => ({ ...target(`UC${String(index).padStart(22, '0')}`, GRACE), key: `k${index}` }));
    // The lookup spends the one unit and finds none of these channels.
    const [first] = await connector.fetchSnapshots(context, targets);
    expect(errorOf(first).kind).toBe(PlatformErrorKind.NOT_FOUND);
    const outcomes = await connector.fetchSnapshots(context, targets);
    expect(outcomes.every((outcome) => !outcome.ok && outcome.error.platformCode === 'quotaExceeded')).toBe(true);
    expect(simulator().quota.used).toBe(1);
  });

  it('skips the accounts not yet started once the quota is spent', async () => {
    await harness.close();
    const fixture: YouTubeFixture = {
      dailyQuotaUnits: 1,
      users: [{ id: GRACE, name: 'Grace', email: 'grace@sandbox-sd.example.org' }],
      channels: Array.from({ length: 20 }, (_, index) => ({
        id: `UC${String(index).padStart(22, '0')}`, ownerUserId: GRACE, title: `C${index}`, customUrl: `@channel${index}`,
        description: '', publishedAt: '2024-01-01T00:00:00Z', privacyStatus: 'public' as const, subscriberCount: 1,
      })),
    };
    await start(fixture);
    const outcomes = await connector.fetchSnapshots(context, fixture.channels.map((channel) => target(channel.id, GRACE)));
    expect(outcomes.every((outcome) => !outcome.ok && outcome.error.kind === PlatformErrorKind.RATE_LIMITED)).toBe(true);
    // 1 lookup + 8 accounts already under way (2 calls each); the other 12 never call.
    expect(simulator().control.totalRequests()).toBe(17);
    expect(outcomes.slice(8).every((outcome) => outcome.apiCalls <= 1)).toBe(true);
  });

  it('SERVER_ERROR once is retried; persistent SERVER_ERROR is UNAVAILABLE', async () => {
    simulator().control.inject(SimulatorFault.SERVER_ERROR, { pathIncludes: '/playlistItems' });
    const [recovered] = await connector.fetchSnapshots(context, [target(LAKESIDE, GRACE)]);
    expect(snapshotOf(recovered).recentPosts).toHaveLength(8);
    expect(requests('GET /youtube/v3/playlistItems')).toBe(2);
    simulator().control.inject(SimulatorFault.SERVER_ERROR, { times: 3, pathIncludes: '/commentThreads' });
    const [failed] = await connector.fetchSnapshots(context, [target(LAKESIDE, GRACE)]);
    expect(errorOf(failed)).toMatchObject({ kind: PlatformErrorKind.UNAVAILABLE, status: 503, platformCode: 'backendError' });
  });

  it('PARTIAL_PAGE: short and empty pages still lead to the complete list', async () => {
    const control = simulator().control;
    control.pageSizeCap = 2;
    control.inject(SimulatorFault.PARTIAL_PAGE, { times: 3, pathIncludes: '/playlistItems' });
    const [short] = await connector.fetchSnapshots(context, [target(LAKESIDE, GRACE)]);
    expect(snapshotOf(short).recentPosts).toHaveLength(8);
    // Three pages of one, then 2 + 2 + 1.
    expect(requests('GET /youtube/v3/playlistItems')).toBe(6);
    control.reset();
    control.pageSizeCap = 1;
    control.inject(SimulatorFault.PARTIAL_PAGE, { times: 2, pathIncludes: '/playlistItems' });
    const [empty] = await connector.fetchSnapshots(context, [target(LAKESIDE, GRACE)]);
    expect(snapshotOf(empty).recentPosts).toHaveLength(8);
    expect(requests('GET /youtube/v3/playlistItems')).toBe(10);
  });

  it('an invalid page token is BAD_RESPONSE', async () => {
    const query = { part: 'snippet', playlistId: `UU${LAKESIDE.slice(2)}`, pageToken: 'not-a-token' };
    const error = await caught(youtubeRead(context, context.http, tokenFor(GRACE), 'playlistItems', query));
    expect(error).toMatchObject({ kind: PlatformErrorKind.BAD_RESPONSE, status: 400, platformCode: 'invalidPageToken' });
  });
});

describe('YouTube simulator requests', () => {
  it('answers missing credentials, bad tokens, missing part and filters like Google', async () => {
    expect(await api('channels?part=snippet&mine=true', null)).toMatchObject(googleError(403, 'forbidden'));
    const badToken = await api('channels?part=snippet&mine=true', 'ya29.made-up');
    expect(badToken).toMatchObject(googleError(401, 'authError'));
    expect(badToken.body).toMatchObject({ error: { status: 'UNAUTHENTICATED' } });
    expect(badToken.headers.get('www-authenticate')).toContain('invalid_token');
    const token = tokenFor(GRACE);
    expect(await api('channels?mine=true', token)).toMatchObject(googleError(400, 'required'));
    expect(await api('channels?part=snippet', token)).toMatchObject(googleError(400, 'missingRequiredParameter'));
    expect(await api(`channels?part=snippet&mine=true&id=${LAKESIDE}`, token)).toMatchObject(googleError(400, 'incompatibleParameters'));
    expect(await api('channels?part=bogus&mine=true', token)).toMatchObject(googleError(400, 'unknownPart'));
  });

  it('honours part= and fields=, and leaves items out for a person without a channel', async () => {
    const token = tokenFor(GRACE);
    const parts = itemsIn((await api(`channels?part=snippet&id=${LAKESIDE},${DISTRICT}`, token)).body) ?? [];
    expect(parts).toHaveLength(2);
    expect(Object.keys(parts[0]).sort()).toEqual(['etag', 'id', 'kind', 'snippet']);
    expect(parts[0]).toMatchObject({ id: LAKESIDE, snippet: { customUrl: '@lakesidemiddle' } });
    const fields = await api(`channels?part=snippet&id=${LAKESIDE}&fields=items(id,snippet/title)`, token);
    expect(Object.keys(fields.body ?? {})).toEqual(['items']);
    const nobody = await api('channels?part=snippet&mine=true', tokenFor(SAM));
    expect(nobody.status).toBe(200);
    expect(itemsIn(nobody.body)).toBeUndefined();
    expect(nobody.body).toMatchObject({ pageInfo: { totalResults: 0, resultsPerPage: 5 } });
  });

  it('keeps held comments, private videos and comment-less videos to their rules', async () => {
    const stranger = tokenFor(INES);
    const heldQueue = `commentThreads?part=snippet&allThreadsRelatedToChannelId=${LAKESIDE}&moderationStatus=heldForReview`;
    expect(await api(heldQueue, stranger)).toMatchObject(googleError(403, 'forbidden'));
    expect(itemsIn((await api('videos?part=status&id=Jq6uW3eYp8S', stranger)).body)).toEqual([]);
    const ownView = await api('videos?part=status&id=Jq6uW3eYp8S', tokenFor(GRACE));
    expect(ownView.body).toMatchObject({ items: [{ status: { privacyStatus: 'private' } }] });
    expect(await api('commentThreads?part=snippet&videoId=mK4dT9sVb0N', stranger)).toMatchObject(googleError(403, 'commentsDisabled'));
    const readonly = tokenFor(GRACE, [READONLY]);
    const published = `commentThreads?part=snippet&allThreadsRelatedToChannelId=${LAKESIDE}`;
    expect(await api(published, readonly)).toMatchObject(googleError(403, 'insufficientPermissions'));
  });
});

describe('YouTube actions', () => {
  const lakeside = () => ({ ...target(LAKESIDE, GRACE), handle: 'lakesidemiddle' });
  const reread = async () => snapshotOf((await connector.fetchSnapshots(context, [lakeside()]))[0]);
  const act = (on: SnapshotTarget, kind: RemediationKind, params: ActionRequest['params']) =>
    connector.applyAction(context, on, { kind, params });

  it('UPDATE_PROFILE_TEXT rewrites the description and keeps the other branding settings', async () => {
    const text = 'Lakeside Middle School, Sandbox School District. https://lakeside.sandbox-sd.example.org';
    const result = await act(lakeside(), RemediationKind.UPDATE_PROFILE_TEXT, { text });
    expect(result.platformResponse).toMatchObject({ kind: 'youtube#channel', id: LAKESIDE, brandingSettings: { channel: { description: text } } });
    expect(JSON.stringify(result.platformResponse)).not.toContain('ya29.');
    expect((await reread()).profileText).toBe(text);
    const kept = { keywords: expect.stringContaining('Lakeside'), country: 'US', defaultLanguage: 'en' };
    expect(simulator().store.channel(LAKESIDE)).toMatchObject(kept);
    // A read (1 unit) and channels.update (50 units), then the re-read's 3 list calls.
    expect(simulator().quota.used).toBe(54);
  });

  it('SET_AUDIENCE_PRIVATE makes one video private (channel privacy is not writable)', async () => {
    const result = await act(lakeside(), RemediationKind.SET_AUDIENCE_PRIVATE, { postId: 'Xr2gF7hLc3D' });
    expect(result.platformResponse).toMatchObject({ id: 'Xr2gF7hLc3D', status: { privacyStatus: 'private', embeddable: true, license: 'youtube' } });
    const reread = await api('videos?part=status&id=Xr2gF7hLc3D', tokenFor(GRACE));
    expect(reread.body).toMatchObject({ items: [{ status: { privacyStatus: 'private' } }] });
    const strangerView = snapshotOf((await connector.fetchSnapshots(context, [target(LAKESIDE, INES)]))[0]);
    expect(strangerView.recentPosts?.map((post) => post.externalId)).not.toContain('Xr2gF7hLc3D');
    const noVideo = await caught(act(lakeside(), RemediationKind.SET_AUDIENCE_PRIVATE, {}));
    expect(noVideo.kind).toBe(PlatformErrorKind.BAD_REQUEST);
  });

  it('HIDE_COMMENT holds a comment for review; a re-read counts it', async () => {
    const result = await act(lakeside(), RemediationKind.HIDE_COMMENT, { commentId: PUBLISHED_COMMENT });
    expect(result.platformResponse).toEqual({ status: 204, commentId: PUBLISHED_COMMENT, moderationStatus: 'heldForReview' });
    expect((await reread()).comments?.heldForReviewCount).toBe(2);
  });

  it('DELETE_COMMENT removes the comment; a re-read no longer counts it', async () => {
    await act(lakeside(), RemediationKind.DELETE_COMMENT, { commentId: HELD_COMMENT });
    expect(simulator().store.comment(HELD_COMMENT)).toBeUndefined();
    expect((await reread()).comments).toMatchObject({ heldForReviewCount: 0, lastModeratedAt: null });
  });

  it('passes on YouTube\'s refusals and refuses what the API cannot do', async () => {
    const stranger = { ...target(LAKESIDE, INES) };
    const forbidden = await caught(act(stranger, RemediationKind.HIDE_COMMENT, { commentId: HELD_COMMENT }));
    expect(forbidden).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, status: 403 });
    const missing = await caught(act(lakeside(), RemediationKind.DELETE_COMMENT, { commentId: 'UgxNoSuchComment' }));
    expect(missing).toMatchObject({ kind: PlatformErrorKind.NOT_FOUND, platformCode: 'commentNotFound' });
    const unsupported = await caught(act(lakeside(), RemediationKind.REMOVE_ADMIN, { userId: 'x' }));
    expect(unsupported.kind).toBe(PlatformErrorKind.BAD_REQUEST);
    const noScope = { ...target(LAKESIDE, GRACE, [READONLY]) };
    const scoped = await caught(act(noScope, RemediationKind.UPDATE_PROFILE_TEXT, { text: 'x' }));
    expect(scoped).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, platformCode: 'insufficientPermissions' });
  });
});
