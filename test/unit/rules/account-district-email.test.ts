import { SnapshotField, type AccountSnapshot } from '../../../integrations/snapshot';
import { AccountKind } from '../../../src/accounts/account.enums';
import type { AccountFacts, RuleInput } from '../../../src/compliance/rule';
import { accountDistrictEmailRule as rule } from '../../../src/compliance/rules/account-district-email.rule';
import { account, ruleInput, snapshotData } from '../../support/rule-fixtures';

const DISTRICT = { id: 'district-1', name: 'Sandbox School District', emailDomains: ['sd.example.org'], websiteUrl: 'https://www.sd.example.org' };

function input(accountOverrides: Partial<AccountFacts> = {}, snapshot: Partial<AccountSnapshot> | null = {}, overrides: Partial<RuleInput> = {}): RuleInput {
  return ruleInput(rule, {
    account: account(accountOverrides),
    snapshot: snapshot === null ? null : { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData(snapshot) },
    ...overrides,
  });
}

const checked = (outcome: ReturnType<typeof rule.evaluate>) => (outcome.evidence.checked as Array<{ field: string; reason: string | null }>).map((entry) => [entry.field, entry.reason]);

describe('account.district-email', () => {
  it('is a registry rule without parameters or automatic remediation', () => {
    expect(rule.id).toBe('account.district-email');
    expect(rule.evidence).toBe('registry');
    expect(rule.parameters).toEqual([]);
    expect(rule.remediation.automatic).toBeNull();
    expect(rule.remediation.steps.length).toBeGreaterThan(0);
  });

  it('passes when the custodian is on the district domain (PLATFORM_ROLES, no login email)', () => {
    const outcome = rule.evaluate(ruleInput(rule));
    expect(outcome.status).toBe('PASS');
    expect(checked(outcome)).toEqual([['custodianEmail', null]]);
    expect(outcome.evidence).toMatchObject({ emailDomains: ['sd.example.org'], offenders: [], contactEmailShown: false });
  });

  it.each(['dana@mrs.sd.example.org', 'DANA.WHITFORD@SD.EXAMPLE.ORG', '  dana@sd.example.org  ', 'dana+social@sd.example.org', 'dana@sd.example.org.'])(
    'accepts %j (subdomain, case, spacing, +tag, trailing dot)',
    (email) => {
      expect(rule.evaluate(input({ custodianEmail: email })).status).toBe('PASS');
    },
  );

  it.each([
    ['dana@gmail.com', 'OTHER_DOMAIN'],
    ['dana@sd.example.org.evil.com', 'OTHER_DOMAIN'],
    ['dana@evilsd.example.org', 'OTHER_DOMAIN'],
    ['dana@example.org', 'OTHER_DOMAIN'],
    ['sd.example.org@gmail.com', 'OTHER_DOMAIN'],
    ['Dana <dana@sd.example.org>', 'MALFORMED'],
    ['dana@sd.example.org@gmail.com', 'MALFORMED'],
    ['dana', 'MALFORMED'],
    ['   ', 'MISSING'],
  ])('fails a custodian %j (%s)', (email, reason) => {
    const outcome = rule.evaluate(input({ custodianEmail: email }));
    expect(outcome.status).toBe('FAIL');
    expect(checked(outcome)).toEqual([['custodianEmail', reason]]);
    expect(outcome.evidence.offenders).toEqual(['custodianEmail']);
  });

  describe.each([AccountKind.SHARED_LOGIN, AccountKind.INDIVIDUAL])('%s accounts', (kind) => {
    it('fail without a login email', () => {
      const outcome = rule.evaluate(input({ kind, loginEmail: null }));
      expect(outcome.status).toBe('FAIL');
      expect(checked(outcome)).toEqual([
        ['loginEmail', 'MISSING'],
        ['custodianEmail', null],
      ]);
      expect(rule.evaluate(input({ kind, loginEmail: '  ' })).status).toBe('FAIL');
    });

    it('pass with a district login email', () => {
      expect(rule.evaluate(input({ kind, loginEmail: 'mrs.social@sd.example.org' })).status).toBe('PASS');
    });

    it('fail with a personal login email', () => {
      const outcome = rule.evaluate(input({ kind, loginEmail: 'mrs.social@outlook.com' }));
      expect(outcome.status).toBe('FAIL');
      expect(outcome.evidence.offenders).toEqual(['loginEmail']);
    });
  });

  it("judges a PLATFORM_ROLES account's login email when it has one", () => {
    expect(rule.evaluate(input({ loginEmail: 'page@sd.example.org' })).status).toBe('PASS');
    expect(rule.evaluate(input({ loginEmail: 'page@yahoo.com' })).status).toBe('FAIL');
  });

  it('judges the contact email the platform shows', () => {
    const personal = rule.evaluate(input({}, { contactEmail: 'coach.dana@gmail.com' }));
    expect(personal.status).toBe('FAIL');
    expect(personal.evidence).toMatchObject({ offenders: ['contactEmail'], contactEmailShown: true });
    expect(rule.evaluate(input({}, { contactEmail: 'office@mrs.sd.example.org' })).status).toBe('PASS');
  });

  it('does not need the contact email when the platform cannot show it (registry decides)', () => {
    const hidden = rule.evaluate(input({}, { contactEmail: 'coach.dana@gmail.com', unavailable: [SnapshotField.CONTACT_EMAIL] }));
    expect(hidden.status).toBe('PASS');
    expect(hidden.evidence.contactEmailShown).toBe(false);
    expect(rule.evaluate(input({}, null)).status).toBe('PASS');
    expect(rule.evaluate(input({}, { contactEmail: null })).status).toBe('PASS');
  });

  it('accepts any of several district domains', () => {
    const district = { ...DISTRICT, emailDomains: ['sd.example.org', 'staff.example.net'] };
    expect(rule.evaluate(input({ custodianEmail: 'dana@staff.example.net' }, {}, { district })).status).toBe('PASS');
    expect(rule.evaluate(input({ custodianEmail: 'dana@example.net' }, {}, { district })).status).toBe('FAIL');
  });

  it('is MANUAL when the district has no email domains, but a missing login email still fails', () => {
    const district = { ...DISTRICT, emailDomains: [] };
    expect(rule.evaluate(input({}, {}, { district })).status).toBe('MANUAL');
    expect(rule.evaluate(input({ kind: AccountKind.SHARED_LOGIN, loginEmail: null }, {}, { district })).status).toBe('FAIL');
  });

  it('lists every offender', () => {
    const outcome = rule.evaluate(input({ kind: AccountKind.SHARED_LOGIN, loginEmail: 'a@gmail.com', custodianEmail: 'b@gmail.com' }, { contactEmail: 'c@gmail.com' }));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.offenders).toEqual(['loginEmail', 'custodianEmail', 'contactEmail']);
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
