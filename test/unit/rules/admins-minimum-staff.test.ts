import { Platform } from '../../../src/accounts/account.enums';
import { adminsMinimumStaffRule as rule } from '../../../src/compliance/rules/admins-minimum-staff.rule';
import { amara, dana, itRegistry, marco, platformAdmin, priya, registered, scenario, tomas } from './admins.fixtures';

describe('admins.minimum-staff', () => {
  it('declares its parameter and no automatic remediation', () => {
    expect(rule.id).toBe('admins.minimum-staff');
    expect(rule.evidence).toBe('registry');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([['minimumStaffAdmins', 'integer', 2]]);
    expect(rule.remediation.automatic).toBeNull();
  });

  it('passes with two active staff on the platform roster; the IT account does not count', () => {
    const outcome = rule.evaluate(
      scenario(rule, {
        admins: [registered(dana), registered(marco), itRegistry],
        platformAdmins: [platformAdmin('Dana Whitford'), platformAdmin('Marco Bellini', { fullControl: false }), platformAdmin('IT Services (social media)')],
      }),
    );
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence.activeStaffCount).toBe(2);
    expect((outcome.evidence.activeStaff as Array<{ employeeId: string }>).map((member) => member.employeeId)).toEqual(['E1001', 'E1002']);
    expect(outcome.evidence.notCounted).toEqual([expect.objectContaining({ reason: 'SERVICE_ACCOUNT', isServiceAccount: true })]);
  });

  it('fails when a registered co-admin is not on the platform roster (they hold no access)', () => {
    const outcome = rule.evaluate(
      scenario(rule, { admins: [registered(dana), registered(marco), itRegistry], platformAdmins: [platformAdmin('Dana Whitford'), platformAdmin('IT Services (social media)')] }),
    );
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.activeStaffCount).toBe(1);
    expect(outcome.evidence.registeredNotOnPlatform).toEqual([expect.objectContaining({ employeeId: 'E1002', source: 'REGISTRY' })]);
  });

  it('counts staff the platform shows even if the registry does not list them', () => {
    const outcome = rule.evaluate(scenario(rule, { admins: [registered(dana)], platformAdmins: [platformAdmin('Dana Whitford'), platformAdmin('Tomas Herrera')] }));
    expect(outcome.status).toBe('PASS');
    expect((outcome.evidence.activeStaff as Array<{ employeeId: string; source: string }>).map((member) => [member.employeeId, member.source])).toEqual([
      ['E1001', 'BOTH'],
      ['E3002', 'PLATFORM'],
    ]);
  });

  it('does not count departed, on-leave, outsiders or the same person twice', () => {
    const outcome = rule.evaluate(
      scenario(rule, {
        admins: [registered(dana), registered(priya), registered(amara)],
        platformAdmins: [
          platformAdmin('Dana Whitford'),
          platformAdmin(null, { email: dana.email }),
          platformAdmin('Priya Raman'),
          platformAdmin('Amara Okafor'),
          platformAdmin('Kevin Marsh'),
        ],
      }),
    );
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.activeStaffCount).toBe(1);
    const reasons = (outcome.evidence.notCounted as Array<{ reason: string }>).map((row) => row.reason).sort();
    expect(reasons).toEqual(['DEPARTED', 'DUPLICATE', 'NOT_STAFF', 'ON_LEAVE']);
  });

  it('respects minimumStaffAdmins', () => {
    const input = scenario(rule, { admins: [registered(dana)], platformAdmins: [platformAdmin('Dana Whitford')], parameters: { minimumStaffAdmins: 1 } });
    expect(rule.evaluate(input).status).toBe('PASS');
    const three = scenario(rule, {
      admins: [registered(dana), registered(marco)],
      platformAdmins: [platformAdmin('Dana Whitford'), platformAdmin('Marco Bellini')],
      parameters: { minimumStaffAdmins: 3 },
    });
    expect(rule.evaluate(three)).toMatchObject({ status: 'FAIL', evidence: { activeStaffCount: 2, minimumStaffAdmins: 3 } });
  });

  it('fails on an empty platform roster', () => {
    const outcome = rule.evaluate(scenario(rule, { admins: [registered(dana), registered(marco)], platformAdmins: [] }));
    expect(outcome).toMatchObject({ status: 'FAIL', evidence: { activeStaffCount: 0, platformRosterVisible: true } });
  });

  it('is MANUAL where the platform shows no roster, with the registry count as evidence', () => {
    const shared = scenario(rule, { platform: Platform.X, admins: [registered(marco)], platformAdmins: null });
    expect(rule.evaluate(shared)).toMatchObject({
      status: 'MANUAL',
      evidence: { platformRosterVisible: false, registryActiveStaffCount: 1, registryShortfall: true },
    });
    const enough = scenario(rule, { platform: Platform.YOUTUBE, admins: [registered(dana), registered(tomas), itRegistry], platformAdmins: null });
    expect(rule.evaluate(enough)).toMatchObject({ status: 'MANUAL', evidence: { registryActiveStaffCount: 2, registryShortfall: false } });
  });

  it('is MANUAL without any snapshot (registry rule)', () => {
    const outcome = rule.evaluate(scenario(rule, { admins: [registered(dana), registered(marco)] }));
    expect(outcome).toMatchObject({ status: 'MANUAL', evidence: { registryActiveStaffCount: 2 } });
  });

  it('keeps evidence JSON-serialisable', () => {
    const outcome = rule.evaluate(scenario(rule, { admins: [registered(dana)], platformAdmins: [platformAdmin('Dana Whitford')] }));
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
