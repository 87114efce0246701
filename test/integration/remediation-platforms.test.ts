import { randomUUID } from 'node:crypto';
import { RemediationKind } from '../../integrations/provider';
import { Platform } from '../../src/accounts/account.enums';
import { ApiRole } from '../../src/auth/api-role';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';
import { createKey } from '../support/factories';
import { errorCode, expectData, graphql } from '../support/graphql';
import {
  changeOnPlatform,
  connectedSandboxWorld,
  platformWrites,
  readPlatform,
  REMEDIATE,
  registerConnected,
  ruleResult,
  schoolIds,
  usePolicyProfile,
  type SandboxWorld,
} from '../support/remediation-harness';

/**
 * platforms.md §6, one row at a time: every remediation a platform's API allows changes the simulated platform
 * (read back over its own API with the account's token) and the finding resolves on the re-check; every other
 * one is a MANUAL task that leaves the platform untouched. Each platform gets its own simulators and district.
 */

const AP_8006 = 'ap8006-social-media-internet';
const DISTRICT_SENTENCE = 'Official account of Sandbox School District.';

interface Operation {
  kind: string;
  target: string;
  status: string;
  errorCode: string | null;
}

interface Action {
  id: string;
  kind: string;
  status: string;
  operations: Operation[];
  steps: string[];
  nextAttemptAt: string | null;
  lastErrorCode: string | null;
  recheck: { status: string } | null;
}

/** One platform's simulators, API and sandbox district (with its registry tweaks made through GraphQL). */
interface Bench {
  harness: ConnectHarness;
  world: SandboxWorld;
  schools: Record<string, string>;
}

async function openBench(name: string, profileId?: string): Promise<Bench> {
  const harness = await startConnectHarness();
  const world = await connectedSandboxWorld(harness, `${name}-${randomUUID().slice(0, 8)}`);
  if (profileId) await usePolicyProfile(harness, world.districtId, profileId);
  return { harness, world, schools: await schoolIds(harness, world.adminKey) };
}

/** Opens a bench before the describe's tests and closes it after them. */
function benchFor(name: string, profileId?: string): () => Bench {
  let bench: Bench | null = null;
  beforeAll(async () => {
    bench = await openBench(name, profileId);
  });
  afterAll(async () => {
    await bench?.harness.close();
  });
  return () => bench as Bench;
}

async function remediate(bench: Bench, accountId: string, ruleId: string, key = bench.world.adminKey) {
  return graphql(bench.harness.testApp.app, key, REMEDIATE, { input: { accountId, ruleId, idempotencyKey: randomUUID() } });
}

async function findingState(bench: Bench, accountId: string, ruleId: string): Promise<string | null> {
  const rows = await bench.harness.testApp.dataSource.query('SELECT state FROM finding WHERE account_id = $1 AND rule_id = $2', [accountId, ruleId]);
  return rows[0]?.state ?? null;
}

async function auditTrail(bench: Bench, actionId: string): Promise<string[]> {
  const rows: Array<{ action: string }> = await bench.harness.testApp.dataSource.query(
    'SELECT action FROM audit_entry WHERE district_id = $1 AND target_id = $2 ORDER BY created_at, id',
    [bench.world.districtId, actionId],
  );
  return rows.map((row) => row.action);
}

async function externalIdOf(bench: Bench, accountId: string): Promise<string> {
  const [row] = await bench.harness.testApp.dataSource.query('SELECT external_id FROM social_account WHERE id = $1', [accountId]);
  return row.external_id;
}

async function expectFailing(bench: Bench, accountId: string, ruleId: string): Promise<Record<string, unknown>> {
  const result = await ruleResult(bench.harness, bench.world.adminKey, accountId, ruleId);
  expect(result.status).toBe('FAIL');
  expect(await findingState(bench, accountId, ruleId)).toBe('OPEN');
  return result.evidence;
}

/**
 * The rule fails; remediate applies `kind` through the platform with these operations (kind and target each),
 * the re-check passes, the finding is RESOLVED and the request, the platform call and the re-check are audited.
 */
