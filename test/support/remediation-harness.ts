import { CallMeter, PlatformHttp } from '../../integrations/http/platform-http';
import { LINKEDIN_VERSION } from '../../integrations/linkedin/restli';
import type { ActionRequest, ConnectorContext, ProviderDefinition, SnapshotTarget } from '../../integrations/provider';
import { providerFor } from '../../integrations/registry';
import { SIMULATOR_CLIENT } from '../../integrations/simulator/simulator-server';
import { Platform } from '../../src/accounts/account.enums';
import { PlatformConnection } from '../../src/connections/platform-connection.entity';
import { createLogger } from '../../src/logging/logger';
import { createSandboxDistrict } from '../../src/seed/sandbox';
import { connectSandboxAccounts } from '../../src/seed/sandbox-connections';
import { runConnectFlow, startConnection, type ConnectHarness } from './connect-harness';
import { registerAccount } from './factories';
import { expectData, graphql } from './graphql';

export const REMEDIATION_FIELDS = `id accountId ruleId kind origin status dryRun steps reason idempotencyKey attempts nextAttemptAt lastErrorCode appliedAt
  operations { kind target status errorCode response } recheck { status checkedAt }`;

export const REMEDIATE = `mutation($input: RemediateInput!) { remediate(input: $input) { outcome action { ${REMEDIATION_FIELDS} } } }`;

const CHECK = `mutation($id: ID!) { checkAccount(id: $id) { error { code } compliance { results { ruleId status evidence } } } }`;

export interface SandboxWorld {
  districtId: string;
  adminKey: string;
  /** Account ids by handle. */
  accounts: Record<string, string>;
}

/** A sandbox district (schools, staff, students, approved accounts) with every account connected to the simulators. */
export async function connectedSandboxWorld(
  harness: ConnectHarness,
  slug: string,
  /** Registers more accounts (through the API, with the admin key) before everything is connected. */
  registerMore: (adminKey: string) => Promise<void> = async () => {},
): Promise<SandboxWorld> {
  const created = await createSandboxDistrict(harness.testApp, slug);
  await registerMore(created.adminKey);
  await connectSandboxAccounts(created.district.id, {
    dataSource: harness.testApp.dataSource,
    services: harness.testApp.services,
    simulators: harness.simulators,
    logger: createLogger('silent'),
  });
  const rows: Array<{ id: string; handle: string }> = await harness.testApp.dataSource.query('SELECT id, handle FROM social_account WHERE district_id = $1', [created.district.id]);
  return { districtId: created.district.id, adminKey: created.adminKey, accounts: Object.fromEntries(rows.map((row) => [row.handle, row.id])) };
}

/** Checks the account now and answers one rule's result. */
export async function ruleResult(harness: ConnectHarness, key: string, accountId: string, ruleId: string): Promise<{ status: string; evidence: Record<string, unknown> }> {
  const checked = expectData(await graphql(harness.testApp.app, key, CHECK, { id: accountId })).checkAccount;
  const result = checked.compliance.results.find((entry: { ruleId: string }) => entry.ruleId === ruleId);
  if (!result) throw new Error(`no ${ruleId} result`);
  return result;
}

/** The district's policy profile, switched for tests whose rules another profile enables (no API sets it). */
export async function usePolicyProfile(harness: ConnectHarness, districtId: string, profileId: string): Promise<void> {
  await harness.testApp.dataSource.query('UPDATE district SET policy_profile_id = $2 WHERE id = $1', [districtId, profileId]);
}

/** School ids by code (MRS, CPE, LMS in the sandbox). */
export async function schoolIds(harness: ConnectHarness, key: string): Promise<Record<string, string>> {
  const schools: Array<{ id: string; code: string }> = expectData(await graphql(harness.testApp.app, key, '{ schools { id code } }')).schools;
  return Object.fromEntries(schools.map((school) => [school.code, school.id]));
}

