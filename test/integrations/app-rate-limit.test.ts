import { facebookProvider } from '../../integrations/facebook/provider';
import { CallMeter } from '../../integrations/http/platform-http';
import { instagramProvider } from '../../integrations/instagram/provider';
import { linkedinProvider } from '../../integrations/linkedin/provider';
import { secondsUntilMidnightUtc } from '../../integrations/linkedin/restli';
import { PlatformErrorKind, type PlatformError } from '../../integrations/platform-error';
import type { ProviderDefinition, SnapshotOutcome, SnapshotTarget } from '../../integrations/provider';
import type { SimulatorControl } from '../../integrations/simulator/simulator-control';
import { xProvider } from '../../integrations/x/provider';
import { youtubeProvider } from '../../integrations/youtube/provider';
import { authorizeOnSimulator, startSimulatorHarness, type SimulatorHarness } from '../support/platform-simulators';

/**
 * The simulators' app-wide budget (SimulatorControl.appRateLimit) read through the real connectors: the calls
 * over it answer with the platform's own throttle signal, and only the accounts those calls were for come back
 * RATE_LIMITED. Windows are long (a minute) and end by moving the simulator clock, so nothing waits.
 */
const WINDOW_MS = 60_000;
/** Far more than any read here makes: the read's cost is what is left of it afterwards. */
const UNLIMITED = 1_000_000;

interface PlatformCase {
  provider: ProviderDefinition;
  handles: string[];
  /** The over-budget answer as the connector reports it. */
  status: number;
  platformCodes: Array<string | null>;
  retryAfter: 'NONE' | 'WINDOW_END' | 'MIDNIGHT_UTC';
  /** Whether the throttle answer carries usage the meter shows (YouTube sends none). */
  reportsUsage: boolean;
}

const CASES: PlatformCase[] = [
  {
    provider: facebookProvider,
    handles: ['sandboxschools', 'cedarparkelementary', 'mapleridgeathletics', 'lakesidemiddleschool'],
    status: 400,
    platformCodes: ['4'],
    retryAfter: 'NONE',
    reportsUsage: true,
  },
  {
    provider: instagramProvider,
    handles: ['mapleridge.secondary', 'lms.robotics', 'cedarpark.elementary', 'mrs.drama.club'],
    status: 400,
    platformCodes: ['4'],
    retryAfter: 'NONE',
    reportsUsage: true,
  },
  {
    provider: xProvider,
    handles: ['sandbox_sd', 'mrs_athletics', 'cpe_grade5', 'lms_robotics'],
    status: 429,
    // rateLimitBody ALTERNATE: the v2 Problem and the legacy code 88 take turns.
    platformCodes: ['about:blank', '88'],
    retryAfter: 'WINDOW_END',
    reportsUsage: true,
  },
  {
    provider: youtubeProvider,
    handles: ['lakesidemiddle', 'sandboxschools', 'mrsdrama', 'cedarparkmusic'],
    status: 403,
    platformCodes: ['rateLimitExceeded'],
    retryAfter: 'NONE',
    reportsUsage: false,
  },
  {
    provider: linkedinProvider,
    handles: ['maple-ridge-secondary', 'sandbox-school-district', 'lakeside-middle-school', 'cedar-park-elementary'],
    status: 429,
    platformCodes: [null],
    retryAfter: 'MIDNIGHT_UTC',
    reportsUsage: true,
  },
];

function errorOf(outcome: SnapshotOutcome): PlatformError {
  if (outcome.ok) throw new Error(`${outcome.key} did not fail`);
  return outcome.error;
}

