import { SnapshotField } from '../../../integrations/snapshot';
import { AccountScope } from '../../accounts/account.enums';
import { StaffStatus } from '../../people/people.enums';
import { fail, manual, pass, type RuleDefinition, type RuleInput, type RuleOutcome } from '../rule';

/**
 * network.no-student-follows (rules.md; hdsb §2, §3; ap146 §3.5): the account follows no current student.
 *
 * Each followed account's handle (without '@', lower case) is looked up in the student roster. A followed
 * account the platform reports without a handle cannot be checked: when nothing else fails, the result is
 * MANUAL (never PASS on partial evidence), listing those accounts' platform ids.
 *
 * The ap146 §3.5 exception (parameter `allowWithSecondStaffAdmin`): a CLASSROOM or CLUB account may follow
 * students of its own school when at least two distinct ACTIVE staff members administer it. Admins are counted
 * from the registry roster only (input.account.admins, service accounts excluded, each matched with
 * people.matchStaff; ON_LEAVE and DEPARTED do not count, one staff member counts once). Admins seen only on
 * the platform are not counted: that can only withhold the exception, never grant it wrongly. Students of
 * another school are never covered by the exception.
 */

const EXCEPTION_SCOPES: ReadonlySet<AccountScope> = new Set([AccountScope.CLASSROOM, AccountScope.CLUB]);
const MINIMUM_STAFF_ADMINS = 2;

interface FollowedStudent {
  followId: string;
  handle: string;
  studentId: string;
  schoolId: string;
}

function handleKey(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const key = value.trim().replace(/^@+/, '').toLowerCase();
  return key.length > 0 ? key : null;
}

/** Distinct ACTIVE staff members among the registry admins (service accounts excluded). */
function activeStaffAdmins(input: RuleInput): Array<{ employeeId: string; email: string }> {
  const found = new Map<string, { employeeId: string; email: string }>();
  for (const admin of Array.isArray(input.account.admins) ? input.account.admins : []) {
    if (!admin || admin.isServiceAccount) continue;
    const member = input.people.matchStaff({ email: admin.email, employeeId: admin.employeeId });
    if (member && member.status === StaffStatus.ACTIVE) found.set(member.employeeId, { employeeId: member.employeeId, email: member.email });
  }
  return [...found.values()];
}

export const networkNoStudentFollowsRule: RuleDefinition = {
  id: 'network.no-student-follows',
  title: 'The account follows no students',
  severity: 'critical',
  rationale:
    'Staff accounts do not follow or friend students’ personal accounts, except within a course or club with a second staff admin (hdsb §2, ap146 §3.5).',
  evidence: 'snapshot',
  parameters: [
    {
      name: 'allowWithSecondStaffAdmin',
      type: 'boolean',
      description:
        'Classroom and club accounts may follow students of their own school when at least two active staff members administer them (ap146 §3.5).',
      default: false,
    },
  ],
  remediation: {
    automatic: null,
    steps: [
      'Sign in to the account and unfollow each listed student account.',
      'If the follow is part of a course or club (ap146 §3.5), register a second staff admin and ask the district to allow it, or request an exception.',
    ],
  },
  evaluate(input: RuleInput): RuleOutcome {
    const data = input.snapshot?.data;
    if (!data || data.unavailable.includes(SnapshotField.FOLLOWING) || !Array.isArray(data.following)) {
      return manual('The platform does not show whom this account follows: confirm by hand that it follows no student.', {
        followingAvailable: false,
      });
    }
    const platform = data.platform ?? input.account.platform;
    const students: FollowedStudent[] = [];
    const unchecked: string[] = [];
    const seen = new Set<string>();
    for (const follow of data.following) {
      if (!follow || typeof follow !== 'object') continue;
      const handle = handleKey(follow.handle);
      if (handle === null) {
        unchecked.push(String(follow.externalId));
        continue;
      }
      if (seen.has(handle)) continue;
      seen.add(handle);
      const student = input.people.studentByHandle(platform, handle);
      if (student) students.push({ followId: String(follow.externalId), handle, studentId: student.studentId, schoolId: student.schoolId });
    }

    const exceptionEnabled = input.parameters.allowWithSecondStaffAdmin === true;
    const scopeQualifies = EXCEPTION_SCOPES.has(input.account.scope);
    const staffAdmins = exceptionEnabled && scopeQualifies && students.length > 0 ? activeStaffAdmins(input) : null;
    const exceptionApplies = staffAdmins !== null && staffAdmins.length >= MINIMUM_STAFF_ADMINS && input.school !== null;
    const schoolId = input.school?.id ?? null;
    const allowed = exceptionApplies ? students.filter((student) => student.schoolId === schoolId) : [];
    const offenders = exceptionApplies ? students.filter((student) => student.schoolId !== schoolId) : students;

    const evidence: Record<string, unknown> = {
      followingCount: data.following.length,
      followedStudents: offenders,
      allowedUnderException: allowed,
      uncheckedFollows: unchecked,
      exception: {
        enabled: exceptionEnabled,
        scope: input.account.scope,
        scopeQualifies,
        schoolId,
        activeStaffAdmins: staffAdmins,
        applies: exceptionApplies,
      },
    };
    if (offenders.length > 0) {
      return fail(`The account follows ${offenders.length} student account${offenders.length === 1 ? '' : 's'}.`, evidence);
    }
    if (unchecked.length > 0) {
      return manual(`${unchecked.length} followed account${unchecked.length === 1 ? ' has' : 's have'} no handle to check: review them by hand.`, evidence);
    }
    if (allowed.length > 0) {
      return pass('The account follows students of its school only, as a course or club with two staff admins may.', evidence);
    }
    return pass('The account follows no student.', evidence);
  },
};
