import { RemediationKind } from '../../integrations/provider';
import { emptySnapshot, SnapshotField, type AccountSnapshot, type SnapshotAdmin } from '../../integrations/snapshot';
import type { AccountAdmin } from '../../src/accounts/account-admin.entity';
import { AccountKind, Audience, Platform } from '../../src/accounts/account.enums';
import type { SocialAccount } from '../../src/accounts/social-account.entity';
import { planOffboarding, type AccountAccess, type DepartingPerson, type PlannedAction } from '../../src/offboarding/offboarding-planner';
import { statusOf } from '../../src/offboarding/offboarding.service';
import { OffboardingStatus } from '../../src/offboarding/offboarding.enums';
import { RemediationActionKind, RemediationStatus } from '../../src/remediation/remediation.enums';
import { plannedAccount, rosterRow } from '../support/planner-fixtures';

const ALL_KINDS: readonly RemediationKind[] = Object.values(RemediationKind);
const WITHOUT_REMOVE_ADMIN = ALL_KINDS.filter((kind) => kind !== RemediationKind.REMOVE_ADMIN);
const CURRENT_STAFF_RULE = 'admins.current-staff-only';

/** The service passes the email lower-cased. */
const priya: DepartingPerson = { employeeId: 'E1003', name: 'Priya Raman', email: 'priya.raman@district.example.org' };

const account = (overrides: Partial<SocialAccount> = {}) =>
  plannedAccount({ platform: Platform.LINKEDIN, externalId: 'org-1', audience: Audience.PUBLIC, publicJustification: 'Community news.', custodianEmail: 'dana.whitford@district.example.org', ...overrides });
/** Priya's row on the roster. */
const row = (overrides: Partial<AccountAdmin> = {}) => rosterRow({ email: priya.email, name: priya.name, employeeId: priya.employeeId, ...overrides });

function platformAdmin(externalId: string, overrides: Partial<SnapshotAdmin> = {}): SnapshotAdmin {
  return { externalId, name: null, email: null, roles: ['ADMINISTRATOR'], fullControl: true, source: 'organizationAcls', ...overrides };
}

/** A snapshot whose roster is shown (admins given), or not (admins null and ADMINS unavailable). */
function snapshot(admins: SnapshotAdmin[] | null, unavailable: SnapshotField[] = admins === null ? [SnapshotField.ADMINS] : []): AccountSnapshot {
  return { ...emptySnapshot(Platform.LINKEDIN, 'org-1', unavailable), admins };
}

function access(overrides: Partial<AccountAccess> = {}): AccountAccess {
  return { account: account(), registryRows: [row()], snapshot: null, remediations: ALL_KINDS, connected: true, ...overrides };
}

const kindsOf = (planned: PlannedAction[]) => planned.map((action) => action.kind);
const removeAdminOf = (planned: PlannedAction[]) => planned.filter((action) => action.kind === RemediationActionKind.REMOVE_ADMIN);
const userIdsOf = (action: PlannedAction) => action.operations.map((operation) => operation.params.userId);

function expectManualRemoveAdmin(planned: PlannedAction[], stepCount: number) {
  const removals = removeAdminOf(planned);
  expect(removals).toHaveLength(1);
  expect(removals[0]).toMatchObject({ status: RemediationStatus.MANUAL, ruleId: CURRENT_STAFF_RULE, operations: [] });
  expect(removals[0].steps).toHaveLength(stepCount);
  expect(removals[0].steps.every((step) => step.trim() !== '')).toBe(true);
  return removals[0];
}

