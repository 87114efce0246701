import { AccountScope } from '../../accounts/account.enums';
import { ALL_ROLES } from '../../auth/api-role';
import { millis } from '../matching/time';
import { fail, manual, notApplicable, pass, type RuleDefinition, type RuleInput } from '../rule';

const DAY_MS = 86_400_000;
const DEFAULT_APPROVING_ROLES = ['DISTRICT_ADMIN', 'PRINCIPAL'];
const DEFAULT_SCOPES = ['DISTRICT', 'SCHOOL', 'DEPARTMENT', 'CLASSROOM', 'CLUB'];
const DEFAULT_GRACE_DAYS = 7;

type Reason = 'NOT_APPROVED' | 'ROLE_NOT_ALLOWED' | 'APPROVED_LATE';

function stringList(input: RuleInput, name: string, fallback: string[]): string[] {
  const value = input.parameters[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : fallback;
}

function wholeDays(input: RuleInput, name: string, fallback: number): number {
  const value = input.parameters[name];
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : fallback;
}

const iso = (ms: number | null): string | null => (ms === null || Number.isNaN(ms) ? null : new Date(ms).toISOString());

/**
 * account.approved: the account was approved by a person with an approving role before it went live.
 *
 * "Went live" is the later of the registration and the platform's creation date (when known), so an account
 * registered ahead of its creation may be approved until it is created. Approval happens in Proctor after
 * registration, so `approvalGraceDays` (default 7) are allowed after that moment. The deadline is inclusive:
 * approvedAt == wentLiveAt + grace passes, one millisecond later fails. Arithmetic is in epoch milliseconds
 * (a day is 86 400 000 ms), so the verdict never depends on the server's time zone or DST.
 */
export const accountApprovedRule: RuleDefinition = {
  id: 'account.approved',
  title: 'Account approved before it went live',
  severity: 'high',
  rationale: 'District procedures require a principal or district administrator to approve an account before it is used.',
  evidence: 'registry',
  parameters: [
    {
      name: 'approvingRoles',
      type: 'string[]',
      description: 'Roles whose approval counts.',
      default: DEFAULT_APPROVING_ROLES,
      allowed: ALL_ROLES,
    },
    {
      name: 'scopesRequiringApproval',
      type: 'string[]',
      description: 'Account scopes that need an approval; other scopes are not applicable.',
      default: DEFAULT_SCOPES,
      allowed: Object.values(AccountScope),
    },
    {
      name: 'approvalGraceDays',
      type: 'integer',
      description: 'Days after the account went live (registration or platform creation, the later) within which the approval still counts.',
      default: DEFAULT_GRACE_DAYS,
      min: 0,
      max: 365,
    },
  ],
  remediation: {
    automatic: null,
    steps: [
      'Ask the principal (or a district administrator) to review the account in Proctor.',
      'They approve it in Proctor; if it should not exist, retire it and close it on the platform.',
    ],
  },
  evaluate(input) {
    const { account } = input;
    const scopes = stringList(input, 'scopesRequiringApproval', DEFAULT_SCOPES);
    if (!scopes.includes(account.scope)) {
      return notApplicable('This kind of account does not need an approval under the district profile.', {
        scope: account.scope,
        scopesRequiringApproval: scopes,
      });
    }
    const approvingRoles = stringList(input, 'approvingRoles', DEFAULT_APPROVING_ROLES);
    const graceDays = wholeDays(input, 'approvalGraceDays', DEFAULT_GRACE_DAYS);
    const registered = millis(account.registeredAt);
    const created = millis(account.platformCreatedAt);
    const approved = millis(account.approvedAt);
    const known = [registered, created].filter((ms): ms is number => ms !== null && !Number.isNaN(ms));
    const wentLive = known.length > 0 ? Math.max(...known) : null;
    const deadline = wentLive === null ? null : wentLive + graceDays * DAY_MS;
    const evidence = {
      scope: account.scope,
      status: account.status,
      approvedAt: iso(approved),
      approverRole: account.approverRole,
      approvingRoles,
      registeredAt: iso(registered),
      platformCreatedAt: iso(created),
      wentLiveAt: iso(wentLive),
      approvalGraceDays: graceDays,
      approvalDeadline: iso(deadline),
    };

    if (approved === null) {
      return fail('The account has not been approved.', { ...evidence, reasons: ['NOT_APPROVED'] satisfies Reason[] });
    }
    if (Number.isNaN(approved) || deadline === null) {
      return manual('The approval or registration date cannot be read; check the approval by hand.', evidence);
    }
    const reasons: Reason[] = [];
    const role = account.approverRole?.trim().toUpperCase() ?? '';
    if (!approvingRoles.some((allowed) => allowed.trim().toUpperCase() === role)) reasons.push('ROLE_NOT_ALLOWED');
    if (approved > deadline) reasons.push('APPROVED_LATE');
    if (reasons.length === 0) return pass('The account was approved in time by someone allowed to approve it.', { ...evidence, reasons });
    const message = reasons.includes('ROLE_NOT_ALLOWED')
      ? 'The account was approved by someone whose role may not approve accounts.'
      : 'The account was approved only after it went live.';
    return fail(message, { ...evidence, reasons });
  },
};
