import { AccountKind } from '../../accounts/account.enums';
import { StaffStatus } from '../../people/people.enums';
import { millis, readable } from '../matching/time';
import { fail, manual, notApplicable, pass, type RuleDefinition, type StaffFacts } from '../rule';

const DAY_MS = 86_400_000;
const DEFAULT_MAX_DAYS = 365;

type Reason = 'NO_ROTATION' | 'ROTATION_OVERDUE' | 'NOT_ROTATED_AFTER_DEPARTURE';
type Via = 'ADMIN' | 'FORMER_ADMIN' | 'CUSTODIAN';
type NotCountedWhy = 'BEFORE_REGISTRATION' | 'NOT_YET_DEPARTED' | 'ROTATED_AFTER_REMOVAL';

interface Departure {
  employeeId: string;
  name: string;
  email: string;
  departedAt: string | null;
  via: Via[];
  /** Only for someone whose access ended (former admin only): when they left the roster. */
  removedAt?: string;
}

interface PersonWithAccess {
  staff: StaffFacts;
  via: Set<Via>;
  /** Latest dated removal from the roster (epoch ms); null while any row says they may still have access. */
  removedMs: number | null;
  stillHasAccess: boolean;
}

/**
 * credentials.rotation (SHARED_LOGIN accounts only): the shared password was rotated within
 * `maxDaysBetweenRotations` of now, and after every departure of a person who had access.
 *
 * - Who had access: the registry roster, current members (account.admins) and removed ones (account.formerAdmins,
 *   the access history: offboarding takes a departing person off the roster, and the password still has to
 *   change after they leave), plus the custodian, matched to staff with people.matchStaff.
 * - Someone whose access ended (only former roster rows, none current, not the custodian) stops knowing the
 *   password at the first rotation strictly after their latest removal: their departure is covered by a rotation
 *   after the departure or after that removal (listed as ROTATED_AFTER_REMOVAL), dated departure or not. A removal
 *   dated after `now` or unreadable has not ended access.
 * - A departure counts when the staff member is DEPARTED with a departedAt strictly after the account's
 *   registeredAt (a departure at the very registration instant does not count) and not after `now` (a future
 *   departure date counts once it has passed). A rotation must be strictly after the departure: a rotation at
 *   the departure instant itself does not cover it.
 * - DEPARTED with no departedAt: cannot be checked; a result that would otherwise PASS answers MANUAL.
 * - Age window inclusive: a rotation exactly maxDays before now passes, one ms older fails. Rotations recorded
 *   after `now` or with unreadable dates are ignored (counted in evidence). Arithmetic in epoch milliseconds.
 */
