import { newId } from '../db/ids';
import { isUniqueViolation } from '../db/postgres-errors';
import { BadUserInputError, type FieldProblem } from '../errors/app-errors';
import { School } from '../schools/school.entity';
import type { TenantScope } from '../tenancy/tenant-scope';
import { hashHandle } from './handle-hash';
import { feedTooLarge, staffEmailTaken, unknownSchools } from './people.errors';
import { EnrolmentStatus, StaffStatus } from './people.enums';
import { ImportStudentsPayload, MAX_FEED_ROWS, UpsertStaffPayload, type StaffInput, type StudentInput } from './people.inputs';
import { Staff } from './staff.entity';
import { StudentHandle } from './student-handle.entity';
import { Student } from './student.entity';

type StaffFields = Pick<Staff, 'employeeId' | 'name' | 'email' | 'schoolId' | 'role' | 'status' | 'departedAt'>;
const STAFF_UPDATABLE = ['name', 'email', 'schoolId', 'role', 'status', 'departedAt', 'updatedAt'] as const;

export class PeopleService {
  constructor(private readonly handleHashKey: Buffer) {}

  /**
   * The HR (or SIS) staff feed: creates new employees, updates changed ones, leaves the rest, all in one
   * transaction. Nobody is removed by omission; departures arrive as status DEPARTED.
   */
  async upsertStaff(scope: TenantScope, input: StaffInput[]): Promise<UpsertStaffPayload> {
    if (input.length > MAX_FEED_ROWS) throw feedTooLarge(MAX_FEED_ROWS);
    const rows = input.map((row) => ({
      employeeId: row.employeeId.trim(),
      name: row.name.trim(),
      email: row.email.trim().toLowerCase(),
      schoolId: row.schoolId ?? null,
      role: row.role,
      status: row.status,
      departedAt: row.departedAt ?? null,
    }));
    const problems = [
      ...duplicates(rows.map((row) => row.employeeId), 'employeeId'),
      ...duplicates(rows.map((row) => row.email), 'email'),
      ...rows.flatMap((row, index) =>
        row.departedAt && row.status !== StaffStatus.DEPARTED
          ? [{ path: `input.${index}.departedAt`, constraint: 'onlyWhenDeparted', message: 'departedAt is only for DEPARTED staff' }]
          : [],
      ),
    ];
    if (problems.length) throw new BadUserInputError(problems);
    await this.assertSchoolsVisible(scope, rows.map((row) => row.schoolId));

    try {
      return await scope.transaction(async (tx) => {
        const employeeIds = rows.map((row) => row.employeeId);
        const existing = employeeIds.length
          ? await tx.select(Staff, 'staff').andWhere('staff.employeeId IN (:...employeeIds)', { employeeIds }).getMany()
          : [];
        const existingById = new Map(existing.map((staff) => [staff.employeeId, staff]));
        await this.assertEmailsFree(tx, rows);

        const now = new Date();
        const changes: { id: string; next: StaffFields; before?: Staff }[] = [];
        for (const row of rows) {
          const before = existingById.get(row.employeeId);
          const departedAt = row.status === StaffStatus.DEPARTED ? (row.departedAt ?? before?.departedAt ?? now) : null;
          const next: StaffFields = { ...row, departedAt };
          if (!before || staffDiffers(before, next)) changes.push({ id: before?.id ?? newId(), next, before });
        }
        const written = await tx.upsert(
          Staff,
          changes.map((change) => ({ id: change.id, ...change.next })),
          { conflict: ['districtId', 'employeeId'], update: [...STAFF_UPDATABLE], returning: ['id', 'employeeId'] },
        );
        // A feed racing this one may have created the same employee first; this call then updated that row.
        const writtenIds = new Map(written.map((row) => [row.employeeId, row.id as string]));
        let created = 0;
        let updated = 0;
        for (const { id: proposedId, next, before } of changes) {
          const id = writtenIds.get(next.employeeId) ?? proposedId;
          const isNew = !before && id === proposedId;
          tx.audit({
            action: isNew ? 'staff.create' : 'staff.update',
            targetType: 'Staff',
            targetId: id,
            schoolId: next.schoolId ?? before?.schoolId ?? null,
            before: before ?? null,
            after: before ? { ...before, ...next } : next,
            changesOnly: Boolean(before),
          });
          if (isNew) created += 1;
          else updated += 1;
        }
        const unchanged = rows.length - created - updated;
        tx.audit({ action: 'staff.upsert', targetType: 'StaffFeed', after: { received: rows.length, created, updated, unchanged } });

        const stored = employeeIds.length
          ? await tx.select(Staff, 'staff').andWhere('staff.employeeId IN (:...employeeIds)', { employeeIds }).getMany()
          : [];
        const storedById = new Map(stored.map((staff) => [staff.employeeId, staff]));
        return Object.assign(new UpsertStaffPayload(), {
          created,
          updated,
          unchanged,
          staff: employeeIds.map((employeeId) => storedById.get(employeeId) as Staff),
        });
      });
    } catch (error) {
      // Two feeds racing on the same new email: the unique index decides.
      if (isUniqueViolation(error)) throw staffEmailTaken([]);
      throw error;
    }
  }

