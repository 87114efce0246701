import { authorizeOnSimulator } from '../../integrations/simulator/authorize-on-simulator';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Platform } from '../../src/accounts/account.enums';
import { CallMeter, PlatformHttp } from '../../integrations/http/platform-http';
import { linkedinConnector } from '../../integrations/linkedin/client';
import sandbox from '../../integrations/linkedin/fixtures/sandbox.json';
import { readCommentary } from '../../integrations/linkedin/mapper';
import { LINKEDIN_VERSION, linkedinProvider } from '../../integrations/linkedin/provider';
import { MAX_PAGES, readAllPages, secondsUntilMidnightUtc } from '../../integrations/linkedin/restli';
import type { LinkedinSimulator } from '../../integrations/linkedin/simulator';
import type { LinkedinFixture } from '../../integrations/linkedin/simulator-data';
import { PlatformErrorKind, type PlatformError } from '../../integrations/platform-error';
import {
  RemediationKind,
  type AccountReference,
  type ActionRequest,
  type Credentials,
  type SnapshotOutcome,
  type SnapshotTarget,
} from '../../integrations/provider';
import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { SnapshotField, type AccountSnapshot } from '../../integrations/snapshot';
import { SIMULATOR_CLIENT } from '../../integrations/simulator/simulator-server';
import { startSimulatorHarness, type SimulatorHarness } from '../support/platform-simulators';

const MEMBER = {
  dana: 'dWh1tf0rdA',
  marco: 'mB3ll1n1Qx',
  priya: 'pR4m4nT0zz',
  hugo: 'hL3f3bvr3E',
  amara: 'aOk4f0rM9c',
  tomas: 'tH3rr3r4Kp',
  it: 'itS0c14lSv',
};
const ORG = { mapleRidge: '90210001', district: '90210002', lakeside: '90210003', cedarPark: '90210004' };
const HANDLE = {
  [ORG.mapleRidge]: 'maple-ridge-secondary',
  [ORG.district]: 'sandbox-school-district',
  [ORG.lakeside]: 'lakeside-middle-school',
  [ORG.cedarPark]: 'cedar-park-elementary',
};
const DAY = 24 * 3600;

/** The web-app code flow as passport-oauth2 runs it, consenting as `userId`. */
function authorizeOnLinkedin(harness: SimulatorHarness, userId: string): Promise<Record<string, unknown>> {
  return authorizeOnSimulator(harness.running, linkedinProvider, userId);
}

