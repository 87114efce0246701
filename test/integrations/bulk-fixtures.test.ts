import { seedBulkDistrict, type SeededBulkDistrict } from '../../bench/sync-seed';
import { AccountAdmin } from '../../src/accounts/account-admin.entity';
import { AccountStatus, Platform } from '../../src/accounts/account.enums';
import { SocialAccount } from '../../src/accounts/social-account.entity';
import { PlatformConnection } from '../../src/connections/platform-connection.entity';
import { parseFacebookFixture } from '../../integrations/facebook/simulator-data';
import { CallMeter, PlatformHttp } from '../../integrations/http/platform-http';
import { loadInstagramFixture } from '../../integrations/instagram/simulator-data';
import { parseLinkedinFixture } from '../../integrations/linkedin/simulator-data';
import type { ConnectorContext, SnapshotTarget } from '../../integrations/provider';
import { PROVIDERS, providerFor } from '../../integrations/registry';
import { authorizeOnSimulator } from '../../integrations/simulator/authorize-on-simulator';
import { BULK_PLATFORMS, bulkFixtures, type BulkAccount, type BulkFixtures } from '../../integrations/simulator/bulk-fixtures';
import { SIMULATOR_CLIENT, startSimulators, type RunningSimulators } from '../../integrations/simulator/simulator-server';
import { parseXFixture } from '../../integrations/x/simulator-data';
import { loadYouTubeFixture } from '../../integrations/youtube/simulator-data';
import { unique } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const PARSERS: Record<(typeof BULK_PLATFORMS)[number], (fixture: unknown) => unknown> = {
  [Platform.FACEBOOK]: parseFacebookFixture,
  [Platform.INSTAGRAM]: loadInstagramFixture,
  [Platform.X]: parseXFixture,
  [Platform.YOUTUBE]: loadYouTubeFixture,
  [Platform.LINKEDIN]: parseLinkedinFixture,
};

/** Platform-counted calls per account at most, as for the sandbox accounts (every list on its first page). */
const CALLS_PER_ACCOUNT: Record<string, number> = {
  // Five batch operations per Page (the Page, roles, assigned users, posts, settings), and the batch itself per 10 Pages.
  [Platform.FACEBOOK]: 5.1,
  // Profile with its media, in one call.
  [Platform.INSTAGRAM]: 1,
  // Posts and follows, plus the shared user lookup.
  [Platform.X]: 2.1,
  // Uploads and the held-comment queue, plus the shared channel lookup.
  [Platform.YOUTUBE]: 2.1,
  // ACLs, posts, follower count, post metadata, plus one organization lookup per communications person's token.
  [Platform.LINKEDIN]: 4.3,
};

const NOW = new Date('2026-11-22T12:00:00Z');

describe('bulkFixtures', () => {
  it('builds a fixture every simulator accepts, and the same one again for the same seed', () => {
    const first = bulkFixtures(20, { seed: 3, now: NOW });
    for (const platform of BULK_PLATFORMS) expect(() => PARSERS[platform](first.fixtures[platform])).not.toThrow();
    expect(first.accounts).toHaveLength(100);
    for (const platform of BULK_PLATFORMS) expect(first.accounts.filter((account) => account.platform === platform)).toHaveLength(20);
    expect(bulkFixtures(20, { seed: 3, now: NOW })).toEqual(first);
    expect(bulkFixtures(20, { seed: 4, now: NOW }).accounts).not.toEqual(first.accounts);
  });

  it('varies the accounts the way a district does', () => {
    const { accounts, fixtures, district } = bulkFixtures(200, { seed: 5, now: NOW });
    const share = (test: (account: BulkAccount) => boolean) => accounts.filter(test).length / accounts.length;
    for (const platform of BULK_PLATFORMS) {
      const handles = accounts.filter((account) => account.platform === platform).map((account) => account.handle);
      expect(new Set(handles).size).toBe(handles.length);
    }
    expect(share((account) => account.dormant)).toBeGreaterThan(0.05);
    expect(share((account) => account.dormant)).toBeLessThan(0.2);
    expect(share((account) => account.identification === 'FULL')).toBeGreaterThan(0.6);
    expect(share((account) => account.identification === 'NONE')).toBeGreaterThan(0.1);
    expect(share((account) => account.websiteUrl !== undefined)).toBeGreaterThan(0.75);
    expect(share((account) => account.websiteUrl !== undefined)).toBeLessThan(0.95);
    expect(new Set(accounts.map((account) => account.scope)).size).toBe(5);
    expect(new Set(accounts.map((account) => account.schoolCode)).size).toBeGreaterThan(30);

    // Profile text names the school and district when the account says so.
    const page = fixtures[Platform.FACEBOOK].pages.find((candidate, index) => accounts[index].identification === 'FULL' && accounts[index].schoolCode);
    expect(page?.about).toContain(district.name);

    for (const facebookPage of fixtures[Platform.FACEBOOK].pages) {
      expect(facebookPage.roles.length).toBeGreaterThanOrEqual(2);
      expect(facebookPage.roles.length).toBeLessThanOrEqual(4);
      expect(facebookPage.roles[0].tasks).toContain('MANAGE');
    }
    const itMember = district.staff.find((person) => person.isServiceAccount)!.linkedinId;
    for (const organization of fixtures[Platform.LINKEDIN].organizations) {
      const people = new Set(organization.acls.filter((acl) => acl.state === 'APPROVED' && acl.member !== itMember).map((acl) => acl.member));
      expect(people.size).toBeGreaterThanOrEqual(2);
      expect(people.size).toBeLessThanOrEqual(4);
    }
    const xAccounts = fixtures[Platform.X].users.slice(0, 200);
    expect(xAccounts.filter((user) => (user.following ?? []).length > 0).length).toBeGreaterThan(150);
    expect(xAccounts.every((user) => (user.following ?? []).length <= 5)).toBe(true);
    const posted = fixtures[Platform.INSTAGRAM].accounts.flatMap((account) => account.media ?? []);
    expect(posted.some((media) => (media.comments ?? []).some((comment) => comment.hidden))).toBe(true);
  });

  it('generates 10 000 accounts quickly', () => {
    const started = process.hrtime.bigint();
    expect(bulkFixtures(2000, { seed: 9 }).accounts).toHaveLength(10_000);
    // About 0.5 s in plain Node; the bound is loose for a busy test run and catches anything quadratic.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5000);
  });
});

