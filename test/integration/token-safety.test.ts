import { PROVIDERS } from '../../integrations/registry';
import { refreshExpiringConnections } from '../../src/connections/refresh-expiring.job';
import { createLogger } from '../../src/logging/logger';
import sandbox from '../../src/seed/sandbox-district.json';
import { Platform } from '../../src/accounts/account.enums';
import { PlatformConnection } from '../../src/connections/platform-connection.entity';
import { createDistrict, registerAccount } from '../support/factories';
import { CHECK_ACCOUNT, connectedSandboxDistrict, platformEnv, runConnectFlow, startConnectHarness, startConnection, type ConnectHarness } from '../support/connect-harness';
import { expectData, graphql } from '../support/graphql';
import { startTestApp } from '../support/test-app';

const HANDLES: Record<string, string> = {
  FACEBOOK: 'sandboxschools',
  INSTAGRAM: 'mapleridge.secondary',
  X: 'mrs_athletics',
  YOUTUBE: 'lakesidemiddle',
  LINKEDIN: 'maple-ridge-secondary',
};

let harness: ConnectHarness;

beforeAll(async () => {
  harness = await startConnectHarness();
});

afterAll(async () => {
  await harness.close();
});

async function connectAll(adminKey: string) {
  const accounts: Record<string, string> = {};
  for (const provider of PROVIDERS) {
    const handle = HANDLES[provider.platform];
    const account = await registerAccount(harness.testApp, adminKey, { platform: provider.platform, handle, scope: 'DISTRICT' });
    const userId = harness.simulators.get(provider.platform).consentUserFor(handle)!;
    const link = await startConnection(harness, adminKey, account.id);
    expect((await runConnectFlow(harness, provider, link.url, { decision: 'APPROVE', userId })).result).toBe('CONNECTED');
    accounts[provider.platform] = account.id;
  }
  return accounts;
}

