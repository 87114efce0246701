import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Platform } from '../../src/accounts/account.enums';
import { facebookProvider } from '../../integrations/facebook/provider';
import { graphList, MAX_PAGES, nextCursor } from '../../integrations/facebook/graph-api';
import type { FacebookSimulator } from '../../integrations/facebook/simulator';
import { CallMeter, PlatformHttp } from '../../integrations/http/platform-http';
import { PlatformError, PlatformErrorKind } from '../../integrations/platform-error';
import { RemediationKind, type SnapshotOutcome, type SnapshotTarget, type TokenGrant } from '../../integrations/provider';
import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { SIMULATOR_CLIENT } from '../../integrations/simulator/simulator-server';
import { SnapshotField, type AccountSnapshot } from '../../integrations/snapshot';
import { authorizeOnSimulator, startSimulatorHarness, type SimulatorHarness } from '../support/platform-simulators';

const connector = facebookProvider.connector;

const PAGES = {
  district: { id: '108241000000001', handle: 'sandboxschools' },
  cedarPark: { id: '108241000000002', handle: 'cedarparkelementary' },
  athletics: { id: '108241000000003', handle: 'mapleridgeathletics' },
  lakeside: { id: '108241000000004', handle: 'lakesidemiddleschool' },
} as const;
type PageName = keyof typeof PAGES;

const PEOPLE = {
  ines: '10229000000000101',
  sam: '10229000000000102',
  hugo: '10229000000000201',
  amara: '10229000000000202',
  marco: '10229000000000302',
  priya: '10229000000000303',
  grace: '10229000000000401',
  kevin: '10229000000000901',
};

/** The person who connects each Page in these tests. */
const CONNECTOR_OF: Record<PageName, string> = { district: PEOPLE.ines, cedarPark: PEOPLE.hugo, athletics: PEOPLE.marco, lakeside: PEOPLE.grace };

interface Connection {
  grant: TokenGrant;
  externalId: string;
  displayName: string | null;
}

async function connect(harness: SimulatorHarness, userId: string, handle: string, externalId: string | null = null): Promise<Connection> {
  const token = await authorizeOnSimulator(harness, facebookProvider, userId);
  return connector.completeAuthorization(
    harness.context(Platform.FACEBOOK),
    { accessToken: String(token.access_token), refreshToken: null, params: token },
    { handle, externalId },
  );
}

function targetOf(connection: Connection, key: string, handle = ''): SnapshotTarget {
  return { key, externalId: connection.externalId, handle, credentials: connection.grant.credentials };
}

async function expectPlatformError(promise: Promise<unknown>, kind: PlatformErrorKind): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformError);
  expect((error as PlatformError).kind).toBe(kind);
  return error as PlatformError;
}

function snapshotOf(outcome: SnapshotOutcome): AccountSnapshot {
  if (!outcome.ok) throw new Error(`expected a snapshot, got ${outcome.error.kind} ${outcome.error.platformCode}`);
  return outcome.snapshot;
}

function errorOf(outcome: SnapshotOutcome): PlatformError {
  if (outcome.ok) throw new Error('expected an error');
  return outcome.error;
}

