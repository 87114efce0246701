import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor } from '../tenancy/actor';
import { AuditEntry } from './audit-entry.entity';
import { auditDiff, auditJson } from './audit-json';

export interface AuditDraft {
  /** `<target>.<verb>`, e.g. `school.create`, `account.approve`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** The school concerned, so that school's principal sees the entry. */
  schoolId?: string | null;
  before?: object | null;
  after?: object | null;
  /** Keep only the fields that changed (updates). */
  changesOnly?: boolean;
}

const CHUNK = 1000;

export async function writeAuditEntries(
  manager: EntityManager,
  actor: Actor,
  requestId: string | null,
  drafts: AuditDraft[],
): Promise<void> {
  const rows = drafts.map((draft) => {
    let before = auditJson(draft.before);
    let after = auditJson(draft.after);
    if (draft.changesOnly) ({ before, after } = auditDiff(before, after));
    return {
      districtId: actor.districtId,
      schoolId: draft.schoolId ?? null,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      actorRole: actor.role,
      action: draft.action,
      targetType: draft.targetType,
      targetId: draft.targetId ?? null,
      before,
      after,
      requestId,
    } as QueryDeepPartialEntity<AuditEntry>;
  });
  for (let start = 0; start < rows.length; start += CHUNK) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEntry)
      .values(rows.slice(start, start + CHUNK))
      .updateEntity(false)
      .execute();
  }
}
