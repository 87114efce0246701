import { isUniqueViolation } from '../db/postgres-errors';
import { ConflictError } from '../errors/app-errors';
import { Staff } from '../people/staff.entity';
import { StudentHandle } from '../people/student-handle.entity';
import { Student } from '../people/student.entity';
import { studentHandleFromKey } from '../people/student-handle-keys';
import type { TenantScope } from '../tenancy/tenant-scope';
import { STAFF_FIELDS, type StaffPlan } from './oneroster-staff-plan';
import type { StudentPlan } from './oneroster-student-plan';
import { auditStaffWrite } from '../people/staff-audit';

/** Ids per DELETE: well under PostgreSQL's 65 535 bind parameters. */
const ID_CHUNK = 10_000;

const keyConflict = () =>
  new ConflictError('Another feed changed the same people while this import ran; nothing was imported. Run it again.', 'ROSTER_KEY_CONFLICT');

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += ID_CHUNK) result.push(items.slice(start, start + ID_CHUNK));
  return result;
}

/**
 * Writes a planned import inside the caller's transaction: a statement per 1 000 rows, and one per person only
 * for the rare person whose employeeId or studentId changed (the upsert matches on it). Each staff change is
 * audited as the HR feed audits it; students only in the import's summary (no student data in the log).
 */
export async function writeRosterPlan(tx: TenantScope, staff: StaffPlan, students: StudentPlan): Promise<void> {
  try {
    await writeStaff(tx, staff);
    await writeStudents(tx, students);
  } catch (error) {
    if (isUniqueViolation(error)) throw keyConflict();
    throw error;
  }
}

async function writeStaff(tx: TenantScope, plan: StaffPlan): Promise<void> {
  const rekeyed = new Set(plan.changes.filter((change) => change.before && change.before.employeeId !== change.next.employeeId));
  for (const change of rekeyed) await tx.update(Staff, change.id, { ...change.next });
  // Updates before inserts: an email an update gives up is then free for a new person in the same statement.
  const upserted = plan.changes.filter((change) => !rekeyed.has(change)).sort((a, b) => Number(!a.before) - Number(!b.before));
  const written = await tx.upsert(
    Staff,
    upserted.map((change) => ({ id: change.id, ...change.next })),
    { conflict: ['districtId', 'employeeId'], update: [...STAFF_FIELDS.filter((field) => field !== 'employeeId'), 'updatedAt'], returning: ['id', 'employeeId'] },
  );
  // An HR feed racing this import may have created the same employee first; the upsert then updated that row.
  const writtenIds = new Map(written.map((row) => [row.employeeId, row.id as string]));
  for (const { id: proposedId, next, before } of plan.changes) {
    auditStaffWrite(tx, { id: writtenIds.get(next.employeeId) ?? proposedId, proposedId, next, before });
  }
}

async function writeStudents(tx: TenantScope, plan: StudentPlan): Promise<void> {
  for (const ids of chunks(plan.withdrawals.map((student) => student.id))) await tx.delete(Student, ids);
  const rekeyed = new Set(plan.changes.filter((change) => change.before && change.before.studentId !== change.next.studentId));
  for (const change of rekeyed) await tx.update(Student, change.id, { ...change.next });
  const written = await tx.upsert(
    Student,
    plan.changes.filter((change) => !rekeyed.has(change)).map((change) => ({ id: change.id, ...change.next })),
    { conflict: ['districtId', 'studentId'], update: ['schoolId', 'mediaConsent', 'sourcedId', 'updatedAt'], returning: ['id', 'studentId'] },
  );
  const writtenIds = new Map(written.map((row) => [row.studentId, row.id as string]));
  const handleChanges = plan.changes
    .filter((change) => change.handleKeys !== null)
    .map((change) => ({ id: writtenIds.get(change.next.studentId) ?? change.id, keys: change.handleKeys as string[], existed: Boolean(change.before) || writtenIds.get(change.next.studentId) !== change.id }));
  for (const ids of chunks(handleChanges.filter((change) => change.existed).map((change) => change.id))) await tx.delete(StudentHandle, ids, 'studentId');
  await tx.insert(
    StudentHandle,
    handleChanges.flatMap(({ id, keys }) =>
      keys.map((key) => ({ studentId: id, ...studentHandleFromKey(key) })),
    ),
  );
}
