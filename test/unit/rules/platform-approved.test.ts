import { Platform } from '../../../src/accounts/account.enums';
import { platformApprovedRule as rule } from '../../../src/compliance/rules/platform-approved.rule';
import { account, ruleInput } from '../../support/rule-fixtures';

const onPlatform = (platform: Platform, approvedPlatforms?: string[]) =>
  ruleInput(rule, { account: account({ platform }), snapshot: null, ...(approvedPlatforms ? { parameters: { approvedPlatforms } } : {}) });

describe('platform.approved', () => {
  it('declares its parameter with the Platform values as allowed values', () => {
    expect(rule.id).toBe('platform.approved');
    expect(rule.evidence).toBe('registry');
    expect(rule.severity).toBe('high');
    const [parameter] = rule.parameters;
    expect(parameter).toMatchObject({ name: 'approvedPlatforms', type: 'string[]', default: ['FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN'] });
    expect([...(parameter.allowed ?? [])].sort()).toEqual(Object.values(Platform).sort());
    expect(rule.remediation.automatic).toBeNull();
  });

  it.each([Platform.FACEBOOK, Platform.INSTAGRAM, Platform.X, Platform.YOUTUBE, Platform.LINKEDIN])('passes %s under the default list', (platform) => {
    const outcome = rule.evaluate(onPlatform(platform));
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toEqual({ platform, approvedPlatforms: ['FACEBOOK', 'INSTAGRAM', 'X', 'YOUTUBE', 'LINKEDIN'] });
  });

  it('fails OTHER under the default list', () => {
    const outcome = rule.evaluate(onPlatform(Platform.OTHER));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.platform).toBe('OTHER');
  });

  it("follows the district's list (ap8006: X and Facebook only)", () => {
    expect(rule.evaluate(onPlatform(Platform.X, ['X', 'FACEBOOK'])).status).toBe('PASS');
    expect(rule.evaluate(onPlatform(Platform.INSTAGRAM, ['X', 'FACEBOOK'])).status).toBe('FAIL');
    expect(rule.evaluate(onPlatform(Platform.OTHER, ['OTHER'])).status).toBe('PASS');
  });

  it('compares trimmed and case-insensitively, listing each platform once', () => {
    const outcome = rule.evaluate(onPlatform(Platform.YOUTUBE, [' youtube ', 'YOUTUBE']));
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence.approvedPlatforms).toEqual(['YOUTUBE']);
  });

  it('fails everything when the list is empty', () => {
    expect(rule.evaluate(onPlatform(Platform.FACEBOOK, [])).status).toBe('FAIL');
  });

  it('judges from the registry alone (no snapshot needed)', () => {
    expect(rule.evaluate(ruleInput(rule, { snapshot: null })).status).toBe('PASS');
  });
});
