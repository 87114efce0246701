import { SnapshotField } from '../../../integrations/snapshot';
import { RemediationKind } from '../../../integrations/provider';
import { StaffStatus } from '../../people/people.enums';
import { describeEntry, mergeRoster, type RosterEntry } from '../matching/roster';
import { fail, manual, pass, type RuleDefinition } from '../rule';

/**
 * Every admin, registry ∪ platform (roster.ts), is a current district employee (ap8006 "Account Management",
 * "Online Interactions"; ap146 §3.3):
 * - matched staff ACTIVE or ON_LEAVE → fine (on leave is still employed); DEPARTED → DEPARTED;
 * - no staff match but a student's handle (people.studentByHandle on the platform id) → STUDENT;
 * - no match at all (outsider, personal email, unknown platform user) → UNKNOWN;
 * - the registry's service account → fine.
 * A platform admin the registry does not list but who is current staff is fine here (listed as `unregistered`).
 * The PeopleIndex has no student-by-email lookup, so a student's email shows as UNKNOWN (still FAIL).
 * Platform without a roster: the registry alone is judged; any offender there → FAIL, a clean registry → MANUAL.
 */

type Reason = 'DEPARTED' | 'STUDENT' | 'UNKNOWN';

function offence(entry: RosterEntry): Reason | null {
  if (entry.isServiceAccount) return null;
  if (entry.staff) return entry.staff.status === StaffStatus.DEPARTED ? 'DEPARTED' : null;
  return entry.student ? 'STUDENT' : 'UNKNOWN';
}

const isoOrNull = (date: Date | null | undefined): string | null =>
  date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;

export const adminsCurrentStaffOnlyRule: RuleDefinition = {
  id: 'admins.current-staff-only',
  title: 'Only current staff are admins',
  severity: 'critical',
  rationale: 'Students, outsiders and people who left the district must not control a district account.',
  evidence: 'registry',
  snapshotFields: [SnapshotField.ADMINS],
  parameters: [
    {
      name: 'allowPlusAddressing',
      type: 'boolean',
      description: "Treat name+tag@district addresses as the person's own address when matching staff (read by the people index).",
      default: false,
    },
  ],
  remediation: {
    automatic: RemediationKind.REMOVE_ADMIN,
    steps: [
      "Remove each listed person's admin role in the platform's settings.",
      'Remove them from the account roster in Proctor.',
      'If the account uses a shared password, change it and record the rotation.',
    ],
  },
  evaluate(input) {
    const roster = mergeRoster(input);
    const judged = roster.platformRosterVisible ? roster.entries : roster.entries.filter((entry) => entry.registryAdmin);
    const offenders = judged.flatMap((entry) => {
      const reason = offence(entry);
      if (!reason) return [];
      return [
        {
          ...describeEntry(entry),
          reason,
          departedAt: isoOrNull(entry.staff?.departedAt),
          studentId: entry.student?.studentId ?? null,
          platformAdminId: entry.snapshotAdmin?.externalId ?? null,
        },
      ];
    });
    const evidence = {
      platformRosterVisible: roster.platformRosterVisible,
      adminsChecked: judged.length,
      offenders,
      unregistered: roster.entries.filter((entry) => entry.source === 'PLATFORM' && !offence(entry)).map(describeEntry),
    };

    if (offenders.length > 0) {
      const reasons = [...new Set(offenders.map((offender) => offender.reason.toLowerCase()))].join(', ');
      return fail(`${offenders.length} admin(s) are not current staff (${reasons}).`, evidence);
    }
    if (!roster.platformRosterVisible) {
      return manual('The registered admins are current staff, but the platform does not show who really has access.', evidence);
    }
    return pass('Every admin is a current staff member.', evidence);
  },
};