/** One simulator harness plus the moves every test makes. */
async function setup(fixture?: LinkedinFixture) {
  const harness: SimulatorHarness = await startSimulatorHarness([linkedinProvider], fixture ? { [Platform.LINKEDIN]: fixture } : {});
  const simulator = harness.running.get(Platform.LINKEDIN) as LinkedinSimulator;
  const apiRoot = harness.running.urls(Platform.LINKEDIN).api;
  const context = (meter = new CallMeter()) => harness.context(Platform.LINKEDIN, meter);
  const tokenJson = (userId: string) => authorizeOnLinkedin(harness, userId);
  const connect = async (userId: string, account: AccountReference) => {
    const json = await tokenJson(userId);
    const exchange = { accessToken: String(json.access_token), refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : null, params: json };
    return linkedinConnector.completeAuthorization(context(), exchange, account);
  };
  const credentialsOf = async (userId: string): Promise<Credentials> => {
    const json = await tokenJson(userId);
    return { accessToken: String(json.access_token), refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : null };
  };
  const target = (organization: string, credentials: Credentials): SnapshotTarget => ({
    key: `connection-${organization}`,
    externalId: organization,
    handle: HANDLE[organization] ?? organization,
    credentials,
  });
  const snapshotOf = async (organization: string, credentials: Credentials): Promise<AccountSnapshot> => {
    const [outcome] = await linkedinConnector.fetchSnapshots(context(), [target(organization, credentials)]);
    if (!outcome.ok) throw outcome.error;
    return outcome.snapshot;
  };
  /** A raw call, for what the connector never sends (missing headers, unencoded URNs). */
  const api = async (path: string, options: { token?: string | null; version?: string | null; protocol?: boolean; method?: string; headers?: Record<string, string>; json?: unknown } = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.version !== null) headers['linkedin-version'] = options.version ?? LINKEDIN_VERSION;
    if (options.protocol !== false) headers['x-restli-protocol-version'] = '2.0.0';
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(apiRoot + path, { method: options.method ?? 'GET', headers, body: options.json === undefined ? undefined : JSON.stringify(options.json) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  return { harness, simulator, control: simulator.control, context, tokenJson, connect, credentialsOf, target, snapshotOf, api, close: () => harness.close() };
}
type Setup = Awaited<ReturnType<typeof setup>>;

function failure(outcome: SnapshotOutcome): PlatformError {
  if (outcome.ok) throw new Error(`expected ${outcome.key} to fail`);
  return outcome.error;
}
function success(outcome: SnapshotOutcome): AccountSnapshot {
  if (!outcome.ok) throw outcome.error;
  return outcome.snapshot;
}
async function rejection(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    return error as PlatformError;
  }
  throw new Error('expected a PlatformError');
}

describe('LinkedIn provider entry', () => {
  it('declares the real endpoints, scopes and token style', () => {
    expect(linkedinProvider.urls).toEqual({
      authorize: 'https://www.linkedin.com/oauth/v2/authorization',
      token: 'https://www.linkedin.com/oauth/v2/accessToken',
      api: 'https://api.linkedin.com/rest',
    });
    expect(linkedinProvider.simulatorPaths).toEqual({ authorize: '/oauth/v2/authorization', token: '/oauth/v2/accessToken', api: '/rest' });
    expect(linkedinProvider).toMatchObject({ pkce: 'NONE', tokenEndpointAuth: 'CLIENT_SECRET_POST', tokenStyle: 'LINKEDIN_60_DAY', scopeSeparator: ' ' });
    expect(linkedinProvider.capabilities.unavailable.sort()).toEqual([SnapshotField.CONTACT_EMAIL, SnapshotField.FOLLOWING]);
    expect(LINKEDIN_VERSION).toBe('202606');
    const simulator = linkedinProvider.createSimulator(SIMULATOR_CLIENT);
    expect(simulator.consentUserFor('@Maple-Ridge-Secondary')).toBe(MEMBER.dana);
    expect(simulator.consentUserFor('no-such-page')).toBeNull();
  });

  it('reads little text: mention URNs, escaped plain handles, hashtags', () => {
    const read = readCommentary('Thanks @[Marco B](urn:li:person:mB3ll1n1Qx) and \\@lila\\_draws! {hashtag|\\#|Proud} \\(photo\\)');
    expect(read.text).toBe('Thanks Marco B and @lila_draws! #Proud (photo)');
    expect(read.mentions).toEqual(['urn:li:person:mB3ll1n1Qx', 'lila_draws']);
  });
});

/** A LinkedIn API stand-in on a free port: `answer` decides every response; counts the requests. */
async function fakeLinkedin(answer: (url: URL, response: ServerResponse) => void) {
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    answer(new URL(request.url ?? '/', 'http://127.0.0.1'), response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = {
    http: new PlatformHttp({ platform: Platform.LINKEDIN }),
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest`,
    tokenUrl: 'http://unused',
    clientId: 'c',
    clientSecret: 's',
    now: () => new Date(),
  };
  return { context, requests: () => requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('paging guard', () => {
  it('stops with BAD_RESPONSE after MAX_PAGES pages when every page points at a new one', async () => {
    const fake = await fakeLinkedin((url, response) => {
      const start = Number(url.searchParams.get('start'));
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ elements: [{ id: start }], paging: { start, count: 1, links: [{ rel: 'next', href: `/rest/things?start=${start + 1}&count=1` }] } }));
    });
    try {
      const error = await rejection(readAllPages(fake.context, fake.context.http, 'AQVx', '/things', { pageSize: 1 }));
      expect(error).toMatchObject({ kind: PlatformErrorKind.BAD_RESPONSE, platform: Platform.LINKEDIN });
      expect(fake.requests()).toBe(MAX_PAGES);
    } finally {
      await fake.close();
    }
  });

  it('stops with BAD_RESPONSE when a next link points back to a page already read', async () => {
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ elements: [{ id: 1 }], paging: { start: 0, count: 1, links: [{ rel: 'next', href: '/rest/things?start=0&count=1' }] } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const context = {
        http: new PlatformHttp({ platform: Platform.LINKEDIN }),
        apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest`,
        tokenUrl: 'http://unused',
        clientId: 'c',
        clientSecret: 's',
        now: () => new Date(),
      };
      const error = await rejection(readAllPages(context, context.http, 'AQVx', '/things', { pageSize: 1 }));
      expect(error.kind).toBe(PlatformErrorKind.BAD_RESPONSE);
    } finally {
      server.close();
    }
  });
});

describe('redirects', () => {
  it('a 3xx is BAD_RESPONSE, never success: on a write and on a read', async () => {
    const fake = await fakeLinkedin((_url, response) => {
      response.statusCode = 302;
      response.setHeader('location', 'https://www.linkedin.com/uas/login');
      response.end();
    });
    try {
      const target: SnapshotTarget = { key: 'k', externalId: ORG.mapleRidge, handle: 'maple-ridge-secondary', credentials: { accessToken: 'AQVx' } };
      const write = await rejection(linkedinConnector.applyAction(fake.context, target, { kind: RemediationKind.UPDATE_WEBSITE, params: { url: 'https://mapleridge.sandbox-sd.example.org' } }));
      expect(write).toMatchObject({ kind: PlatformErrorKind.BAD_RESPONSE, status: 302, platform: Platform.LINKEDIN });
      const removal = await rejection(linkedinConnector.applyAction(fake.context, target, { kind: RemediationKind.DELETE_POST, params: { postId: 'urn:li:share:7392000000000000006' } }));
      expect(removal).toMatchObject({ kind: PlatformErrorKind.BAD_RESPONSE, status: 302 });
      const [read] = await linkedinConnector.fetchSnapshots(fake.context, [target]);
      expect(failure(read)).toMatchObject({ kind: PlatformErrorKind.BAD_RESPONSE, status: 302 });
    } finally {
      await fake.close();
    }
  });
});

