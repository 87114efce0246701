import { SnapshotField } from '../../../integrations/snapshot';
import { StaffStatus } from '../../people/people.enums';
import { describeEntry, mergeRoster, type RosterEntry } from '../matching/roster';
import { fail, manual, pass, type RuleDefinition } from '../rule';

/**
 * At least N distinct ACTIVE staff members hold access (ap146 §3.3, ap8006 "Online Interactions").
 * - ON_LEAVE staff do not count: a person on leave is not there to supervise the account.
 * - Service accounts never count (ap8006: "two staff members ... in addition to the ITS account").
 * - Where the platform shows its roster, only people it shows count: someone on the registry but absent from
 *   the platform holds no access (reported as `registeredNotOnPlatform`). Any platform role counts as access.
 * - Where it cannot (X, YouTube, Instagram), the answer is MANUAL with the registry's count as evidence, even
 *   when that count is short: the roster rules answer MANUAL until attested there (design.md).
 */

function distinctActiveStaff(entries: RosterEntry[]): RosterEntry[] {
  const seen = new Map<string, RosterEntry>();
  for (const entry of entries) {
    if (entry.isServiceAccount || !entry.staff || entry.staff.status !== StaffStatus.ACTIVE) continue;
    if (!seen.has(entry.staff.employeeId)) seen.set(entry.staff.employeeId, entry);
  }
  return [...seen.values()];
}

const staffEvidence = (entry: RosterEntry) => ({
  employeeId: entry.staff?.employeeId ?? null,
  name: entry.staff?.name ?? entry.name,
  email: entry.staff?.email ?? entry.email,
  source: entry.source,
  fullControl: entry.fullControl,
});

export const adminsMinimumStaffRule: RuleDefinition = {
  id: 'admins.minimum-staff',
  title: 'At least two staff admins',
  severity: 'high',
  rationale: 'A second staff member with admin access keeps the account supervised and recoverable.',
  evidence: 'registry',
  snapshotFields: [SnapshotField.ADMINS],
  parameters: [
    {
      name: 'minimumStaffAdmins',
      type: 'integer',
      description: 'How many distinct active staff members must hold admin access (service accounts excluded).',
      default: 2,
      min: 1,
      max: 20,
    },
  ],
  remediation: {
    automatic: null,
    steps: [
      'Choose a second active staff member (e.g. the principal or a colleague) to co-manage the account.',
      "Give them an admin role in the platform's settings.",
      'Add them to the account roster in Proctor.',
    ],
  },
  evaluate(input) {
    const configured = input.parameters.minimumStaffAdmins;
    const minimum = typeof configured === 'number' ? configured : 2;
    const roster = mergeRoster(input);

    const registryEntries = roster.entries.filter((entry) => entry.registryAdmin);
    const registryStaff = distinctActiveStaff(registryEntries);
    if (!roster.platformRosterVisible) {
      return manual('The platform does not show who manages this account; confirm that enough staff have access.', {
        platformRosterVisible: false,
        minimumStaffAdmins: minimum,
        registryActiveStaffCount: registryStaff.length,
        registryActiveStaff: registryStaff.map(staffEvidence),
        registryShortfall: registryStaff.length < minimum,
      });
    }

    const onPlatform = roster.entries.filter((entry) => entry.snapshotAdmin);
    const counted = distinctActiveStaff(onPlatform);
    const notCounted = onPlatform
      .filter((entry) => !counted.includes(entry))
      .map((entry) => ({ ...describeEntry(entry), reason: notCountedReason(entry) }));
    const evidence = {
      platformRosterVisible: true,
      minimumStaffAdmins: minimum,
      activeStaffCount: counted.length,
      activeStaff: counted.map(staffEvidence),
      notCounted,
      registeredNotOnPlatform: roster.entries.filter((entry) => entry.source === 'REGISTRY').map(describeEntry),
    };
    if (counted.length >= minimum) {
      return pass(`${counted.length} active staff members manage this account.`, evidence);
    }
    return fail(`Only ${counted.length} active staff member(s) manage this account; at least ${minimum} are required.`, evidence);
  },
};

function notCountedReason(entry: RosterEntry): string {
  if (entry.isServiceAccount) return 'SERVICE_ACCOUNT';
  if (!entry.staff) return entry.student ? 'STUDENT' : 'NOT_STAFF';
  if (entry.staff.status !== StaffStatus.ACTIVE) return entry.staff.status;
  return 'DUPLICATE';
}
