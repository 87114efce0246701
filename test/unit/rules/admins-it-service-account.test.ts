import { Platform } from '../../../src/accounts/account.enums';
import { adminsItServiceAccountRule as rule } from '../../../src/compliance/rules/admins-it-service-account.rule';
import { dana, itRegistry, itStaff, platformAdmin, registered, scenario } from './admins.fixtures';

describe('admins.it-service-account', () => {
  it('declares its parameter and ADD_ADMIN', () => {
    expect(rule.id).toBe('admins.it-service-account');
    expect(rule.evidence).toBe('registry');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([['itServiceEmails', 'string[]', []]]);
    expect(rule.remediation.automatic).toBe('ADD_ADMIN');
  });

  it('passes when the registered service account is on the platform roster (linked through staff)', () => {
    const outcome = rule.evaluate(
      scenario(rule, {
        admins: [registered(dana), itRegistry],
        platformAdmins: [platformAdmin('Dana Whitford'), platformAdmin('IT Services (social media)', { source: 'assigned_users' })],
      }),
    );
    expect(outcome).toMatchObject({ status: 'PASS', evidence: { identifiedBy: 'registryFlag', onRegistry: true, onPlatform: true } });
    expect(outcome.evidence.itAccounts).toEqual([expect.objectContaining({ source: 'BOTH', employeeId: 'IT-SOCIAL', fullControl: true })]);
  });

  it('fails when the registry has it but the platform does not list it', () => {
    const outcome = rule.evaluate(scenario(rule, { admins: [registered(dana), itRegistry], platformAdmins: [platformAdmin('Dana Whitford')] }));
    expect(outcome).toMatchObject({ status: 'FAIL', evidence: { onRegistry: true, onPlatform: false } });
  });

  it('fails when nothing identifies an IT account (no flag, no configured email)', () => {
    const outcome = rule.evaluate(
      scenario(rule, { admins: [registered(dana)], platformAdmins: [platformAdmin('Dana Whitford'), platformAdmin('IT Services (social media)')] }),
    );
    expect(outcome).toMatchObject({ status: 'FAIL', evidence: { identifiedBy: 'registryFlag', onRegistry: false, onPlatform: false, itAccounts: [] } });
  });

  it('identifies the account by itServiceEmails (case-insensitive), here on the platform only', () => {
    const outcome = rule.evaluate(
      scenario(rule, {
        admins: [registered(dana)],
        platformAdmins: [platformAdmin('Dana Whitford'), platformAdmin('IT Services (social media)')],
        parameters: { itServiceEmails: ['  IT-Social@Sandbox-SD.example.org'] },
      }),
    );
    expect(outcome).toMatchObject({
      status: 'PASS',
      evidence: { identifiedBy: 'itServiceEmails', itServiceEmails: [itStaff.email], onRegistry: false, onPlatform: true },
    });
  });

  it('with itServiceEmails set, a flagged registry admin with another address is not the IT account', () => {
    const outcome = rule.evaluate(
      scenario(rule, {
        admins: [registered(dana), itRegistry],
        platformAdmins: [platformAdmin('IT Services (social media)')],
        parameters: { itServiceEmails: ['its-admin@sandbox-sd.example.org'] },
      }),
    );
    expect(outcome).toMatchObject({ status: 'FAIL', evidence: { onRegistry: false, onPlatform: false } });
  });

  it('matches itServiceEmails against an email the platform shows', () => {
    const outcome = rule.evaluate(
      scenario(rule, {
        platform: Platform.LINKEDIN,
        admins: [registered(dana)],
        platformAdmins: [platformAdmin(null, { externalId: 'itS0c14lSv', email: 'its@district.example' })],
        parameters: { itServiceEmails: ['its@district.example'] },
      }),
    );
    expect(outcome.status).toBe('PASS');
  });

  it('is MANUAL where the platform shows no roster and the registry has the IT account', () => {
    const outcome = rule.evaluate(scenario(rule, { platform: Platform.YOUTUBE, admins: [registered(dana), itRegistry], platformAdmins: null }));
    expect(outcome).toMatchObject({ status: 'MANUAL', evidence: { platformRosterVisible: false, onRegistry: true, onPlatform: null } });
  });

  it('fails where the platform shows no roster and even the registry lacks the IT account', () => {
    const outcome = rule.evaluate(scenario(rule, { platform: Platform.INSTAGRAM, admins: [registered(dana)], platformAdmins: null }));
    expect(outcome).toMatchObject({ status: 'FAIL', evidence: { platformRosterVisible: false, onRegistry: false } });
  });

  it('judges the registry alone when there is no snapshot', () => {
    expect(rule.evaluate(scenario(rule, { admins: [itRegistry] })).status).toBe('MANUAL');
    expect(rule.evaluate(scenario(rule, { admins: [] })).status).toBe('FAIL');
  });
});