describe('authorization', () => {
  let s: Setup;
  beforeEach(async () => (s = await setup()));
  afterEach(() => s.close());

  it('exchanges the code for a 60-day token plus a 365-day refresh token and finds the page by handle', async () => {
    const json = await s.tokenJson(MEMBER.dana);
    expect(json).toMatchObject({ expires_in: 60 * DAY, refresh_token_expires_in: 365 * DAY });
    expect(String(json.scope).split(',').sort()).toEqual(['r_organization_admin', 'r_organization_social', 'rw_organization_admin', 'w_organization_social']);
    const before = Date.now();
    const result = await s.connect(MEMBER.dana, { handle: '@Maple-Ridge-Secondary', externalId: null });
    expect(result).toMatchObject({ externalId: ORG.mapleRidge, displayName: 'Maple Ridge Secondary School' });
    expect(result.grant.credentials.refreshToken).toEqual(expect.any(String));
    expect(result.grant.accessTokenExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 60 * DAY * 1000);
    expect(result.grant.refreshTokenExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 365 * DAY * 1000);
    expect(result.grant.scopes).toContain('rw_organization_admin');
  });

  it('matches a known externalId, reading the roster of administered pages page by page', async () => {
    s.control.pageSizeCap = 1;
    const result = await s.connect(MEMBER.it, { handle: 'renamed-page', externalId: ORG.lakeside });
    expect(result.externalId).toBe(ORG.lakeside);
    expect(s.control.requests.get('GET /rest/organizationAcls')).toBeGreaterThanOrEqual(3);
  });

  it('refuses a page the person does not administer (ACCOUNT_NOT_MANAGED)', async () => {
    const outsider = await rejection(s.connect(MEMBER.hugo, { handle: 'maple-ridge-secondary', externalId: null }));
    expect(outsider.kind).toBe(PlatformErrorKind.ACCOUNT_NOT_MANAGED);
    // A CONTENT_ADMINISTRATOR is not an administrator.
    const editor = await rejection(s.connect(MEMBER.marco, { handle: 'maple-ridge-secondary', externalId: null }));
    expect(editor.kind).toBe(PlatformErrorKind.ACCOUNT_NOT_MANAGED);
  });

  it('answers bad code exchanges the OAuth way and redirects a cancelled consent', async () => {
    const urls = s.harness.running.urls(Platform.LINKEDIN);
    const form = async (fields: Record<string, string>) => {
      const response = await fetch(urls.token, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
      return [response.status, ((await response.json()) as { error: string }).error];
    };
    const base = { grant_type: 'authorization_code', code: 'not-a-code', redirect_uri: 'http://127.0.0.1:1/oauth/callback', client_id: 'proctor-sandbox' };
    expect(await form({ ...base, client_secret: 'nope' })).toEqual([401, 'invalid_client']);
    expect(await form({ ...base, client_secret: 'sandbox-client-secret' })).toEqual([400, 'invalid_request']);
    s.control.consent = { decision: 'DENY' };
    const denied = await fetch(`${urls.authorize}?response_type=code&client_id=proctor-sandbox&redirect_uri=${encodeURIComponent(base.redirect_uri)}&state=x&scope=r_organization_admin`, { redirect: 'manual' });
    expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe('user_cancelled_authorize');
  });
});

describe('refresh', () => {
  let s: Setup;
  beforeEach(async () => (s = await setup()));
  afterEach(() => s.close());

  it('issues a new 60-day access token and the same refresh token, whose lifetime keeps counting down', async () => {
    const { grant } = await s.connect(MEMBER.dana, { handle: 'maple-ridge-secondary', externalId: null });
    s.control.clockOffsetMs = 30 * DAY * 1000;
    const refreshed = await linkedinConnector.refresh(s.context(), grant.credentials);
    expect(refreshed.credentials.refreshToken).toBe(grant.credentials.refreshToken);
    expect(refreshed.credentials.accessToken).not.toBe(grant.credentials.accessToken);
    const shortenedBy = grant.refreshTokenExpiresAt!.getTime() - refreshed.refreshTokenExpiresAt!.getTime();
    expect(Math.round(shortenedBy / (DAY * 1000))).toBe(30);
    expect((await s.snapshotOf(ORG.mapleRidge, refreshed.credentials)).handle).toBe('maple-ridge-secondary');
  });

  it('maps a revoked refresh token to TOKEN_REVOKED and an expired one to TOKEN_EXPIRED', async () => {
    const { grant } = await s.connect(MEMBER.dana, { handle: 'maple-ridge-secondary', externalId: null });
    s.control.clockOffsetMs = 366 * DAY * 1000;
    expect((await rejection(linkedinConnector.refresh(s.context(), grant.credentials))).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    s.control.clockOffsetMs = 0;
    s.simulator.tokens.revokeUser(MEMBER.dana);
    const revoked = await rejection(linkedinConnector.refresh(s.context(), grant.credentials));
    expect([revoked.kind, revoked.platformCode]).toEqual([PlatformErrorKind.TOKEN_REVOKED, 'invalid_grant']);
  });

  it('without a refresh token only reconnecting helps (TOKEN_EXPIRED)', async () => {
    const error = await rejection(linkedinConnector.refresh(s.context(), { accessToken: 'AQVx', refreshToken: null }));
    expect(error.kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
  });
});

describe('an app that is not a refresh-token partner', () => {
  it('gets no refresh token, so the grant has none', async () => {
    const s = await setup({ ...(sandbox as LinkedinFixture), application: { refreshTokens: false } });
    try {
      const { grant } = await s.connect(MEMBER.dana, { handle: 'maple-ridge-secondary', externalId: null });
      expect([grant.credentials.refreshToken, grant.refreshTokenExpiresAt]).toEqual([null, null]);
      expect((await rejection(linkedinConnector.refresh(s.context(), grant.credentials))).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
    } finally {
      await s.close();
    }
  });
});

describe('fetchSnapshots', () => {
  let s: Setup;
  let itServices: Credentials;
  let hugo: Credentials;
  const all = () => [s.target(ORG.mapleRidge, itServices), s.target(ORG.district, itServices), s.target(ORG.lakeside, itServices), s.target(ORG.cedarPark, hugo)];
  beforeAll(async () => {
    s = await setup();
    itServices = (await s.connect(MEMBER.it, { handle: 'maple-ridge-secondary', externalId: null })).grant.credentials;
    hugo = (await s.connect(MEMBER.hugo, { handle: 'cedar-park-elementary', externalId: null })).grant.credentials;
  });
  afterAll(() => s.close());
  beforeEach(() => s.control.reset());

  it('reads several pages completely with small pages, batching the organizations across two people', async () => {
    s.control.pageSizeCap = 2;
    const meter = new CallMeter();
    const outcomes = await linkedinConnector.fetchSnapshots(s.context(meter), all());
    expect(outcomes.map((outcome) => outcome.key)).toEqual(all().map((target) => target.key));
    const [maple, district, lakeside, cedar] = outcomes.map(success);
    expect(maple).toMatchObject({
      platform: Platform.LINKEDIN,
      externalId: ORG.mapleRidge,
      handle: 'maple-ridge-secondary',
      displayName: 'Maple Ridge Secondary School',
      website: 'https://mapleridge.sandbox-sd.example.org',
      audience: 'PUBLIC',
      comments: { mode: 'PER_POST' },
      followerCount: 1843,
      lastPostAt: '2026-11-12T16:05:00.000Z',
      contactEmail: null,
      following: null,
    });
    expect(maple.profileText).toContain('Sandbox School District');
    expect(maple.unavailable.sort()).toEqual([SnapshotField.CONTACT_EMAIL, SnapshotField.FOLLOWING]);
    // Approved rows only (revoked, requested and rejected rows grant nothing), one entry per person.
    expect(maple.admins!.map((admin) => [admin.externalId, admin.roles, admin.fullControl])).toEqual([
      [`urn:li:person:${MEMBER.dana}`, ['ADMINISTRATOR'], true],
      [`urn:li:person:${MEMBER.it}`, ['ADMINISTRATOR'], true],
      [`urn:li:person:${MEMBER.priya}`, ['ADMINISTRATOR'], true],
      [`urn:li:person:${MEMBER.marco}`, ['CONTENT_ADMINISTRATOR', 'ANALYST'], false],
      ['urn:li:person:iC4rv4lh0W', ['ANALYST'], false],
      ['urn:li:person:sWh1t3h0rS', ['CURATOR'], false],
    ]);
    expect(maple.admins!.every((admin) => admin.source === 'organizationAcls')).toBe(true);
    // Seven published posts (the draft is not on the page), newest first, with comment state and mentions.
    expect(maple.recentPosts!.map((post) => post.externalId.slice(-1))).toEqual(['8', '7', '6', '5', '4', '2', '1']);
    const byId = new Map(maple.recentPosts!.map((post) => [post.externalId.split(':').pop()!.slice(-1), post]));
    expect(byId.get('8')!.mentions).toEqual([`urn:li:person:${MEMBER.marco}`]);
    expect(byId.get('6')!.mentions).toEqual(['lila_draws']);
    expect(byId.get('2')!.commentsEnabled).toBe(false);
    expect(byId.get('6')!).toMatchObject({ commentsEnabled: true, url: 'https://www.linkedin.com/feed/update/urn:li:share:7392000000000000006/' });
    expect(district.admins!.map((admin) => admin.roles[0])).toEqual(['ADMINISTRATOR', 'ADMINISTRATOR', 'ADMINISTRATOR', 'RECRUITING_POSTER']);
    expect(lakeside).toMatchObject({ website: null, lastPostAt: '2024-03-14T18:20:00.000Z' });
    expect(lakeside.recentPosts![0].mentions).toEqual(['robo.riley']);
    expect(cedar).toMatchObject({ handle: 'cedar-park-elementary', followerCount: 408 });

    // Roster 10 rows → 5 pages, posts 8 → 4 pages: each paged list really took >= 3 pages.
    // Calls: 2 shared organization batches (IT's token, then Hugo's for the page IT cannot read) +
    // per account roster pages + post pages + networkSizes + one socialMetadata batch.
    expect(outcomes.map((outcome) => outcome.apiCalls)).toEqual([5 + 4 + 1 + 1 + 1, 2 + 2 + 1 + 1 + 1, 2 + 1 + 1 + 1, 1 + 1 + 1 + 1]);
    expect(meter.calls).toBe(28);
    expect(s.control.totalRequests()).toBe(28);
    expect(s.control.requests.get('GET /rest/organizations')).toBe(2);
  });

  it('keeps calls per account at four plus a share of one batch', async () => {
    const meter = new CallMeter();
    const outcomes = await linkedinConnector.fetchSnapshots(s.context(meter), all().slice(0, 3));
    expect(outcomes.map((outcome) => outcome.apiCalls)).toEqual([5, 4, 4]);
    expect(meter.calls).toBe(13);
  });

  it('completes the roster through partial pages', async () => {
    s.control.pageSizeCap = 2;
    s.control.inject(SimulatorFault.PARTIAL_PAGE, { times: 3, pathIncludes: '/rest/organizationAcls' });
    const [outcome] = await linkedinConnector.fetchSnapshots(s.context(), [s.target(ORG.mapleRidge, itServices)]);
    expect(success(outcome).admins).toHaveLength(6);
    expect(s.control.pendingFaults()).toHaveLength(0);
    expect(s.control.requests.get('GET /rest/organizationAcls')).toBe(7);
  });

  it('recovers from one server error and reports UNAVAILABLE when it persists', async () => {
    s.control.inject(SimulatorFault.SERVER_ERROR, { pathIncludes: '/rest/networkSizes' });
    expect(success((await linkedinConnector.fetchSnapshots(s.context(), [s.target(ORG.mapleRidge, itServices)]))[0]).followerCount).toBe(1843);
    s.control.inject(SimulatorFault.SERVER_ERROR, { times: 50, pathIncludes: `/rest/networkSizes/urn%3Ali%3Aorganization%3A${ORG.lakeside}` });
    const outcomes = await linkedinConnector.fetchSnapshots(s.context(), all());
    expect(failure(outcomes[2])).toMatchObject({ kind: PlatformErrorKind.UNAVAILABLE, status: 500 });
    expect([outcomes[0].ok, outcomes[1].ok, outcomes[3].ok]).toEqual([true, true, true]);
  });

  it.each([
    [SimulatorFault.EXPIRED_TOKEN, PlatformErrorKind.TOKEN_EXPIRED, 'EXPIRED_ACCESS_TOKEN'],
    [SimulatorFault.REVOKED_TOKEN, PlatformErrorKind.TOKEN_REVOKED, 'REVOKED_ACCESS_TOKEN'],
  ])('%s on one account fails that account only', async (fault, kind, code) => {
    s.control.inject(fault, { pathIncludes: `/rest/posts?q=author&author=urn%3Ali%3Aorganization%3A${ORG.lakeside}` });
    const outcomes = await linkedinConnector.fetchSnapshots(s.context(), all());
    expect(failure(outcomes[2])).toMatchObject({ kind, status: 401, platformCode: code });
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(3);
  });

  it('retries the organization batch with another token when the first is rejected', async () => {
    s.control.inject(SimulatorFault.EXPIRED_TOKEN, { pathIncludes: '/rest/organizations?' });
    const outcomes = await linkedinConnector.fetchSnapshots(s.context(), all());
    // IT's token was rejected: its three pages fail; Hugo's page is read with Hugo's token.
    expect(outcomes.slice(0, 3).map((outcome) => failure(outcome).kind)).toEqual(Array(3).fill(PlatformErrorKind.TOKEN_EXPIRED));
    expect(success(outcomes[3]).handle).toBe('cedar-park-elementary');
  });

  it('stops the organization batch at an application-wide 429 instead of trying every token', async () => {
    s.control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: '/rest/organizations?', times: 5 });
    const outcomes = await linkedinConnector.fetchSnapshots(s.context(), all());
    for (const outcome of outcomes) expect(failure(outcome)).toMatchObject({ kind: PlatformErrorKind.RATE_LIMITED, status: 429 });
    // IT's token met the 429; Hugo's token was not tried, and no account read went out.
    expect(s.control.requests.get('GET /rest/organizations')).toBe(1);
    expect(s.control.totalRequests()).toBe(1);
  });

  it('maps 429 to RATE_LIMITED until midnight UTC and records full usage', async () => {
    s.control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: '/rest/organizationAcls' });
    const meter = new CallMeter();
    const [outcome] = await linkedinConnector.fetchSnapshots(s.context(meter), [s.target(ORG.mapleRidge, itServices)]);
    const error = failure(outcome);
    expect([error.kind, error.status]).toEqual([PlatformErrorKind.RATE_LIMITED, 429]);
    expect(Math.abs(error.retryAfterSeconds! - secondsUntilMidnightUtc(new Date()))).toBeLessThanOrEqual(2);
    expect(meter.usagePercent).toBe(100);
    expect(meter.resetAt!.toISOString()).toMatch(/T00:00:0[0-2]/);
  });

  it('fails only the page a token cannot read (PERMISSION_DENIED)', async () => {
    const marco = await s.credentialsOf(MEMBER.marco);
    const outcomes = await linkedinConnector.fetchSnapshots(s.context(), [s.target(ORG.mapleRidge, hugo), s.target(ORG.district, marco), s.target(ORG.lakeside, itServices)]);
    // Hugo has no role on Maple Ridge; Marco has none on the district page.
    expect(outcomes.slice(0, 2).map((outcome) => failure(outcome).kind)).toEqual([PlatformErrorKind.PERMISSION_DENIED, PlatformErrorKind.PERMISSION_DENIED]);
    expect(success(outcomes[2]).externalId).toBe(ORG.lakeside);
    // A CONTENT_ADMINISTRATOR reads the page but not its admin roster.
    const roster = failure((await linkedinConnector.fetchSnapshots(s.context(), [s.target(ORG.mapleRidge, marco)]))[0]);
    expect([roster.kind, roster.platformCode]).toEqual([PlatformErrorKind.PERMISSION_DENIED, 'ACCESS_DENIED']);
  });

  it('treats an unknown token as expired (401 INVALID_ACCESS_TOKEN)', async () => {
    const [outcome] = await linkedinConnector.fetchSnapshots(s.context(), [s.target(ORG.mapleRidge, { accessToken: 'AQVforged' })]);
    expect(failure(outcome)).toMatchObject({ kind: PlatformErrorKind.TOKEN_EXPIRED, platformCode: 'INVALID_ACCESS_TOKEN' });
  });

  it('answers protocol mistakes with LinkedIn errors', async () => {
    const token = itServices.accessToken;
    const batch = `/organizations?ids=List(${ORG.mapleRidge})`;
    expect(await s.api(batch, { token, version: null })).toMatchObject({ status: 400, body: { status: 400, code: 'VERSION_MISSING' } });
    expect(await s.api(batch, { token, version: '202001' })).toMatchObject({ status: 426, body: { code: 'NONEXISTENT_VERSION' } });
    expect((await s.api(batch, { token, protocol: false })).status).toBe(400);
    expect(await s.api(batch, {})).toMatchObject({ status: 401, body: { serviceErrorCode: 401 } });
    const unencoded = await s.api(`/organizationAcls?q=organization&organization=urn:li:organization:${ORG.mapleRidge}`, { token });
    expect(unencoded).toMatchObject({ status: 400, body: { code: 'ILLEGAL_ARGUMENT' } });
    expect((await s.api(`/networkSizes/urn%3Ali%3Aorganization%3A${ORG.mapleRidge}`, { token })).status).toBe(400);
    const update = await s.api(`/organizations/${ORG.mapleRidge}`, { token, method: 'POST', json: { patch: { $set: { localizedWebsite: 'x' } } } });
    expect(update.status).toBe(400);
    const malformed = await fetch(`${s.harness.running.urls(Platform.LINKEDIN).api}/organizations/${ORG.mapleRidge}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-method': 'PARTIAL_UPDATE', 'content-type': 'application/json' },
      body: '{"patch":',
    });
    expect([malformed.status, ((await malformed.json()) as { code: string }).code]).toEqual([400, 'ILLEGAL_ARGUMENT']);
    // Throttling comes with no rate-limit headers and no Retry-After.
    s.control.inject(SimulatorFault.RATE_LIMIT);
    const throttled = await fetch(`${s.harness.running.urls(Platform.LINKEDIN).api}${batch}`, {
      headers: { authorization: `Bearer ${token}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0' },
    });
    expect(throttled.status).toBe(429);
    expect([...throttled.headers.keys()].filter((name) => /rate|retry/i.test(name))).toEqual([]);
  });

  it('serves Rest.li shapes: batch results/statuses/errors, projections, total and next links', async () => {
    const token = itServices.accessToken;
    const batch = await s.api(`/organizations?ids=List(${ORG.mapleRidge},${ORG.cedarPark},1)&fields=vanityName`, { token });
    expect(batch.body).toEqual({
      results: { [ORG.mapleRidge]: { vanityName: 'maple-ridge-secondary' } },
      statuses: { [ORG.mapleRidge]: 200, [ORG.cedarPark]: 403, '1': 404 },
      errors: { [ORG.cedarPark]: expect.objectContaining({ status: 403, code: 'ACCESS_DENIED' }), '1': expect.objectContaining({ status: 404 }) },
    });
    const page = await s.api(`/organizationAcls?q=organization&organization=urn%3Ali%3Aorganization%3A${ORG.mapleRidge}&start=2&count=2`, { token });
    expect(page.body.paging).toMatchObject({ start: 2, count: 2, total: 10 });
    const next = (page.body.paging as { links: Array<{ rel: string; href: string }> }).links.find((link) => link.rel === 'next')!;
    expect(new URL(next.href, 'http://x').searchParams.get('start')).toBe('4');
  });
});

