import { newId } from '../db/ids';
import { StaffStatus } from '../people/people.enums';
import type { Staff } from '../people/staff.entity';
import { indexBy, keyIsFree, matchRecords } from './oneroster-matching';
import type { ProblemList } from './oneroster.errors';
import { RosterProblemCode, type StaffRecord } from './oneroster.types';

export const STAFF_FIELDS = ['employeeId', 'name', 'email', 'schoolId', 'role', 'status', 'departedAt', 'givenName', 'familyName', 'sourcedId'] as const;
export type StaffFields = Pick<Staff, (typeof STAFF_FIELDS)[number]>;

export interface StaffChange {
  id: string;
  next: StaffFields;
  before: Staff | null;
}

export interface StaffPlan {
  changes: StaffChange[];
  created: number;
  updated: number;
  unchanged: number;
  /** Active staff this import departs. */
  removals: number;
  /** Active staff the import governs (imported before, or matched now): the guard's base. */
  governedActive: number;
}

export interface PlanOptions {
  bulk: boolean;
  now: Date;
  incomingSourcedIds: Set<string>;
  /** sourcedIds the import now says are students: their staff records (if any) depart. */
  otherKindSourcedIds: Set<string>;
}

/**
 * Staff records to write. Matching: sourcedId, else employeeId, else email (adopting HR-feed records).
 * ON_LEAVE set by HR survives an import that says the person is active; a departure keeps its first date.
 */
export function planStaff(records: StaffRecord[], existing: Staff[], options: PlanOptions, problems: ProblemList): StaffPlan {
  const byEmployeeId = indexBy(existing, (staff) => staff.employeeId);
  const byEmail = indexBy(existing, (staff) => staff.email);
  const { matchOf, taken } = matchRecords(records, existing, [(row) => byEmployeeId.get(row.employeeId), (row) => byEmail.get(row.email)], options);

  const changes: StaffChange[] = [];
  let unchanged = 0;
  for (const record of records) {
    const before = matchOf.get(record) ?? null;
    const next: StaffFields = {
      employeeId: record.employeeId,
      name: record.name,
      email: record.email,
      schoolId: record.schoolId,
      role: record.role,
      status: record.departed ? StaffStatus.DEPARTED : before?.status === StaffStatus.ON_LEAVE ? StaffStatus.ON_LEAVE : StaffStatus.ACTIVE,
      departedAt: record.departed ? (before?.status === StaffStatus.DEPARTED ? before.departedAt : null) ?? record.endedAt ?? options.now : null,
      givenName: record.givenName,
      familyName: record.familyName,
      sourcedId: record.sourcedId,
    };
    if (before && !differs(before, next)) unchanged += 1;
    else changes.push({ id: before?.id ?? newId(), next, before });
  }
  for (const staff of existing) {
    if (taken.has(staff.id) || staff.status === StaffStatus.DEPARTED || staff.sourcedId === null) continue;
    if (options.bulk || options.otherKindSourcedIds.has(staff.sourcedId)) {
      changes.push({ id: staff.id, next: { ...pick(staff), status: StaffStatus.DEPARTED, departedAt: options.now }, before: staff });
    }
  }
  checkUniqueKeys(records, changes, byEmployeeId, byEmail, problems);

  const created = changes.filter((change) => !change.before).length;
  return {
    changes,
    created,
    updated: changes.length - created,
    unchanged,
    removals: changes.filter((change) => change.before && change.before.status !== StaffStatus.DEPARTED && change.next.status === StaffStatus.DEPARTED).length,
    governedActive: existing.filter((staff) => staff.status !== StaffStatus.DEPARTED && (staff.sourcedId !== null || taken.has(staff.id))).length,
  };
}

/** employeeId and email are unique per district: within the export, and against records the import does not move away. */
function checkUniqueKeys(records: StaffRecord[], changes: StaffChange[], byEmployeeId: Map<string, Staff>, byEmail: Map<string, Staff>, problems: ProblemList): void {
  const changeOf = new Map(changes.map((change) => [change.next.sourcedId, change]));
  const movedEmployeeIds = new Set(changes.filter((change) => change.before && change.before.employeeId !== change.next.employeeId).map((change) => change.id));
  const movedEmails = new Set(changes.filter((change) => change.before && change.before.email !== change.next.email).map((change) => change.id));
  const firstLines = { employeeId: new Map<string, number>(), email: new Map<string, number>() };
  for (const record of records) {
    const ownId = changeOf.get(record.sourcedId)?.id ?? null;
    for (const [key, column, owners, moved] of [
      ['employeeId', 'identifier', byEmployeeId, movedEmployeeIds],
      ['email', 'email', byEmail, movedEmails],
    ] as const) {
      const value = record[key];
      const first = firstLines[key].get(value);
      if (first !== undefined) {
        problems.add(record.file, record.line, column, RosterProblemCode.DUPLICATE_ID, `${key} ${value} is already used by the user on line ${first}`);
        continue;
      }
      firstLines[key].set(value, record.line);
      const owner = owners.get(value);
      if (ownId !== null && !keyIsFree(owner, ownId, moved)) {
        problems.add(record.file, record.line, column, RosterProblemCode.DUPLICATE_ID, `${key} ${value} belongs to another staff member in Proctor (employeeId ${owner!.employeeId})`);
      }
    }
  }
}

function pick(staff: Staff): StaffFields {
  return Object.fromEntries(STAFF_FIELDS.map((field) => [field, staff[field]])) as StaffFields;
}

function differs(before: Staff, next: StaffFields): boolean {
  return STAFF_FIELDS.some((field) =>
    field === 'departedAt' ? (before.departedAt?.getTime() ?? null) !== (next.departedAt?.getTime() ?? null) : before[field] !== next[field],
  );
}
