import { SnapshotField } from '../../../integrations/snapshot';
import { RemediationKind } from '../../../integrations/provider';
import { AccountScope } from '../../../src/accounts/account.enums';
import type { RuleInput } from '../../../src/compliance/rule';
import { profileIdentifyingLanguageRule as rule } from '../../../src/compliance/rules/profile-identifying-language.rule';
import { account, ruleInput, snapshotData } from '../../support/rule-fixtures';

function withProfile(displayName: string | null, profileText: string | null, overrides: Partial<RuleInput> = {}, unavailable: SnapshotField[] = []) {
  return ruleInput(rule, {
    snapshot: { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData({ displayName, profileText, unavailable }) },
    ...overrides,
  });
}

describe('profile.identifying-language', () => {
  it('declares its parameters and remediation', () => {
    expect(rule.id).toBe('profile.identifying-language');
    expect(rule.evidence).toBe('snapshot');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([
      ['requiredPhrases', 'string[]', []],
      ['requireDistrictName', 'boolean', true],
      ['requireSchoolName', 'boolean', true],
    ]);
    expect(rule.remediation.automatic).toBe(RemediationKind.UPDATE_PROFILE_TEXT);
    expect(rule.remediation.steps.length).toBeGreaterThan(0);
  });

  it('passes when the display name and profile text name the school and district', () => {
    const outcome = rule.evaluate(ruleInput(rule));
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence.required).toEqual([
      { phrase: 'Sandbox School District', source: 'DISTRICT_NAME', foundIn: 'PROFILE_TEXT' },
      { phrase: 'Maple Ridge Secondary', source: 'SCHOOL_NAME', foundIn: 'DISPLAY_NAME' },
    ]);
    expect(outcome.evidence.missing).toEqual([]);
  });

  it('ignores case, accents, punctuation and spacing', () => {
    const input = withProfile('ÉCOLE CÔTE-DES-NEIGES', 'Compte officiel — sandbox-school   district', {
      school: { id: 'school-1', name: 'École Côte des Neiges', code: 'ECN', websiteUrl: null },
    });
    expect(rule.evaluate(input).status).toBe('PASS');
  });

  it('fails when the district is not named', () => {
    const outcome = rule.evaluate(withProfile('Maple Ridge Secondary', 'Go Eagles! News and events.'));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.missing).toEqual(['Sandbox School District']);
  });

  it('fails when only part of a name, a plural or the school code appears', () => {
    expect(rule.evaluate(withProfile('Ridge Secondary', 'Sandbox School District')).status).toBe('FAIL');
    expect(rule.evaluate(withProfile('MRS', 'Sandbox School District')).status).toBe('FAIL');
    const plural = rule.evaluate(withProfile('Maple Ridge Secondary', 'Sandbox School Districts'));
    expect(plural.status).toBe('FAIL');
    expect(plural.evidence.missing).toEqual(['Sandbox School District']);
  });

  it('does not let a phrase run from the display name into the profile text', () => {
    const outcome = rule.evaluate(withProfile('Maple Ridge Secondary, Sandbox School', 'District news and events'));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.missing).toEqual(['Sandbox School District']);
  });

  it('is MANUAL when the profile text is unavailable and the display name is not enough', () => {
    const outcome = rule.evaluate(withProfile('Maple Ridge Secondary', null, {}, [SnapshotField.PROFILE_TEXT]));
    expect(outcome.status).toBe('MANUAL');
    expect(outcome.evidence.profileTextShown).toBe(false);
    expect(outcome.evidence.missing).toEqual(['Sandbox School District']);
  });

  it('treats a shown but empty profile text as empty (FAIL), and ignores a text the snapshot marks unavailable (MANUAL)', () => {
    expect(rule.evaluate(withProfile('Maple Ridge Secondary', null)).status).toBe('FAIL');
    const hidden = rule.evaluate(withProfile('Maple Ridge Secondary', 'Sandbox School District', {}, [SnapshotField.PROFILE_TEXT]));
    expect(hidden.status).toBe('MANUAL');
    expect(hidden.evidence.profileText).toBeNull();
  });

  it('passes on the display name alone when the profile text is unavailable', () => {
    const outcome = rule.evaluate(withProfile('Maple Ridge Secondary | Sandbox School District', null, {}, [SnapshotField.PROFILE_TEXT]));
    expect(outcome.status).toBe('PASS');
  });

  it('copes with a missing snapshot (MANUAL)', () => {
    expect(rule.evaluate(ruleInput(rule, { snapshot: null })).status).toBe('MANUAL');
  });

  it('asks only for the district on DISTRICT accounts', () => {
    const input = withProfile('Sandbox School District', 'Official account.', { account: account({ scope: AccountScope.DISTRICT }), school: null });
    const outcome = rule.evaluate(input);
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence.required).toEqual([{ phrase: 'Sandbox School District', source: 'DISTRICT_NAME', foundIn: 'DISPLAY_NAME' }]);
  });

  it.each([AccountScope.CLASSROOM, AccountScope.CLUB, AccountScope.SCHOOL])('asks for the school on %s accounts', (scope) => {
    const outcome = rule.evaluate(withProfile('Grade 5 Robotics', 'Sandbox School District', { account: account({ scope }) }));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.missing).toEqual(['Maple Ridge Secondary']);
  });

  it("asks for the school on a school's DEPARTMENT account, only the district on a district department", () => {
    const schoolDepartment = withProfile('Athletics', 'Sandbox School District', { account: account({ scope: AccountScope.DEPARTMENT }) });
    expect(rule.evaluate(schoolDepartment).status).toBe('FAIL');
    const districtDepartment = withProfile('Athletics', 'Sandbox School District', { account: account({ scope: AccountScope.DEPARTMENT }), school: null });
    expect(rule.evaluate(districtDepartment).status).toBe('PASS');
  });

  it('is MANUAL when a school account has no school on record, FAIL if the district is missing anyway', () => {
    const unknownSchool = rule.evaluate(withProfile('Eagles', 'Sandbox School District', { school: null }));
    expect(unknownSchool.status).toBe('MANUAL');
    expect(unknownSchool.evidence.unknownNames).toEqual(['SCHOOL_NAME']);
    expect(rule.evaluate(withProfile('Eagles', 'Go team', { school: null })).status).toBe('FAIL');
  });

  it('requires every extra phrase, ignoring blanks and duplicates', () => {
    const parameters = { requiredPhrases: ['Official account', '  ', 'maple ridge secondary'] };
    const withAll = withProfile('Maple Ridge Secondary', 'Official account of Sandbox School District', { parameters });
    const passed = rule.evaluate(withAll);
    expect(passed.status).toBe('PASS');
    expect((passed.evidence.required as unknown[]).length).toBe(3);
    const withoutOne = rule.evaluate(withProfile('Maple Ridge Secondary', 'Sandbox School District', { parameters }));
    expect(withoutOne.status).toBe('FAIL');
    expect(withoutOne.evidence.missing).toEqual(['Official account']);
  });

  it('honours requireDistrictName and requireSchoolName', () => {
    const noDistrict = withProfile('Maple Ridge Secondary', 'Go Eagles', { parameters: { requireDistrictName: false } });
    expect(rule.evaluate(noDistrict).status).toBe('PASS');
    const noSchool = withProfile('Eagles', 'Sandbox School District', { parameters: { requireSchoolName: false } });
    expect(rule.evaluate(noSchool).status).toBe('PASS');
  });

  it('is NOT_APPLICABLE when nothing is required', () => {
    const input = withProfile('x', 'y', { parameters: { requireDistrictName: false, requireSchoolName: false, requiredPhrases: [' '] } });
    expect(rule.evaluate(input).status).toBe('NOT_APPLICABLE');
  });

  it('produces JSON-serialisable evidence', () => {
    const outcome = rule.evaluate(ruleInput(rule));
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
