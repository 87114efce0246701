import { connectionType, keysetConnection, pageRequest, type PageArgs } from '../graphql/connection';
import type { TenantScope } from '../tenancy/tenant-scope';
import { AuditEntry } from './audit-entry.entity';
import type { AuditLogFilter } from './audit.inputs';

export const AuditEntryConnection = connectionType('AuditEntry', AuditEntry);
export type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;

const MAX_BIGINT = 2n ** 63n - 1n;
const AUDIT_LIST = { kind: 'audit', isValidKey: (key: string) => /^\d{1,19}$/.test(key) && BigInt(key) <= MAX_BIGINT };

export class AuditService {
  constructor(private readonly maxPageSize: number) {}

  /** Newest first. A principal sees the entries about its own school. */
  async list(scope: TenantScope, page: PageArgs, filter: AuditLogFilter | undefined): Promise<AuditEntryConnection> {
    const request = pageRequest(page, AUDIT_LIST, this.maxPageSize);
    const query = scope.select(AuditEntry, 'entry');
    if (filter?.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter?.targetType) query.andWhere('entry.targetType = :targetType', { targetType: filter.targetType });
    if (filter?.targetId) query.andWhere('entry.targetId = :targetId', { targetId: filter.targetId });
    return keysetConnection(AuditEntryConnection, query, {
      alias: 'entry',
      keyColumn: 'id',
      keyOf: (entry) => entry.id,
      direction: 'DESC',
      kind: AUDIT_LIST.kind,
      page: request,
    });
  }
}
