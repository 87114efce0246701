import { createHash } from 'node:crypto';
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

/**
 * Runs the platform's authorization-code flow against its simulator the way passport-oauth2 does (authorize
 * redirect, then a form POST to the token endpoint) and returns the token endpoint's JSON.
 */
export async function authorizeOnSimulator(
  harness: SimulatorHarness,
  provider: ProviderDefinition,
  userId: string,
  options: { pkceVerifier?: string; redirectUri?: string } = {},
): Promise<Record<string, unknown>> {
  const urls = harness.running.urls(provider.platform);
  const simulator = harness.running.get(provider.platform);
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:1/oauth/callback';
  const authorize = new URL(urls.authorize);
  authorize.searchParams.set('response_type', 'code');
  authorize.searchParams.set('client_id', SIMULATOR_CLIENT.clientId);
  authorize.searchParams.set('redirect_uri', redirectUri);
  authorize.searchParams.set('scope', [...provider.scopes.read, ...provider.scopes.remediate].join(provider.scopeSeparator));
  authorize.searchParams.set('state', 'test-state');
  const verifier = options.pkceVerifier ?? (provider.pkce === 'S256' ? 'v'.repeat(43) : undefined);
  if (verifier) {
    authorize.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    authorize.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [name, value] of Object.entries(provider.authorizationParams)) authorize.searchParams.set(name, value);
  const previous = simulator.control.consent;
  simulator.control.consent = { decision: 'APPROVE', userId };
  const redirect = await fetch(authorize, { redirect: 'manual' });
  simulator.control.consent = previous;
  const location = redirect.headers.get('location');
  if (redirect.status !== 302 || !location) throw new Error(`authorize answered ${redirect.status}`);
  const code = new URL(location.replace(/#_$/, '')).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (provider.tokenEndpointAuth === 'CLIENT_SECRET_BASIC') {
    headers.authorization = `Basic ${Buffer.from(`${SIMULATOR_CLIENT.clientId}:${SIMULATOR_CLIENT.clientSecret}`).toString('base64')}`;
    form.set('client_id', SIMULATOR_CLIENT.clientId);
  } else {
    form.set('client_id', SIMULATOR_CLIENT.clientId);
    form.set('client_secret', SIMULATOR_CLIENT.clientSecret);
  }
  if (verifier) form.set('code_verifier', verifier);
  const token = await fetch(urls.token, { method: 'POST', headers, body: form });
  const body = (await token.json()) as Record<string, unknown>;
  if (token.status !== 200) throw new Error(`token endpoint answered ${token.status}: ${JSON.stringify(body)}`);
  return body;
}