it('no table, log line or GraphQL answer holds a token in plain text', async () => {
  const { adminKey } = await createDistrict(harness.testApp);
  const accounts = await connectAll(adminKey);
  const dataSource = harness.testApp.dataSource;
  const secrets: string[] = [];
  for (const row of await dataSource.getRepository(PlatformConnection).find()) {
    const credentials = harness.testApp.services.vault.open({ keyId: row.credentialsKeyId, ciphertext: row.credentialsCiphertext }, row.id);
    secrets.push(credentials.accessToken, ...(credentials.refreshToken ? [credentials.refreshToken] : []), ...Object.entries(credentials.extra ?? {}).filter(([name]) => /token$/i.test(name)).map(([, value]) => value));
  }
  expect(secrets.length).toBeGreaterThanOrEqual(PROVIDERS.length);

  const tables: Array<{ schemaname: string; tablename: string }> = await dataSource.query(
    `SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  );
  expect(tables.map((table) => table.tablename)).toEqual(expect.arrayContaining(['platform_connection', 'oauth_attempt', 'audit_entry']));
  let dump = '';
  for (const { schemaname, tablename } of tables) {
    const rows: Array<{ row: string }> = await dataSource.query(`SELECT row_to_json(t)::text AS row FROM "${schemaname}"."${tablename}" t`);
    dump += rows.map((row) => row.row).join('\n');
  }
  for (const secret of secrets) {
    expect(dump.includes(secret)).toBe(false);
    expect(dump.includes(Buffer.from(secret).toString('hex'))).toBe(false);
    expect(dump.includes(Buffer.from(secret).toString('base64'))).toBe(false);
  }

  for (const id of Object.values(accounts)) {
    const answer = await graphql(harness.testApp.app, adminKey, CHECK_ACCOUNT, { id });
    const text = JSON.stringify(answer);
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
  }
  const logs = harness.logLines.join('');
  expect(logs).toContain('platform_connection');
  for (const secret of secrets) expect(logs.includes(secret)).toBe(false);
});

it('two checks racing on an expiring X token refresh it once (the refresh token rotates)', async () => {
  const { adminKey } = await createDistrict(harness.testApp);
  const provider = PROVIDERS.find((candidate) => candidate.platform === Platform.X)!;
  const account = await registerAccount(harness.testApp, adminKey, { platform: 'X', handle: HANDLES.X, scope: 'DISTRICT' });
  const userId = harness.simulators.get(Platform.X).consentUserFor(HANDLES.X)!;
  const link = await startConnection(harness, adminKey, account.id);
  await runConnectFlow(harness, provider, link.url, { decision: 'APPROVE', userId });
  await harness.testApp.dataSource.query(`UPDATE platform_connection SET access_token_expires_at = now() + interval '1 minute' WHERE account_id = $1`, [account.id]);
  const results = await Promise.all(
    [1, 2, 3].map(async () => expectData(await graphql(harness.testApp.app, adminKey, CHECK_ACCOUNT, { id: account.id })).checkAccount),
  );
  for (const result of results) {
    expect(result.error).toBeNull();
    expect(result.account.connection.status).toBe('CONNECTED');
  }
});

it('refresh failures on four separate days exhaust the connection; automatic refresh then stops', async () => {
  const { adminKey } = await createDistrict(harness.testApp);
  const provider = PROVIDERS.find((candidate) => candidate.platform === Platform.YOUTUBE)!;
  const account = await registerAccount(harness.testApp, adminKey, { platform: 'YOUTUBE', handle: HANDLES.YOUTUBE, scope: 'DISTRICT' });
  const userId = harness.simulators.get(Platform.YOUTUBE).consentUserFor(HANDLES.YOUTUBE)!;
  const link = await startConnection(harness, adminKey, account.id);
  await runConnectFlow(harness, provider, link.url, { decision: 'APPROVE', userId });
  // The token endpoint is down (nothing listens there); three earlier days already failed.
  const outage = await startTestApp(platformEnv(harness.simulators, { YOUTUBE_TOKEN_URL: 'http://127.0.0.1:9/token' }));
  try {
    const dataSource = harness.testApp.dataSource;
    await dataSource.query(
      `UPDATE platform_connection SET access_token_expires_at = now() + interval '5 minutes', refresh_failure_days = 2,
         last_refresh_failure_at = now() - interval '1 day', status = 'REFRESH_FAILING' WHERE account_id = $1`,
      [account.id],
    );
    const third = expectData(await graphql(outage.app, adminKey, CHECK_ACCOUNT, { id: account.id })).checkAccount;
    // Still readable with the current token, but the trouble is visible.
    expect(third.error).toBeNull();
    expect(third.account.connection.status).toBe('REFRESH_FAILING');
    expect(third.account.connection.refreshFailureDays).toBe(3);

    await dataSource.query(`UPDATE platform_connection SET last_refresh_failure_at = now() - interval '1 day' WHERE account_id = $1`, [account.id]);
    const fourth = expectData(await graphql(outage.app, adminKey, CHECK_ACCOUNT, { id: account.id })).checkAccount;
    expect(fourth.error.code).toBe('REFRESH_EXHAUSTED');
    expect(fourth.account.connection.status).toBe('EXHAUSTED');
    expect(fourth.account.connection.lastError.code).toBe('REFRESH_EXHAUSTED');

    const audit = await dataSource.query(
      `SELECT after->>'status' AS status FROM audit_entry WHERE target_id = $1 AND action = 'connection.status' ORDER BY id`,
      [account.id],
    );
    expect(audit.map((entry: { status: string }) => entry.status)).toContain('EXHAUSTED');
  } finally {
    await outage.close();
  }
});

it('the sandbox seeding connects every sandbox account through the real flow and reads it', async () => {
  const { district, connected: result } = await connectedSandboxDistrict(harness);
  expect(result).toEqual({ connected: sandbox.accounts.length, total: sandbox.accounts.length });
  const [{ count }] = await harness.testApp.dataSource.query('SELECT count(*)::int AS count FROM account_snapshot WHERE district_id = $1', [district.id]);
  const [{ results }] = await harness.testApp.dataSource.query('SELECT count(*)::int AS results FROM compliance_result WHERE district_id = $1', [district.id]);
  expect(results).toBeGreaterThan(sandbox.accounts.length);
  expect(count).toBe(sandbox.accounts.length);
});

it('the scheduled job renews tokens about to expire without anyone reading the account', async () => {
  const { district, adminKey } = await createDistrict(harness.testApp);
  const accounts = await connectAll(adminKey);
  await harness.testApp.dataSource.query(
    `UPDATE platform_connection SET access_token_expires_at = now() + interval '3 minutes' WHERE account_id = ANY($1)`,
    [[accounts.X, accounts.YOUTUBE]],
  );
  const result = await refreshExpiringConnections(
    harness.testApp.dataSource,
    harness.testApp.config,
    harness.testApp.services.refresher,
    createLogger('silent'),
    { districtId: district.id },
  );
  expect(result.unusable).toBe(0);
  const rows = await harness.testApp.dataSource.getRepository(PlatformConnection).findBy({ districtId: district.id });
  const refreshed = rows.filter((row) => row.lastRefreshedAt !== null).map((row) => row.platform).sort();
  expect(refreshed).toEqual(['X', 'YOUTUBE']);
  for (const row of rows) expect(row.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
});