async function expectFixed(bench: Bench, accountId: string, ruleId: string, kind: string, operations: Array<Pick<Operation, 'kind' | 'target'>>, key?: string): Promise<Action> {
  await expectFailing(bench, accountId, ruleId);
  const payload = expectData(await remediate(bench, accountId, ruleId, key)).remediate;
  expect(payload.outcome).toBe('CREATED');
  const action: Action = payload.action;
  expect(action).toMatchObject({ kind, status: 'APPLIED', lastErrorCode: null, nextAttemptAt: null, recheck: { status: 'PASS' } });
  const byTarget = (left: { target: string }, right: { target: string }) => left.target.localeCompare(right.target);
  expect([...action.operations].sort(byTarget)).toEqual(
    [...operations].sort(byTarget).map((operation) => expect.objectContaining({ ...operation, status: 'APPLIED', errorCode: null })),
  );
  expect(await findingState(bench, accountId, ruleId)).toBe('RESOLVED');
  expect(await auditTrail(bench, action.id)).toEqual(['remediation.request', 'remediation.apply', 'remediation.recheck']);
  return action;
}

/** The rule fails; remediate records a MANUAL task with the rule's steps, calls nothing on the platform, and the finding stays open. */
async function expectManual(bench: Bench, platform: Platform, accountId: string, ruleId: string): Promise<Action> {
  await expectFailing(bench, accountId, ruleId);
  const writes = platformWrites(bench.harness, platform);
  const payload = expectData(await remediate(bench, accountId, ruleId)).remediate;
  expect(payload.outcome).toBe('CREATED');
  const action: Action = payload.action;
  expect(action).toMatchObject({ kind: 'MANUAL_STEPS', status: 'MANUAL', operations: [], nextAttemptAt: null, recheck: null });
  expect(action.steps.length).toBeGreaterThan(0);
  expect(platformWrites(bench.harness, platform)).toBe(writes);
  expect(await findingState(bench, accountId, ruleId)).toBe('OPEN');
  expect(await auditTrail(bench, action.id)).toEqual(['remediation.request']);
  return action;
}

const adminIds = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