describe('planOffboarding', () => {
  it('plans nothing for no accounts', () => {
    expect(planOffboarding(priya, [])).toEqual([]);
  });

  it('always takes a rostered person off the registry (APPLIED, no operations), whatever the platform allows', () => {
    for (const candidate of [access(), access({ connected: false }), access({ remediations: [] }), access({ account: account({ kind: AccountKind.SHARED_LOGIN }) })]) {
      const planned = planOffboarding(priya, [candidate]);
      expect(planned[0]).toMatchObject({
        accountId: 'account-1',
        kind: RemediationActionKind.REMOVE_FROM_REGISTRY,
        status: RemediationStatus.APPLIED,
        ruleId: CURRENT_STAFF_RULE,
        operations: [],
        steps: [],
      });
      expect(planned.filter((action) => action.kind === RemediationActionKind.REMOVE_FROM_REGISTRY)).toHaveLength(1);
    }
  });

  describe('REMOVE_ADMIN on a platform-roles account', () => {
    it("leaves a Facebook personal /roles admin to a person, and removes a business user through the API", () => {
      const facebook = account({ platform: Platform.FACEBOOK });
      const shown = { ...snapshot([platformAdmin('fb-role', { source: 'roles' }), platformAdmin('fb-business', { source: 'assigned_users' })]), platform: Platform.FACEBOOK };
      const onlyRole = planOffboarding(priya, [access({ account: facebook, registryRows: [row({ platformUserId: 'fb-role' })], snapshot: shown })]);
      expect(removeAdminOf(onlyRole).map((action) => action.status)).toEqual([RemediationStatus.MANUAL]);
      const both = planOffboarding(priya, [
        access({ account: facebook, registryRows: [row({ platformUserId: 'fb-role' }), row({ platformUserId: 'fb-business' })], snapshot: shown }),
      ]);
      const removals = removeAdminOf(both);
      expect(removals.map((action) => action.status)).toEqual([RemediationStatus.REQUESTED, RemediationStatus.MANUAL]);
      expect(userIdsOf(removals[0])).toEqual(['fb-business']);
    });

    it('is REQUESTED with one operation per known platform id when connected and capable', () => {
      const rows = [row({ platformUserId: 'urn:li:person:P1' }), row({ platformUserId: 'urn:li:person:P2' }), row({ platformUserId: null })];
      const planned = planOffboarding(priya, [access({ registryRows: rows })]);
      expect(kindsOf(planned)).toEqual([RemediationActionKind.REMOVE_FROM_REGISTRY, RemediationActionKind.REMOVE_ADMIN]);
      const [removal] = removeAdminOf(planned);
      expect(removal).toMatchObject({ accountId: 'account-1', status: RemediationStatus.REQUESTED, ruleId: CURRENT_STAFF_RULE });
      expect(removal.operations).toHaveLength(2);
      expect(removal.operations.every((operation) => operation.kind === RemediationKind.REMOVE_ADMIN && operation.status === 'PENDING')).toBe(true);
      expect(userIdsOf(removal)).toEqual(['urn:li:person:P1', 'urn:li:person:P2']);
      expect(removal.steps.length).toBeGreaterThan(0);
      expect(removal.steps.every((step) => step.trim() !== '')).toBe(true);
    });

    it('de-duplicates an id known both from the registry and from the snapshot email', () => {
      const shown = snapshot([platformAdmin('P1', { email: priya.email })]);
      const planned = planOffboarding(priya, [access({ registryRows: [row({ platformUserId: 'P1' })], snapshot: shown })]);
      expect(userIdsOf(removeAdminOf(planned)[0])).toEqual(['P1']);
    });

    it("adds the snapshot admins whose email is the person's (trimmed, any case)", () => {
      const shown = snapshot([
        platformAdmin('P-mail', { email: '  Priya.Raman@District.Example.org ' }),
        platformAdmin('P-other', { email: 'dana.whitford@district.example.org' }),
        platformAdmin('P-none'),
      ]);
      const planned = planOffboarding(priya, [access({ registryRows: [row({ platformUserId: null })], snapshot: shown })]);
      const [removal] = removeAdminOf(planned);
      expect(removal.status).toBe(RemediationStatus.REQUESTED);
      expect(userIdsOf(removal)).toEqual(['P-mail']);
    });

    it('skips registry ids the shown roster no longer has', () => {
      const shown = snapshot([platformAdmin('P1'), platformAdmin('someone-else')]);
      const planned = planOffboarding(priya, [access({ registryRows: [row({ platformUserId: 'P1' }), row({ platformUserId: 'P-gone' })], snapshot: shown })]);
      expect(userIdsOf(removeAdminOf(planned)[0])).toEqual(['P1']);
    });

    it('plans no REMOVE_ADMIN when every known id is gone from the shown roster (already removed)', () => {
      const shown = snapshot([platformAdmin('someone-else')]);
      const planned = planOffboarding(priya, [access({ registryRows: [row({ platformUserId: 'P-gone' })], snapshot: shown })]);
      expect(kindsOf(planned)).toEqual([RemediationActionKind.REMOVE_FROM_REGISTRY]);
    });

    it('tries every known id when the platform does not show its roster', () => {
      const rows = [row({ platformUserId: 'P1' }), row({ platformUserId: 'P2' })];
      for (const hidden of [null, snapshot(null), snapshot([platformAdmin('unrelated')], [SnapshotField.ADMINS])]) {
        const planned = planOffboarding(priya, [access({ registryRows: rows, snapshot: hidden })]);
        const [removal] = removeAdminOf(planned);
        expect(removal.status).toBe(RemediationStatus.REQUESTED);
        expect(userIdsOf(removal)).toEqual(['P1', 'P2']);
      }
    });

    it('is MANUAL (reason step + reconnect step) when connected and capable but no platform id is on record', () => {
      const shown = snapshot([platformAdmin('someone-else')]);
      expectManualRemoveAdmin(planOffboarding(priya, [access({ registryRows: [row({ platformUserId: null })], snapshot: shown })]), 3);
      expectManualRemoveAdmin(planOffboarding(priya, [access({ registryRows: [row({ platformUserId: null })], snapshot: null })]), 3);
    });

    it('is MANUAL (reason step + reconnect step) when the platform cannot remove admins', () => {
      const manual = expectManualRemoveAdmin(planOffboarding(priya, [access({ registryRows: [row({ platformUserId: 'P1' })], remediations: WITHOUT_REMOVE_ADMIN })]), 3);
      const noId = planOffboarding(priya, [access({ registryRows: [row({ platformUserId: null })], snapshot: null })]);
      // Each case names its own reason.
      expect(manual.steps[1]).not.toBe(removeAdminOf(noId)[0].steps[1]);
    });

    it('is MANUAL with only the task and reason steps when the account is not connected', () => {
      const disconnected = expectManualRemoveAdmin(planOffboarding(priya, [access({ registryRows: [row({ platformUserId: 'P1' })], connected: false })]), 2);
      const incapable = removeAdminOf(planOffboarding(priya, [access({ registryRows: [row({ platformUserId: 'P1' })], remediations: WITHOUT_REMOVE_ADMIN })]))[0];
      expect(disconnected.steps[1]).not.toBe(incapable.steps[1]);
    });

    it('plans no account task for a platform-roles account the person was only on the roster of', () => {
      const planned = planOffboarding(priya, [access({ registryRows: [row({ platformUserId: 'P1' })] })]);
      expect(kindsOf(planned)).toEqual([RemediationActionKind.REMOVE_FROM_REGISTRY, RemediationActionKind.REMOVE_ADMIN]);
    });
  });

  describe('SHARED_LOGIN accounts', () => {
    const shared = account({ kind: AccountKind.SHARED_LOGIN });

    it('flags the password for rotation and plans no REMOVE_ADMIN for a rostered person', () => {
      const planned = planOffboarding(priya, [access({ account: shared, registryRows: [row({ platformUserId: 'P1' })] })]);
      expect(kindsOf(planned)).toEqual([RemediationActionKind.REMOVE_FROM_REGISTRY, RemediationActionKind.ROTATE_PASSWORD]);
      const rotation = planned[1];
      expect(rotation).toMatchObject({ status: RemediationStatus.MANUAL, ruleId: 'credentials.rotation', operations: [] });
      expect(rotation.steps.length).toBeGreaterThan(0);
      expect(rotation.steps.every((step) => step.trim() !== '')).toBe(true);
    });

    it('flags the rotation for a custodian who is not on the roster, and asks for a new custodian', () => {
      const custodied = account({ kind: AccountKind.SHARED_LOGIN, custodianEmail: ' Priya.Raman@District.Example.org ' });
      const planned = planOffboarding(priya, [access({ account: custodied, registryRows: [] })]);
      expect(kindsOf(planned)).toEqual([RemediationActionKind.ROTATE_PASSWORD, RemediationActionKind.DISABLE_OR_REASSIGN_ACCOUNT]);
      expect(planned.map((action) => action.status)).toEqual([RemediationStatus.MANUAL, RemediationStatus.MANUAL]);
      expect(planned[1]).toMatchObject({ ruleId: null, operations: [] });
      expect(planned[1].steps.length).toBeGreaterThan(0);
    });
  });

  describe('INDIVIDUAL accounts', () => {
    it('asks a person to disable or reassign the account the person held (on the roster)', () => {
      const individual = account({ kind: AccountKind.INDIVIDUAL, platform: Platform.X });
      const planned = planOffboarding(priya, [access({ account: individual, registryRows: [row({ platformUserId: 'x-1' })], remediations: [] })]);
      // No role removal: whether the account continues is the supervisor's call, and taking the role away first
      // could leave it without any admin.
      expect(kindsOf(planned)).toEqual([RemediationActionKind.REMOVE_FROM_REGISTRY, RemediationActionKind.DISABLE_OR_REASSIGN_ACCOUNT]);
      const task = planned[1];
      expect(task).toMatchObject({ status: RemediationStatus.MANUAL, ruleId: null, operations: [] });
      expect(task.steps.length).toBeGreaterThan(0);
      expect(task.steps.every((step) => step.trim() !== '')).toBe(true);
    });

    it('asks the same of its custodian, once (no separate custodian task)', () => {
      const individual = account({ kind: AccountKind.INDIVIDUAL, custodianEmail: priya.email });
      const planned = planOffboarding(priya, [access({ account: individual, registryRows: [] })]);
      expect(kindsOf(planned)).toEqual([RemediationActionKind.DISABLE_OR_REASSIGN_ACCOUNT]);
      expect(planned[0].status).toBe(RemediationStatus.MANUAL);
    });
  });

  describe('custodians', () => {
    it('asks for a new custodian of a platform-roles account the person was not an admin of', () => {
      const custodied = account({ custodianEmail: priya.email.toUpperCase() });
      const planned = planOffboarding(priya, [access({ account: custodied, registryRows: [] })]);
      expect(kindsOf(planned)).toEqual([RemediationActionKind.DISABLE_OR_REASSIGN_ACCOUNT]);
      expect(planned[0]).toMatchObject({ status: RemediationStatus.MANUAL, ruleId: null, operations: [] });
      expect(planned[0].steps.length).toBeGreaterThan(0);
    });

    it('adds the custodian task after the roster work when the custodian was also an admin', () => {
      const custodied = account({ custodianEmail: priya.email });
      const planned = planOffboarding(priya, [access({ account: custodied, registryRows: [row({ platformUserId: 'P1' })] })]);
      expect(kindsOf(planned)).toEqual([RemediationActionKind.REMOVE_FROM_REGISTRY, RemediationActionKind.REMOVE_ADMIN, RemediationActionKind.DISABLE_OR_REASSIGN_ACCOUNT]);
    });

    it('plans nothing for an account the person neither administers nor holds', () => {
      expect(planOffboarding(priya, [access({ registryRows: [] })])).toEqual([]);
    });
  });

  it('plans each account on its own, tagged with its account id, in the given order', () => {
    const planned = planOffboarding(priya, [
      access({ account: account({ id: 'roles' }), registryRows: [row({ accountId: 'roles', platformUserId: 'P1' })] }),
      access({ account: account({ id: 'shared', kind: AccountKind.SHARED_LOGIN }), registryRows: [row({ accountId: 'shared' })] }),
      access({ account: account({ id: 'offline' }), registryRows: [row({ accountId: 'offline', platformUserId: 'P9' })], connected: false }),
    ]);
    expect(planned.map((action) => [action.accountId, action.kind, action.status])).toEqual([
      ['roles', RemediationActionKind.REMOVE_FROM_REGISTRY, RemediationStatus.APPLIED],
      ['roles', RemediationActionKind.REMOVE_ADMIN, RemediationStatus.REQUESTED],
      ['shared', RemediationActionKind.REMOVE_FROM_REGISTRY, RemediationStatus.APPLIED],
      ['shared', RemediationActionKind.ROTATE_PASSWORD, RemediationStatus.MANUAL],
      ['offline', RemediationActionKind.REMOVE_FROM_REGISTRY, RemediationStatus.APPLIED],
      ['offline', RemediationActionKind.REMOVE_ADMIN, RemediationStatus.MANUAL],
    ]);
    expect(planned.every((action) => action.reason.trim() !== '')).toBe(true);
  });
});

