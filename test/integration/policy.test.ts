import { ApiRole } from '../../src/auth/api-role';
import { createDistrict, createKey, createSchool } from '../support/factories';
import { errorCode, errorFields, expectData, graphql } from '../support/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});

afterAll(async () => {
  await testApp.close();
});

const RULES = '{ rules { id enabled severity parameters { name type value default } citations { clause profileId } remediation { action steps } } }';
const UPDATE = 'mutation($input: PolicyParametersInput!) { updatePolicyParameters(input: $input) { id parameters { name value } } }';

describe('rules, profiles and parameter overrides', () => {
  it('lists all 16 rules as the district profile configures them, and the five profiles', async () => {
    const { adminKey } = await createDistrict(testApp, { policyProfileId: 'ap8006-social-media-internet' });
    const rules = expectData(await graphql(testApp.app, adminKey, RULES)).rules;
    expect(rules).toHaveLength(16);
    const platform = rules.find((rule: { id: string }) => rule.id === 'platform.approved');
    expect(platform.enabled).toBe(true);
    expect(platform.parameters.find((parameter: { name: string }) => parameter.name === 'approvedPlatforms').value).toEqual(['X', 'FACEBOOK']);
    expect(platform.citations.every((citation: { profileId: string }) => citation.profileId === 'ap8006-social-media-internet')).toBe(true);
    expect(rules.find((rule: { id: string }) => rule.id === 'content.prohibited-topics').enabled).toBe(false);
    const profiles = expectData(await graphql(testApp.app, adminKey, '{ policyProfiles { id rules { ruleId enabled citations { clause } } } }')).policyProfiles;
    expect(profiles.map((profile: { id: string }) => profile.id)).toEqual([
      'ap146-electronic-social-media',
      'ap1311-social-media-for-learning',
      'ap8006-social-media-internet',
      'hdsb-social-media-staff',
      'ap417-social-media',
    ]);
    for (const profile of profiles) expect(profile.rules).toHaveLength(16);
  });

  it('overrides a parameter (validated, audited), and null puts the profile value back', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const updated = expectData(await graphql(testApp.app, adminKey, UPDATE, { input: { ruleId: 'account.active-use', parameters: { maxDaysSinceLastPost: 90 } } }))
      .updatePolicyParameters;
    expect(updated.parameters).toEqual([{ name: 'maxDaysSinceLastPost', value: 90 }]);
    const [audit] = await testApp.dataSource.query(`SELECT before, after FROM audit_entry WHERE district_id = $1 AND action = 'policy.parameters'`, [district.id]);
    expect(audit.after).toEqual({ 'account.active-use': { maxDaysSinceLastPost: 90 } });

    const reset = expectData(await graphql(testApp.app, adminKey, UPDATE, { input: { ruleId: 'account.active-use', parameters: { maxDaysSinceLastPost: null } } }))
      .updatePolicyParameters;
    expect(reset.parameters).toEqual([{ name: 'maxDaysSinceLastPost', value: 180 }]);
  });

  it('refuses unknown rules, unknown parameters and bad values, changing nothing', async () => {
    const { district, adminKey } = await createDistrict(testApp);
    const unknownRule = await graphql(testApp.app, adminKey, UPDATE, { input: { ruleId: 'no.such-rule', parameters: {} } });
    expect(errorCode(unknownRule)).toBe('BAD_USER_INPUT');
    expect(errorFields(unknownRule)).toEqual(['input.ruleId']);
    const bad = await graphql(testApp.app, adminKey, UPDATE, {
      input: { ruleId: 'admins.minimum-staff', parameters: { minimumStaffAdmins: 'two', colour: 'blue' } },
    });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(errorFields(bad).sort()).toEqual(['input.parameters.colour', 'input.parameters.minimumStaffAdmins']);
    const notAllowed = await graphql(testApp.app, adminKey, UPDATE, { input: { ruleId: 'platform.approved', parameters: { approvedPlatforms: ['MYSPACE'] } } });
    expect(errorCode(notAllowed)).toBe('BAD_USER_INPUT');
    const [row] = await testApp.dataSource.query('SELECT policy_overrides FROM district WHERE id = $1', [district.id]);
    expect(row.policy_overrides).toEqual({});
    const school = await createSchool(testApp, adminKey);
    const principal = await createKey(testApp, district.id, ApiRole.PRINCIPAL, school.id);
    expect(errorCode(await graphql(testApp.app, principal, UPDATE, { input: { ruleId: 'account.active-use', parameters: { maxDaysSinceLastPost: 1 } } }))).toBe('FORBIDDEN');
  });
});
