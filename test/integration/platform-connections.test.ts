import { Platform } from '../../src/accounts/account.enums';
import { ApiRole } from '../../src/auth/api-role';
import { PROVIDERS } from '../../integrations/registry';
import type { ProviderDefinition } from '../../integrations/provider';
import { PlatformConnection } from '../../src/connections/platform-connection.entity';
import { createDistrict, createKey, createSchool, registerAccount } from '../support/factories';
import { CHECK_ACCOUNT, runConnectFlow, startConnectHarness, startConnection, type ConnectHarness } from '../support/connect-harness';
import { expectData, graphql } from '../support/graphql';

/** The sandbox account each simulator knows, the list that pages on it, and whether an expired token can be renewed. */
const CASES: Record<string, { handle: string; pagedPath: string; expiredTokenRecovers: boolean }> = {
  FACEBOOK: { handle: 'sandboxschools', pagedPath: 'roles', expiredTokenRecovers: false },
  INSTAGRAM: { handle: 'mapleridge.secondary', pagedPath: 'media', expiredTokenRecovers: false },
  X: { handle: 'mrs_athletics', pagedPath: 'following', expiredTokenRecovers: true },
  YOUTUBE: { handle: 'lakesidemiddle', pagedPath: 'playlistItems', expiredTokenRecovers: true },
  LINKEDIN: { handle: 'maple-ridge-secondary', pagedPath: 'organizationAcls', expiredTokenRecovers: true },
};

let harness: ConnectHarness;

beforeAll(async () => {
  harness = await startConnectHarness();
});

afterAll(async () => {
  await harness.close();
});

beforeEach(() => {
  for (const provider of PROVIDERS) harness.simulators.get(provider.platform).control.reset();
});

async function connectionRow(accountId: string): Promise<PlatformConnection> {
  return harness.testApp.dataSource.getRepository(PlatformConnection).findOneByOrFail({ accountId });
}

/** A fresh district with the platform's sandbox account registered and connected as its simulated owner. */
async function connected(provider: ProviderDefinition) {
  const { district, adminKey } = await createDistrict(harness.testApp);
  const school = await createSchool(harness.testApp, adminKey);
  const handle = CASES[provider.platform].handle;
  const account = await registerAccount(harness.testApp, adminKey, { platform: provider.platform, handle, schoolId: school.id });
  const userId = harness.simulators.get(provider.platform).consentUserFor(handle);
  if (!userId) throw new Error(`the ${provider.slug} simulator has no owner for ${handle}`);
  const link = await startConnection(harness, adminKey, account.id);
  const flow = await runConnectFlow(harness, provider, link.url, { decision: 'APPROVE', userId });
  return { district, adminKey, school, account, userId, link, flow };
}

async function check(adminKey: string, accountId: string) {
  return expectData(await graphql(harness.testApp.app, adminKey, CHECK_ACCOUNT, { id: accountId })).checkAccount;
}