/** Direct Graph request against the simulator (to look at what the connector does not show). */
async function graph(harness: SimulatorHarness, path: string, params: Record<string, string>, init: RequestInit = {}) {
  const url = new URL(`${harness.running.urls(Platform.FACEBOOK).api}/${path}`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function simulator(harness: SimulatorHarness): FacebookSimulator {
  return harness.running.get(Platform.FACEBOOK) as FacebookSimulator;
}

/** Graph batch envelopes the simulator served. */
function envelopes(harness: SimulatorHarness): number {
  return simulator(harness).control.requests.get('POST /v25.0/') ?? 0;
}

/** Requests the simulator served other than batch envelopes: the operations Meta counts. */
function operationsServed(harness: SimulatorHarness): number {
  return simulator(harness).control.totalRequests() - envelopes(harness);
}

function requestsTo(harness: SimulatorHarness, path: string): number {
  return simulator(harness).control.requests.get(`GET /v25.0/${path}`) ?? 0;
}

async function connectAll(harness: SimulatorHarness): Promise<Record<PageName, Connection>> {
  // One after the other: the consent plan is one switch on the simulator.
  const connections: Partial<Record<PageName, Connection>> = {};
  for (const name of Object.keys(PAGES) as PageName[]) connections[name] = await connect(harness, CONNECTOR_OF[name], PAGES[name].handle);
  return connections as Record<PageName, Connection>;
}

function allTargets(connections: Record<PageName, Connection>): SnapshotTarget[] {
  return (Object.keys(PAGES) as PageName[]).map((name) => targetOf(connections[name], name, PAGES[name].handle));
}

describe('Facebook connector against its simulator: authorization', () => {
  let harness: SimulatorHarness;
  beforeAll(async () => {
    harness = await startSimulatorHarness([facebookProvider]);
  });
  afterAll(() => harness.close());
  beforeEach(() => simulator(harness).control.reset());

  it('exchanges the code for a short user token, then a long-lived one, and finds the Page and its token', async () => {
    const token = await authorizeOnSimulator(harness, facebookProvider, PEOPLE.ines);
    expect(token).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 5400 });
    const before = Date.now();
    const connection = await connector.completeAuthorization(
      harness.context(Platform.FACEBOOK),
      { accessToken: String(token.access_token), refreshToken: null, params: token },
      { handle: '@SandboxSchools', externalId: null },
    );
    expect(connection.externalId).toBe(PAGES.district.id);
    expect(connection.displayName).toBe('Sandbox School District');
    const { grant } = connection;
    expect(grant.credentials.accessToken).not.toBe(token.access_token);
    expect(grant.credentials.extra).toEqual({ pageAccessToken: expect.any(String) });
    expect(grant.refreshTokenExpiresAt).toBeNull();
    const lifetime = (grant.accessTokenExpiresAt?.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThanOrEqual(5183944 * 1000 - 5000);
    expect(lifetime).toBeLessThanOrEqual(5183944 * 1000 + 5000);
    expect(grant.scopes).toEqual(expect.arrayContaining(['pages_show_list', 'pages_read_engagement', 'pages_manage_metadata']));
  });

  it('matches the registered externalId when it is known, following every page of /me/accounts', async () => {
    simulator(harness).control.pageSizeCap = 1;
    // Ines has a role on the district Page and, as a business user, on the athletics Page: two pages of accounts.
    const connection = await connect(harness, PEOPLE.ines, 'anything', PAGES.athletics.id);
    expect(connection.externalId).toBe(PAGES.athletics.id);
    expect(requestsTo(harness, 'me/accounts')).toBe(2);
  });

  it('shows a consent screen to the sandbox people who manage the Pages, and redirects with a code on allow', async () => {
    expect(simulator(harness).consentUserFor('@sandboxschools')).toBe(PEOPLE.ines);
    expect(simulator(harness).consentUserFor('cedarparkelementary')).toBe(PEOPLE.hugo);
    expect(simulator(harness).consentUserFor('nosuchpage')).toBeNull();
    const authorize = new URL(harness.running.urls(Platform.FACEBOOK).authorize);
    authorize.search = new URLSearchParams({ client_id: SIMULATOR_CLIENT.clientId, redirect_uri: 'http://127.0.0.1:1/cb', state: 's1' }).toString();
    const page = await fetch(authorize);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Ines Carvalho');
    expect(html).not.toContain('IT Services');
    const allow = await fetch(authorize, {
      method: 'POST',
      body: new URLSearchParams({ client_id: SIMULATOR_CLIENT.clientId, redirect_uri: 'http://127.0.0.1:1/cb', state: 's1', decision: 'allow', user_id: PEOPLE.ines }),
      redirect: 'manual',
    });
    expect(allow.status).toBe(302);
    const location = new URL(allow.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('answers ACCOUNT_NOT_MANAGED when the person has no role on the Page', async () => {
    await expectPlatformError(connect(harness, PEOPLE.amara, PAGES.district.handle), PlatformErrorKind.ACCOUNT_NOT_MANAGED);
  });

  it('accepts the documented GET exchange, and codes are single use and bound to redirect_uri and the client secret', async () => {
    const urls = harness.running.urls(Platform.FACEBOOK);
    const code = async () => {
      const authorize = new URL(urls.authorize);
      authorize.search = new URLSearchParams({
        client_id: SIMULATOR_CLIENT.clientId,
        redirect_uri: 'http://127.0.0.1:1/cb',
        state: 's',
        scope: 'pages_show_list',
      }).toString();
      simulator(harness).control.consent = { decision: 'APPROVE', userId: PEOPLE.hugo };
      const redirect = await fetch(authorize, { redirect: 'manual' });
      return new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    };
    const exchange = async (params: Record<string, string>) => {
      const response = await fetch(`${urls.token}?${new URLSearchParams(params)}`);
      return { status: response.status, body: (await response.json()) as { error?: Record<string, unknown>; access_token?: string } };
    };
    const base = { client_id: SIMULATOR_CLIENT.clientId, client_secret: SIMULATOR_CLIENT.clientSecret, redirect_uri: 'http://127.0.0.1:1/cb' };

    const first = await code();
    const ok = await exchange({ ...base, code: first });
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toEqual(expect.any(String));
    const replay = await exchange({ ...base, code: first });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toMatchObject({ type: 'OAuthException', code: 100, error_subcode: 36009, fbtrace_id: expect.any(String) });

    const mismatch = await exchange({ ...base, redirect_uri: 'http://127.0.0.1:1/other', code: await code() });
    expect(mismatch.body.error).toMatchObject({ code: 100, error_subcode: 36008 });
    const wrongSecret = await exchange({ ...base, client_secret: 'nope', code: await code() });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.error).toMatchObject({ code: 1 });
    const noClient = await exchange({ client_secret: SIMULATOR_CLIENT.clientSecret, redirect_uri: base.redirect_uri, code: await code() });
    expect(noClient.body.error).toMatchObject({ code: 101 });
  });

  it('cannot exchange a short-lived token that has already expired', async () => {
    const token = await authorizeOnSimulator(harness, facebookProvider, PEOPLE.grace);
    simulator(harness).control.clockOffsetMs = 5401 * 1000;
    const error = await expectPlatformError(
      connector.completeAuthorization(
        harness.context(Platform.FACEBOOK),
        { accessToken: String(token.access_token), refreshToken: null, params: token },
        { handle: PAGES.lakeside.handle, externalId: null },
      ),
      PlatformErrorKind.TOKEN_EXPIRED,
    );
    expect(error.platformCode).toBe('190/463');
    expect(error.message).not.toContain(String(token.access_token));
  });

  it('answers Meta errors for missing parameters and tokens', async () => {
    const connection = await connect(harness, PEOPLE.hugo, PAGES.cedarPark.handle);
    const pageToken = connection.grant.credentials.extra?.pageAccessToken ?? '';
    const noBusiness = await graph(harness, `${PAGES.cedarPark.id}/assigned_users`, { access_token: pageToken });
    expect(noBusiness.status).toBe(400);
    expect(noBusiness.body.error).toMatchObject({ code: 100, type: 'OAuthException' });
    const noToken = await graph(harness, PAGES.cedarPark.id, { fields: 'name' });
    expect(noToken.body.error).toMatchObject({ code: 104 });
    const badField = await graph(harness, PAGES.cedarPark.id, { fields: 'name,favourite_colour', access_token: pageToken });
    expect(badField.body.error).toMatchObject({ code: 100 });
    const userTokenOnPage = await graph(harness, `${PAGES.cedarPark.id}/roles`, { access_token: connection.grant.credentials.accessToken });
    expect(userTokenOnPage.body.error).toMatchObject({ code: 210 });
    const batchWithoutToken = await graph(harness, '', {}, { method: 'POST', body: new URLSearchParams({ batch: '[]' }) });
    expect(batchWithoutToken.body.error).toMatchObject({ code: 104 });
  });
});

describe('Facebook connector against its simulator: refresh', () => {
  let harness: SimulatorHarness;
  beforeAll(async () => {
    harness = await startSimulatorHarness([facebookProvider]);
  });
  afterAll(() => harness.close());
  beforeEach(() => simulator(harness).control.reset());

  it('exchanges the long-lived token again and re-mints a Page token that reads', async () => {
    const connection = await connect(harness, PEOPLE.grace, PAGES.lakeside.handle);
    const refreshed = await connector.refresh(harness.context(Platform.FACEBOOK), connection.grant.credentials);
    expect(refreshed.credentials.accessToken).not.toBe(connection.grant.credentials.accessToken);
    expect(refreshed.credentials.extra?.pageAccessToken).not.toBe(connection.grant.credentials.extra?.pageAccessToken);
    expect(refreshed.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);
    const [outcome] = await connector.fetchSnapshots(harness.context(Platform.FACEBOOK), [
      { ...targetOf(connection, 'lakeside'), credentials: refreshed.credentials },
    ]);
    expect(snapshotOf(outcome).displayName).toBe('Lakeside Middle School');
  });

  it('answers TOKEN_EXPIRED once the long-lived token has expired', async () => {
    const connection = await connect(harness, PEOPLE.grace, PAGES.lakeside.handle);
    simulator(harness).control.clockOffsetMs = 61 * 86_400_000;
    const error = await expectPlatformError(connector.refresh(harness.context(Platform.FACEBOOK), connection.grant.credentials), PlatformErrorKind.TOKEN_EXPIRED);
    expect(error.platformCode).toBe('190/463');
  });

  it('answers TOKEN_REVOKED after the person withdrew consent or changed their password', async () => {
    const connection = await connect(harness, PEOPLE.amara, PAGES.cedarPark.handle);
    simulator(harness).tokens.revokeUser(PEOPLE.amara);
    const error = await expectPlatformError(connector.refresh(harness.context(Platform.FACEBOOK), connection.grant.credentials), PlatformErrorKind.TOKEN_REVOKED);
    expect(error.platformCode).toBe('190/460');
  });
});

describe('Facebook connector against its simulator: fetchSnapshots', () => {
  let harness: SimulatorHarness;
  let connections: Record<PageName, Connection>;
  beforeAll(async () => {
    harness = await startSimulatorHarness([facebookProvider]);
    connections = await connectAll(harness);
  });
  afterAll(() => harness.close());
  beforeEach(() => simulator(harness).control.reset());

  it('reads several Pages completely when every list takes three pages or more', async () => {
    simulator(harness).control.pageSizeCap = 2;
    const meter = new CallMeter();
    const outcomes = await connector.fetchSnapshots(harness.context(Platform.FACEBOOK, meter), allTargets(connections));
    expect(outcomes.map((outcome) => outcome.key)).toEqual(['district', 'cedarPark', 'athletics', 'lakeside']);
    const [district, cedarPark, athletics, lakeside] = outcomes.map(snapshotOf);

    expect(requestsTo(harness, `${PAGES.athletics.id}/roles`)).toBeGreaterThanOrEqual(3);
    expect(requestsTo(harness, `${PAGES.athletics.id}/assigned_users`)).toBeGreaterThanOrEqual(3);
    expect(requestsTo(harness, `${PAGES.athletics.id}/published_posts`)).toBeGreaterThanOrEqual(3);
    expect(athletics.admins).toHaveLength(10);
    expect(athletics.admins?.filter((admin) => admin.source === 'roles')).toHaveLength(5);
    expect(athletics.admins?.find((admin) => admin.externalId === PEOPLE.priya)).toMatchObject({
      name: 'Priya Raman',
      source: 'assigned_users',
      fullControl: true,
      email: null,
    });
    expect(athletics.admins?.find((admin) => admin.externalId === PEOPLE.kevin)).toMatchObject({ roles: ['CREATE_CONTENT', 'MODERATE'], fullControl: false });
    expect(athletics.recentPosts).toHaveLength(5);
    expect(athletics.recentPosts?.flatMap((post) => post.mentions)).toEqual(expect.arrayContaining(['jordan.k.skates', 'lila_draws']));
    expect(athletics.comments).toEqual({ mode: 'FILTERED', lastModeratedAt: null, heldForReviewCount: null });
    expect(athletics.contactEmail).toBe('mrs.athletics.coach@gmail.com');

    expect(district).toMatchObject({
      platform: Platform.FACEBOOK,
      externalId: PAGES.district.id,
      handle: 'sandboxschools',
      displayName: 'Sandbox School District',
      website: 'https://www.sandbox-sd.example.org',
      audience: 'PUBLIC',
      contactEmail: 'communications@sandbox-sd.example.org',
      followerCount: 4213,
      following: null,
      lastPostAt: '2026-11-20T16:30:00.000Z',
      unavailable: [SnapshotField.FOLLOWING],
      comments: { mode: 'FILTERED', lastModeratedAt: '2026-11-13T08:40:00.000Z', heldForReviewCount: null },
    });
    expect(district.profileText).toContain('Sandbox School District');
    expect(district.profileLinks).toEqual([]);
    expect(district.admins?.map((admin) => [admin.name, admin.source, admin.fullControl])).toEqual([
      ['Ines Carvalho', 'roles', true],
      ['Dana Whitford', 'roles', false],
      ['Hugo Lefebvre', 'roles', false],
      ['Grace Lindqvist', 'roles', false],
      ['Marco Bellini', 'roles', false],
      ['Sam Whitehorse', 'assigned_users', true],
      ['IT Services (social media)', 'assigned_users', true],
    ]);
    expect(district.recentPosts?.map((post) => post.createdAt)).toEqual(['2026-11-20T16:30:00.000Z', '2026-11-12T19:05:00.000Z', '2026-10-29T15:00:00.000Z']);
    expect(district.recentPosts?.[0].url).toMatch(/^https:\/\/www\.facebook\.com\//);

    expect(cedarPark.website).toBeNull();
    expect(cedarPark.comments?.mode).toBe('OPEN');
    expect(cedarPark.admins?.find((admin) => admin.externalId === PEOPLE.amara)?.fullControl).toBe(false);
    expect(cedarPark.recentPosts?.[1].tags).toEqual([PEOPLE.amara]);

    expect(lakeside.admins).toHaveLength(2);
    expect(lakeside.lastPostAt).toBe('2025-02-14T17:00:00.000Z');
    expect(lakeside.recentPosts?.[0].mentions).toEqual(['robo.riley']);
    expect(lakeside.website).toBe('http://lakesidemiddle.weebly.example.com');

    // Three rounds (the longest lists take three pages), one batch call each, shared by the four Pages; the
    // calls counted are the operations inside them, as Meta counts them.
    expect(envelopes(harness)).toBe(3);
    expect(meter.calls).toBe(operationsServed(harness));
    expect(outcomes.reduce((sum, outcome) => sum + outcome.apiCalls, 0)).toBe(meter.calls);
  });

  it('reads ten Pages per batch call: 12 targets cost 2 calls', async () => {
    const targets = [0, 1, 2].flatMap((round) => allTargets(connections).map((target) => ({ ...target, key: `${target.key}-${round}` })));
    const meter = new CallMeter();
    const outcomes = await connector.fetchSnapshots(harness.context(Platform.FACEBOOK, meter), targets);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(envelopes(harness)).toBe(2);
    // Every operation counts on its own, at the simulator and on the meter: 5 per Page.
    expect(meter.calls).toBe(12 * 5);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.apiCalls, 0)).toBe(12 * 5);
    expect(simulator(harness).control.totalRequests()).toBe(12 * 5 + 2);
    expect(meter.usagePercent).not.toBeNull();
  });

  it('reads without Meta usage headers when the platform sends none', async () => {
    simulator(harness).control.usageHeaders = false;
    const meter = new CallMeter();
    const outcomes = await connector.fetchSnapshots(harness.context(Platform.FACEBOOK, meter), allTargets(connections));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(meter.usagePercent).toBeNull();
  });

  it('rejects a paging cursor that repeats', () => {
    const seen = new Set<string>();
    const page = { data: [], paging: { cursors: { after: 'QVFI' }, next: 'https://graph.facebook.com/v25.0/1/roles?after=QVFI' } };
    expect(nextCursor(page, seen)).toBe('QVFI');
    expect(() => nextCursor(page, seen)).toThrow(expect.objectContaining({ kind: PlatformErrorKind.BAD_RESPONSE }));
    expect(nextCursor({ data: [], paging: { cursors: { after: 'x' } } }, new Set())).toBeNull();
  });
});

describe('Facebook connector against its simulator: faults', () => {
  let harness: SimulatorHarness;
  let connections: Record<PageName, Connection>;
  const fetchAll = (meter = new CallMeter()) => connector.fetchSnapshots(harness.context(Platform.FACEBOOK, meter), allTargets(connections));
  beforeAll(async () => {
    harness = await startSimulatorHarness([facebookProvider]);
    connections = await connectAll(harness);
  });
  afterAll(() => harness.close());
  beforeEach(() => simulator(harness).control.reset());

  it('EXPIRED_TOKEN fails only that Page, as TOKEN_EXPIRED', async () => {
    simulator(harness).control.inject(SimulatorFault.EXPIRED_TOKEN, { pathIncludes: PAGES.cedarPark.id });
    const outcomes = await fetchAll();
    expect(errorOf(outcomes[1])).toMatchObject({ kind: PlatformErrorKind.TOKEN_EXPIRED, platformCode: '190/463', status: 400 });
    expect([outcomes[0], outcomes[2], outcomes[3]].every((outcome) => outcome.ok)).toBe(true);
  });

  it('REVOKED_TOKEN and a revoked user answer TOKEN_REVOKED, the other Pages still read', async () => {
    simulator(harness).control.inject(SimulatorFault.REVOKED_TOKEN, { pathIncludes: PAGES.district.id });
    const outcomes = await fetchAll();
    expect(errorOf(outcomes[0])).toMatchObject({ kind: PlatformErrorKind.TOKEN_REVOKED, platformCode: '190/460' });
    expect(outcomes.slice(1).every((outcome) => outcome.ok)).toBe(true);

    simulator(harness).tokens.revokeUser(CONNECTOR_OF.lakeside);
    try {
      const afterRevoke = await fetchAll();
      expect(errorOf(afterRevoke[3])).toMatchObject({ kind: PlatformErrorKind.TOKEN_REVOKED, platformCode: '190/460' });
      expect(afterRevoke.slice(0, 3).every((outcome) => outcome.ok)).toBe(true);
    } finally {
      connections.lakeside = await connect(harness, CONNECTOR_OF.lakeside, PAGES.lakeside.handle);
    }
  });

  it('RATE_LIMIT answers RATE_LIMITED with the BUC header’s time to regain access', async () => {
    simulator(harness).control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: `${PAGES.athletics.id}/published_posts` });
    const meter = new CallMeter();
    const outcomes = await fetchAll(meter);
    const error = errorOf(outcomes[2]);
    expect(error).toMatchObject({ kind: PlatformErrorKind.RATE_LIMITED, platformCode: '80001', retryAfterSeconds: 300, status: 400 });
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(3);
    expect(meter.usagePercent).toBe(100);
    expect(meter.resetAt?.getTime()).toBeGreaterThan(Date.now() + 290_000);
  });

  it('RATE_LIMIT without usage headers still answers RATE_LIMITED, with no retry time', async () => {
    simulator(harness).control.usageHeaders = false;
    simulator(harness).control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: PAGES.lakeside.id });
    const outcomes = await fetchAll();
    expect(errorOf(outcomes[3])).toMatchObject({ kind: PlatformErrorKind.RATE_LIMITED, retryAfterSeconds: null });
  });

  it('an app-level throttle on a direct call maps code 4 to RATE_LIMITED', async () => {
    simulator(harness).control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: '/me/accounts' });
    const error = await expectPlatformError(connect(harness, PEOPLE.hugo, PAGES.cedarPark.handle), PlatformErrorKind.RATE_LIMITED);
    expect(error.platformCode).toBe('4');
  });

  it('SERVER_ERROR once is retried in the next batch and the read completes', async () => {
    simulator(harness).control.inject(SimulatorFault.SERVER_ERROR, { pathIncludes: `${PAGES.athletics.id}/roles` });
    const meter = new CallMeter();
    const outcomes = await fetchAll(meter);
    expect(snapshotOf(outcomes[2]).admins).toHaveLength(10);
    expect(requestsTo(harness, `${PAGES.athletics.id}/roles`)).toBe(2);
    // The failed operation answered inside its batch; it counts, as Meta counts it, and so does its retry.
    expect(envelopes(harness)).toBe(2);
    expect(meter.calls).toBe(operationsServed(harness));
  });

  it('SERVER_ERROR on the Page read itself is retried, and assigned users are still read', async () => {
    simulator(harness).control.inject(SimulatorFault.SERVER_ERROR, { pathIncludes: `/v25.0/${PAGES.district.id}` , times: 1 });
    const outcomes = await fetchAll();
    expect(snapshotOf(outcomes[0]).admins).toHaveLength(7);
  });

  it('persistent SERVER_ERROR answers UNAVAILABLE for that Page only', async () => {
    simulator(harness).control.inject(SimulatorFault.SERVER_ERROR, { pathIncludes: `${PAGES.cedarPark.id}/settings`, times: 10 });
    const outcomes = await fetchAll();
    expect(errorOf(outcomes[1])).toMatchObject({ kind: PlatformErrorKind.UNAVAILABLE, platformCode: '2', status: 500 });
    expect(requestsTo(harness, `${PAGES.cedarPark.id}/settings`)).toBe(3);
    expect([outcomes[0], outcomes[2], outcomes[3]].every((outcome) => outcome.ok)).toBe(true);
  });

  it('PARTIAL_PAGE (short and empty pages that still point on) leaves every list complete', async () => {
    const control = simulator(harness).control;
    control.pageSizeCap = 2;
    control.inject(SimulatorFault.PARTIAL_PAGE, { pathIncludes: '/roles', times: 3 });
    control.inject(SimulatorFault.PARTIAL_PAGE, { pathIncludes: '/assigned_users', times: 3 });
    const short = (await fetchAll()).map(snapshotOf);
    expect(short[2].admins).toHaveLength(10);
    expect(short[0].admins).toHaveLength(7);

    control.reset();
    control.pageSizeCap = 1;
    control.inject(SimulatorFault.PARTIAL_PAGE, { pathIncludes: `${PAGES.athletics.id}/published_posts`, times: 2 });
    const empty = (await fetchAll()).map(snapshotOf);
    expect(empty[2].recentPosts).toHaveLength(5);
  });

  it('a Page token used for another Page, or a user token, answers PERMISSION_DENIED', async () => {
    const outcomes = await connector.fetchSnapshots(harness.context(Platform.FACEBOOK), [
      { ...targetOf(connections.district, 'swapped'), externalId: PAGES.cedarPark.id },
      { ...targetOf(connections.lakeside, 'user-token'), credentials: { accessToken: connections.lakeside.grant.credentials.accessToken } },
    ]);
    expect(errorOf(outcomes[0])).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, platformCode: '200' });
    expect(errorOf(outcomes[1])).toMatchObject({ kind: PlatformErrorKind.PERMISSION_DENIED, platformCode: '210' });
  });

  it('a rejected app secret on the batch envelope is BAD_REQUEST for the Pages, not a revoked token', async () => {
    const wrongApp = { ...harness.context(Platform.FACEBOOK), clientSecret: 'not-the-app-secret' };
    const outcomes = await connector.fetchSnapshots(wrongApp, allTargets(connections));
    expect(outcomes).toHaveLength(4);
    for (const outcome of outcomes) {
      expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.BAD_REQUEST, platformCode: '190', status: 400 });
      expect(errorOf(outcome).isCredentialProblem).toBe(false);
    }
    // No operation ran: Meta refused the envelope.
    expect(requestsTo(harness, `${PAGES.district.id}/roles`)).toBe(0);
    // The Page tokens themselves are fine.
    expect((await fetchAll()).every((outcome) => outcome.ok)).toBe(true);
  });

  it('null batch results (operations a timed-out batch did not finish) are sent again in the next batch', async () => {
    // The batch runs out of time at the athletics roster: it and everything after it (lakeside's reads) answer null.
    simulator(harness).settings.batchTimeouts.push({ pathIncludes: `${PAGES.athletics.id}/roles`, times: 1 });
    const outcomes = await fetchAll();
    const [, , athletics, lakeside] = outcomes.map(snapshotOf);
    expect(athletics.admins).toHaveLength(10);
    expect(athletics.recentPosts).toHaveLength(5);
    expect(lakeside).toMatchObject({ displayName: 'Lakeside Middle School', website: 'http://lakesidemiddle.weebly.example.com' });
    expect(lakeside.admins).toHaveLength(2);
    // The unfinished operations never ran; each ran once when sent again.
    expect(requestsTo(harness, `${PAGES.athletics.id}/roles`)).toBe(1);
    expect(requestsTo(harness, PAGES.lakeside.id)).toBe(1);
    expect(simulator(harness).settings.batchTimeouts).toEqual([]);
  });

  it('an operation that stays unfinished is UNAVAILABLE for that Page only, after the usual attempts', async () => {
    simulator(harness).settings.batchTimeouts.push({ pathIncludes: `${PAGES.lakeside.id}/settings`, times: 10 });
    const outcomes = await fetchAll();
    expect(errorOf(outcomes[3])).toMatchObject({ kind: PlatformErrorKind.UNAVAILABLE });
    expect(outcomes.slice(0, 3).every((outcome) => outcome.ok)).toBe(true);
    expect(simulator(harness).settings.batchTimeouts).toEqual([{ pathIncludes: `${PAGES.lakeside.id}/settings`, times: 7 }]);
    expect(requestsTo(harness, `${PAGES.lakeside.id}/settings`)).toBe(0);
  });
});