describe('Facebook', () => {
  describe('page fields and posts', () => {
    const bench = benchFor('facebook');

    it('writes the identifying sentence into the page about (POST /{page-id}) and profile.identifying-language passes', async () => {
      const accountId = bench().world.accounts.cedarparkelementary;
      await changeOnPlatform(bench().harness, accountId, { kind: RemediationKind.UPDATE_PROFILE_TEXT, params: { text: 'Newsletters, events and reminders for families.' } });
      expect((await expectFailing(bench(), accountId, 'profile.identifying-language')).missing).toEqual(['Sandbox School District']);
      await expectFixed(bench(), accountId, 'profile.identifying-language', 'UPDATE_PROFILE_TEXT', [{ kind: 'UPDATE_PROFILE_TEXT', target: 'profile text' }]);
      const page = await readPlatform(bench().harness, accountId, `/${await externalIdOf(bench(), accountId)}`, { fields: 'about' });
      expect(page.about).toContain(DISTRICT_SENTENCE);
      expect(page.about.length).toBeLessThanOrEqual(255);
    });

    it("sets the page website to the school's site", async () => {
      const accountId = bench().world.accounts.cedarparkelementary;
      await expectFixed(bench(), accountId, 'profile.website-link', 'UPDATE_WEBSITE', [{ kind: 'UPDATE_WEBSITE', target: 'website' }]);
      const page = await readPlatform(bench().harness, accountId, `/${await externalIdOf(bench(), accountId)}`, { fields: 'website' });
      expect(page.website).toBe('https://cedarpark.sandbox-sd.example.org');
    });

    it('unpublishes a page that is public on Facebook but registered as private (is_published=false)', async () => {
      const accountId = await registerConnected(bench().harness, bench().world.adminKey, {
        platform: 'FACEBOOK',
        handle: 'mapleridgeathletics',
        scope: 'CLUB',
        schoolId: bench().schools.MRS,
        audience: 'PRIVATE',
        kind: 'PLATFORM_ROLES',
        custodianEmail: 'marco.bellini@sandbox-sd.example.org',
        admins: [{ email: 'marco.bellini@sandbox-sd.example.org', name: 'Marco Bellini', employeeId: 'E1002' }],
      });
      expect((await expectFailing(bench(), accountId, 'privacy.audience')).reasons).toEqual(['PLATFORM_PUBLIC_REGISTERED_PRIVATE']);
      await expectFixed(bench(), accountId, 'privacy.audience', 'SET_AUDIENCE_PRIVATE', [{ kind: 'SET_AUDIENCE_PRIVATE', target: 'audience' }]);
      const page = await readPlatform(bench().harness, accountId, `/${await externalIdOf(bench(), accountId)}`, { fields: 'is_published' });
      expect(page.is_published).toBe(false);
    });

    it('hides the post that mentions a student (content.student-tags)', async () => {
      const accountId = await registerConnected(bench().harness, bench().world.adminKey, {
        platform: 'FACEBOOK',
        handle: 'lakesidemiddleschool',
        scope: 'SCHOOL',
        schoolId: bench().schools.LMS,
        audience: 'PUBLIC',
        publicJustification: 'School news for Lakeside families.',
        kind: 'PLATFORM_ROLES',
        custodianEmail: 'grace.lindqvist@sandbox-sd.example.org',
        admins: [{ email: 'grace.lindqvist@sandbox-sd.example.org', name: 'Grace Lindqvist', employeeId: 'E3001' }],
      });
      // The SIS now knows the student's Facebook handle too (the sandbox has only their Instagram one).
      const imported = await graphql(bench().harness.testApp.app, bench().world.adminKey, 'mutation($input: [StudentInput!]!) { importStudents(input: $input) { updated } }', {
        input: [
          {
            studentId: 'S-40003',
            schoolId: bench().schools.LMS,
            mediaConsent: true,
            handles: [
              { platform: 'INSTAGRAM', handle: 'robo.riley' },
              { platform: 'FACEBOOK', handle: 'robo.riley' },
            ],
          },
        ],
      });
      expect(expectData(imported).importStudents.updated).toBe(1);
      const evidence = await expectFailing(bench(), accountId, 'content.student-tags');
      expect(evidence.taggedStudents).toEqual([expect.objectContaining({ postId: '108241000000004_3301', studentId: 'S-40003' })]);
      await expectFixed(bench(), accountId, 'content.student-tags', 'HIDE_POST', [{ kind: 'HIDE_POST', target: 'post 108241000000004_3301' }]);
      expect((await readPlatform(bench().harness, accountId, '/108241000000004_3301', { fields: 'is_hidden' })).is_hidden).toBe(true);
    });
  });

  describe('page roles (AP 80-06)', () => {
    const bench = benchFor('facebook-roles', AP_8006);
    const PRIYA = '10229000000000303';
    const IT_SERVICES = '61560000000000103';
    let athletics: string;

    beforeAll(async () => {
      athletics = await registerConnected(bench().harness, bench().world.adminKey, {
        platform: 'FACEBOOK',
        handle: 'mapleridgeathletics',
        scope: 'CLUB',
        schoolId: bench().schools.MRS,
        audience: 'PUBLIC',
        publicJustification: 'Game schedules and results for families.',
        kind: 'PLATFORM_ROLES',
        custodianEmail: 'marco.bellini@sandbox-sd.example.org',
        admins: [
          { email: 'marco.bellini@sandbox-sd.example.org', name: 'Marco Bellini', employeeId: 'E1002', platformUserId: '10229000000000302' },
          { email: 'dana.whitford@sandbox-sd.example.org', name: 'Dana Whitford', employeeId: 'E1001', platformUserId: '10229000000000301' },
          { email: 'it-social@sandbox-sd.example.org', name: 'IT Services', employeeId: 'IT-SOCIAL', platformUserId: IT_SERVICES, isServiceAccount: true },
        ],
      });
    });

    const businessUsers = async (accountId: string, business: string) =>
      adminIds((await readPlatform(bench().harness, accountId, `/${await externalIdOf(bench(), accountId)}/assigned_users`, { business })).data);

    it('removes a departed staff member who is a business user (DELETE assigned_users)', async () => {
      const accountId = bench().world.accounts.cedarparkelementary;
      await changeOnPlatform(bench().harness, accountId, { kind: RemediationKind.ADD_ADMIN, params: { userId: PRIYA } });
      const evidence = await expectFailing(bench(), accountId, 'admins.current-staff-only');
      expect(evidence.offenders).toEqual([expect.objectContaining({ reason: 'DEPARTED', employeeId: 'E1003', platformAdminId: PRIYA })]);
      await expectFixed(bench(), accountId, 'admins.current-staff-only', 'REMOVE_ADMIN', [{ kind: 'REMOVE_ADMIN', target: 'admin Priya Raman' }]);
      expect(await businessUsers(accountId, '2231000000000002')).toEqual([IT_SERVICES]);
    });

    it('removes the business user but not the personal-profile admins, whom Graph cannot remove: those stay for a person, and the re-check says so', async () => {
      const evidence = await expectFailing(bench(), athletics, 'admins.current-staff-only');
      const offenders = (evidence.offenders as Array<Record<string, unknown>>).map(({ name, reason, platformAdminId }) => ({ name, reason, platformAdminId }));
      expect(offenders).toEqual(
        expect.arrayContaining([
          { name: 'Priya Raman', reason: 'DEPARTED', platformAdminId: PRIYA },
          { name: 'Kevin Marsh', reason: 'UNKNOWN', platformAdminId: '10229000000000901' },
          { name: 'Jen Alvarez', reason: 'UNKNOWN', platformAdminId: '10229000000000902' },
        ]),
      );
      expect(offenders).toHaveLength(3);
      const payload = expectData(await remediate(bench(), athletics, 'admins.current-staff-only')).remediate;
      const action: Action = payload.action;
      // Kevin and Jen hold personal /roles, which Graph cannot change: no call is made for them.
      expect(action).toMatchObject({ kind: 'REMOVE_ADMIN', status: 'APPLIED', nextAttemptAt: null, recheck: { status: 'FAIL' } });
      expect(Object.fromEntries(action.operations.map((operation) => [operation.target, [operation.status, operation.errorCode]]))).toEqual({
        'admin Priya Raman': ['APPLIED', null],
      });
      expect(action.steps.length).toBeGreaterThan(0);
      expect(await auditTrail(bench(), action.id)).toEqual(['remediation.request', 'remediation.apply', 'remediation.recheck']);

      // Facebook itself: the business user is gone, the personal roles are still there.
      expect(await businessUsers(athletics, '2231000000000001')).not.toContain(PRIYA);
      const roles = adminIds((await readPlatform(bench().harness, athletics, `/${await externalIdOf(bench(), athletics)}/roles`)).data);
      expect(roles).toEqual(expect.arrayContaining(['10229000000000901', '10229000000000902']));
      const after = await ruleResult(bench().harness, bench().world.adminKey, athletics, 'admins.current-staff-only');
      expect(after.status).toBe('FAIL');
      expect((after.evidence.offenders as Array<{ platformAdminId: string }>).map((offender) => offender.platformAdminId).sort()).toEqual(['10229000000000901', '10229000000000902']);
      expect(await findingState(bench(), athletics, 'admins.current-staff-only')).toBe('OPEN');
    });

    it("adds the IT services account back as a business user with the registry's platformUserId (POST assigned_users)", async () => {
      await changeOnPlatform(bench().harness, athletics, { kind: RemediationKind.REMOVE_ADMIN, params: { userId: IT_SERVICES } });
      expect((await expectFailing(bench(), athletics, 'admins.it-service-account')).onPlatform).toBe(false);
      await expectFixed(bench(), athletics, 'admins.it-service-account', 'ADD_ADMIN', [{ kind: 'ADD_ADMIN', target: 'IT services account it-social@sandbox-sd.example.org' }]);
      const rows = (await readPlatform(bench().harness, athletics, `/${await externalIdOf(bench(), athletics)}/assigned_users`, { business: '2231000000000001', fields: 'id,name,tasks' })).data;
      expect(rows.find((row: { id: string }) => row.id === IT_SERVICES)?.tasks).toEqual(expect.arrayContaining(['MANAGE']));
    });

    it('an IT account the registry knows only by email cannot be added by API: a manual task', async () => {
      const accountId = bench().world.accounts.cedarparkelementary;
      await changeOnPlatform(bench().harness, accountId, { kind: RemediationKind.REMOVE_ADMIN, params: { userId: IT_SERVICES } });
      await expectManual(bench(), Platform.FACEBOOK, accountId, 'admins.it-service-account');
      expect(await businessUsers(accountId, '2231000000000002')).not.toContain(IT_SERVICES);
    });
  });
});

