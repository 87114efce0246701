import { Platform } from '../../../src/accounts/account.enums';
import { adminsCurrentStaffOnlyRule as rule } from '../../../src/compliance/rules/admins-current-staff-only.rule';
import { amara, dana, itRegistry, marco, platformAdmin, priya, registered, registry, scenario, tomas } from './admins.fixtures';

type Offender = { reason: string; source: string; employeeId: string | null; studentId: string | null; departedAt: string | null; name: string | null };
const offenders = (evidence: Record<string, unknown>) => evidence.offenders as Offender[];

describe('admins.current-staff-only', () => {
  it('declares its parameter and REMOVE_ADMIN', () => {
    expect(rule.id).toBe('admins.current-staff-only');
    expect(rule.severity).toBe('critical');
    expect(rule.evidence).toBe('registry');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([['allowPlusAddressing', 'boolean', false]]);
    expect(rule.remediation.automatic).toBe('REMOVE_ADMIN');
  });

  it('passes when every admin on both rosters is current staff (on leave included) or the service account', () => {
    const outcome = rule.evaluate(
      scenario(rule, {
        admins: [registered(dana), registered(amara), itRegistry],
        platformAdmins: [platformAdmin('Dana Whitford'), platformAdmin('Amara Okafor'), platformAdmin('IT Services (social media)'), platformAdmin('Marco Bellini')],
      }),
    );
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ platformRosterVisible: true, adminsChecked: 4, offenders: [] });
    expect(outcome.evidence.unregistered).toEqual([expect.objectContaining({ employeeId: marco.employeeId, source: 'PLATFORM' })]);
  });

  it('fails on a departed person still on the registry, even where the platform shows no roster (sandbox mapleridge.secondary)', () => {
    const outcome = rule.evaluate(scenario(rule, { platform: Platform.INSTAGRAM, admins: [registered(dana), registered(priya)], platformAdmins: null }));
    expect(outcome.status).toBe('FAIL');
    expect(offenders(outcome.evidence)).toEqual([
      expect.objectContaining({ reason: 'DEPARTED', source: 'REGISTRY', employeeId: 'E1003', departedAt: '2026-09-30T23:00:00.000Z' }),
    ]);
  });

  it('fails on a student admin found by handle (sandbox lms.robotics, Riley)', () => {
    const outcome = rule.evaluate(
      scenario(rule, {
        platform: Platform.INSTAGRAM,
        admins: [registered(tomas), registry({ name: 'Riley (student)', platformUserId: 'robo.riley' })],
        platformAdmins: null,
      }),
    );
    expect(outcome.status).toBe('FAIL');
    expect(offenders(outcome.evidence)).toEqual([expect.objectContaining({ reason: 'STUDENT', studentId: 'S-40003', name: 'Riley (student)' })]);
  });

  it('fails on platform admins who match nobody (outsiders) and on departed staff seen only on the platform', () => {
    const outcome = rule.evaluate(
      scenario(rule, {
        admins: [registered(dana), registered(marco), itRegistry],
        platformAdmins: [
          platformAdmin('Marco Bellini'),
          platformAdmin('Dana Whitford'),
          platformAdmin('Kevin Marsh', { fullControl: false, roles: ['CREATE_CONTENT', 'MODERATE'] }),
          platformAdmin('Priya Raman', { source: 'assigned_users' }),
          platformAdmin('IT Services (social media)'),
        ],
      }),
    );
    expect(outcome.status).toBe('FAIL');
    expect(offenders(outcome.evidence).map((row) => [row.reason, row.source, row.name])).toEqual([
      ['UNKNOWN', 'PLATFORM', 'Kevin Marsh'],
      ['DEPARTED', 'PLATFORM', 'Priya Raman'],
    ]);
  });

  it('fails on a registry admin with a personal email', () => {
    const outcome = rule.evaluate(
      scenario(rule, { admins: [registered(dana), registry({ email: 'coach.mike@gmail.com', name: 'Mike' })], platformAdmins: [platformAdmin('Dana Whitford')] }),
    );
    expect(outcome.status).toBe('FAIL');
    expect(offenders(outcome.evidence)).toEqual([expect.objectContaining({ reason: 'UNKNOWN', source: 'REGISTRY' })]);
  });

  it('is MANUAL when the registry is clean but the platform shows no roster', () => {
    const outcome = rule.evaluate(scenario(rule, { platform: Platform.X, admins: [registered(marco)], platformAdmins: null }));
    expect(outcome).toMatchObject({ status: 'MANUAL', evidence: { platformRosterVisible: false, adminsChecked: 1, offenders: [] } });
  });

  it('judges the registry alone without a snapshot', () => {
    expect(rule.evaluate(scenario(rule, { admins: [registered(dana), itRegistry] })).status).toBe('MANUAL');
    expect(rule.evaluate(scenario(rule, { admins: [registered(priya)] })).status).toBe('FAIL');
  });

  it('accepts a service account the staff roster does not know', () => {
    const service = registry({ email: 'social-bot@sandbox-sd.example.org', name: 'Social bot', isServiceAccount: true });
    const outcome = rule.evaluate(scenario(rule, { admins: [registered(dana), service], platformAdmins: [platformAdmin('Dana Whitford'), platformAdmin('Social bot')] }));
    expect(outcome.status).toBe('PASS');
  });

  it('passes an empty roster the platform shows (nothing to object to)', () => {
    expect(rule.evaluate(scenario(rule, { admins: [], platformAdmins: [] })).status).toBe('PASS');
  });

  it('keeps evidence JSON-serialisable', () => {
    const outcome = rule.evaluate(scenario(rule, { admins: [registered(priya)], platformAdmins: [platformAdmin('Priya Raman')] }));
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