describe.each(PROVIDERS.map((provider) => [provider.platform, provider] as const))('%s connection', (_platform, provider) => {
  it('connects end to end: link, consent screen, callback, encrypted credentials', async () => {
    const { adminKey, account, flow } = await connected(provider);
    expect(flow.result).toBe('CONNECTED');
    const authorize = flow.authorizeUrl!;
    expect(authorize.searchParams.get('client_id')).toBe('proctor-sandbox');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${harness.baseUrl}/oauth/${provider.slug}/callback`);
    expect(authorize.searchParams.get('state')).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('code_challenge_method')).toBe(provider.pkce === 'S256' ? 'S256' : null);
    for (const [name, value] of Object.entries(provider.authorizationParams)) expect(authorize.searchParams.get(name)).toBe(value);

    const row = await connectionRow(account.id);
    expect(row.status).toBe('CONNECTED');
    expect(row.credentialsKeyId).toBe('t2');
    const credentials = harness.testApp.services.vault.open({ keyId: row.credentialsKeyId, ciphertext: row.credentialsCiphertext }, row.id);
    expect(credentials.accessToken.length).toBeGreaterThan(10);
    expect(row.credentialsCiphertext.includes(Buffer.from(credentials.accessToken))).toBe(false);

    const view = expectData(
      await graphql(harness.testApp.app, adminKey, 'query($id: ID!) { account(id: $id) { externalId connection { status connectedAt scopes } } }', { id: account.id }),
    ).account;
    expect(view.connection.status).toBe('CONNECTED');
    expect(view.connection.scopes.length).toBeGreaterThan(0);
    expect(view.externalId).toBeTruthy();
  });

  it('reads a snapshot, following every page of the paged list', async () => {
    const { adminKey, account } = await connected(provider);
    const control = harness.simulators.get(provider.platform).control;
    control.pageSizeCap = 2;
    control.requests.clear();
    const result = await check(adminKey, account.id);
    expect(result.error).toBeNull();
    expect(result.snapshot.handle).toBe(CASES[provider.platform].handle);
    const pagedCalls = [...control.requests].filter(([key]) => key.includes(CASES[provider.platform].pagedPath)).reduce((sum, [, count]) => sum + count, 0);
    expect(pagedCalls).toBeGreaterThanOrEqual(3);
    expect(result.snapshot.unavailable).toEqual(expect.arrayContaining(provider.capabilities.unavailable));
    if (provider.capabilities.unavailable.includes('ADMINS' as never)) expect(result.snapshot.admins).toBeNull();
    else expect(result.snapshot.admins.length).toBeGreaterThanOrEqual(3);
    const latest = expectData(
      await graphql(harness.testApp.app, adminKey, 'query($id: ID!) { account(id: $id) { latestSnapshot { id } connection { lastFetchedAt } } }', { id: account.id }),
    ).account;
    expect(latest.latestSnapshot.id).toBe(result.snapshot.id);
    expect(latest.connection.lastFetchedAt).not.toBeNull();
  });

  it('refreshes a token about to expire before reading', async () => {
    const { adminKey, account } = await connected(provider);
    const before = await connectionRow(account.id);
    const vault = harness.testApp.services.vault;
    const oldToken = vault.open({ keyId: before.credentialsKeyId, ciphertext: before.credentialsCiphertext }, before.id).accessToken;
    await harness.testApp.dataSource.query(`UPDATE platform_connection SET access_token_expires_at = now() + interval '2 minutes' WHERE id = $1`, [before.id]);
    // Instagram refuses to refresh a token younger than 24 h: let a day pass on the platform's clock.
    harness.simulators.get(provider.platform).control.clockOffsetMs = 25 * 3_600_000;
    const result = await check(adminKey, account.id);
    expect(result.error).toBeNull();
    const after = await connectionRow(account.id);
    expect(after.lastRefreshedAt).not.toBeNull();
    expect(after.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(vault.open({ keyId: after.credentialsKeyId, ciphertext: after.credentialsCiphertext }, after.id).accessToken).not.toBe(oldToken);
    expect(result.account.connection.status).toBe('CONNECTED');
  });

  it('turns revoked consent into a visible REVOKED connection, and reconnecting restores it', async () => {
    const { adminKey, account, userId } = await connected(provider);
    harness.simulators.get(provider.platform).tokens.revokeUser(userId);
    const result = await check(adminKey, account.id);
    expect(result.snapshot).toBeNull();
    expect(result.error.code).toBe('TOKEN_REVOKED');
    expect(result.account.connection.status).toBe('REVOKED');
    expect(result.account.connection.lastError.code).toBe('TOKEN_REVOKED');
    expect(result.account.connection.lastError.action.length).toBeGreaterThan(0);

    const control = harness.simulators.get(provider.platform).control;
    control.requests.clear();
    const again = await check(adminKey, account.id);
    expect(again.error.code).toBe('TOKEN_REVOKED');
    expect(control.totalRequests()).toBe(0);

    const link = await startConnection(harness, adminKey, account.id);
    expect((await runConnectFlow(harness, provider, link.url, { decision: 'APPROVE', userId })).result).toBe('CONNECTED');
    const restored = await check(adminKey, account.id);
    expect(restored.error).toBeNull();
    expect(restored.account.connection.status).toBe('CONNECTED');
  });

  it('handles an access token the platform reports expired', async () => {
    const { adminKey, account, userId } = await connected(provider);
    harness.simulators.get(provider.platform).tokens.expireAccessTokens(userId);
    const result = await check(adminKey, account.id);
    if (CASES[provider.platform].expiredTokenRecovers) {
      expect(result.error).toBeNull();
      expect(result.account.connection.status).toBe('CONNECTED');
      expect(result.account.connection.lastRefreshedAt).not.toBeNull();
    } else {
      expect(result.error.code).toBe('TOKEN_EXPIRED');
      expect(result.account.connection.status).toBe('EXPIRED');
    }
  });
});

describe('connect flow failures change nothing', () => {
  const facebook = PROVIDERS.find((provider) => provider.platform === Platform.FACEBOOK)!;

  async function pending() {
    const { district, adminKey } = await createDistrict(harness.testApp);
    const account = await registerAccount(harness.testApp, adminKey, { platform: 'FACEBOOK', handle: 'sandboxschools', scope: 'DISTRICT' });
    const userId = harness.simulators.get(Platform.FACEBOOK).consentUserFor('sandboxschools')!;
    return { district, adminKey, account, userId };
  }

  async function connectionCount(accountId: string) {
    return harness.testApp.dataSource.getRepository(PlatformConnection).countBy({ accountId });
  }

  it('denied consent ends on CONSENT_DENIED with no connection', async () => {
    const { adminKey, account } = await pending();
    const link = await startConnection(harness, adminKey, account.id);
    const flow = await runConnectFlow(harness, facebook, link.url, { decision: 'DENY' });
    expect(flow.result).toBe('CONSENT_DENIED');
    expect(await connectionCount(account.id)).toBe(0);
    // The denied state is spent: the same callback cannot be turned into a success later.
    const replay = await fetch(flow.callbackUrl!.toString().replace(/error=[^&]*/, 'code=forged'), { redirect: 'manual' });
    expect(replay.headers.get('x-proctor-connect-result')).toBe('STATE_USED_OR_EXPIRED');
  });

  it('a tampered state is refused before the code is exchanged', async () => {
    const { adminKey, account, userId } = await pending();
    const link = await startConnection(harness, adminKey, account.id);
    const toPlatform = await fetch(link.url, { redirect: 'manual' });
    harness.simulators.get(Platform.FACEBOOK).control.consent = { decision: 'APPROVE', userId };
    const callback = new URL((await fetch(toPlatform.headers.get('location')!, { redirect: 'manual' })).headers.get('location')!);
    const state = callback.searchParams.get('state')!;
    callback.searchParams.set('state', `${state.slice(0, -2)}${state.endsWith('AA') ? 'BB' : 'AA'}`);
    const landed = await fetch(callback, { redirect: 'manual' });
    expect(landed.headers.get('x-proctor-connect-result')).toBe('BAD_STATE');
    expect(await connectionCount(account.id)).toBe(0);
  });

  it('a replayed callback is refused and the connection stays as it was', async () => {
    const { adminKey, account, userId } = await pending();
    const link = await startConnection(harness, adminKey, account.id);
    const flow = await runConnectFlow(harness, facebook, link.url, { decision: 'APPROVE', userId });
    expect(flow.result).toBe('CONNECTED');
    const before = await harness.testApp.dataSource.getRepository(PlatformConnection).findOneByOrFail({ accountId: account.id });
    const replay = await fetch(flow.callbackUrl!, { redirect: 'manual' });
    expect(replay.headers.get('x-proctor-connect-result')).toBe('STATE_USED_OR_EXPIRED');
    const after = await harness.testApp.dataSource.getRepository(PlatformConnection).findOneByOrFail({ accountId: account.id });
    expect(after.credentialsCiphertext.equals(before.credentialsCiphertext)).toBe(true);
  });

  it('a link works once, and not after it expires or when forged', async () => {
    const { adminKey, account, userId } = await pending();
    const link = await startConnection(harness, adminKey, account.id);
    expect((await runConnectFlow(harness, facebook, link.url, { decision: 'APPROVE', userId })).result).toBe('CONNECTED');
    const reused = await fetch(link.url, { redirect: 'manual' });
    expect(reused.headers.get('x-proctor-connect-result')).toBe('LINK_USED_OR_EXPIRED');

    const forged = await fetch(link.url.replace(/\.[A-Za-z0-9_-]{43}$/, `.${'A'.repeat(43)}`), { redirect: 'manual' });
    expect(forged.headers.get('x-proctor-connect-result')).toBe('BAD_LINK');

    const late = await startConnection(harness, adminKey, account.id);
    await harness.testApp.dataSource.query(`UPDATE oauth_attempt SET ticket_expires_at = now() - interval '1 second' WHERE account_id = $1 AND stage = 'ISSUED'`, [account.id]);
    expect((await fetch(late.url, { redirect: 'manual' })).headers.get('x-proctor-connect-result')).toBe('LINK_USED_OR_EXPIRED');

    const otherPlatform = await fetch(late.url.replace('/oauth/facebook/', '/oauth/linkedin/'), { redirect: 'manual' });
    expect(otherPlatform.headers.get('x-proctor-connect-result')).toBe('BAD_LINK');
  });

  it('consent by someone who does not manage the registered account stores nothing', async () => {
    const { adminKey } = await pending();
    const stranger = await registerAccount(harness.testApp, adminKey, { platform: 'FACEBOOK', handle: 'nobody-manages-this', scope: 'DISTRICT' });
    const link = await startConnection(harness, adminKey, stranger.id);
    const userId = harness.simulators.get(Platform.FACEBOOK).consentUserFor('sandboxschools')!;
    const flow = await runConnectFlow(harness, facebook, link.url, { decision: 'APPROVE', userId });
    expect(flow.result).toBe('ACCOUNT_NOT_MANAGED');
    expect(await connectionCount(stranger.id)).toBe(0);
  });
});

describe('connections respect tenancy and roles', () => {
  it('another district, another school and read-only keys cannot start or check', async () => {
    const { district, adminKey } = await createDistrict(harness.testApp);
    const north = await createSchool(harness.testApp, adminKey);
    const south = await createSchool(harness.testApp, adminKey);
    const account = await registerAccount(harness.testApp, adminKey, { platform: 'X', handle: 'mrs_athletics', schoolId: north.id });
    const foreign = (await createDistrict(harness.testApp)).adminKey;
    const principalSouth = await createKey(harness.testApp, district.id, ApiRole.PRINCIPAL, south.id);
    const viewer = await createKey(harness.testApp, district.id, ApiRole.VIEWER);
    for (const mutation of ['mutation($id: ID!) { startConnection(accountId: $id) { url } }', 'mutation($id: ID!) { checkAccount(id: $id) { error { code } } }']) {
      for (const key of [foreign, principalSouth]) {
        const response = await graphql(harness.testApp.app, key, mutation, { id: account.id });
        expect(response.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      }
      expect((await graphql(harness.testApp.app, viewer, mutation, { id: account.id })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
    const principalNorth = await createKey(harness.testApp, district.id, ApiRole.PRINCIPAL, north.id);
    const own = await graphql(harness.testApp.app, principalNorth, 'mutation($id: ID!) { startConnection(accountId: $id) { url } }', { id: account.id });
    expect(own.data?.startConnection.url).toContain('/oauth/x/connect?ticket=');
  });

  it('an OTHER-platform account cannot be connected, and an unconnected account says so', async () => {
    const { adminKey } = await createDistrict(harness.testApp);
    const other = await registerAccount(harness.testApp, adminKey, { platform: 'OTHER', handle: 'school-blog', scope: 'DISTRICT' });
    const response = await graphql(harness.testApp.app, adminKey, 'mutation($id: ID!) { startConnection(accountId: $id) { url } }', { id: other.id });
    expect(response.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect(response.errors?.[0]?.extensions.reason).toBe('PLATFORM_NOT_SUPPORTED');
    const result = await check(adminKey, other.id);
    expect(result.error.code).toBe('NOT_CONNECTED');
    expect(result.account.connection.status).toBe('NOT_CONNECTED');
  });
});
