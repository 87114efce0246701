import { newId } from '../db/ids';
import type { Student } from '../people/student.entity';
import { indexBy, keyIsFree, matchRecords } from './oneroster-matching';
import type { PlanOptions } from './oneroster-staff-plan';
import type { ProblemList } from './oneroster.errors';
import { RosterProblemCode, type HandleEntry, type StudentRecord } from './oneroster.types';

export interface StudentFields {
  studentId: string;
  schoolId: string;
  mediaConsent: boolean;
  sourcedId: string;
}

export interface StudentChange {
  id: string;
  next: StudentFields;
  before: Student | null;
  /** `platform:hash` of each handle, sorted; null keeps the stored handles. */
  handleKeys: string[] | null;
}

export interface StudentPlan {
  changes: StudentChange[];
  withdrawals: Student[];
  created: number;
  updated: number;
  unchanged: number;
  governedActive: number;
}

/**
 * Students to write and to remove. Matching: sourcedId, else studentId (adopting SIS-feed records). A withdrawn
 * student is removed with their handles, as the SIS feed does; one the district never had is not created.
 */
export function planStudents(
  records: StudentRecord[],
  existing: Student[],
  storedHandleKeys: Map<string, string[]>,
  handleKeys: (handles: HandleEntry[]) => string[],
  options: Omit<PlanOptions, 'now'>,
  problems: ProblemList,
): StudentPlan {
  const byStudentId = indexBy(existing, (student) => student.studentId);
  const { matchOf, taken } = matchRecords(records, existing, [(row) => byStudentId.get(row.studentId)], options);

  const changes: StudentChange[] = [];
  const withdrawals: Student[] = [];
  let unchanged = 0;
  for (const record of records) {
    const before = matchOf.get(record) ?? null;
    if (record.withdrawn || record.schoolId === null) {
      if (before) withdrawals.push(before);
      continue;
    }
    const next: StudentFields = { studentId: record.studentId, schoolId: record.schoolId, mediaConsent: record.mediaConsent, sourcedId: record.sourcedId };
    const keys = record.handles ? handleKeys(record.handles) : null;
    const sameHandles = keys === null || (before !== null && (storedHandleKeys.get(before.id) ?? []).join('|') === keys.join('|'));
    const same =
      before &&
      sameHandles &&
      before.studentId === next.studentId &&
      before.schoolId === next.schoolId &&
      before.mediaConsent === next.mediaConsent &&
      before.sourcedId === next.sourcedId;
    if (same) unchanged += 1;
    else changes.push({ id: before?.id ?? newId(), next, before, handleKeys: sameHandles && before ? null : (keys ?? []) });
  }
  for (const student of existing) {
    if (taken.has(student.id) || student.sourcedId === null) continue;
    if (options.bulk || options.otherKindSourcedIds.has(student.sourcedId)) withdrawals.push(student);
  }
  checkStudentIds(records, changes, withdrawals, byStudentId, problems);

  const created = changes.filter((change) => !change.before).length;
  return {
    changes,
    withdrawals,
    created,
    updated: changes.length - created,
    unchanged,
    governedActive: existing.filter((student) => student.sourcedId !== null || taken.has(student.id)).length,
  };
}

function checkStudentIds(records: StudentRecord[], changes: StudentChange[], withdrawals: Student[], byStudentId: Map<string, Student>, problems: ProblemList): void {
  const changeOf = new Map(changes.map((change) => [change.next.sourcedId, change]));
  const released = new Set([
    ...withdrawals.map((student) => student.id),
    ...changes.filter((change) => change.before && change.before.studentId !== change.next.studentId).map((change) => change.id),
  ]);
  const firstLines = new Map<string, number>();
  for (const record of records) {
    if (record.withdrawn) continue;
    const first = firstLines.get(record.studentId);
    if (first !== undefined) {
      problems.add(record.file, record.line, 'identifier', RosterProblemCode.DUPLICATE_ID, `studentId ${record.studentId} is already used by the user on line ${first}`);
      continue;
    }
    firstLines.set(record.studentId, record.line);
    const ownId = changeOf.get(record.sourcedId)?.id ?? null;
    if (ownId !== null && !keyIsFree(byStudentId.get(record.studentId), ownId, released)) {
      problems.add(record.file, record.line, 'identifier', RosterProblemCode.DUPLICATE_ID, `studentId ${record.studentId} belongs to another student in Proctor`);
    }
  }
}
