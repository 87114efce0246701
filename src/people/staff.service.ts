import { newId } from '../db/ids';
import { isUniqueViolation } from '../db/postgres-errors';
import { BadUserInputError } from '../errors/app-errors';
import type { TenantScope } from '../tenancy/tenant-scope';
import { assertSchoolsVisible, duplicates } from './feed-checks';
import { feedTooLarge, staffEmailTaken } from './people.errors';
import { StaffStatus } from './people.enums';
import { MAX_FEED_ROWS, UpsertStaffPayload, type StaffInput } from './people.inputs';
import { Staff } from './staff.entity';
import { auditStaffWrite } from './staff-audit';

type StaffFields = Pick<Staff, 'employeeId' | 'name' | 'email' | 'schoolId' | 'role' | 'status' | 'departedAt'>;
const STAFF_UPDATABLE = ['name', 'email', 'schoolId', 'role', 'status', 'departedAt', 'updatedAt'] as const;

export class StaffService {
  /**
   * The HR (or SIS) staff feed: creates new employees, updates changed ones, leaves the rest, all in one
   * transaction. Nobody is removed by omission; departures arrive as status DEPARTED.
   */
  async upsert(scope: TenantScope, input: StaffInput[]): Promise<UpsertStaffPayload> {
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
    await assertSchoolsVisible(scope, rows.map((row) => row.schoolId));

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
          const isNew = auditStaffWrite(tx, { id: writtenIds.get(next.employeeId) ?? proposedId, proposedId, next, before });
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
