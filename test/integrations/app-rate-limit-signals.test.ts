import { Platform } from '../../src/accounts/account.enums';
import { facebookProvider } from '../../integrations/facebook/provider';
import type { FacebookSimulator } from '../../integrations/facebook/simulator';
import { instagramProvider } from '../../integrations/instagram/provider';
import { linkedinProvider } from '../../integrations/linkedin/provider';
import { LINKEDIN_VERSION } from '../../integrations/linkedin/restli';
import type { PlatformSimulator } from '../../integrations/provider';
import { SIMULATOR_CLIENT } from '../../integrations/simulator/simulator-server';
import { xProvider } from '../../integrations/x/provider';
import type { XSimulator } from '../../integrations/x/simulator';
import { youtubeProvider } from '../../integrations/youtube/provider';
import { startSimulatorHarness, type SimulatorHarness } from '../support/platform-simulators';

/**
 * What each simulator sends on the wire under the app-wide budget (SimulatorControl.appRateLimit), and the
 * HTTP switch for it. Codes and headers only, never message text.
 */
const WINDOW_MS = 60_000;
const PROVIDERS = [facebookProvider, instagramProvider, xProvider, youtubeProvider, linkedinProvider];

let harness: SimulatorHarness;

beforeAll(async () => {
  harness = await startSimulatorHarness(PROVIDERS);
});
afterAll(() => harness.close());
beforeEach(() => {
  for (const provider of PROVIDERS) harness.running.get(provider.platform).control.reset();
});

const simulatorOf = (platform: Platform): PlatformSimulator => harness.running.get(platform);
const apiOf = (platform: Platform) => harness.running.urls(platform).api;

function usageOf(header: string | null | undefined): number | null {
  return header ? (JSON.parse(header) as { call_count: number }).call_count : null;
}

async function send(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

describe('the control switch over HTTP', () => {
  const controlUrl = (path = '') => `${harness.running.url}/_control${path}`;
  const post = (path: string, body: string) =>
    fetch(controlUrl(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('sets, shows and clears the app rate limit; reset clears it and the refused count', async () => {
    expect((await post('/x/app-rate-limit', JSON.stringify({ calls: 1, windowMs: WINDOW_MS }))).status).toBe(204);
    const control = simulatorOf(Platform.X).control;
    expect(control.appRateLimit).toEqual({ calls: 1, windowMs: WINDOW_MS });
    const token = simulatorOf(Platform.X).tokens.mintForTest(simulatorOf(Platform.X).consentUserFor('mrs_athletics')!, 'oauth2-user', 7200);
    for (let call = 0; call < 2; call += 1) await fetch(`${apiOf(Platform.X)}/2/users/me`, { headers: { authorization: `Bearer ${token}` } });

    const shown = (await (await fetch(controlUrl())).json()) as Record<string, Record<string, unknown>>;
    expect(shown.x).toMatchObject({ appRateLimit: { calls: 1, windowMs: WINDOW_MS }, appRateLimited: 1, appBudget: { limit: 1, remaining: 0 } });
    expect(shown.facebook).toMatchObject({ appRateLimit: null, appRateLimited: 0, appBudget: null });

    expect((await post('/x/app-rate-limit', 'null')).status).toBe(204);
    expect(control.appRateLimit).toBeNull();
    expect(control.appRateLimited).toBe(1);
    expect((await post('/x/reset', '{}')).status).toBe(204);
    expect(control.appRateLimited).toBe(0);
  });

  it('refuses a malformed limit', async () => {
    for (const body of ['{"calls":0,"windowMs":1000}', '{"calls":10}', '{"calls":1.5,"windowMs":1000}', '{"calls":10,"windowMs":-1}', '5']) {
      expect((await post('/youtube/app-rate-limit', body)).status).toBe(400);
    }
    expect(simulatorOf(Platform.YOUTUBE).control.appRateLimit).toBeNull();
  });
});

describe('Facebook', () => {
  const PAGE = '108241000000001';
  const pageToken = () => {
    const userId = simulatorOf(Platform.FACEBOOK).consentUserFor('sandboxschools')!;
    const scopes = ['pages_show_list', 'pages_read_engagement'];
    return simulatorOf(Platform.FACEBOOK).tokens.issueAccessToken({ userId, scopes, kind: 'page', subject: PAGE }, null).token;
  };

  it('counts each batch operation (not the envelope) and answers the one over the budget with code 4 inside the batch', async () => {
    const simulator = simulatorOf(Platform.FACEBOOK) as FacebookSimulator;
    simulator.control.appRateLimit = { calls: 2, windowMs: WINDOW_MS };
    const operation = { method: 'GET', relative_url: `${PAGE}?fields=id,name&access_token=${pageToken()}` };
    const appToken = `${SIMULATOR_CLIENT.clientId}|${SIMULATOR_CLIENT.clientSecret}`;
    const batch = await send(`${apiOf(Platform.FACEBOOK)}/`, {
      method: 'POST',
      body: new URLSearchParams({ access_token: appToken, batch: JSON.stringify([operation, operation, operation]) }),
    });
    expect(batch.status).toBe(200);
    const entries = batch.body as Array<{ code: number; headers: Array<{ name: string; value: string }>; body: string }>;
    const appUsage = (index: number) => usageOf(entries[index].headers.find((header) => header.name === 'x-app-usage')?.value);
    expect(entries.map((entry) => entry.code)).toEqual([200, 200, 400]);
    expect([appUsage(0), appUsage(1), appUsage(2)]).toEqual([50, 100, 100]);
    expect(JSON.parse(entries[2].body).error).toMatchObject({ code: 4, type: 'OAuthException', is_transient: true });
    expect(usageOf(batch.headers.get('x-app-usage'))).toBe(100);
    expect(simulator.control.appRateLimited).toBe(1);

    const direct = await send(`${apiOf(Platform.FACEBOOK)}/${PAGE}?fields=id&access_token=${pageToken()}`);
    expect(direct).toMatchObject({ status: 400, body: { error: { code: 4, is_transient: true } } });
    expect(usageOf(direct.headers.get('x-app-usage'))).toBe(100);
  });

  it('keeps the hourly X-App-Usage when no app budget is set', async () => {
    const answer = await send(`${apiOf(Platform.FACEBOOK)}/${PAGE}?fields=id&access_token=${pageToken()}`);
    expect([answer.status, usageOf(answer.headers.get('x-app-usage'))]).toEqual([200, 0]);
  });
});

describe('Instagram', () => {
  it('shows the window in X-App-Usage and answers code 4 over it', async () => {
    const simulator = simulatorOf(Platform.INSTAGRAM);
    const token = simulator.tokens.mintForTest(simulator.consentUserFor('lms.robotics')!, 'long', 5_183_944);
    simulator.control.appRateLimit = { calls: 4, windowMs: WINDOW_MS };
    const me = () => send(`${apiOf(Platform.INSTAGRAM)}/v25.0/me?fields=id`, { headers: { authorization: `Bearer ${token}` } });
    const usage: Array<number | null> = [];
    for (let call = 0; call < 4; call += 1) {
      const answer = await me();
      expect(answer.status).toBe(200);
      usage.push(usageOf(answer.headers.get('x-app-usage')));
    }
    expect(usage).toEqual([25, 50, 75, 100]);
    const refused = await me();
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 4, type: 'OAuthException', is_transient: true } } });
    expect(usageOf(refused.headers.get('x-app-usage'))).toBe(100);
  });
});