describe('daily quota', () => {
  it('throttles a member past the daily limit until 00:00 UTC', async () => {
    const s = await setup({ ...(sandbox as LinkedinFixture), application: { dailyCallLimitPerMember: 1 } });
    try {
      const credentials = await s.credentialsOf(MEMBER.dana);
      const path = `/networkSizes/urn%3Ali%3Aorganization%3A${ORG.mapleRidge}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`;
      expect((await s.api(path, { token: credentials.accessToken })).status).toBe(200);
      expect((await s.api(path, { token: credentials.accessToken })).status).toBe(429);
      s.control.clockOffsetMs = secondsUntilMidnightUtc(new Date()) * 1000 + 1000;
      expect((await s.api(path, { token: credentials.accessToken })).body).toEqual({ firstDegreeSize: 1843 });
    } finally {
      await s.close();
    }
  });
});

describe('token failures on fetch', () => {
  let s: Setup;
  beforeEach(async () => (s = await setup()));
  afterEach(() => s.close());

  it('a person who withdrew consent fails only their pages (TOKEN_REVOKED); an aged token is TOKEN_EXPIRED', async () => {
    const itServices = await s.credentialsOf(MEMBER.it);
    const hugo = await s.credentialsOf(MEMBER.hugo);
    s.simulator.tokens.revokeUser(MEMBER.hugo);
    let outcomes = await linkedinConnector.fetchSnapshots(s.context(), [s.target(ORG.cedarPark, hugo), s.target(ORG.mapleRidge, itServices)]);
    expect(failure(outcomes[0])).toMatchObject({ kind: PlatformErrorKind.TOKEN_REVOKED, platformCode: 'REVOKED_ACCESS_TOKEN' });
    expect(outcomes[1].ok).toBe(true);
    s.simulator.tokens.expireAccessTokens(MEMBER.it);
    outcomes = await linkedinConnector.fetchSnapshots(s.context(), [s.target(ORG.mapleRidge, itServices)]);
    expect(failure(outcomes[0]).kind).toBe(PlatformErrorKind.TOKEN_EXPIRED);
  });
});

