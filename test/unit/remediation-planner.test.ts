import { RemediationKind } from '../../integrations/provider';
import { emptySnapshot, type AccountSnapshot, type SnapshotAdmin } from '../../integrations/snapshot';
import type { AccountAdmin } from '../../src/accounts/account-admin.entity';
import { AccountKind, Platform } from '../../src/accounts/account.enums';
import { identifyingText, planRemediation, type PlanInput } from '../../src/remediation/remediation-planner';
import { RemediationActionKind, RemediationStatus } from '../../src/remediation/remediation.enums';
import { plannedAccount, rosterRow } from '../support/planner-fixtures';

const ALL_KINDS: readonly RemediationKind[] = Object.values(RemediationKind);
const RULE_STEPS = ['Do the first thing.', 'Do the second thing.'];

const account = plannedAccount;
const admin = rosterRow;

function snapshotWith(platform: Platform, admins: SnapshotAdmin[] | null): AccountSnapshot {
  return { ...emptySnapshot(platform, 'page-1', []), admins };
}

function platformAdmin(externalId: string, source: string, overrides: Partial<SnapshotAdmin> = {}): SnapshotAdmin {
  return { externalId, name: null, email: null, roles: ['MANAGE'], fullControl: true, source, ...overrides };
}

function input(overrides: Partial<PlanInput> & { platform?: Platform } = {}): PlanInput {
  const { platform, ...rest } = overrides;
  return {
    account: account(platform ? { platform } : {}),
    ruleId: 'profile.website-link',
    evidence: {},
    message: 'The rule failed.',
    steps: RULE_STEPS,
    snapshot: null,
    admins: [],
    remediations: ALL_KINDS,
    connected: true,
    ...rest,
  };
}

/** An offender as admins.current-staff-only writes it (describeEntry + reason + platformAdminId). */
function offender(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: 'BOTH',
    name: null,
    email: null,
    platformUserId: null,
    employeeId: null,
    staffStatus: null,
    reason: 'DEPARTED',
    departedAt: null,
    studentId: null,
    platformAdminId: null,
    ...overrides,
  };
}

/** identifyingText's answer where it must have one. */
const textFor = (...args: Parameters<typeof identifyingText>): string => {
  const value = identifyingText(...args);
  if (value === null) throw new Error('expected a text');
  return value;
};

const userIdsOf = (plan: ReturnType<typeof planRemediation>) => plan.operations.map((operation) => operation.params.userId);

function expectManual(plan: ReturnType<typeof planRemediation>, steps: string[] = RULE_STEPS) {
  expect(plan.kind).toBe(RemediationActionKind.MANUAL_STEPS);
  expect(plan.status).toBe(RemediationStatus.MANUAL);
  expect(plan.operations).toEqual([]);
  expect(plan.registryRemovals).toEqual([]);
  expect(plan.steps).toEqual(steps);
}

describe('identifyingText', () => {
  it('answers no text on Facebook when the sentence alone exceeds about (255)', () => {
    expect(identifyingText(Platform.FACEBOOK, null, ['N'.repeat(300)])).toBeNull();
  });

  it('appends the identifying sentence to the current bio when it fits the platform limit', () => {
    const value = textFor(Platform.X, 'Go Lions!', ['Springfield School District', 'Lincoln High']);
    expect(value.startsWith('Go Lions! ')).toBe(true);
    expect(value).toContain('Springfield School District');
    expect(value).toContain('Lincoln High');
    expect(value.length).toBeLessThanOrEqual(160);
  });

  it('writes the sentence alone when the bio is empty or blank', () => {
    const alone = identifyingText(Platform.X, null, ['Springfield School District']);
    expect(identifyingText(Platform.X, '   ', ['Springfield School District'])).toBe(alone);
    expect(identifyingText(Platform.X, '', ['Springfield School District'])).toBe(alone);
    expect(alone).toContain('Springfield School District');
  });

  it('drops the current bio when bio + sentence would exceed the platform limit (X 160)', () => {
    const sentence = textFor(Platform.X, null, ['Lincoln High']);
    const fits = 'a'.repeat(160 - sentence.length - 1);
    expect(identifyingText(Platform.X, fits, ['Lincoln High'])).toBe(`${fits} ${sentence}`);
    expect(identifyingText(Platform.X, `${fits}a`, ['Lincoln High'])).toBe(sentence);
  });

  it.each([
    [Platform.X, 160],
    [Platform.YOUTUBE, 1000],
    [Platform.LINKEDIN, 2000],
    [Platform.INSTAGRAM, 150],
    [Platform.OTHER, 150],
  ])('keeps %s text within %i characters', (platform, limit) => {
    const sentence = textFor(platform, null, ['Lincoln High']);
    const exact = 'b'.repeat(limit - sentence.length - 1);
    expect(identifyingText(platform, exact, ['Lincoln High'])).toHaveLength(limit);
    expect(identifyingText(platform, `${exact}b`, ['Lincoln High'])).toBe(sentence);
    // A sentence longer than the limit on its own is not cut (it would still miss a name): no text, a manual fix.
    const longName = 'N'.repeat(limit + 50);
    expect(identifyingText(platform, 'short bio', [longName])).toBeNull();
  });

  it('writes only the sentence on Facebook, whatever the current text (about is written alone)', () => {
    const sentence = identifyingText(Platform.FACEBOOK, null, ['Lincoln High']);
    expect(identifyingText(Platform.FACEBOOK, 'About us. A long description of the page.', ['Lincoln High'])).toBe(sentence);
    expect(sentence).toContain('Lincoln High');
  });
});

