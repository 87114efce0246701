import { RemediationKind } from '../../integrations/provider';
import { SnapshotField, type AccountSnapshot } from '../../integrations/snapshot';
import { AccountKind, Platform } from '../accounts/account.enums';
import type { AccountAdmin } from '../accounts/account-admin.entity';
import type { SocialAccount } from '../accounts/social-account.entity';
import type { RemediationOperation } from '../remediation/remediation-action.entity';
import { RemediationActionKind, RemediationStatus } from '../remediation/remediation.enums';

const CURRENT_STAFF_RULE = 'admins.current-staff-only';
/** A connection made with the leaver's own platform login stops working with their role: someone else connects it again. */
const RECONNECT_STEP = "If the account was connected to Proctor with this person's own login, connect it again as another current admin (startConnection).";
const ROTATION_RULE = 'credentials.rotation';

export interface DepartingPerson {
  employeeId: string;
  name: string;
  email: string;
}

export interface AccountAccess {
  account: SocialAccount;
  /** The person's rows on the account's registry roster (not yet removed). */
  registryRows: AccountAdmin[];
  snapshot: AccountSnapshot | null;
  /** The connector's remediations for the platform, and whether the account is connected. */
  remediations: readonly RemediationKind[];
  connected: boolean;
}

/** One action the offboarding records for one account. */
export interface PlannedAction {
  accountId: string;
  kind: RemediationActionKind;
  status: RemediationStatus;
  ruleId: string | null;
  operations: RemediationOperation[];
  steps: string[];
  reason: string;
}

const platformIdsOf = (person: DepartingPerson, access: AccountAccess): string[] => {
  const ids = new Set(access.registryRows.map((row) => row.platformUserId).filter((id): id is string => !!id));
  // The platform's roster may show the person's email (LinkedIn and Facebook mostly do not): match on it too.
  for (const admin of access.snapshot?.admins ?? []) {
    if (admin.email && admin.email.trim().toLowerCase() === person.email) ids.add(admin.externalId);
  }
  // Where the platform shows its roster, only ids still on it need removing (a replayed departure, or one the
  // platform already dropped); where it does not, every known id is tried and "not there" counts as done.
  const shown = access.snapshot?.admins ?? null;
  if (shown === null || access.snapshot?.unavailable.includes(SnapshotField.ADMINS)) return [...ids];
  const onPlatform = new Set(shown.map((admin) => admin.externalId));
  return [...ids].filter((id) => onPlatform.has(id));
};

/** Facebook's /roles people sit outside the business: Graph removes business users only (platforms.md §1.3). */
const isPersonalPageRole = (access: AccountAccess, id: string) =>
  access.account.platform === Platform.FACEBOOK && (access.snapshot?.admins ?? []).some((admin) => admin.externalId === id && admin.source === 'roles');

const rosterShown = (access: AccountAccess) => Boolean(access.snapshot?.admins) && !access.snapshot?.unavailable.includes(SnapshotField.ADMINS);

/**
 * What leaving means for each account the person could reach (design.md "HR system"): off the registry
 * roster at once (Proctor's own record); off the platform's roster through its API where the platform allows
 * it and we know the person's platform id, else a manual step; a shared password they knew flagged for
 * rotation; an individual account they held disabled or handed over by a person. Pure: the service loads
 * the facts and writes the result.
 */
