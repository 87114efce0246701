import type { TenantScope } from '../tenancy/tenant-scope';
import { SnapshotRecord } from './snapshot-record.entity';

/** Each account's newest snapshot, one query for any number of accounts (accounts never read have none). */
export function latestSnapshots(scope: TenantScope, accountIds: readonly string[]): Promise<SnapshotRecord[]> {
  if (accountIds.length === 0) return Promise.resolve([]);
  return scope
    .select(SnapshotRecord, 'snapshot')
    .distinctOn(['snapshot.accountId'])
    .andWhere('snapshot.accountId IN (:...accountIds)', { accountIds: [...accountIds] })
    .orderBy('snapshot.accountId')
    .addOrderBy('snapshot.fetchedAt', 'DESC')
    .getMany();
}
