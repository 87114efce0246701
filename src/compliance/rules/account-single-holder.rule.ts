import { AccountKind } from '../../accounts/account.enums';
import { SnapshotField, type SnapshotAdmin } from '../../../integrations/snapshot';
import { fail, notApplicable, pass, type RegistryAdmin, type RuleDefinition, type RuleInput } from '../rule';

type Reason = 'REGISTRY_HOLDER_COUNT' | 'PLATFORM_HOLDER_COUNT' | 'HOLDER_MISMATCH';

const lower = (text: string | null | undefined): string | null => {
  const trimmed = typeof text === 'string' ? text.trim().toLowerCase() : '';
  return trimmed === '' ? null : trimmed;
};

/** One key per person: the matched staff member, else email, else platform id, else name, else the row. */
function personKey(input: RuleInput, admin: RegistryAdmin, row: number): string {
  const staff = input.people.matchStaff({ email: admin.email, employeeId: admin.employeeId });
  if (staff) return `staff:${staff.employeeId}`;
  const email = lower(admin.email);
  if (email) return `email:${email}`;
  if (admin.platformUserId) return `platform:${admin.platformUserId}`;
  const name = lower(admin.name);
  return name ? `name:${name}` : `row:${row}`;
}

/** The registry row a snapshot admin is, by platform user id then email. */
function registryRowOf(admins: RegistryAdmin[], shown: SnapshotAdmin): RegistryAdmin | null {
  const email = lower(shown.email);
  return (
    admins.find((admin) => admin.platformUserId !== null && admin.platformUserId === shown.externalId) ??
    (email ? admins.find((admin) => lower(admin.email) === email) : undefined) ??
    null
  );
}

/**
 * account.single-holder (INDIVIDUAL accounts only; other kinds NOT_APPLICABLE): exactly one person holds the
 * account. Service accounts (isServiceAccount) do not count as holders.
 *
 * - Registry: exactly one distinct non-service admin (duplicates of one person, e.g. same staff member twice,
 *   count once).
 * - Platform: when the snapshot shows a roster (ADMINS available and non-null), exactly one distinct non-service
 *   entry there too; a snapshot admin is a service account when it matches (platform user id, then email) a
 *   registry row flagged isServiceAccount. Every role counts, full control or not.
 * - When both sides show one holder and they can be compared (the registry row's platformUserId, else both
 *   emails) and differ, it fails: the account is held by someone other than the registered person.
 * - No roster on the platform: judged on the registry alone (this is a registry rule).
 */
export const accountSingleHolderRule: RuleDefinition = {
  id: 'account.single-holder',
  title: 'Individual account has one holder',
  severity: 'medium',
  rationale: 'An account registered as individual must be held by exactly one person, who answers for it.',
  evidence: 'registry',
  snapshotFields: [SnapshotField.ADMINS],
  parameters: [],
  remediation: {
    automatic: null,
    steps: [
      'Remove everyone but the registered holder from the account (and from its Proctor registration).',
      'If several people need access, re-register it as a shared login or a platform-roles account.',
    ],
  },
  evaluate(input) {
    const { account } = input;
    if (account.kind !== AccountKind.INDIVIDUAL) {
      return notApplicable('The account is not registered as individual.', { kind: account.kind });
    }
    const admins = account.admins ?? [];
    const holders = new Map<string, RegistryAdmin>();
    admins.forEach((admin, row) => {
      if (admin.isServiceAccount) return;
      const key = personKey(input, admin, row);
      if (!holders.has(key)) holders.set(key, admin);
    });
    const registryHolders = [...holders.values()];

    const data = input.snapshot?.data ?? null;
    const rosterShown = data !== null && data.admins !== null && !data.unavailable.includes(SnapshotField.ADMINS);
    const platformHolders: SnapshotAdmin[] = [];
    if (rosterShown) {
      const seen = new Set<string>();
      for (const shown of data.admins ?? []) {
        if (seen.has(shown.externalId) || registryRowOf(admins, shown)?.isServiceAccount) continue;
        seen.add(shown.externalId);
        platformHolders.push(shown);
      }
    }

    const reasons: Reason[] = [];
    if (registryHolders.length !== 1) reasons.push('REGISTRY_HOLDER_COUNT');
    if (rosterShown && platformHolders.length !== 1) reasons.push('PLATFORM_HOLDER_COUNT');
    if (registryHolders.length === 1 && platformHolders.length === 1 && differ(registryHolders[0], platformHolders[0])) {
      reasons.push('HOLDER_MISMATCH');
    }
    const evidence = {
      registryHolderCount: registryHolders.length,
      registryHolders: registryHolders.map(({ email, name, employeeId, platformUserId }) => ({ email, name, employeeId, platformUserId })),
      platformRosterShown: rosterShown,
      platformHolderCount: rosterShown ? platformHolders.length : null,
      platformHolders: rosterShown ? platformHolders.map(({ externalId, name, email }) => ({ externalId, name, email })) : null,
      reasons,
    };
    if (reasons.length === 0) return pass('The individual account has exactly one holder.', evidence);
    if (reasons.includes('HOLDER_MISMATCH')) return fail('The account is held on the platform by someone other than the registered person.', evidence);
    return fail('An individual account must have exactly one holder.', evidence);
  },
};

function differ(registered: RegistryAdmin, shown: SnapshotAdmin): boolean {
  if (registered.platformUserId) return registered.platformUserId !== shown.externalId;
  const registeredEmail = lower(registered.email);
  const shownEmail = lower(shown.email);
  return registeredEmail !== null && shownEmail !== null && registeredEmail !== shownEmail;
}