describe('statusOf', () => {
  const at = new Date('2026-10-01T00:00:00Z');
  const action = (status: RemediationStatus, nextAttemptAt: Date | null = null) => ({ status, nextAttemptAt });

  it('is COMPLETED with no actions, or with only APPLIED and MANUAL ones', () => {
    expect(statusOf([])).toBe(OffboardingStatus.COMPLETED);
    expect(statusOf([action(RemediationStatus.APPLIED), action(RemediationStatus.MANUAL)])).toBe(OffboardingStatus.COMPLETED);
  });

  it('is IN_PROGRESS while an action is REQUESTED or FAILED and retrying', () => {
    expect(statusOf([action(RemediationStatus.APPLIED), action(RemediationStatus.REQUESTED, at)])).toBe(OffboardingStatus.IN_PROGRESS);
    expect(statusOf([action(RemediationStatus.MANUAL), action(RemediationStatus.FAILED, at)])).toBe(OffboardingStatus.IN_PROGRESS);
    // Something still under way wins over a final failure: the status is recomputed when it settles.
    expect(statusOf([action(RemediationStatus.FAILED), action(RemediationStatus.REQUESTED, at)])).toBe(OffboardingStatus.IN_PROGRESS);
  });

  it('is NEEDS_ATTENTION when an action failed for good and nothing is under way', () => {
    expect(statusOf([action(RemediationStatus.APPLIED), action(RemediationStatus.FAILED), action(RemediationStatus.MANUAL)])).toBe(OffboardingStatus.NEEDS_ATTENTION);
  });

  it('agrees with the planner: REQUESTED removals keep an offboarding IN_PROGRESS, a manual-only plan completes', () => {
    const toRows = (planned: PlannedAction[]) => planned.map((entry) => ({ status: entry.status, nextAttemptAt: entry.status === RemediationStatus.REQUESTED ? at : null }));
    expect(statusOf(toRows(planOffboarding(priya, [access({ registryRows: [row({ platformUserId: 'P1' })] })])))).toBe(OffboardingStatus.IN_PROGRESS);
    expect(statusOf(toRows(planOffboarding(priya, [access({ registryRows: [row({ platformUserId: 'P1' })], connected: false })])))).toBe(OffboardingStatus.COMPLETED);
  });
});
