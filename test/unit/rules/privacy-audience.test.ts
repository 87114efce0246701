import { Audience } from '../../../src/accounts/account.enums';
import { RemediationKind } from '../../../integrations/provider';
import { SnapshotField, type AccountSnapshot } from '../../../integrations/snapshot';
import { privacyAudienceRule as rule } from '../../../src/compliance/rules/privacy-audience.rule';
import { account, ruleInput, snapshotData } from '../../support/rule-fixtures';
import type { AccountFacts } from '../../../src/compliance/rule';

function judge(registry: Partial<AccountFacts>, platform: Partial<AccountSnapshot>, parameters: Record<string, boolean> = {}) {
  return rule.evaluate(
    ruleInput(rule, {
      account: account(registry),
      snapshot: { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData(platform) },
      parameters,
    }),
  );
}

describe('privacy.audience', () => {
  it('declares its parameter and remediation', () => {
    expect(rule.id).toBe('privacy.audience');
    expect(rule.evidence).toBe('snapshot');
    expect(rule.severity).toBe('high');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([['allowPublicWithJustification', 'boolean', true]]);
    expect(rule.remediation.automatic).toBe(RemediationKind.SET_AUDIENCE_PRIVATE);
  });

  it('passes a public account registered public with a justification', () => {
    const outcome = judge({}, {});
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({
      registryAudience: 'PUBLIC',
      platformAudience: 'PUBLIC',
      publicJustification: 'School news for families.',
      allowPublicWithJustification: true,
      reasons: [],
    });
  });

  it('passes a private account registered private', () => {
    const outcome = judge({ audience: Audience.PRIVATE, publicJustification: null }, { audience: 'PRIVATE' });
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ registryAudience: 'PRIVATE', platformAudience: 'PRIVATE', publicJustification: null });
  });

  it('fails a registered-private account that is public on the platform', () => {
    const outcome = judge({ audience: Audience.PRIVATE, publicJustification: null }, { audience: 'PUBLIC' });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.reasons).toEqual(['PLATFORM_PUBLIC_REGISTERED_PRIVATE']);
  });

  it('fails a registered-public account that is private on the platform, so the registration gets corrected', () => {
    const outcome = judge({}, { audience: 'PRIVATE' });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.reasons).toEqual(['PLATFORM_PRIVATE_REGISTERED_PUBLIC']);
  });

  it.each([null, '', '   \n\t'])('fails public with a blank justification (%j)', (publicJustification) => {
    const outcome = judge({ publicJustification }, {});
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ reasons: ['PUBLIC_WITHOUT_JUSTIFICATION'], publicJustification: null });
  });

  it('trims the justification it reports', () => {
    expect(judge({ publicJustification: '  Concerts for families.  ' }, {}).evidence.publicJustification).toBe('Concerts for families.');
  });

  it('fails every public account when allowPublicWithJustification is false, even with a justification', () => {
    const outcome = judge({}, {}, { allowPublicWithJustification: false });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ reasons: ['PUBLIC_NOT_ALLOWED'], allowPublicWithJustification: false });
  });

  it('still passes private accounts when allowPublicWithJustification is false', () => {
    const outcome = judge({ audience: Audience.PRIVATE, publicJustification: null }, { audience: 'PRIVATE' }, { allowPublicWithJustification: false });
    expect(outcome.status).toBe('PASS');
  });

  it('answers MANUAL when the platform cannot show the audience (Instagram)', () => {
    const outcome = judge({ audience: Audience.PRIVATE, publicJustification: null }, { audience: null, unavailable: [SnapshotField.AUDIENCE] });
    expect(outcome.status).toBe('MANUAL');
    expect(outcome.evidence).toMatchObject({ platformAudience: null, platformShowsAudience: false, reasons: [] });
  });

  it('never passes a public registration it cannot see, even with a justification', () => {
    expect(judge({}, { audience: null, unavailable: [SnapshotField.AUDIENCE] }).status).toBe('MANUAL');
  });

  it('ignores an audience value when the field is listed unavailable', () => {
    expect(judge({ audience: Audience.PRIVATE, publicJustification: null }, { audience: 'PRIVATE', unavailable: [SnapshotField.AUDIENCE] }).status).toBe('MANUAL');
  });

  it('answers MANUAL when the audience is null without being declared unavailable', () => {
    expect(judge({ audience: Audience.PRIVATE, publicJustification: null }, { audience: null }).status).toBe('MANUAL');
  });

  it('fails from the registry alone when the platform cannot show the audience but the registration breaks the policy', () => {
    const outcome = judge({ publicJustification: null }, { audience: null, unavailable: [SnapshotField.AUDIENCE] });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ reasons: ['PUBLIC_WITHOUT_JUSTIFICATION'], platformAudience: null });
  });

  it('answers MANUAL on an audience value it does not know', () => {
    const outcome = judge({}, { audience: 'FRIENDS' as unknown as 'PUBLIC' });
    expect(outcome.status).toBe('MANUAL');
  });

  it('reports mismatch and missing justification together', () => {
    const outcome = judge({ publicJustification: null }, { audience: 'PRIVATE' });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.reasons).toEqual(['PLATFORM_PRIVATE_REGISTERED_PUBLIC', 'PUBLIC_WITHOUT_JUSTIFICATION']);
  });

  it('copes with a null snapshot without throwing', () => {
    expect(rule.evaluate(ruleInput(rule, { account: account({ audience: Audience.PRIVATE }), snapshot: null })).status).toBe('MANUAL');
  });
});