describe('Instagram', () => {
  const bench = benchFor('instagram');
  const profile = async (accountId: string) => readPlatform(bench().harness, accountId, '/v25.0/me', { fields: 'biography,website' });

  it('turns comments off on every open post (comment_enabled=false)', async () => {
    const accountId = bench().world.accounts['mapleridge.secondary'];
    const open = (await expectFailing(bench(), accountId, 'comments.moderated')).openPostIds as string[];
    expect(open.length).toBeGreaterThan(1);
    await expectFixed(bench(), accountId, 'comments.moderated', 'DISABLE_POST_COMMENTS', open.map((postId) => ({ kind: 'DISABLE_POST_COMMENTS', target: `post ${postId}` })));
    for (const postId of open) {
      expect((await readPlatform(bench().harness, accountId, `/v25.0/${postId}`, { fields: 'is_comment_enabled' })).is_comment_enabled).toBe(false);
    }
  });

  it('bio and website have no API: manual tasks, and the profile is unchanged', async () => {
    const accountId = bench().world.accounts['lms.robotics'];
    const before = await profile(accountId);
    await expectManual(bench(), Platform.INSTAGRAM, accountId, 'profile.identifying-language');
    await expectManual(bench(), Platform.INSTAGRAM, accountId, 'profile.website-link');
    expect(await profile(accountId)).toEqual(before);
  });

  it('privacy has no API: a public account the district no longer allows is a manual task', async () => {
    const accountId = bench().world.accounts['mapleridge.secondary'];
    const policy = 'mutation($input: PolicyParametersInput!) { updatePolicyParameters(input: $input) { id } }';
    const set = (value: boolean | null) =>
      graphql(bench().harness.testApp.app, bench().world.adminKey, policy, { input: { ruleId: 'privacy.audience', parameters: { allowPublicWithJustification: value } } });
    expectData(await set(false));
    try {
      expect((await ruleResult(bench().harness, bench().world.adminKey, accountId, 'privacy.audience')).evidence.reasons).toEqual(['PUBLIC_NOT_ALLOWED']);
      const before = await profile(accountId);
      await expectManual(bench(), Platform.INSTAGRAM, accountId, 'privacy.audience');
      expect(await profile(accountId)).toEqual(before);
    } finally {
      expectData(await set(null));
    }
  });
});

