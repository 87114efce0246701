import 'reflect-metadata';
import { Platform } from '../src/accounts/account.enums';
import { CallMeter, PlatformHttp } from '../integrations/http/platform-http';
import type { ConnectorContext, ProviderDefinition, SnapshotTarget } from '../integrations/provider';
import { PROVIDERS } from '../integrations/registry';
import { authorizeOnSimulator } from '../integrations/simulator/authorize-on-simulator';
import { SIMULATOR_CLIENT, startSimulators, type RunningSimulators } from '../integrations/simulator/simulator-server';

/**
 * bench:snapshot — reads ACCOUNTS accounts (spread over the five platforms) from the built-in simulators with
 * LATENCY_MS added to every platform request, through the real connectors (Meta batch requests, X / YouTube /
 * LinkedIn multi-id lookups), and prints accounts/second, platform calls per account and peak memory.
 *
 * Each platform's sandbox accounts are connected once through the real OAuth code flow; the targets then
 * repeat those connections, so every read is a real read of a real simulated account.
 */
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 1000);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 50);
/** Accounts handed to a connector at once (the sync's chunk size). */
const CHUNK = Number(process.env.CHUNK ?? 100);

const HANDLES: Record<string, string[]> = {
  FACEBOOK: ['sandboxschools', 'cedarparkelementary'],
  INSTAGRAM: ['mapleridge.secondary', 'lms.robotics'],
  X: ['mrs_athletics', 'cpe_grade5'],
  YOUTUBE: ['lakesidemiddle'],
  LINKEDIN: ['maple-ridge-secondary'],
};

function context(simulators: RunningSimulators, platform: Platform, meter: CallMeter): ConnectorContext {
  const urls = simulators.urls(platform);
  return {
    http: new PlatformHttp({ platform, meter, timeoutMs: 30_000 }),
    apiUrl: urls.api,
    tokenUrl: urls.token,
    clientId: SIMULATOR_CLIENT.clientId,
    clientSecret: SIMULATOR_CLIENT.clientSecret,
    now: () => new Date(),
  };
}

/** One account connected through the simulator's real code flow and the connector's token steps. */
async function connect(simulators: RunningSimulators, provider: ProviderDefinition, handle: string): Promise<SnapshotTarget> {
  const userId = simulators.get(provider.platform).consentUserFor(handle);
  if (!userId) throw new Error(`no simulated owner for ${provider.slug} ${handle}`);
  const token = await authorizeOnSimulator(simulators, provider, userId);
  const completed = await provider.connector.completeAuthorization(
    context(simulators, provider.platform, new CallMeter()),
    { accessToken: String(token.access_token), refreshToken: typeof token.refresh_token === 'string' ? token.refresh_token : null, params: token },
    { handle, externalId: null },
  );
  return { key: `${provider.slug}:${handle}`, externalId: completed.externalId, handle, credentials: completed.grant.credentials };
}

async function main(): Promise<void> {
  const simulators = await startSimulators(PROVIDERS, () => SIMULATOR_CLIENT);
  // The bench repeats a few accounts many times; X's per-user 15-minute windows would throttle that unrealistically.
  (simulators.get(Platform.X) as unknown as { settings?: { enforceRateLimits?: boolean } }).settings!.enforceRateLimits = false;
  const plans: Array<{ provider: ProviderDefinition; targets: SnapshotTarget[] }> = [];
  for (const [index, provider] of PROVIDERS.entries()) {
    // One at a time: the consent screen's answer is per simulator.
    const connections: SnapshotTarget[] = [];
    for (const handle of HANDLES[provider.platform]) connections.push(await connect(simulators, provider, handle));
    const count = Math.floor(ACCOUNTS / PROVIDERS.length) + (index < ACCOUNTS % PROVIDERS.length ? 1 : 0);
    const targets = Array.from({ length: count }, (_unused, position) => {
      const connection = connections[position % connections.length];
      return { ...connection, key: `${connection.key}#${position}` };
    });
    plans.push({ provider, targets });
  }
  for (const provider of PROVIDERS) {
    const control = simulators.get(provider.platform).control;
    control.requests.clear();
    control.latencyMs = LATENCY_MS;
  }

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = process.hrtime.bigint();
  const rows: Array<{ platform: string; accounts: number; ok: number; calls: number; requests: number; seconds: number }> = [];
  await Promise.all(
    plans.map(async ({ provider, targets }) => {
      const platformStart = process.hrtime.bigint();
      const meter = new CallMeter();
      let ok = 0;
      for (let start = 0; start < targets.length; start += CHUNK) {
        const outcomes = await provider.connector.fetchSnapshots(context(simulators, provider.platform, meter), targets.slice(start, start + CHUNK));
        ok += outcomes.filter((outcome) => outcome.ok).length;
      }
      rows.push({
        platform: provider.platform,
        accounts: targets.length,
        ok,
        // Platform-counted calls (a Meta batch counts each of its operations) and HTTP requests actually sent.
        calls: simulators.get(provider.platform).control.totalRequests(),
        requests: meter.calls,
        seconds: Number(process.hrtime.bigint() - platformStart) / 1e9,
      });
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  await simulators.close();

  const total = rows.reduce(
    (sum, row) => ({ accounts: sum.accounts + row.accounts, ok: sum.ok + row.ok, calls: sum.calls + row.calls, requests: sum.requests + row.requests }),
    { accounts: 0, ok: 0, calls: 0, requests: 0 },
  );
  console.log(`bench:snapshot  ${ACCOUNTS} accounts, ${LATENCY_MS} ms added per platform request, chunks of ${CHUNK}, platforms read in parallel`);
  console.log('platform   accounts  read ok  API calls  calls/account  HTTP requests/account  seconds  accounts/s');
  for (const row of rows.sort((left, right) => left.platform.localeCompare(right.platform))) {
    console.log(
      `${row.platform.padEnd(10)} ${String(row.accounts).padStart(8)} ${String(row.ok).padStart(8)} ${String(row.calls).padStart(10)} ${(row.calls / row.accounts).toFixed(2).padStart(14)} ${(row.requests / row.accounts).toFixed(2).padStart(22)} ${row.seconds.toFixed(2).padStart(8)} ${(row.accounts / row.seconds).toFixed(1).padStart(11)}`,
    );
  }
  console.log(
    `TOTAL      ${String(total.accounts).padStart(8)} ${String(total.ok).padStart(8)} ${String(total.calls).padStart(10)} ${(total.calls / total.accounts).toFixed(2).padStart(14)} ${(total.requests / total.accounts).toFixed(2).padStart(22)} ${seconds.toFixed(2).padStart(8)} ${(total.accounts / seconds).toFixed(1).padStart(11)}`,
  );
  console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB (simulators and connectors in one process)`);
  if (total.ok !== total.accounts) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