describe('seedBulkDistrict', () => {
  let built: BulkFixtures;
  let simulators: RunningSimulators;
  let testApp: TestApp;
  let seeded: SeededBulkDistrict;

  beforeAll(async () => {
    built = bulkFixtures(20, { seed: 11 });
    [simulators, testApp] = await Promise.all([startSimulators(PROVIDERS, () => SIMULATOR_CLIENT, { fixtures: built.fixtures }), startTestApp()]);
    seeded = await seedBulkDistrict({
      dataSource: testApp.dataSource,
      services: testApp.services,
      simulators,
      accounts: built.accounts,
      slug: unique('bulk'),
    });
  });

  afterAll(async () => {
    await simulators?.close();
    await testApp?.close();
  });

  function contextFor(platform: Platform): ConnectorContext {
    const urls = simulators.urls(platform);
    return {
      http: new PlatformHttp({ platform, meter: new CallMeter(), timeoutMs: 5_000 }),
      apiUrl: urls.api,
      tokenUrl: urls.token,
      clientId: SIMULATOR_CLIENT.clientId,
      clientSecret: SIMULATOR_CLIENT.clientSecret,
      now: () => new Date(),
    };
  }

  it('registers every account approved and connected, with its roster and the platform id', async () => {
    const accounts = await testApp.dataSource.getRepository(SocialAccount).findBy({ districtId: seeded.districtId });
    expect(accounts).toHaveLength(built.accounts.length);
    const byId = new Map(accounts.map((account) => [account.id, account]));
    seeded.accountIds.forEach((id, index) => {
      const row = byId.get(id)!;
      const expected = built.accounts[index];
      expect({ platform: row.platform, handle: row.handle, externalId: row.externalId, status: row.status }).toEqual({
        platform: expected.platform,
        handle: expected.handle,
        externalId: expected.externalId,
        status: AccountStatus.ACTIVE,
      });
      expect(row.approvedAt).not.toBeNull();
    });
    const admins = await testApp.dataSource.getRepository(AccountAdmin).countBy({ districtId: seeded.districtId });
    expect(admins).toBe(built.accounts.reduce((sum, account) => sum + account.admins.length, 0));
    const connections = await testApp.dataSource.getRepository(PlatformConnection).findBy({ districtId: seeded.districtId });
    expect(connections).toHaveLength(built.accounts.length);
    expect(connections.every((connection) => connection.status === 'CONNECTED' && connection.scopes.length > 0)).toBe(true);
  });

  it.each(BULK_PLATFORMS.map((platform) => [platform]))('%s: the owner is who the simulator asks to consent, and connecting as them finds the account', async (platform) => {
    const simulator = simulators.get(platform);
    const accounts = built.accounts.filter((account) => account.platform === platform);
    for (const account of accounts) expect(simulator.consentUserFor(account.handle)).toBe(account.ownerUserId);
    const [first] = accounts;
    const provider = providerFor(platform)!;
    const token = await authorizeOnSimulator(simulators, provider, first.ownerUserId);
    const completed = await provider.connector.completeAuthorization(
      contextFor(platform),
      { accessToken: String(token.access_token), refreshToken: typeof token.refresh_token === 'string' ? token.refresh_token : null, params: token },
      { handle: first.handle, externalId: null },
    );
    expect(completed.externalId).toBe(first.externalId);
    expect(completed.displayName).toBe(first.displayName);
  });

  it.each(BULK_PLATFORMS.map((platform) => [platform]))('%s: every seeded connection reads through the connector over HTTP', async (platform) => {
    const provider = providerFor(platform)!;
    const connections = await testApp.dataSource.getRepository(PlatformConnection).findBy({ districtId: seeded.districtId, platform });
    const accounts = new Map(
      (await testApp.dataSource.getRepository(SocialAccount).findBy({ districtId: seeded.districtId, platform })).map((account) => [account.id, account]),
    );
    const targets: SnapshotTarget[] = connections.map((connection) => {
      const account = accounts.get(connection.accountId)!;
      const credentials = testApp.services.vault.open({ keyId: connection.credentialsKeyId, ciphertext: connection.credentialsCiphertext }, connection.id);
      return { key: account.id, externalId: account.externalId!, handle: account.handle, credentials };
    });
    const control = simulators.get(platform).control;
    control.requests.clear();
    const outcomes = await provider.connector.fetchSnapshots(contextFor(platform), targets);
    const failures = outcomes.flatMap((outcome) => (outcome.ok ? [] : [`${accounts.get(outcome.key)?.handle}: ${outcome.error.kind} ${outcome.error.message}`]));
    expect(failures).toEqual([]);
    for (const outcome of outcomes) {
      if (outcome.ok) expect(outcome.snapshot.externalId).toBe(accounts.get(outcome.key)!.externalId);
    }
    expect(control.totalRequests()).toBeLessThanOrEqual(Math.round(CALLS_PER_ACCOUNT[platform] * targets.length));
  });
});
