import { SnapshotField, type SnapshotFollow } from '../../../integrations/snapshot';
import { AccountScope, Platform } from '../../../src/accounts/account.enums';
import type { RegistryAdmin, RuleInput } from '../../../src/compliance/rule';
import { networkNoStudentFollowsRule as rule } from '../../../src/compliance/rules/network-no-student-follows.rule';
import { StaffStatus } from '../../../src/people/people.enums';
import { account, people, ruleInput, snapshotData, staff } from '../../support/rule-fixtures';

const ownStudent = { platform: Platform.X, handle: 'ada_l', studentId: 'S1', schoolId: 'school-1', mediaConsent: true };
const otherSchoolStudent = { platform: Platform.X, handle: 'zed99', studentId: 'S9', schoolId: 'school-2', mediaConsent: false };
const dana = staff();
const lee = staff({ employeeId: 'E2', name: 'Lee Park', email: 'lee.park@sd.example.org' });
const sam = staff({ employeeId: 'E3', name: 'Sam Roy', email: 'sam.roy@sd.example.org', status: StaffStatus.ON_LEAVE });
const gone = staff({ employeeId: 'E4', name: 'Kim Old', email: 'kim.old@sd.example.org', status: StaffStatus.DEPARTED });
const roster = people([dana, lee, sam, gone], [ownStudent, otherSchoolStudent]);

function admin(overrides: Partial<RegistryAdmin> = {}): RegistryAdmin {
  return { email: null, name: null, employeeId: null, platformUserId: null, platformRole: 'ADMIN', isServiceAccount: false, addedAt: new Date('2026-01-10T00:00:00Z'), ...overrides };
}

const follow = (id: string, handle: string | null): SnapshotFollow => ({ externalId: id, handle, name: 'Someone' });

function input(
  following: SnapshotFollow[] | null,
  extra: { scope?: AccountScope; admins?: RegistryAdmin[]; allow?: boolean; unavailable?: SnapshotField[] } = {},
): RuleInput {
  return ruleInput(rule, {
    people: roster,
    account: account({ platform: Platform.X, scope: extra.scope ?? AccountScope.CLUB, admins: extra.admins ?? [] }),
    snapshot: { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData({ platform: Platform.X, following, unavailable: extra.unavailable ?? [] }) },
    parameters: { allowWithSecondStaffAdmin: extra.allow ?? false },
  });
}

const twoActive = [admin({ email: 'dana.whitford@sd.example.org' }), admin({ employeeId: 'E2' })];