describe('X', () => {
  const bench = benchFor('x');
  const me = async (accountId: string) => (await readPlatform(bench().harness, accountId, '/2/users/me', { 'user.fields': 'description,url,protected,entities' })).data;

  it("the school's principal fixes the bio of its own account (PUT /2/users/me); another school's account is NOT_FOUND", async () => {
    const principal = await createKey(bench().harness.testApp, bench().world.districtId, ApiRole.PRINCIPAL, bench().schools.CPE);
    const accountId = bench().world.accounts.cpe_grade5;
    await expectFixed(bench(), accountId, 'profile.identifying-language', 'UPDATE_PROFILE_TEXT', [{ kind: 'UPDATE_PROFILE_TEXT', target: 'profile text' }], principal);
    expect((await me(accountId)).description).toContain(DISTRICT_SENTENCE);

    const otherSchool = bench().world.accounts.mrs_athletics;
    const writes = platformWrites(bench().harness, Platform.X);
    expect(errorCode(await remediate(bench(), otherSchool, 'profile.website-link', principal))).toBe('NOT_FOUND');
    const [{ count }] = await bench().harness.testApp.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_entry WHERE district_id = $1 AND action LIKE 'remediation.%' AND (target_id = $2 OR after->>'accountId' = $2)`,
      [bench().world.districtId, otherSchool],
    );
    expect(count).toBe(0);
    expect(platformWrites(bench().harness, Platform.X)).toBe(writes);
  });

  it("sets the profile website to the school's site (PUT /2/users/me)", async () => {
    const accountId = bench().world.accounts.cpe_grade5;
    await expectFixed(bench(), accountId, 'profile.website-link', 'UPDATE_WEBSITE', [{ kind: 'UPDATE_WEBSITE', target: 'website' }]);
    // X shows the link wrapped in t.co; the profile's own URL is the expanded one.
    expect((await me(accountId)).entities.url.urls[0].expanded_url).toBe('https://cedarpark.sandbox-sd.example.org');
  });

  it('protecting the account has no API: a manual task, and the account stays public', async () => {
    const accountId = await registerConnected(bench().harness, bench().world.adminKey, {
      platform: 'X',
      handle: 'cpe_library',
      scope: 'CLUB',
      schoolId: bench().schools.CPE,
      audience: 'PRIVATE',
      kind: 'SHARED_LOGIN',
      custodianEmail: 'amara.okafor@sandbox-sd.example.org',
      loginEmail: 'cpe.library@sandbox-sd.example.org',
      admins: [{ email: 'amara.okafor@sandbox-sd.example.org', name: 'Amara Okafor', employeeId: 'E2002' }],
    });
    expect((await expectFailing(bench(), accountId, 'privacy.audience')).reasons).toEqual(['PLATFORM_PUBLIC_REGISTERED_PRIVATE']);
    await expectManual(bench(), Platform.X, accountId, 'privacy.audience');
    expect((await me(accountId)).protected).toBe(false);
  });

  it('reply settings cannot be changed after posting: comments are a manual task', async () => {
    await expectManual(bench(), Platform.X, bench().world.accounts.mrs_athletics, 'comments.moderated');
  });
});

describe('YouTube', () => {
  const bench = benchFor('youtube');
  const channel = async (accountId: string) =>
    (await readPlatform(bench().harness, accountId, '/channels', { part: 'snippet,brandingSettings,status', id: await externalIdOf(bench(), accountId) })).items[0];

  it('rewrites the channel description (channels.update brandingSettings), keeping the other branding settings', async () => {
    const accountId = bench().world.accounts.lakesidemiddle;
    await changeOnPlatform(bench().harness, accountId, {
      kind: RemediationKind.UPDATE_PROFILE_TEXT,
      params: { text: 'Concerts and assemblies, recorded for families. School website: https://lakeside.sandbox-sd.example.org' },
    });
    const keywords = (await channel(accountId)).brandingSettings.channel.keywords;
    expect((await expectFailing(bench(), accountId, 'profile.identifying-language')).missing).toEqual(['Sandbox School District']);
    await expectFixed(bench(), accountId, 'profile.identifying-language', 'UPDATE_PROFILE_TEXT', [{ kind: 'UPDATE_PROFILE_TEXT', target: 'profile text' }]);
    const after = await channel(accountId);
    expect(after.brandingSettings.channel.description).toContain(DISTRICT_SENTENCE);
    expect(after.brandingSettings.channel.keywords).toBe(keywords);
  });

  it('channel privacy is not writable: a channel public on YouTube but registered private is a manual task', async () => {
    const accountId = await registerConnected(bench().harness, bench().world.adminKey, {
      platform: 'YOUTUBE',
      handle: '@mrsdrama',
      scope: 'CLUB',
      schoolId: bench().schools.MRS,
      audience: 'PRIVATE',
      kind: 'SHARED_LOGIN',
      custodianEmail: 'dana.whitford@sandbox-sd.example.org',
      loginEmail: 'mrs.drama@sandbox-sd.example.org',
      admins: [{ email: 'dana.whitford@sandbox-sd.example.org', name: 'Dana Whitford', employeeId: 'E1001' }],
    });
    expect((await expectFailing(bench(), accountId, 'privacy.audience')).reasons).toEqual(['PLATFORM_PUBLIC_REGISTERED_PRIVATE']);
    await expectManual(bench(), Platform.YOUTUBE, accountId, 'privacy.audience');
    expect((await channel(accountId)).status.privacyStatus).toBe('public');
  });

  it('a channel has no website field: without a link in the description the rule is MANUAL and there is nothing to apply', async () => {
    const accountId = bench().world.accounts.lakesidemiddle;
    await changeOnPlatform(bench().harness, accountId, { kind: RemediationKind.UPDATE_PROFILE_TEXT, params: { text: `Concerts and assemblies of Lakeside Middle School. ${DISTRICT_SENTENCE}` } });
    const result = await ruleResult(bench().harness, bench().world.adminKey, accountId, 'profile.website-link');
    expect(result).toMatchObject({ status: 'MANUAL', evidence: { websiteShown: false, website: null } });
    const writes = platformWrites(bench().harness, Platform.YOUTUBE);
    expect(expectData(await remediate(bench(), accountId, 'profile.website-link')).remediate).toEqual({ outcome: 'NOTHING_TO_FIX', action: null });
    expect(platformWrites(bench().harness, Platform.YOUTUBE)).toBe(writes);
  });
});

describe('LinkedIn', () => {
  const organization = async (bench: Bench, accountId: string) => readPlatform(bench.harness, accountId, `/organizations/${await externalIdOf(bench, accountId)}`);

  describe('page fields and posts', () => {
    const bench = benchFor('linkedin');

    it('rewrites the page description (organizations PARTIAL_UPDATE)', async () => {
      const accountId = bench().world.accounts['maple-ridge-secondary'];
      await changeOnPlatform(bench().harness, accountId, { kind: RemediationKind.UPDATE_PROFILE_TEXT, params: { text: 'Alumni news, career events and school updates.' } });
      expect((await expectFailing(bench(), accountId, 'profile.identifying-language')).missing).toEqual(['Sandbox School District']);
      await expectFixed(bench(), accountId, 'profile.identifying-language', 'UPDATE_PROFILE_TEXT', [{ kind: 'UPDATE_PROFILE_TEXT', target: 'profile text' }]);
      expect((await organization(bench(), accountId)).localizedDescription).toContain(DISTRICT_SENTENCE);
    });

    it("sets the page website back to the school's site (organizations PARTIAL_UPDATE)", async () => {
      const accountId = bench().world.accounts['maple-ridge-secondary'];
      await changeOnPlatform(bench().harness, accountId, { kind: RemediationKind.UPDATE_WEBSITE, params: { url: 'https://linktr.ee/mapleridge' } });
      await expectFixed(bench(), accountId, 'profile.website-link', 'UPDATE_WEBSITE', [{ kind: 'UPDATE_WEBSITE', target: 'website' }]);
      expect((await organization(bench(), accountId)).localizedWebsite).toBe('https://mapleridge.sandbox-sd.example.org');
    });

    it('closes comments on every open post (socialMetadata commentsState CLOSED)', async () => {
      const accountId = bench().world.accounts['maple-ridge-secondary'];
      const open = (await expectFailing(bench(), accountId, 'comments.moderated')).openPostIds as string[];
      expect(open.length).toBeGreaterThan(1);
      await expectFixed(bench(), accountId, 'comments.moderated', 'DISABLE_POST_COMMENTS', open.map((postId) => ({ kind: 'DISABLE_POST_COMMENTS', target: `post ${postId}` })));
      for (const postId of open) {
        expect((await readPlatform(bench().harness, accountId, `/socialMetadata/${encodeURIComponent(postId)}`)).commentsState).toBe('CLOSED');
      }
    });
  });

  describe('page admins (AP 80-06)', () => {
    const bench = benchFor('linkedin-admins', AP_8006);
    const person = (id: string) => `urn:li:person:${id}`;
    let cedarPark: string;

    beforeAll(async () => {
      // Registered with every admin's member id: LinkedIn's ACLs name nobody, so ids are how the roster links.
      cedarPark = await registerConnected(bench().harness, bench().world.adminKey, {
        platform: 'LINKEDIN',
        handle: 'cedar-park-elementary',
        scope: 'SCHOOL',
        schoolId: bench().schools.CPE,
        audience: 'PUBLIC',
        publicJustification: 'Classroom news for Cedar Park families.',
        kind: 'PLATFORM_ROLES',
        custodianEmail: 'hugo.lefebvre@sandbox-sd.example.org',
        admins: [
          { email: 'hugo.lefebvre@sandbox-sd.example.org', name: 'Hugo Lefebvre', employeeId: 'E2001', platformRole: 'ADMINISTRATOR', platformUserId: person('hL3f3bvr3E') },
          { email: 'amara.okafor@sandbox-sd.example.org', name: 'Amara Okafor', employeeId: 'E2002', platformRole: 'CONTENT_ADMINISTRATOR', platformUserId: person('aOk4f0rM9c') },
          { email: 'it-social@sandbox-sd.example.org', name: 'IT Services', employeeId: 'IT-SOCIAL', platformRole: 'ADMINISTRATOR', platformUserId: person('itS0c14lSv'), isServiceAccount: true },
        ],
      });
    });

    /** The page's ACL rows as LinkedIn lists them: "member role" → state. */
    const acls = async (accountId: string): Promise<Record<string, string>> => {
      const urn = `urn:li:organization:${await externalIdOf(bench(), accountId)}`;
      const body = await readPlatform(bench().harness, accountId, '/organizationAcls', { q: 'organization', organization: urn, count: '100' });
      return Object.fromEntries(body.elements.map((row: { roleAssignee: string; role: string; state: string }) => [`${row.roleAssignee} ${row.role}`, row.state]));
    };

    it('approves the IT services account as an ADMINISTRATOR (organizationAcls PUT)', async () => {
      expect((await expectFailing(bench(), cedarPark, 'admins.it-service-account')).onPlatform).toBe(false);
      await expectFixed(bench(), cedarPark, 'admins.it-service-account', 'ADD_ADMIN', [{ kind: 'ADD_ADMIN', target: 'IT services account it-social@sandbox-sd.example.org' }]);
      expect((await acls(cedarPark))[`${person('itS0c14lSv')} ADMINISTRATOR`]).toBe('APPROVED');
    });

    it('revokes a departed staff member and an outsider (organizationAcls REVOKED)', async () => {
      const departed = await graphql(bench().harness.testApp.app, bench().world.adminKey, 'mutation($input: [StaffInput!]!) { upsertStaff(input: $input) { updated } }', {
        input: [{ employeeId: 'E2002', name: 'Amara Okafor', email: 'amara.okafor@sandbox-sd.example.org', schoolId: bench().schools.CPE, role: 'TEACHER', status: 'DEPARTED' }],
      });
      expect(expectData(departed).upsertStaff.updated).toBe(1);
      await changeOnPlatform(bench().harness, cedarPark, { kind: RemediationKind.ADD_ADMIN, params: { userId: 'jP4rk3rAlu', roles: ['ANALYST'] } });
      const offenders = (await expectFailing(bench(), cedarPark, 'admins.current-staff-only')).offenders as Array<Record<string, unknown>>;
      expect(offenders.map(({ reason, platformAdminId }) => ({ reason, platformAdminId }))).toEqual(
        expect.arrayContaining([
          { reason: 'DEPARTED', platformAdminId: person('aOk4f0rM9c') },
          { reason: 'UNKNOWN', platformAdminId: person('jP4rk3rAlu') },
        ]),
      );
      expect(offenders).toHaveLength(2);
      await expectFixed(bench(), cedarPark, 'admins.current-staff-only', 'REMOVE_ADMIN', [
        { kind: 'REMOVE_ADMIN', target: 'admin Amara Okafor' },
        { kind: 'REMOVE_ADMIN', target: `admin ${person('jP4rk3rAlu')}` },
      ]);
      expect(await acls(cedarPark)).toMatchObject({
        [`${person('aOk4f0rM9c')} CONTENT_ADMINISTRATOR`]: 'REVOKED',
        [`${person('jP4rk3rAlu')} ANALYST`]: 'REVOKED',
        [`${person('hL3f3bvr3E')} ADMINISTRATOR`]: 'APPROVED',
      });
    });

    it('never empties a roster it cannot name: members the registry does not know by id are left to a person', async () => {
      // The sandbox registry knows this page's admins by email only, and LinkedIn shows ids only: nobody is identified.
      const accountId = bench().world.accounts['maple-ridge-secondary'];
      const before = await acls(accountId);
      const offenders = (await expectFailing(bench(), accountId, 'admins.current-staff-only')).offenders as Array<Record<string, unknown>>;
      expect(offenders.map((offender) => offender.platformAdminId)).toContain(person('itS0c14lSv'));
      await expectManual(bench(), Platform.LINKEDIN, accountId, 'admins.current-staff-only');
      expect(await acls(accountId)).toEqual(before);
    });
  });
});