export function planOffboarding(person: DepartingPerson, accesses: AccountAccess[]): PlannedAction[] {
  const planned: PlannedAction[] = [];
  const who = `${person.name} (${person.employeeId})`;
  for (const access of accesses) {
    const { account } = access;
    const onRoster = access.registryRows.length > 0;
    const isCustodian = account.custodianEmail.trim().toLowerCase() === person.email;
    const action = (draft: Omit<PlannedAction, 'accountId'>) => planned.push({ accountId: account.id, ...draft });

    if (onRoster) {
      action({
        kind: RemediationActionKind.REMOVE_FROM_REGISTRY,
        status: RemediationStatus.APPLIED,
        ruleId: CURRENT_STAFF_RULE,
        operations: [],
        steps: [],
        reason: `${who} left the district: removed from the account's registered roster.`,
      });
      const platformIds = platformIdsOf(person, access);
      const knownAndGone = rosterShown(access) && platformIds.length === 0 && access.registryRows.some((row) => row.platformUserId);
      // A shared login is a password to change; an individual account's holder leaving is a decision (hand it
      // over or retire it): both are tasks below. Page roles are what a platform's API can take away.
      if (account.kind === AccountKind.PLATFORM_ROLES && !knownAndGone) {
        const capable = access.connected && access.remediations.includes(RemediationKind.REMOVE_ADMIN);
        const personalRoles = platformIds.filter((id) => isPersonalPageRole(access, id));
        const removable = capable ? platformIds.filter((id) => !personalRoles.includes(id)) : [];
        if (removable.length > 0) {
          action({
            kind: RemediationActionKind.REMOVE_ADMIN,
            status: RemediationStatus.REQUESTED,
            ruleId: CURRENT_STAFF_RULE,
            operations: removable.map((userId) => ({
              kind: RemediationKind.REMOVE_ADMIN,
              params: { userId },
              target: `admin ${person.name} (${userId})`,
              status: 'PENDING' as const,
            })),
            steps: [`If the platform keeps refusing, remove ${person.name}'s role in the account's settings by hand.`, RECONNECT_STEP],
            reason: `${who} left the district: their role on the platform goes.`,
          });
        }
        if (removable.length === 0 || personalRoles.length > 0) {
          const why = !access.connected
            ? 'Proctor cannot do it: the account is not connected.'
            : !access.remediations.includes(RemediationKind.REMOVE_ADMIN)
              ? "Proctor cannot do it: the platform's API does not manage this account's roles."
              : personalRoles.length > 0
                ? "Proctor cannot do it: the role is a personal Page role outside the business, which Facebook's API cannot remove."
                : "Proctor cannot do it: the person's id on the platform is not on record.";
          action({
            kind: RemediationActionKind.REMOVE_ADMIN,
            status: RemediationStatus.MANUAL,
            ruleId: CURRENT_STAFF_RULE,
            operations: [],
            steps: [`Open the account's settings on ${account.platform} and remove ${person.name}'s role.`, why, ...(access.connected ? [RECONNECT_STEP] : [])],
            reason: `${who} left the district: their role on the platform must be removed by hand.`,
          });
        }
      }
    }
    if (account.kind === AccountKind.SHARED_LOGIN && (onRoster || isCustodian)) {
      action({
        kind: RemediationActionKind.ROTATE_PASSWORD,
        status: RemediationStatus.MANUAL,
        ruleId: ROTATION_RULE,
        operations: [],
        steps: [
          "Change the account's password and its recovery email and phone on the platform.",
          'Share the new password only with the current registered admins.',
          'Record the rotation in Proctor (recordCredentialRotation).',
        ],
        reason: `${who} knew the shared password and left the district.`,
      });
    }
    if (account.kind === AccountKind.INDIVIDUAL && (onRoster || isCustodian)) {
      action({
        kind: RemediationActionKind.DISABLE_OR_REASSIGN_ACCOUNT,
        status: RemediationStatus.MANUAL,
        ruleId: null,
        operations: [],
        steps: [
          `Decide with ${person.name}'s supervisor whether the account continues.`,
          "If it continues: change its login email and password, and register the new holder as custodian and admin.",
          'If it does not: deactivate or delete it on the platform, then retire it in Proctor.',
        ],
        reason: `${who} held this individual account and left the district.`,
      });
    } else if (isCustodian && account.kind !== AccountKind.INDIVIDUAL) {
      action({
        kind: RemediationActionKind.DISABLE_OR_REASSIGN_ACCOUNT,
        status: RemediationStatus.MANUAL,
        ruleId: null,
        operations: [],
        steps: ['Name a new custodian for the account (a current staff member) and update its registration.'],
        reason: `${who} was the account's custodian and left the district.`,
      });
    }
  }
  return planned;
}