/** Registers an account of the platform's fixtures through GraphQL and connects it as the platform's simulated manager. */
export async function registerConnected(harness: ConnectHarness, key: string, input: Record<string, unknown>): Promise<string> {
  const account = await registerAccount(harness.testApp, key, input);
  const provider = providerFor(account.platform as Platform) as ProviderDefinition;
  const userId = harness.simulators.get(provider.platform).consentUserFor(account.handle);
  if (!userId) throw new Error(`no simulated manager for ${account.handle}`);
  const link = await startConnection(harness, key, account.id);
  const flow = await runConnectFlow(harness, provider, link.url, { decision: 'APPROVE', userId });
  if (flow.result !== 'CONNECTED') throw new Error(`${account.handle} did not connect: ${flow.result}`);
  return account.id;
}

/** How the tests reach an account on its platform: what Proctor stored for it, with the credentials decrypted. */
export interface PlatformSession {
  provider: ProviderDefinition;
  context: ConnectorContext;
  target: SnapshotTarget;
}

export async function platformSession(harness: ConnectHarness, accountId: string): Promise<PlatformSession> {
  const connection = await harness.testApp.dataSource.getRepository(PlatformConnection).findOneByOrFail({ accountId });
  const [account] = await harness.testApp.dataSource.query('SELECT platform, external_id, handle FROM social_account WHERE id = $1', [accountId]);
  const provider = providerFor(account.platform as Platform) as ProviderDefinition;
  const credentials = harness.testApp.services.vault.open({ keyId: connection.credentialsKeyId, ciphertext: connection.credentialsCiphertext }, connection.id);
  const urls = harness.simulators.urls(provider.platform);
  return {
    provider,
    context: {
      http: new PlatformHttp({ platform: provider.platform, meter: new CallMeter() }),
      apiUrl: urls.api,
      tokenUrl: urls.token,
      clientId: SIMULATOR_CLIENT.clientId,
      clientSecret: SIMULATOR_CLIENT.clientSecret,
      now: () => new Date(),
    },
    target: { key: connection.id, externalId: account.external_id, handle: account.handle, credentials },
  };
}

/** Changes the account on the platform as a person with access would, through the platform's own API. */
export async function changeOnPlatform(harness: ConnectHarness, accountId: string, request: ActionRequest): Promise<void> {
  const session = await platformSession(harness, accountId);
  await session.provider.connector.applyAction(session.context, session.target, request);
}

/**
 * GET on the platform's real API path (relative to its API root) over HTTP, with the account's token sent the
 * way the platform takes it: what the platform itself now shows, independent of Proctor's reading of it.
 */
export async function readPlatform(harness: ConnectHarness, accountId: string, path: string, query: Record<string, string> = {}): Promise<any> {
  const { provider, context, target } = await platformSession(harness, accountId);
  const url = new URL(`${context.apiUrl.replace(/\/$/, '')}${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const headers: Record<string, string> = {};
  if (provider.platform === Platform.FACEBOOK) url.searchParams.set('access_token', target.credentials.extra?.pageAccessToken ?? target.credentials.accessToken);
  else headers.authorization = `Bearer ${target.credentials.accessToken}`;
  if (provider.platform === Platform.LINKEDIN) Object.assign(headers, { 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0' });
  const response = await fetch(url, { headers });
  const body = await response.json();
  if (!response.ok) throw new Error(`${provider.platform} answered ${response.status} to GET ${path}: ${JSON.stringify(body)}`);
  return body;
}

/** Requests that changed something on the platform's simulator (any method but GET), counted since its last reset. */
export function platformWrites(harness: ConnectHarness, platform: Platform): number {
  let writes = 0;
  for (const [key, count] of harness.simulators.get(platform).control.requests) if (!key.startsWith('GET ')) writes += count;
  return writes;
}

/** Reads until `done` says so (or the time is up), for work a job finishes in the background. */
export async function waitFor<T>(load: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 25_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await load();
    if (done(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
