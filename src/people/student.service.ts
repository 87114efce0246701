import { newId } from '../db/ids';
import { BadUserInputError } from '../errors/app-errors';
import type { TenantScope } from '../tenancy/tenant-scope';
import { assertSchoolsVisible, duplicates } from './feed-checks';
import { hashHandle } from './handle-hash';
import { feedTooLarge } from './people.errors';
import { EnrolmentStatus } from './people.enums';
import { ImportStudentsPayload, MAX_FEED_ROWS, type StudentInput } from './people.inputs';
import { StudentHandle } from './student-handle.entity';
import { Student } from './student.entity';
import { studentHandleFromKey, studentHandleKeys } from './student-handle-keys';

export class StudentService {
  constructor(private readonly handleHashKey: Buffer) {}

  /**
   * The SIS student feed. Handles are replaced per student and stored only as keyed hashes; WITHDRAWN removes
   * the student entirely. One transaction: any bad row and nothing is written.
   */
  async import(scope: TenantScope, input: StudentInput[]): Promise<ImportStudentsPayload> {
    if (input.length > MAX_FEED_ROWS) throw feedTooLarge(MAX_FEED_ROWS);
    const rows = input.map((row) => ({
      studentId: row.studentId.trim(),
      schoolId: row.schoolId,
      mediaConsent: row.mediaConsent,
      status: row.status ?? EnrolmentStatus.ENROLLED,
      handleKeys: studentHandleKeys(this.handleHashKey, scope.districtId, row.handles ?? []),
    }));
    const problems = duplicates(rows.map((row) => row.studentId), 'studentId');
    if (problems.length) throw new BadUserInputError(problems);
    await assertSchoolsVisible(scope, rows.map((row) => row.schoolId));

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
          handlesToWrite.push({ studentId: id, ...studentHandleFromKey(key) });
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
}

function studentAudit(student: Student, handleKeys: string[] | undefined) {
  return { studentId: student.studentId, schoolId: student.schoolId, mediaConsent: student.mediaConsent, handles: handleKeys?.length ?? 0 };
}