describe('batching at scale (generated fixture)', () => {
  it('reads 60 pages with 2 organization batches: 4 calls per account plus 2 shared', async () => {
    const organizations = Array.from({ length: 60 }, (_, index) => ({
      id: 91000000 + index,
      vanityName: `school-${index}`,
      localizedName: `School ${index}`,
      description: `School ${index}, Sandbox School District.`,
      website: `https://school-${index}.sandbox-sd.example.org`,
      followerCount: index,
      acls: [{ member: 'bench', role: 'ADMINISTRATOR' as const, state: 'APPROVED' as const }],
      posts: [{ id: `urn:li:share:${8000000 + index}`, commentary: 'Hello', createdAt: '2026-11-01T10:00:00Z' }],
    }));
    const s = await setup({ members: [{ id: 'bench', name: 'Bench Admin' }], organizations });
    try {
      const credentials = { accessToken: s.simulator.tokens.mintForTest('bench', 'member', 3600) };
      const meter = new CallMeter();
      const targets = organizations.map((organization) => s.target(String(organization.id), credentials));
      const outcomes = await linkedinConnector.fetchSnapshots(s.context(meter), targets);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(meter.calls).toBe(60 * 4 + 2);
      expect(outcomes.reduce((sum, outcome) => sum + outcome.apiCalls, 0)).toBe(242);
    } finally {
      await s.close();
    }
  });
});

