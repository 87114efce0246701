import { createHash } from 'node:crypto';
import type { ProviderDefinition } from '../provider';
import { SIMULATOR_CLIENT, type RunningSimulators } from './simulator-server';

export interface AuthorizeOptions {
  /** Defaults to the provider's read and remediation scopes. */
  scopes?: string[];
  redirectUri?: string;
  /** Defaults to a fixed verifier when the provider uses PKCE. */
  pkceVerifier?: string;
}

/**
 * Runs the platform's authorization-code flow against its simulator the way passport-oauth2 does (authorize
 * redirect with the consent screen answered as `userId`, then a form POST to the token endpoint) and returns
 * the token endpoint's JSON. For contract tests and benchmarks that need real tokens without the API.
 */
export async function authorizeOnSimulator(
  simulators: RunningSimulators,
  provider: ProviderDefinition,
  userId: string,
  options: AuthorizeOptions = {},
): Promise<Record<string, unknown>> {
  const urls = simulators.urls(provider.platform);
  const simulator = simulators.get(provider.platform);
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:1/oauth/callback';
  const authorize = new URL(urls.authorize);
  authorize.searchParams.set('response_type', 'code');
  authorize.searchParams.set('client_id', SIMULATOR_CLIENT.clientId);
  authorize.searchParams.set('redirect_uri', redirectUri);
  authorize.searchParams.set('scope', (options.scopes ?? [...provider.scopes.read, ...provider.scopes.remediate]).join(provider.scopeSeparator));
  authorize.searchParams.set('state', 'test-state');
  const verifier = options.pkceVerifier ?? (provider.pkce === 'S256' ? 'v'.repeat(43) : undefined);
  if (verifier) {
    authorize.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    authorize.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [name, value] of Object.entries(provider.authorizationParams)) authorize.searchParams.set(name, value);
  const previous = simulator.control.consent;
  simulator.control.consent = { decision: 'APPROVE', userId };
  const redirect = await fetch(authorize, { redirect: 'manual' }).finally(() => {
    simulator.control.consent = previous;
  });
  const location = redirect.headers.get('location');
  if (redirect.status !== 302 || !location) throw new Error(`authorize answered ${redirect.status}`);
  const code = new URL(location.replace(/#_$/, '')).searchParams.get('code');
  if (!code) throw new Error(`no code in the redirect (${redirect.status})`);
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: SIMULATOR_CLIENT.clientId });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (provider.tokenEndpointAuth === 'CLIENT_SECRET_BASIC') {
    headers.authorization = `Basic ${Buffer.from(`${SIMULATOR_CLIENT.clientId}:${SIMULATOR_CLIENT.clientSecret}`).toString('base64')}`;
  } else {
    form.set('client_secret', SIMULATOR_CLIENT.clientSecret);
  }
  if (verifier) form.set('code_verifier', verifier);
  const token = await fetch(urls.token, { method: 'POST', headers, body: form });
  const body = (await token.json()) as Record<string, unknown>;
  if (token.status !== 200) throw new Error(`token endpoint answered ${token.status}: ${JSON.stringify(body)}`);
  return body;
}
