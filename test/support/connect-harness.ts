import net from 'node:net';
import type { Server } from 'node:http';
import { PROVIDERS } from '../../integrations/registry';
import type { ProviderDefinition } from '../../integrations/provider';
import { SIMULATOR_CLIENT, startSimulators, type RunningSimulators } from '../../integrations/simulator/simulator-server';
import { simulatorEnv } from '../../integrations/simulator/simulator-env';
import { startTestApp, type TestApp } from './test-app';
import { expectData, graphql } from './graphql';
import { createDistrict, registerAccount } from './factories';
import { createLogger } from '../../src/logging/logger';
import sandbox from '../../src/seed/sandbox-district.json';
import { connectSandboxAccounts } from '../../src/seed/sandbox-connections';

export interface ConnectHarness {
  testApp: TestApp;
  simulators: RunningSimulators;
  baseUrl: string;
  /** Everything the API logged, at trace level. */
  logLines: string[];
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Platform env pointing every provider at the simulators: exactly what an operator changes for real platforms. */
export const platformEnv = simulatorEnv;

/** The API listening on a real port (the browser steps of OAuth are real HTTP), and the five simulators on another. */
export async function startConnectHarness(overrides: (simulators: RunningSimulators) => NodeJS.ProcessEnv = () => ({})): Promise<ConnectHarness> {
  const simulators = await startSimulators(PROVIDERS, () => SIMULATOR_CLIENT);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logLines: string[] = [];
  const testApp = await startTestApp(platformEnv(simulators, { PUBLIC_URL: baseUrl, ...overrides(simulators) }), { logLines });
  const server: Server = await new Promise((resolve) => {
    const listening = testApp.app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return {
    testApp,
    simulators,
    baseUrl,
    logLines,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
      await simulators.close();
    },
  };
}

export interface FlowResult {
  /** The x-proctor-connect-result header of the page the browser lands on. */
  result: string | null;
  status: number;
  authorizeUrl: URL | null;
  callbackUrl: URL | null;
}

/**
 * The browser's part: open the startConnection link, follow to the platform's consent screen, answer it as
 * `consent`, follow back to Proctor's callback.
 */
export async function runConnectFlow(
  harness: ConnectHarness,
  provider: ProviderDefinition,
  link: string,
  consent: { decision: 'APPROVE'; userId: string } | { decision: 'DENY' },
): Promise<FlowResult> {
  const toPlatform = await fetch(link, { redirect: 'manual' });
  const location = toPlatform.headers.get('location');
  if (toPlatform.status !== 302 || !location) {
    return { result: toPlatform.headers.get('x-proctor-connect-result'), status: toPlatform.status, authorizeUrl: null, callbackUrl: null };
  }
  const simulator = harness.simulators.get(provider.platform);
  simulator.control.consent = consent;
  const toCallback = await fetch(location, { redirect: 'manual' });
  simulator.control.consent = { decision: 'SHOW_PAGE' };
  const callback = toCallback.headers.get('location');
  if (!callback) throw new Error(`consent screen answered ${toCallback.status}`);
  const landed = await fetch(callback, { redirect: 'manual' });
  await landed.text();
  return {
    result: landed.headers.get('x-proctor-connect-result'),
    status: landed.status,
    authorizeUrl: new URL(location),
    callbackUrl: new URL(callback),
  };
}

export async function startConnection(harness: ConnectHarness, key: string, accountId: string): Promise<{ url: string; expiresAt: string }> {
  const response = await graphql(harness.testApp.app, key, 'mutation($id: ID!) { startConnection(accountId: $id) { url expiresAt } }', { id: accountId });
  return expectData(response).startConnection;
}

export const CHECK_ACCOUNT = `mutation($id: ID!) {
  checkAccount(id: $id) {
    account { id externalId connection { status connectedAt expiresAt lastRefreshedAt refreshFailureDays lastError { code message action } } }
    snapshot { id fetchedAt apiCalls externalId handle displayName profileText website audience admins { externalId roles fullControl source }
      recentPosts { externalId createdAt mentions } following { externalId handle } lastPostAt followerCount unavailable }
    error { code message action }
  }
}`;

/** A district with the sandbox's accounts, each connected through the real OAuth flow (as `npm start` does). */
export async function connectedSandboxDistrict(harness: ConnectHarness) {
  const { district, adminKey } = await createDistrict(harness.testApp);
  for (const account of sandbox.accounts) {
    await registerAccount(harness.testApp, adminKey, { platform: account.platform, handle: account.handle, scope: 'DISTRICT' });
  }
  const connected = await connectSandboxAccounts(district.id, {
    dataSource: harness.testApp.dataSource,
    services: harness.testApp.services,
    simulators: harness.simulators,
    logger: createLogger('silent'),
  });
  return { district, adminKey, connected };
}