describe('planRemediation', () => {
  describe('profile.identifying-language', () => {
    const rule = { ruleId: 'profile.identifying-language' };

    it('plans one UPDATE_PROFILE_TEXT operation whose text adds the missing names to the bio', () => {
      const plan = planRemediation(input({ ...rule, platform: Platform.X, evidence: { missing: ['Lincoln High'], profileText: 'Go Lions!' } }));
      expect(plan.kind).toBe(RemediationActionKind.UPDATE_PROFILE_TEXT);
      expect(plan.status).toBe(RemediationStatus.REQUESTED);
      expect(plan.operations).toHaveLength(1);
      expect(plan.operations[0]).toMatchObject({ kind: RemediationKind.UPDATE_PROFILE_TEXT, status: 'PENDING' });
      expect(plan.operations[0].params).toEqual({ text: identifyingText(Platform.X, 'Go Lions!', ['Lincoln High']) });
      expect(String(plan.operations[0].params.text).startsWith('Go Lions! ')).toBe(true);
      expect(plan.steps).toEqual(RULE_STEPS);
      expect(plan.registryRemovals).toEqual([]);
    });

    it("writes the sentence alone on Facebook even when the snapshot's text has the description joined", () => {
      const plan = planRemediation(input({ ...rule, platform: Platform.FACEBOOK, evidence: { missing: ['Lincoln High'], profileText: 'About. Description.' } }));
      expect(plan.operations[0].params).toEqual({ text: identifyingText(Platform.FACEBOOK, null, ['Lincoln High']) });
    });

    it('ignores non-string and empty entries of missing, and is manual when none is left', () => {
      const plan = planRemediation(input({ ...rule, platform: Platform.X, evidence: { missing: ['', 7, 'Lincoln High'], profileText: null } }));
      expect(plan.operations[0].params).toEqual({ text: identifyingText(Platform.X, null, ['Lincoln High']) });
      expectManual(planRemediation(input({ ...rule, evidence: { missing: ['', null], profileText: 'x' } })));
      expectManual(planRemediation(input({ ...rule, evidence: { missing: [] } })));
      expectManual(planRemediation(input({ ...rule, evidence: {} })));
    });

    it('is manual with the rule steps when the platform cannot update profile text', () => {
      const remediations = ALL_KINDS.filter((kind) => kind !== RemediationKind.UPDATE_PROFILE_TEXT);
      expectManual(planRemediation(input({ ...rule, remediations, evidence: { missing: ['Lincoln High'] } })));
    });
  });

  describe('profile.website-link', () => {
    const rule = { ruleId: 'profile.website-link' };

    it('plans one UPDATE_WEBSITE operation with the expected site', () => {
      const plan = planRemediation(input({ ...rule, evidence: { expectedSite: 'https://lincoln.example.org' } }));
      expect(plan.kind).toBe(RemediationActionKind.UPDATE_WEBSITE);
      expect(plan.status).toBe(RemediationStatus.REQUESTED);
      expect(plan.operations).toHaveLength(1);
      expect(plan.operations[0]).toMatchObject({ kind: RemediationKind.UPDATE_WEBSITE, params: { url: 'https://lincoln.example.org' }, status: 'PENDING' });
    });

    it('is manual without an expected site or without the capability', () => {
      expectManual(planRemediation(input({ ...rule, evidence: { expectedSite: null } })));
      expectManual(planRemediation(input({ ...rule, evidence: { expectedSite: '  ' } })));
      const remediations = ALL_KINDS.filter((kind) => kind !== RemediationKind.UPDATE_WEBSITE);
      expectManual(planRemediation(input({ ...rule, remediations, evidence: { expectedSite: 'https://lincoln.example.org' } })));
    });
  });

  describe('privacy.audience', () => {
    const rule = { ruleId: 'privacy.audience' };

    it('plans SET_AUDIENCE_PRIVATE when the platform shows public and the registry says private', () => {
      const plan = planRemediation(input({ ...rule, platform: Platform.FACEBOOK, evidence: { reasons: ['PLATFORM_PUBLIC_REGISTERED_PRIVATE'] } }));
      expect(plan.kind).toBe(RemediationActionKind.SET_AUDIENCE_PRIVATE);
      expect(plan.status).toBe(RemediationStatus.REQUESTED);
      expect(plan.operations).toHaveLength(1);
      expect(plan.operations[0]).toMatchObject({ kind: RemediationKind.SET_AUDIENCE_PRIVATE, params: {}, status: 'PENDING' });
    });

    it.each([[['PUBLIC_NOT_ALLOWED']], [['PUBLIC_WITHOUT_JUSTIFICATION']], [['PLATFORM_PRIVATE_REGISTERED_PUBLIC', 'PUBLIC_NOT_ALLOWED']], [[]]])(
      'is manual for the other reasons %j (the registration or a person decides)',
      (reasons) => {
        expectManual(planRemediation(input({ ...rule, platform: Platform.FACEBOOK, evidence: { reasons } })));
      },
    );

    it('is never automatic on YouTube (the channel privacy has no API), even with the capability', () => {
      expectManual(planRemediation(input({ ...rule, platform: Platform.YOUTUBE, evidence: { reasons: ['PLATFORM_PUBLIC_REGISTERED_PRIVATE'] } })));
    });

    it('is manual without the capability', () => {
      const remediations = ALL_KINDS.filter((kind) => kind !== RemediationKind.SET_AUDIENCE_PRIVATE);
      expectManual(planRemediation(input({ ...rule, remediations, evidence: { reasons: ['PLATFORM_PUBLIC_REGISTERED_PRIVATE'] } })));
    });
  });

  describe('comments.moderated', () => {
    const rule = { ruleId: 'comments.moderated' };

    it('plans one DISABLE_POST_COMMENTS operation per open post', () => {
      const plan = planRemediation(input({ ...rule, evidence: { openPostIds: ['p1', 'p2', 'p3'] } }));
      expect(plan.kind).toBe(RemediationActionKind.DISABLE_POST_COMMENTS);
      expect(plan.status).toBe(RemediationStatus.REQUESTED);
      expect(plan.operations.map((operation) => operation.kind)).toEqual([RemediationKind.DISABLE_POST_COMMENTS, RemediationKind.DISABLE_POST_COMMENTS, RemediationKind.DISABLE_POST_COMMENTS]);
      expect(plan.operations.map((operation) => operation.params)).toEqual([{ postId: 'p1' }, { postId: 'p2' }, { postId: 'p3' }]);
      expect(plan.operations.every((operation) => operation.status === 'PENDING')).toBe(true);
    });

    it('is manual when no post is listed (account-wide setting) or without the capability', () => {
      expectManual(planRemediation(input({ ...rule, evidence: { reason: 'REVIEW_OVERDUE' } })));
      expectManual(planRemediation(input({ ...rule, evidence: { openPostIds: [] } })));
      const remediations = ALL_KINDS.filter((kind) => kind !== RemediationKind.DISABLE_POST_COMMENTS);
      expectManual(planRemediation(input({ ...rule, remediations, evidence: { openPostIds: ['p1'] } })));
    });
  });

  describe('content.student-tags', () => {
    const rule = { ruleId: 'content.student-tags' };

    it('plans one HIDE_POST per distinct tagged post', () => {
      const taggedStudents = [
        { postId: 'p1', studentId: 'S1', mediaConsent: false },
        { postId: 'p1', studentId: 'S2', mediaConsent: true },
        { postId: 'p2', studentId: 'S1', mediaConsent: false },
        { studentId: 'S3' },
        'not a record',
      ];
      const plan = planRemediation(input({ ...rule, evidence: { taggedStudents } }));
      expect(plan.kind).toBe(RemediationActionKind.HIDE_POST);
      expect(plan.status).toBe(RemediationStatus.REQUESTED);
      expect(plan.operations).toHaveLength(2);
      expect(plan.operations.map((operation) => operation.kind)).toEqual([RemediationKind.HIDE_POST, RemediationKind.HIDE_POST]);
      expect(plan.operations.map((operation) => operation.params)).toEqual([{ postId: 'p1' }, { postId: 'p2' }]);
    });

    it('is manual with no tagged post or without the capability', () => {
      expectManual(planRemediation(input({ ...rule, evidence: { taggedStudents: [] } })));
      const remediations = ALL_KINDS.filter((kind) => kind !== RemediationKind.HIDE_POST);
      expectManual(planRemediation(input({ ...rule, remediations, evidence: { taggedStudents: [{ postId: 'p1' }] } })));
    });
  });

  describe('admins.current-staff-only', () => {
    const rule = { ruleId: 'admins.current-staff-only' };

    it('removes no id-only admin when no admin is registered at all (nobody to tell them from an outsider)', () => {
      const offenders = [offender({ platformAdminId: 'urn:li:person:A', reason: 'UNKNOWN' }), offender({ platformAdminId: 'urn:li:person:B', reason: 'UNKNOWN' })];
      expectManual(planRemediation(input({ ...rule, platform: Platform.LINKEDIN, admins: [], evidence: { offenders } })));
    });

    it('names in the steps every offender the API cannot remove', () => {
      const snapshot = snapshotWith(Platform.FACEBOOK, [platformAdmin('fb-role', 'roles'), platformAdmin('fb-business', 'assigned_users')]);
      const offenders = [
        offender({ name: 'Role Holder', platformAdminId: 'fb-role', reason: 'DEPARTED' }),
        offender({ name: 'Business User', platformAdminId: 'fb-business', reason: 'DEPARTED' }),
      ];
      const plan = planRemediation(input({ ...rule, admins: [admin({ platformUserId: 'fb-business' })], snapshot, evidence: { offenders } }));
      expect(userIdsOf(plan)).toEqual(['fb-business']);
      expect(plan.steps.length).toBe(RULE_STEPS.length + 1);
      expect(plan.steps.slice(1)).toEqual(RULE_STEPS);
      expect(plan.steps[0]).toContain('Role Holder');
    });

    it('plans REMOVE_ADMIN per offender with a platform id, and takes their registry rows off the roster', () => {
      const departed = admin({ employeeId: 'E1003', email: 'priya.raman@district.example.org', platformUserId: 'fb-priya' });
      const student = admin({ email: 'robo.riley@student.example.org', platformUserId: 'fb-riley' });
      const byPlatformId = admin({ platformUserId: 'fb-other' });
      const current = admin({ employeeId: 'E1001', email: 'dana@district.example.org', platformUserId: 'fb-dana' });
      const offenders = [
        offender({ employeeId: 'E1003', email: 'PRIYA.RAMAN@district.example.org', name: 'Priya Raman', platformAdminId: 'fb-priya', reason: 'DEPARTED' }),
        offender({ email: 'Robo.Riley@student.example.org', platformUserId: 'fb-riley', reason: 'STUDENT' }),
        offender({ platformUserId: 'fb-other', platformAdminId: 'fb-other', name: 'Someone', reason: 'UNKNOWN' }),
      ];
      const plan = planRemediation(input({ ...rule, platform: Platform.LINKEDIN, admins: [departed, student, byPlatformId, current], evidence: { offenders } }));
      expect(plan.kind).toBe(RemediationActionKind.REMOVE_ADMIN);
      expect(plan.status).toBe(RemediationStatus.REQUESTED);
      expect(plan.operations.map((operation) => operation.kind)).toEqual([RemediationKind.REMOVE_ADMIN, RemediationKind.REMOVE_ADMIN, RemediationKind.REMOVE_ADMIN]);
      expect(userIdsOf(plan)).toEqual(['fb-priya', 'fb-riley', 'fb-other']);
      expect(plan.registryRemovals.sort()).toEqual([departed.id, student.id, byPlatformId.id].sort());
      expect(plan.registryRemovals).not.toContain(current.id);
      expect(plan.steps).toEqual(RULE_STEPS);
    });

    it('prefers the platform roster id (platformAdminId) over the registry platform id', () => {
      const plan = planRemediation(input({ ...rule, platform: Platform.LINKEDIN, evidence: { offenders: [offender({ platformAdminId: 'urn:li:person:A', platformUserId: 'stale-id', name: 'Pat' })] } }));
      expect(userIdsOf(plan)).toEqual(['urn:li:person:A']);
    });

    it('skips an offender without any platform id, and is manual when none has one', () => {
      const mixed = planRemediation(
        input({ ...rule, platform: Platform.LINKEDIN, evidence: { offenders: [offender({ name: 'No Id', employeeId: 'E9' }), offender({ platformUserId: 'li-1', name: 'Has Id' })] } }),
      );
      expect(userIdsOf(mixed)).toEqual(['li-1']);
      const registryRow = admin({ employeeId: 'E9' });
      expectManual(planRemediation(input({ ...rule, platform: Platform.LINKEDIN, admins: [registryRow], evidence: { offenders: [offender({ name: 'No Id', employeeId: 'E9' })] } })));
    });

    it('does not remove an UNKNOWN id-only admin while some registered admin has no platform id (it may be them)', () => {
      const unknownById = offender({ platformAdminId: 'urn:li:person:X', platformUserId: 'urn:li:person:X', reason: 'UNKNOWN' });
      const itWithoutId = admin({ isServiceAccount: true, email: 'it@district.example.org' });
      expectManual(planRemediation(input({ ...rule, platform: Platform.LINKEDIN, admins: [itWithoutId], evidence: { offenders: [unknownById] } })));

      // The same offender is removed once every registered admin is known by platform id.
      const itWithId = admin({ isServiceAccount: true, email: 'it@district.example.org', platformUserId: 'urn:li:person:IT' });
      const plan = planRemediation(input({ ...rule, platform: Platform.LINKEDIN, admins: [itWithId], evidence: { offenders: [unknownById] } }));
      expect(plan.kind).toBe(RemediationActionKind.REMOVE_ADMIN);
      expect(userIdsOf(plan)).toEqual(['urn:li:person:X']);
    });

    it('still removes UNKNOWN offenders with a name or email, and non-UNKNOWN ones, when some registry id is missing', () => {
      const itWithoutId = admin({ isServiceAccount: true, email: 'it@district.example.org' });
      const offenders = [
        offender({ platformAdminId: 'x-named', name: 'Outsider', reason: 'UNKNOWN' }),
        offender({ platformAdminId: 'x-mailed', email: 'someone@gmail.example', reason: 'UNKNOWN' }),
        offender({ platformAdminId: 'x-student', reason: 'STUDENT' }),
        offender({ platformAdminId: 'x-anonymous', reason: 'UNKNOWN' }),
      ];
      const plan = planRemediation(input({ ...rule, platform: Platform.LINKEDIN, admins: [itWithoutId], evidence: { offenders } }));
      expect(userIdsOf(plan)).toEqual(['x-named', 'x-mailed', 'x-student']);
    });

    it("leaves Facebook /roles admins out (Graph cannot remove them) and removes business (assigned_users) ones", () => {
      const snapshot = snapshotWith(Platform.FACEBOOK, [platformAdmin('fb-roles', 'roles'), platformAdmin('fb-business', 'assigned_users')]);
      const offenders = [offender({ platformAdminId: 'fb-roles', name: 'Page Role' }), offender({ platformAdminId: 'fb-business', name: 'Business User' })];
      const plan = planRemediation(input({ ...rule, platform: Platform.FACEBOOK, snapshot, evidence: { offenders } }));
      expect(plan.kind).toBe(RemediationActionKind.REMOVE_ADMIN);
      expect(userIdsOf(plan)).toEqual(['fb-business']);

      expectManual(planRemediation(input({ ...rule, platform: Platform.FACEBOOK, snapshot, evidence: { offenders: [offenders[0]] } })));
    });

    it("matches a registry-only offender's platformUserId against the Facebook roster source", () => {
      const snapshot = snapshotWith(Platform.FACEBOOK, [platformAdmin('fb-roles', 'roles')]);
      expectManual(planRemediation(input({ ...rule, platform: Platform.FACEBOOK, snapshot, evidence: { offenders: [offender({ platformUserId: 'fb-roles', name: 'Pat' })] } })));
    });

    it('does not apply the /roles exclusion on other platforms', () => {
      const snapshot = snapshotWith(Platform.LINKEDIN, [platformAdmin('li-1', 'roles')]);
      const plan = planRemediation(input({ ...rule, platform: Platform.LINKEDIN, snapshot, evidence: { offenders: [offender({ platformAdminId: 'li-1', name: 'Pat' })] } }));
      expect(userIdsOf(plan)).toEqual(['li-1']);
    });

    it('is manual without REMOVE_ADMIN, and then takes nobody off the registry', () => {
      const departed = admin({ employeeId: 'E1003', platformUserId: 'li-1' });
      const remediations = ALL_KINDS.filter((kind) => kind !== RemediationKind.REMOVE_ADMIN);
      expectManual(planRemediation(input({ ...rule, remediations, admins: [departed], evidence: { offenders: [offender({ employeeId: 'E1003', platformAdminId: 'li-1' })] } })));
    });

    it('is manual when the evidence lists no offender', () => {
      expectManual(planRemediation(input({ ...rule, evidence: { offenders: [] } })));
      expectManual(planRemediation(input({ ...rule, evidence: {} })));
    });
  });

  describe('admins.it-service-account', () => {
    const rule = { ruleId: 'admins.it-service-account' };

    it("plans ADD_ADMIN with the registry service account's platform id", () => {
      const staff = admin({ employeeId: 'E1001', platformUserId: 'li-dana' });
      const service = admin({ isServiceAccount: true, email: 'it@district.example.org', platformUserId: 'li-it' });
      const plan = planRemediation(input({ ...rule, platform: Platform.LINKEDIN, admins: [staff, service], evidence: { onRegistry: true } }));
      expect(plan.kind).toBe(RemediationActionKind.ADD_ADMIN);
      expect(plan.status).toBe(RemediationStatus.REQUESTED);
      expect(plan.operations).toHaveLength(1);
      expect(plan.operations[0]).toMatchObject({ kind: RemediationKind.ADD_ADMIN, params: { userId: 'li-it' }, status: 'PENDING' });
      expect(plan.registryRemovals).toEqual([]);
    });

    it('is manual when the service account has no platform id, is not registered, or the capability is missing', () => {
      expectManual(planRemediation(input({ ...rule, admins: [admin({ isServiceAccount: true, email: 'it@district.example.org' })] })));
      expectManual(planRemediation(input({ ...rule, admins: [admin({ platformUserId: 'li-dana' })] })));
      const remediations = ALL_KINDS.filter((kind) => kind !== RemediationKind.ADD_ADMIN);
      expectManual(planRemediation(input({ ...rule, remediations, admins: [admin({ isServiceAccount: true, platformUserId: 'li-it' })] })));
    });
  });

  describe('whatever the rule', () => {
    it('is manual with the rule steps plus one non-empty step when the account is not connected', () => {
      const plan = planRemediation(input({ ruleId: 'profile.website-link', connected: false, evidence: { expectedSite: 'https://lincoln.example.org' } }));
      expect(plan.kind).toBe(RemediationActionKind.MANUAL_STEPS);
      expect(plan.status).toBe(RemediationStatus.MANUAL);
      expect(plan.operations).toEqual([]);
      expect(plan.registryRemovals).toEqual([]);
      expect(plan.steps).toHaveLength(RULE_STEPS.length + 1);
      expect(plan.steps.slice(0, RULE_STEPS.length)).toEqual(RULE_STEPS);
      expect(plan.steps[RULE_STEPS.length].trim()).not.toBe('');
    });

    it('does not take anyone off the registry for a disconnected account', () => {
      const departed = admin({ employeeId: 'E1003', platformUserId: 'li-1' });
      const plan = planRemediation(
        input({ ruleId: 'admins.current-staff-only', connected: false, admins: [departed], evidence: { offenders: [offender({ employeeId: 'E1003', platformAdminId: 'li-1' })] } }),
      );
      expect(plan.status).toBe(RemediationStatus.MANUAL);
      expect(plan.registryRemovals).toEqual([]);
    });

    it.each(['account.approved', 'credentials.rotation', 'no.such-rule'])('is manual for %s, a rule without a platform fix', (ruleId) => {
      expectManual(planRemediation(input({ ruleId, evidence: { expectedSite: 'https://x.example.org', openPostIds: ['p1'] } })));
    });

    it('keeps an empty steps list empty on a connected manual plan', () => {
      expectManual(planRemediation(input({ ruleId: 'no.such-rule', steps: [] })), []);
    });
  });
});