describe('network.no-student-follows', () => {
  it('declares its contract', () => {
    expect(rule).toMatchObject({ id: 'network.no-student-follows', severity: 'critical', evidence: 'snapshot' });
    expect(rule.parameters).toEqual([expect.objectContaining({ name: 'allowWithSecondStaffAdmin', type: 'boolean', default: false })]);
    expect(rule.remediation.automatic).toBeNull();
    expect(rule.remediation.steps.join(' ')).toMatch(/unfollow/i);
  });

  it('passes when no followed account is a student', () => {
    const outcome = rule.evaluate(input([follow('1', 'sd_example'), follow('2', 'cbcnews')]));
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ followingCount: 2, followedStudents: [], allowedUnderException: [] });
  });

  it('passes when the account follows nobody', () => {
    expect(rule.evaluate(input([])).status).toBe('PASS');
  });

  it('fails when the account follows a student, whatever the handle case or @', () => {
    const outcome = rule.evaluate(input([follow('1', 'cbcnews'), follow('77', '@ADA_L')]));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.followedStudents).toEqual([{ followId: '77', handle: 'ada_l', studentId: 'S1', schoolId: 'school-1' }]);
  });

  it('answers MANUAL when the platform cannot show the following list', () => {
    expect(rule.evaluate(input([], { unavailable: [SnapshotField.FOLLOWING] })).status).toBe('MANUAL');
    expect(rule.evaluate(input(null)).status).toBe('MANUAL');
    expect(rule.evaluate({ ...input([]), snapshot: null }).status).toBe('MANUAL');
  });

  it('answers MANUAL, not PASS, when a followed account has no handle to check', () => {
    const outcome = rule.evaluate(input([follow('1', 'cbcnews'), follow('2', null)]));
    expect(outcome.status).toBe('MANUAL');
    expect(outcome.evidence.uncheckedFollows).toEqual(['2']);
    // A student found elsewhere in the list still fails.
    expect(rule.evaluate(input([follow('2', null), follow('3', 'ada_l')])).status).toBe('FAIL');
  });

  describe('ap146 §3.5 exception', () => {
    it('allows students of the school for a club with two active staff admins when switched on', () => {
      const outcome = rule.evaluate(input([follow('77', 'ada_l')], { allow: true, admins: twoActive }));
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence).toMatchObject({
        followedStudents: [],
        allowedUnderException: [{ followId: '77', studentId: 'S1', schoolId: 'school-1' }],
        exception: { enabled: true, scopeQualifies: true, applies: true, activeStaffAdmins: [{ employeeId: 'E1' }, { employeeId: 'E2' }] },
      });
    });

    it('applies to CLASSROOM accounts too', () => {
      expect(rule.evaluate(input([follow('77', 'ada_l')], { allow: true, admins: twoActive, scope: AccountScope.CLASSROOM })).status).toBe('PASS');
    });

    it('is off by default', () => {
      expect(rule.evaluate(input([follow('77', 'ada_l')], { admins: twoActive })).status).toBe('FAIL');
    });

    it('never covers SCHOOL, DEPARTMENT or DISTRICT accounts', () => {
      for (const scope of [AccountScope.SCHOOL, AccountScope.DEPARTMENT, AccountScope.DISTRICT]) {
        const outcome = rule.evaluate(input([follow('77', 'ada_l')], { allow: true, admins: twoActive, scope }));
        expect(outcome.status).toBe('FAIL');
        expect(outcome.evidence).toMatchObject({ exception: { scopeQualifies: false, applies: false } });
      }
    });

    it('never covers students of another school', () => {
      const outcome = rule.evaluate(input([follow('77', 'ada_l'), follow('99', 'zed99')], { allow: true, admins: twoActive }));
      expect(outcome.status).toBe('FAIL');
      expect(outcome.evidence).toMatchObject({ followedStudents: [{ studentId: 'S9' }], allowedUnderException: [{ studentId: 'S1' }] });
    });

    it('counts only distinct ACTIVE, non-service staff admins from the registry', () => {
      const notEnough: RegistryAdmin[][] = [
        [admin({ email: 'dana.whitford@sd.example.org' })],
        [admin({ email: 'dana.whitford@sd.example.org' }), admin({ employeeId: 'E1' })], // same person twice
        [admin({ email: 'dana.whitford@sd.example.org' }), admin({ email: 'sam.roy@sd.example.org' })], // on leave
        [admin({ email: 'dana.whitford@sd.example.org' }), admin({ employeeId: 'E4' })], // departed
        [admin({ email: 'dana.whitford@sd.example.org' }), admin({ email: 'lee.park@sd.example.org', isServiceAccount: true })],
        [admin({ email: 'dana.whitford@sd.example.org' }), admin({ email: 'coach@gmail.com' })], // outsider
      ];
      for (const admins of notEnough) {
        const outcome = rule.evaluate(input([follow('77', 'ada_l')], { allow: true, admins }));
        expect(outcome.status).toBe('FAIL');
        expect(outcome.evidence).toMatchObject({ exception: { applies: false } });
      }
    });

    it('does not apply when the account has no school on record', () => {
      const outcome = rule.evaluate({ ...input([follow('77', 'ada_l')], { allow: true, admins: twoActive }), school: null });
      expect(outcome.status).toBe('FAIL');
    });
  });

  it('keeps its evidence JSON-serialisable and free of follow names', () => {
    const outcome = rule.evaluate(input([follow('77', 'ada_l')], { allow: true, admins: twoActive }));
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
    expect(JSON.stringify(outcome.evidence)).not.toContain('Someone');
  });
});
