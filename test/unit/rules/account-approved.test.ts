import { AccountScope, AccountStatus } from '../../../src/accounts/account.enums';
import { accountApprovedRule as rule } from '../../../src/compliance/rules/account-approved.rule';
import { account, ruleInput } from '../../support/rule-fixtures';

const DAY_MS = 86_400_000;
const REGISTERED = new Date('2026-01-10T00:00:00Z');
const at = (ms: number) => new Date(ms);

describe('account.approved', () => {
  it('declares its parameters exactly as catalogued', () => {
    expect(rule.id).toBe('account.approved');
    expect(rule.evidence).toBe('registry');
    expect(rule.severity).toBe('high');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([
      ['approvingRoles', 'string[]', ['DISTRICT_ADMIN', 'PRINCIPAL']],
      ['scopesRequiringApproval', 'string[]', ['DISTRICT', 'SCHOOL', 'DEPARTMENT', 'CLASSROOM', 'CLUB']],
      ['approvalGraceDays', 'integer', 7],
    ]);
    expect(rule.remediation.automatic).toBeNull();
    expect(rule.remediation.steps.length).toBeGreaterThan(0);
  });

  it('passes when a principal approved the day after registration', () => {
    const outcome = rule.evaluate(ruleInput(rule));
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({
      approvedAt: '2026-01-11T00:00:00.000Z',
      approverRole: 'PRINCIPAL',
      wentLiveAt: '2026-01-10T00:00:00.000Z',
      approvalDeadline: '2026-01-17T00:00:00.000Z',
      reasons: [],
    });
  });

  it('works without a snapshot (registry rule)', () => {
    expect(rule.evaluate(ruleInput(rule, { snapshot: null })).status).toBe('PASS');
  });

  it('fails when never approved', () => {
    const outcome = rule.evaluate(
      ruleInput(rule, { account: account({ approvedAt: null, approverRole: null, status: AccountStatus.PENDING_APPROVAL }) }),
    );
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ reasons: ['NOT_APPROVED'], approvedAt: null, status: 'PENDING_APPROVAL' });
  });

  it('fails when approved by a role that may not approve, or by an unknown role', () => {
    const viewer = rule.evaluate(ruleInput(rule, { account: account({ approverRole: 'VIEWER' }) }));
    expect(viewer.status).toBe('FAIL');
    expect(viewer.evidence.reasons).toEqual(['ROLE_NOT_ALLOWED']);
    const missing = rule.evaluate(ruleInput(rule, { account: account({ approverRole: null }) }));
    expect(missing.status).toBe('FAIL');
    expect(missing.evidence.reasons).toEqual(['ROLE_NOT_ALLOWED']);
  });

  it('compares roles case- and whitespace-insensitively', () => {
    expect(rule.evaluate(ruleInput(rule, { account: account({ approverRole: ' principal ' }) })).status).toBe('PASS');
  });

  it('an empty approvingRoles list lets no approval count', () => {
    expect(rule.evaluate(ruleInput(rule, { parameters: { approvingRoles: [] } })).evidence.reasons).toEqual(['ROLE_NOT_ALLOWED']);
  });

  it('honours a narrower approvingRoles list', () => {
    const outcome = rule.evaluate(ruleInput(rule, { parameters: { approvingRoles: ['DISTRICT_ADMIN'] } }));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.reasons).toEqual(['ROLE_NOT_ALLOWED']);
  });

  it('deadline is inclusive: exactly registration + 7 days passes, one millisecond later fails', () => {
    const deadline = REGISTERED.getTime() + 7 * DAY_MS;
    expect(rule.evaluate(ruleInput(rule, { account: account({ approvedAt: at(deadline) }) })).status).toBe('PASS');
    const late = rule.evaluate(ruleInput(rule, { account: account({ approvedAt: at(deadline + 1) }) }));
    expect(late.status).toBe('FAIL');
    expect(late.evidence.reasons).toEqual(['APPROVED_LATE']);
  });

  it('reports every reason when approved late by a role that may not approve', () => {
    const outcome = rule.evaluate(ruleInput(rule, { account: account({ approverRole: 'VIEWER', approvedAt: new Date('2026-03-01T00:00:00Z') }) }));
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.reasons).toEqual(['ROLE_NOT_ALLOWED', 'APPROVED_LATE']);
  });

  it('approval before registration passes (approved in advance)', () => {
    expect(rule.evaluate(ruleInput(rule, { account: account({ approvedAt: new Date('2025-12-01T00:00:00Z') }) })).status).toBe('PASS');
  });

  it('a grace of 0 days allows approval only up to the go-live instant itself', () => {
    const input = (approvedAt: Date) => ruleInput(rule, { account: account({ approvedAt }), parameters: { approvalGraceDays: 0 } });
    expect(rule.evaluate(input(REGISTERED)).status).toBe('PASS');
    expect(rule.evaluate(input(at(REGISTERED.getTime() + 1))).status).toBe('FAIL');
  });

  it('goes live at the platform creation date when that is later than the registration', () => {
    const outcome = rule.evaluate(
      ruleInput(rule, {
        account: account({ platformCreatedAt: new Date('2026-02-01T00:00:00Z'), approvedAt: new Date('2026-02-05T00:00:00Z') }),
      }),
    );
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ wentLiveAt: '2026-02-01T00:00:00.000Z', approvalDeadline: '2026-02-08T00:00:00.000Z' });
  });

  it('an older platform creation date does not move the deadline earlier than registration + grace', () => {
    const outcome = rule.evaluate(
      ruleInput(rule, { account: account({ platformCreatedAt: new Date('2020-05-01T00:00:00Z'), approvedAt: new Date('2026-01-15T00:00:00Z') }) }),
    );
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence.wentLiveAt).toBe('2026-01-10T00:00:00.000Z');
  });

  it('day arithmetic ignores daylight-saving shifts (a day is 86 400 000 ms in UTC)', () => {
    // Registered just before the North American spring-forward; the deadline is exactly 7 × 24 h later.
    const registeredAt = new Date('2026-03-07T12:00:00Z');
    const outcome = rule.evaluate(ruleInput(rule, { account: account({ registeredAt, approvedAt: new Date('2026-03-14T12:00:00Z') }) }));
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence.approvalDeadline).toBe('2026-03-14T12:00:00.000Z');
  });

  it('is not applicable to scopes the profile does not require approval for', () => {
    const outcome = rule.evaluate(
      ruleInput(rule, {
        account: account({ scope: AccountScope.CLASSROOM, approvedAt: null }),
        parameters: { scopesRequiringApproval: ['DISTRICT', 'SCHOOL', 'DEPARTMENT'] },
      }),
    );
    expect(outcome.status).toBe('NOT_APPLICABLE');
    expect(outcome.evidence).toMatchObject({ scope: 'CLASSROOM' });
  });

  it('answers MANUAL on unreadable dates instead of throwing', () => {
    const badApproval = rule.evaluate(ruleInput(rule, { account: account({ approvedAt: new Date('not a date') }) }));
    expect(badApproval.status).toBe('MANUAL');
    const badRegistration = rule.evaluate(ruleInput(rule, { account: account({ registeredAt: new Date('nope'), platformCreatedAt: null }) }));
    expect(badRegistration.status).toBe('MANUAL');
    expect(badRegistration.evidence.wentLiveAt).toBeNull();
  });

  it('falls back to the platform creation date when the registration date is unreadable', () => {
    const outcome = rule.evaluate(
      ruleInput(rule, { account: account({ registeredAt: new Date('nope'), platformCreatedAt: new Date('2026-01-10T00:00:00Z') }) }),
    );
    expect(outcome.status).toBe('PASS');
  });

  it('evidence is JSON-serialisable', () => {
    const outcome = rule.evaluate(ruleInput(rule));
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