/**
 * A Graph server whose lists never end: every page is empty and points on with a cursor it never gave before
 * (the repeated-cursor guard cannot stop it). Answers direct GETs and batch POSTs.
 */
async function endlessGraph() {
  let cursor = 0;
  let requests = 0;
  let operationCount = 0;
  const endlessPage = () => {
    cursor += 1;
    return { data: [], paging: { cursors: { after: `c${cursor}` }, next: `http://127.0.0.1/next?after=c${cursor}` } };
  };
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    requests += 1;
    let text = '';
    for await (const chunk of request) text += String(chunk);
    response.setHeader('content-type', 'application/json');
    if (request.method !== 'POST') return response.end(JSON.stringify(endlessPage()));
    const operations = JSON.parse(new URLSearchParams(text).get('batch') ?? '[]') as Array<{ relative_url: string }>;
    operationCount += operations.length;
    const entries = operations.map((operation) => {
      const path = operation.relative_url.split('?')[0];
      const body = path.includes('/') ? endlessPage() : { id: path, name: 'Endless Page', username: 'endless' };
      return { code: 200, body: JSON.stringify(body) };
    });
    response.end(JSON.stringify(entries));
  };
  const server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = {
    http: new PlatformHttp({ platform: Platform.FACEBOOK }),
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v25.0`,
    tokenUrl: 'http://unused',
    clientId: 'c',
    clientSecret: 's',
    now: () => new Date(),
  };
  return { context, requests: () => requests, operations: () => operationCount, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Facebook paging cap', () => {
  it('graphList stops with BAD_RESPONSE after MAX_PAGES pages of fresh cursors', async () => {
    const endless = await endlessGraph();
    try {
      const error = await expectPlatformError(
        graphList(endless.context, endless.context.http, { path: 'me/accounts', params: { limit: '100' }, token: 't' }),
        PlatformErrorKind.BAD_RESPONSE,
      );
      expect(error.platform).toBe(Platform.FACEBOOK);
      expect(endless.requests()).toBe(MAX_PAGES);
    } finally {
      await endless.close();
    }
  });

  it('the batch reader stops a list that never ends with BAD_RESPONSE for that Page', async () => {
    const endless = await endlessGraph();
    try {
      const meter = new CallMeter();
      const [outcome] = await connector.fetchSnapshots({ ...endless.context, http: endless.context.http.withMeter(meter) }, [
        { key: 'endless', externalId: '1', handle: 'endless', credentials: { accessToken: 'u', extra: { pageAccessToken: 'p' } } },
      ]);
      expect(errorOf(outcome).kind).toBe(PlatformErrorKind.BAD_RESPONSE);
      // One batch per page round: every list was followed for MAX_PAGES pages, then given up.
      expect(endless.requests()).toBe(MAX_PAGES);
      expect(outcome.apiCalls).toBe(endless.operations());
    } finally {
      await endless.close();
    }
  });
});

describe('Facebook connector against its simulator: remediation actions', () => {
  let harness: SimulatorHarness;
  let connections: Record<PageName, Connection>;
  const context = () => harness.context(Platform.FACEBOOK);
  const apply = (page: PageName, kind: RemediationKind, params: Record<string, string | string[] | boolean> = {}) =>
    connector.applyAction(context(), targetOf(connections[page], page), { kind, params });
  const reread = async (page: PageName) => snapshotOf((await connector.fetchSnapshots(context(), [targetOf(connections[page], page)]))[0]);
  beforeAll(async () => {
    harness = await startSimulatorHarness([facebookProvider]);
    connections = await connectAll(harness);
  });
  afterAll(() => harness.close());
  beforeEach(() => simulator(harness).control.reset());

  it('UPDATE_PROFILE_TEXT, UPDATE_WEBSITE and SET_AUDIENCE_PRIVATE change the Page', async () => {
    const about = 'Lakeside Middle School, a Sandbox School District school.';
    expect(await apply('lakeside', RemediationKind.UPDATE_PROFILE_TEXT, { text: about })).toEqual({ platformResponse: { success: true } });
    await apply('lakeside', RemediationKind.UPDATE_WEBSITE, { url: 'https://lakeside.sandbox-sd.example.org' });
    await apply('lakeside', RemediationKind.SET_AUDIENCE_PRIVATE);
    const snapshot = await reread('lakeside');
    expect(snapshot).toMatchObject({ profileText: about, website: 'https://lakeside.sandbox-sd.example.org', audience: 'PRIVATE' });
  });

  it('HIDE_COMMENT and DELETE_COMMENT moderate comments', async () => {
    await apply('cedarPark', RemediationKind.HIDE_COMMENT, { commentId: '7101_2' });
    expect((await reread('cedarPark')).comments?.lastModeratedAt).toBe('2026-11-19T07:45:00.000Z');
    await apply('cedarPark', RemediationKind.DELETE_COMMENT, { commentId: '7101_1' });
    const comments = await graph(harness, `${PAGES.cedarPark.id}_7101/comments`, {
      access_token: connections.cedarPark.grant.credentials.extra?.pageAccessToken ?? '',
      fields: 'id,is_hidden',
    });
    expect(comments.body.data).toEqual([{ id: '7101_2', is_hidden: true }]);
  });

  it('HIDE_POST and DELETE_POST take posts off the Page', async () => {
    const studentPost = `${PAGES.athletics.id}_5502`;
    await apply('athletics', RemediationKind.HIDE_POST, { postId: studentPost });
    await apply('athletics', RemediationKind.DELETE_POST, { postId: `${PAGES.athletics.id}_5505` });
    const posts = (await reread('athletics')).recentPosts?.map((post) => post.externalId);
    expect(posts).toHaveLength(3);
    expect(posts).not.toContain(studentPost);
  });

  it('REMOVE_ADMIN removes a business user; a person with a role outside the business answers PERMISSION_DENIED', async () => {
    await apply('athletics', RemediationKind.REMOVE_ADMIN, { userId: PEOPLE.priya });
    expect((await reread('athletics')).admins?.map((admin) => admin.externalId)).not.toContain(PEOPLE.priya);
    const error = await expectPlatformError(apply('athletics', RemediationKind.REMOVE_ADMIN, { userId: PEOPLE.kevin }), PlatformErrorKind.PERMISSION_DENIED);
    expect(error.platformCode).toBe('200');
  });

  it('ADD_ADMIN assigns a business user with the given tasks', async () => {
    await apply('cedarPark', RemediationKind.ADD_ADMIN, { userId: PEOPLE.sam, roles: ['MANAGE', 'MODERATE'] });
    const admin = (await reread('cedarPark')).admins?.find((candidate) => candidate.externalId === PEOPLE.sam);
    expect(admin).toMatchObject({ roles: ['MANAGE', 'MODERATE'], fullControl: true, source: 'assigned_users' });
  });

  it('refuses what the platform refuses and what it cannot do', async () => {
    await expectPlatformError(apply('district', RemediationKind.UPDATE_PROFILE_TEXT, { text: 'x'.repeat(300) }), PlatformErrorKind.BAD_REQUEST);
    await expectPlatformError(apply('district', RemediationKind.HIDE_COMMENT), PlatformErrorKind.BAD_REQUEST);
    await expectPlatformError(apply('district', RemediationKind.DISABLE_POST_COMMENTS, { postId: 'x' }), PlatformErrorKind.BAD_REQUEST);
    await expectPlatformError(apply('district', RemediationKind.DELETE_POST, { postId: `${PAGES.cedarPark.id}_7102` }), PlatformErrorKind.PERMISSION_DENIED);
    await expectPlatformError(apply('district', RemediationKind.DELETE_POST, { postId: '999_1' }), PlatformErrorKind.NOT_FOUND);
  });

  it('an editor without MANAGE reads the Page but not its business users, and cannot edit it', async () => {
    const editor = await connect(harness, PEOPLE.amara, PAGES.cedarPark.handle);
    const [outcome] = await connector.fetchSnapshots(context(), [targetOf(editor, 'editor')]);
    const snapshot = snapshotOf(outcome);
    expect(snapshot.admins).toBeNull();
    expect(snapshot.unavailable).toEqual([SnapshotField.FOLLOWING, SnapshotField.ADMINS]);
    expect(snapshot.displayName).toBe('Cedar Park Elementary');
    await expectPlatformError(
      connector.applyAction(context(), targetOf(editor, 'editor'), { kind: RemediationKind.UPDATE_WEBSITE, params: { url: 'https://x.example.org' } }),
      PlatformErrorKind.PERMISSION_DENIED,
    );
  });

  it('a person removed from the Page loses its token: reads and refresh answer TOKEN_REVOKED', async () => {
    const sam = await connect(harness, PEOPLE.sam, PAGES.district.handle);
    await apply('district', RemediationKind.REMOVE_ADMIN, { userId: PEOPLE.sam });
    const [outcome] = await connector.fetchSnapshots(context(), [targetOf(sam, 'sam')]);
    expect(errorOf(outcome)).toMatchObject({ kind: PlatformErrorKind.TOKEN_REVOKED, platformCode: '190/492' });
    await expectPlatformError(connector.refresh(context(), sam.grant.credentials), PlatformErrorKind.TOKEN_REVOKED);
  });

  it('a throttled write answers RATE_LIMITED with the retry time from its own headers', async () => {
    simulator(harness).control.inject(SimulatorFault.RATE_LIMIT, { pathIncludes: PAGES.lakeside.id });
    const error = await expectPlatformError(
      apply('lakeside', RemediationKind.UPDATE_WEBSITE, { url: 'https://lakeside.sandbox-sd.example.org' }),
      PlatformErrorKind.RATE_LIMITED,
    );
    expect(error.retryAfterSeconds).toBe(300);
  });
});