describe('X', () => {
  const me = (token: string) => send(`${apiOf(Platform.X)}/2/users/me`, { headers: { authorization: `Bearer ${token}` } });
  const limits = (headers: Headers) => ['limit', 'remaining', 'reset'].map((name) => headers.get(`x-rate-limit-${name}`));

  it('describes the app window in x-rate-limit-* when it is the tighter one, and answers 429 over it', async () => {
    const simulator = simulatorOf(Platform.X) as XSimulator;
    const token = simulator.tokens.mintForTest(simulator.consentUserFor('mrs_athletics')!, 'oauth2-user', 7200);
    simulator.control.appRateLimit = { calls: 2, windowMs: WINDOW_MS };
    const first = await me(token);
    const reset = String(Math.ceil(simulator.control.peekAppBudget()!.resetAtMs / 1000));
    expect([first.status, ...limits(first.headers)]).toEqual([200, '2', '1', reset]);
    expect((await me(token)).status).toBe(200);
    for (const body of ['PROBLEM', 'LEGACY'] as const) {
      simulator.settings.rateLimitBody = body;
      const refused = await me(token);
      expect([refused.status, ...limits(refused.headers)]).toEqual([429, '2', '0', reset]);
      expect(refused.body).toMatchObject(body === 'PROBLEM' ? { type: 'about:blank', status: 429 } : { errors: [{ code: 88 }] });
    }
  });

  it('keeps the per-user endpoint window in the headers while it is the tighter one', async () => {
    const simulator = simulatorOf(Platform.X);
    const token = simulator.tokens.mintForTest(simulator.consentUserFor('mrs_athletics')!, 'oauth2-user', 7200);
    simulator.control.appRateLimit = { calls: 1000, windowMs: WINDOW_MS };
    const answer = await me(token);
    // GET /2/users/me: 75 per user per 15 minutes.
    expect([answer.status, ...limits(answer.headers).slice(0, 2)]).toEqual([200, '75', '74']);
  });
});

describe('YouTube', () => {
  it('answers 403 rateLimitExceeded (usageLimits) over the budget, in quota units', async () => {
    const simulator = simulatorOf(Platform.YOUTUBE);
    const token = simulator.tokens.mintForTest(simulator.consentUserFor('lakesidemiddle')!, 'access', 3599);
    const headers = { authorization: `Bearer ${token}` };
    const list = () => send(`${apiOf(Platform.YOUTUBE)}/channels?part=id&mine=true`, { headers });
    simulator.control.appRateLimit = { calls: 10, windowMs: WINDOW_MS };
    // A write costs 50 units: more than the whole window.
    const write = await send(`${apiOf(Platform.YOUTUBE)}/channels?part=brandingSettings`, { method: 'PUT', headers });
    expect(write.status).toBe(403);
    for (let call = 0; call < 10; call += 1) expect((await list()).status).toBe(200);
    const refused = await list();
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 403, errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] } } });
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(simulator.control.appRateLimited).toBe(2);
  });
});

describe('LinkedIn', () => {
  it('answers 429 with the daily-quota body and no rate-limit headers over the budget', async () => {
    const simulator = simulatorOf(Platform.LINKEDIN);
    const token = simulator.tokens.mintForTest(simulator.consentUserFor('maple-ridge-secondary')!, 'member', 3600);
    const headers = { authorization: `Bearer ${token}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0' };
    const acls = () => send(`${apiOf(Platform.LINKEDIN)}/organizationAcls?q=roleAssignee`, { headers });
    simulator.control.appRateLimit = { calls: 1, windowMs: WINDOW_MS };
    expect((await acls()).status).toBe(200);
    const refused = await acls();
    expect(refused).toMatchObject({ status: 429, body: { status: 429 } });
    expect([...refused.headers.keys()].filter((name) => /rate|retry/i.test(name))).toEqual([]);
  });
});