export const credentialsRotationRule: RuleDefinition = {
  id: 'credentials.rotation',
  title: 'Shared password rotated',
  severity: 'high',
  rationale: 'A shared password must change regularly and whenever someone who knew it leaves the district.',
  evidence: 'registry',
  parameters: [
    {
      name: 'maxDaysBetweenRotations',
      type: 'integer',
      description: 'Days allowed since the last recorded password rotation.',
      default: DEFAULT_MAX_DAYS,
      min: 1,
      max: 3650,
    },
  ],
  remediation: {
    automatic: null,
    steps: [
      "Change the account's password (and its recovery options) on the platform.",
      'Share the new password only with the current registered admins.',
      'Record the rotation in Proctor (recordCredentialRotation).',
    ],
  },
  evaluate(input) {
    const { account } = input;
    if (account.kind !== AccountKind.SHARED_LOGIN) {
      return notApplicable('The account has no shared password.', { kind: account.kind });
    }
    const nowMs = input.now.getTime();
    const daysParameter = input.parameters.maxDaysBetweenRotations;
    const maxDays = typeof daysParameter === 'number' && Number.isFinite(daysParameter) ? Math.max(0, daysParameter) : DEFAULT_MAX_DAYS;
    const recorded = (Array.isArray(account.credentialRotations) ? account.credentialRotations : []).map(millis);
    const usable = recorded.filter(readable).filter((ms) => ms <= nowMs);
    const latest = usable.length > 0 ? Math.max(...usable) : null;
    const registered = millis(account.registeredAt);

    const people = new Map<string, PersonWithAccess>();
    // removedMs: undefined for a current row (access goes on); for a removed row its epoch ms (null or NaN when
    // missing or unreadable, which cannot end access).
    const consider = (staff: StaffFacts | null, via: Via, removedMs?: number | null) => {
      if (!staff || staff.status !== StaffStatus.DEPARTED) return;
      const entry = people.get(staff.employeeId) ?? { staff, via: new Set<Via>(), removedMs: null, stillHasAccess: false };
      entry.via.add(via);
      if (removedMs === undefined || !readable(removedMs) || removedMs > nowMs) entry.stillHasAccess = true;
      else entry.removedMs = Math.max(entry.removedMs ?? removedMs, removedMs);
      people.set(staff.employeeId, entry);
    };
    for (const admin of account.admins ?? []) consider(input.people.matchStaff({ email: admin.email, employeeId: admin.employeeId }), 'ADMIN');
    for (const former of account.formerAdmins ?? []) {
      consider(input.people.matchStaff({ email: former.email, employeeId: former.employeeId }), 'FORMER_ADMIN', millis(former.removedAt));
    }
    if (account.custodianEmail) consider(input.people.matchStaff({ email: account.custodianEmail }), 'CUSTODIAN');

    const departures: Array<Departure & { rotatedAfter: boolean }> = [];
    const notCounted: Array<Departure & { why: NotCountedWhy }> = [];
    const undated: Departure[] = [];
    for (const { staff, via, removedMs, stillHasAccess } of people.values()) {
      const departed = millis(staff.departedAt);
      const accessEnded = !stillHasAccess && removedMs !== null ? removedMs : null;
      const departedAt = readable(departed) ? new Date(departed).toISOString() : null;
      const person: Departure = { employeeId: staff.employeeId, name: staff.name, email: staff.email, departedAt, via: [...via] };
      if (accessEnded !== null) person.removedAt = new Date(accessEnded).toISOString();
      const rotatedSinceRemoval = accessEnded !== null && latest !== null && latest > accessEnded;
      if (!readable(departed)) {
        if (rotatedSinceRemoval) notCounted.push({ ...person, why: 'ROTATED_AFTER_REMOVAL' });
        else undated.push(person);
      } else if (readable(registered) && departed <= registered) notCounted.push({ ...person, why: 'BEFORE_REGISTRATION' });
      else if (departed > nowMs) notCounted.push({ ...person, why: 'NOT_YET_DEPARTED' });
      else if (latest !== null && latest > departed) departures.push({ ...person, rotatedAfter: true });
      else if (rotatedSinceRemoval) notCounted.push({ ...person, why: 'ROTATED_AFTER_REMOVAL' });
      else departures.push({ ...person, rotatedAfter: false });
    }

    const ageMs = latest === null ? null : nowMs - latest;
    const reasons: Reason[] = [];
    if (latest === null) reasons.push('NO_ROTATION');
    else if (ageMs !== null && ageMs > maxDays * DAY_MS) reasons.push('ROTATION_OVERDUE');
    if (latest !== null && departures.some((departure) => !departure.rotatedAfter)) reasons.push('NOT_ROTATED_AFTER_DEPARTURE');
    const evidence = {
      latestRotation: latest === null ? null : new Date(latest).toISOString(),
      daysSinceRotation: ageMs === null ? null : Math.round((ageMs / DAY_MS) * 100) / 100,
      maxDaysBetweenRotations: maxDays,
      rotationsRecorded: recorded.length,
      rotationsIgnored: recorded.length - usable.length,
      registeredAt: readable(registered) ? new Date(registered).toISOString() : null,
      departures,
      departuresNotCounted: notCounted,
      departuresWithoutDate: undated,
      reasons,
    };

    if (reasons.includes('NO_ROTATION')) return fail('No password rotation is recorded for this shared account.', evidence);
    if (reasons.includes('NOT_ROTATED_AFTER_DEPARTURE')) {
      return fail('The shared password was not changed after someone with access left the district.', evidence);
    }
    if (reasons.includes('ROTATION_OVERDUE')) return fail('The shared password has not been changed for too long.', evidence);
    if (undated.length > 0) {
      return manual('Someone with access has left but the departure date is unknown; confirm the password was changed since.', evidence);
    }
    return pass('The shared password was changed recently and after every departure.', evidence);
  },
};
