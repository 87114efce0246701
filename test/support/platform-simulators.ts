import { authorizeOnSimulator as authorizeWithSimulators, type AuthorizeOptions } from '../../integrations/simulator/authorize-on-simulator';
import type { Platform } from '../../src/accounts/account.enums';
import { CallMeter, PlatformHttp } from '../../integrations/http/platform-http';
import type { ConnectorContext, ProviderDefinition } from '../../integrations/provider';
import { SIMULATOR_CLIENT, startSimulators, type RunningSimulators } from '../../integrations/simulator/simulator-server';

export interface SimulatorHarness {
  running: RunningSimulators;
  /** A connector context pointing at the simulator, counting calls on `meter`. */
  context(platform: Platform, meter?: CallMeter): ConnectorContext;
  close(): Promise<void>;
}

/** Starts the given providers' simulators on a free port, with the sandbox client credentials. */
export async function startSimulatorHarness(
  providers: readonly ProviderDefinition[],
  fixtures: Partial<Record<Platform, unknown>> = {},
): Promise<SimulatorHarness> {
  const running = await startSimulators(providers, () => SIMULATOR_CLIENT, { fixtures });
  return {
    running,
    context(platform, meter = new CallMeter()) {
      const urls = running.urls(platform);
      return {
        http: new PlatformHttp({ platform, meter, timeoutMs: 5_000 }),
        apiUrl: urls.api,
        tokenUrl: urls.token,
        clientId: SIMULATOR_CLIENT.clientId,
        clientSecret: SIMULATOR_CLIENT.clientSecret,
        now: () => new Date(),
      };
    },
    close: () => running.close(),
  };
}

/** The code flow against the harness's simulator (see integrations/simulator/authorize-on-simulator.ts). */
export function authorizeOnSimulator(
  harness: SimulatorHarness,
  provider: ProviderDefinition,
  userId: string,
  options: AuthorizeOptions = {},
): Promise<Record<string, unknown>> {
  return authorizeWithSimulators(harness.running, provider, userId, options);
}