describe.each(CASES)('app-wide rate limit: $provider.name', (platformCase) => {
  const { provider } = platformCase;
  let harness: SimulatorHarness;
  let targets: SnapshotTarget[];
  const control = (): SimulatorControl => harness.running.get(provider.platform).control;
  const read = (meter = new CallMeter()) => provider.connector.fetchSnapshots(harness.context(provider.platform, meter), targets);

  /** One account connected through the real code flow and the connector's token steps. */
  async function connect(handle: string): Promise<SnapshotTarget> {
    const userId = harness.running.get(provider.platform).consentUserFor(handle);
    if (!userId) throw new Error(`no simulated owner for ${handle}`);
    const token = await authorizeOnSimulator(harness, provider, userId);
    const refreshToken = typeof token.refresh_token === 'string' ? token.refresh_token : null;
    const completed = await provider.connector.completeAuthorization(
      harness.context(provider.platform),
      { accessToken: String(token.access_token), refreshToken, params: token },
      { handle, externalId: null },
    );
    return { key: handle, externalId: completed.externalId, handle, credentials: completed.grant.credentials };
  }

  /** Budget units one read of every target uses, measured under a budget it cannot reach. */
  async function fullReadCost(): Promise<number> {
    control().appRateLimit = { calls: UNLIMITED, windowMs: WINDOW_MS };
    const outcomes = await read();
    expect(outcomes.map((outcome) => outcome.ok)).toEqual(targets.map(() => true));
    const cost = UNLIMITED - control().peekAppBudget()!.remaining;
    control().reset();
    return cost;
  }

  function expectThrottled(error: PlatformError): void {
    expect(error.kind).toBe(PlatformErrorKind.RATE_LIMITED);
    expect(error.status).toBe(platformCase.status);
    expect(platformCase.platformCodes).toContain(error.platformCode);
    switch (platformCase.retryAfter) {
      case 'NONE':
        expect(error.retryAfterSeconds).toBeNull();
        break;
      case 'WINDOW_END':
        // x-rate-limit-reset is the app window's end (epoch seconds).
        expect(error.retryAfterSeconds).toBeGreaterThan(0);
        expect(error.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_MS / 1000 + 1);
        break;
      case 'MIDNIGHT_UTC':
        expect(Math.abs(error.retryAfterSeconds! - secondsUntilMidnightUtc(new Date()))).toBeLessThanOrEqual(5);
        break;
    }
  }

  beforeAll(async () => {
    harness = await startSimulatorHarness([provider]);
    targets = [];
    // One at a time: the consent plan is one switch on the simulator.
    for (const handle of platformCase.handles) targets.push(await connect(handle));
  });
  afterAll(() => harness.close());
  beforeEach(() => control().reset());

  it('refuses only the call over the budget: that account is RATE_LIMITED, the others are read', async () => {
    const cost = await fullReadCost();
    expect(cost).toBeGreaterThanOrEqual(targets.length);
    control().appRateLimit = { calls: cost - 1, windowMs: WINDOW_MS };
    const meter = new CallMeter();
    const outcomes = await read(meter);
    const refused = outcomes.filter((outcome) => !outcome.ok);
    expect(refused).toHaveLength(1);
    expectThrottled(errorOf(refused[0]));
    expect(control().appRateLimited).toBe(1);
    if (platformCase.reportsUsage) expect(meter.usagePercent).toBe(100);
  });

  it('refuses every account while the window is spent, and reads them all once it has ended', async () => {
    const cost = await fullReadCost();
    control().appRateLimit = { calls: cost, windowMs: WINDOW_MS };
    expect((await read()).every((outcome) => outcome.ok)).toBe(true);
    expect(control().peekAppBudget()).toMatchObject({ limit: cost, remaining: 0, exceeded: true });

    const spent = await read();
    for (const outcome of spent) expectThrottled(errorOf(outcome));
    // Reported and returned: no connector calls a spent window more than a whole read would.
    expect(control().appRateLimited).toBeGreaterThan(0);
    expect(control().appRateLimited).toBeLessThanOrEqual(cost);

    control().clockOffsetMs += WINDOW_MS;
    expect((await read()).every((outcome) => outcome.ok)).toBe(true);
    expect(control().peekAppBudget()).toMatchObject({ limit: cost, remaining: 0 });
  });
});