describe('remediation actions', () => {
  let s: Setup;
  let dana: Credentials;
  const apply = (request: ActionRequest, credentials = dana, organization = ORG.mapleRidge) =>
    linkedinConnector.applyAction(s.context(), s.target(organization, credentials), request);
  const reread = () => s.snapshotOf(ORG.mapleRidge, dana);
  beforeEach(async () => {
    s = await setup();
    dana = (await s.connect(MEMBER.dana, { handle: 'maple-ridge-secondary', externalId: null })).grant.credentials;
  });
  afterEach(() => s.close());

  it('updates the description and the website', async () => {
    const text = 'Maple Ridge Secondary School, Sandbox School District. Official page.';
    expect((await apply({ kind: RemediationKind.UPDATE_PROFILE_TEXT, params: { text } })).platformResponse).toEqual({ status: 204 });
    await apply({ kind: RemediationKind.UPDATE_WEBSITE, params: { url: 'https://www.sandbox-sd.example.org/mrs' } });
    expect(await reread()).toMatchObject({ profileText: text, website: 'https://www.sandbox-sd.example.org/mrs' });
  });

  it('closes comments on a post, deletes a comment and deletes a post', async () => {
    const post = 'urn:li:share:7392000000000000006';
    await apply({ kind: RemediationKind.DISABLE_POST_COMMENTS, params: { postId: post } });
    expect((await reread()).recentPosts!.find((candidate) => candidate.externalId === post)!.commentsEnabled).toBe(false);
    await apply({ kind: RemediationKind.DELETE_COMMENT, params: { postId: post, commentId: `urn:li:comment:(${post},7392100000000000101)` } });
    const comments = await s.api(`/socialActions/${encodeURIComponent(post)}/comments`, { token: dana.accessToken });
    expect((comments.body.elements as Array<{ id: string }>).map((comment) => comment.id)).toEqual(['7392100000000000102']);
    await apply({ kind: RemediationKind.DELETE_POST, params: { postId: post } });
    expect((await reread()).recentPosts!.map((candidate) => candidate.externalId)).not.toContain(post);
  });

  it('removes admins (named role, or every approved role) and adds admins', async () => {
    await apply({ kind: RemediationKind.REMOVE_ADMIN, params: { userId: `urn:li:person:${MEMBER.priya}`, roles: ['ADMINISTRATOR'] } });
    const removed = await apply({ kind: RemediationKind.REMOVE_ADMIN, params: { userId: MEMBER.marco } });
    expect(removed.platformResponse).toEqual([{ role: 'CONTENT_ADMINISTRATOR', status: 204 }, { role: 'ANALYST', status: 204 }]);
    await apply({ kind: RemediationKind.ADD_ADMIN, params: { userId: MEMBER.tomas } });
    await apply({ kind: RemediationKind.ADD_ADMIN, params: { userId: MEMBER.amara, roles: ['ANALYST'] } });
    const admins = new Map((await reread()).admins!.map((admin) => [admin.externalId.split(':').pop(), admin]));
    expect(admins.has(MEMBER.priya)).toBe(false);
    expect(admins.has(MEMBER.marco)).toBe(false);
    expect(admins.get(MEMBER.tomas)).toMatchObject({ roles: ['ADMINISTRATOR'], fullControl: true });
    expect(admins.get(MEMBER.amara)).toMatchObject({ roles: ['ANALYST'], fullControl: false });
  });

  it('surfaces refusals as PlatformErrors', async () => {
    const hugo = (await s.connect(MEMBER.hugo, { handle: 'cedar-park-elementary', externalId: null })).grant.credentials;
    const marco = await s.credentialsOf(MEMBER.marco);
    const denied = await rejection(apply({ kind: RemediationKind.UPDATE_WEBSITE, params: { url: 'https://example.org' } }, marco));
    expect([denied.kind, denied.platformCode]).toEqual([PlatformErrorKind.PERMISSION_DENIED, 'ACCESS_DENIED']);
    // The last approved ADMINISTRATOR of a page cannot be removed.
    const lastAdmin = await rejection(apply({ kind: RemediationKind.REMOVE_ADMIN, params: { userId: MEMBER.hugo, roles: ['ADMINISTRATOR'] } }, hugo, ORG.cedarPark));
    expect([lastAdmin.kind, lastAdmin.status]).toEqual([PlatformErrorKind.BAD_REQUEST, 422]);
    const missing = await rejection(apply({ kind: RemediationKind.DELETE_POST, params: { postId: 'urn:li:share:1' } }));
    expect(missing.kind).toBe(PlatformErrorKind.NOT_FOUND);
    const unsupported = await rejection(apply({ kind: RemediationKind.HIDE_COMMENT, params: { commentId: '1' } }));
    expect(unsupported.kind).toBe(PlatformErrorKind.BAD_REQUEST);
  });
});
