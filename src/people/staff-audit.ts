import type { TenantScope } from '../tenancy/tenant-scope';
import type { Staff } from './staff.entity';

/**
 * Audits one written staff row the same way for every feed (HR GraphQL, OneRoster, SCIM): created when it is
 * new and kept the id we proposed; updated otherwise (a feed racing this one may have created it first).
 * Returns whether it was created.
 */
export function auditStaffWrite(
  tx: TenantScope,
  write: { id: string; proposedId: string; next: Partial<Staff> & { schoolId?: string | null }; before?: Staff | null },
): boolean {
  const { id, proposedId, next, before } = write;
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
  return isNew;
}