  /**
   * The SIS student feed. Handles are replaced per student and stored only as keyed hashes; WITHDRAWN removes
   * the student entirely. One transaction: any bad row and nothing is written.
   */
  async importStudents(scope: TenantScope, input: StudentInput[]): Promise<ImportStudentsPayload> {
    if (input.length > MAX_FEED_ROWS) throw feedTooLarge(MAX_FEED_ROWS);
    const rows = input.map((row) => ({
      studentId: row.studentId.trim(),
      schoolId: row.schoolId,
      mediaConsent: row.mediaConsent,
      status: row.status ?? EnrolmentStatus.ENROLLED,
      handleKeys: [
        ...new Set((row.handles ?? []).map((handle) => `${handle.platform}:${hashHandle(this.handleHashKey, scope.districtId, handle.platform, handle.handle)}`)),
      ].sort(),
    }));
    const problems = duplicates(rows.map((row) => row.studentId), 'studentId');
    if (problems.length) throw new BadUserInputError(problems);
    await this.assertSchoolsVisible(scope, rows.map((row) => row.schoolId));

    return scope.transaction(async (tx) => {
      const studentIds = rows.map((row) => row.studentId);
      const existing = studentIds.length
        ? await tx.select(Student, 'student').andWhere('student.studentId IN (:...studentIds)', { studentIds }).getMany()
        : [];
      const existingByStudentId = new Map(existing.map((student) => [student.studentId, student]));
      const existingHandles = existing.length
        ? await tx
            .select(StudentHandle, 'handle')
            .andWhere('handle.studentId IN (:...ids)', { ids: existing.map((student) => student.id) })
            .getMany()
        : [];
      const handleKeysById = new Map<string, string[]>();
      for (const handle of existingHandles) {
        handleKeysById.set(handle.studentId, [...(handleKeysById.get(handle.studentId) ?? []), `${handle.platform}:${handle.handleHash}`]);
      }

      const withdrawnIds: string[] = [];
      const changes: { id: string; row: (typeof rows)[number]; before?: Student; beforeKeys: string[] }[] = [];
      for (const row of rows) {
        const before = existingByStudentId.get(row.studentId);
        if (row.status === EnrolmentStatus.WITHDRAWN) {
          if (before) {
            withdrawnIds.push(before.id);
            tx.audit({ action: 'student.withdraw', targetType: 'Student', targetId: before.id, schoolId: before.schoolId, before: studentAudit(before, handleKeysById.get(before.id)) });
          }
          continue;
        }
        const beforeKeys = before ? (handleKeysById.get(before.id) ?? []).sort() : [];
        const same =
          before &&
          before.schoolId === row.schoolId &&
          before.mediaConsent === row.mediaConsent &&
          beforeKeys.join('|') === row.handleKeys.join('|');
        if (!same) changes.push({ id: before?.id ?? newId(), row, before, beforeKeys });
      }

      await tx.delete(Student, withdrawnIds);
      const written = await tx.upsert(
        Student,
        changes.map(({ id, row }) => ({ id, studentId: row.studentId, schoolId: row.schoolId, mediaConsent: row.mediaConsent })),
        { conflict: ['districtId', 'studentId'], update: ['schoolId', 'mediaConsent', 'updatedAt'], returning: ['id', 'studentId'] },
      );
      // A feed racing this one may have created the same student first; its row id is the one to use.
      const writtenIds = new Map(written.map((student) => [student.studentId, student.id as string]));
      const handlesToWrite: Partial<StudentHandle>[] = [];
      let created = 0;
      let updated = 0;
      for (const { id: proposedId, row, before, beforeKeys } of changes) {
        const id = writtenIds.get(row.studentId) ?? proposedId;
        const isNew = !before && id === proposedId;
        for (const key of row.handleKeys) {
          const [platform, handleHash] = key.split(':');
          handlesToWrite.push({ studentId: id, platform: platform as StudentHandle['platform'], handleHash });
        }
        tx.audit({
          action: isNew ? 'student.create' : 'student.update',
          targetType: 'Student',
          targetId: id,
          schoolId: row.schoolId,
          before: before ? studentAudit(before, beforeKeys) : null,
          after: { studentId: row.studentId, schoolId: row.schoolId, mediaConsent: row.mediaConsent, handles: row.handleKeys.length },
          changesOnly: Boolean(before),
        });
        if (isNew) created += 1;
        else updated += 1;
      }
      await tx.delete(StudentHandle, [...writtenIds.values()], 'studentId');
      await tx.insert(StudentHandle, handlesToWrite);
      const withdrawn = withdrawnIds.length;
      const unchanged = rows.length - created - updated - rows.filter((row) => row.status === EnrolmentStatus.WITHDRAWN).length;
      tx.audit({ action: 'students.import', targetType: 'StudentFeed', after: { received: rows.length, created, updated, unchanged, withdrawn } });
      return Object.assign(new ImportStudentsPayload(), { created, updated, unchanged, withdrawn });
    });
  }

  /** Every school id in a feed must be one the caller can see; all unknown ones are named at once. */
  private async assertSchoolsVisible(scope: TenantScope, schoolIds: (string | null)[]): Promise<void> {
    const wanted = [...new Set(schoolIds.filter((id): id is string => Boolean(id)))];
    if (wanted.length === 0) return;
    const visible = await scope.select(School, 'school').select('school.id').andWhere('school.id IN (:...wanted)', { wanted }).getMany();
    const known = new Set(visible.map((school) => school.id));
    const unknownPaths = schoolIds.flatMap((id, index) => (id && !known.has(id) ? [`input.${index}.schoolId`] : []));
    if (unknownPaths.length) throw unknownSchools(unknownPaths);
  }

  private async assertEmailsFree(scope: TenantScope, rows: { employeeId: string; email: string }[]): Promise<void> {
    if (rows.length === 0) return;
    const owners = await scope
      .select(Staff, 'staff')
      .andWhere('staff.email IN (:...emails)', { emails: rows.map((row) => row.email) })
      .andWhere('staff.employeeId NOT IN (:...employeeIds)', { employeeIds: rows.map((row) => row.employeeId) })
      .getMany();
    if (owners.length === 0) return;
    const taken = new Set(owners.map((owner) => owner.email));
    throw staffEmailTaken(rows.flatMap((row, index) => (taken.has(row.email) ? [`input.${index}.email`] : [])));
  }
}

function duplicates(values: string[], field: string): FieldProblem[] {
  const firstIndex = new Map<string, number>();
  return values.flatMap((value, index) => {
    const first = firstIndex.get(value);
    if (first === undefined) {
      firstIndex.set(value, index);
      return [];
    }
    return [{ path: `input.${index}.${field}`, constraint: 'unique', message: `${field} repeats input.${first}.${field}` }];
  });
}

function staffDiffers(before: Staff, next: StaffFields): boolean {
  return (
    before.name !== next.name ||
    before.email !== next.email ||
    before.schoolId !== next.schoolId ||
    before.role !== next.role ||
    before.status !== next.status ||
    (before.departedAt?.getTime() ?? null) !== (next.departedAt?.getTime() ?? null)
  );
}

function studentAudit(student: Student, handleKeys: string[] | undefined) {
  return { studentId: student.studentId, schoolId: student.schoolId, mediaConsent: student.mediaConsent, handles: handleKeys?.length ?? 0 };
}
