import DataLoader from 'dataloader';
import type { AccountAdmin } from '../accounts/account-admin.entity';
import { PlatformConnection } from '../connections/platform-connection.entity';
import { School } from '../schools/school.entity';
import { SnapshotRecord } from '../snapshots/snapshot-record.entity';
import type { Services } from '../services';
import type { TenantScope } from '../tenancy/tenant-scope';

/**
 * Batched lookups for one request (never shared across requests: each is bound to its caller's TenantScope).
 * A page of N accounts with their schools and admins costs one query per loader, whatever N is.
 */
export interface Loaders {
  schoolById: DataLoader<string, School | null>;
  adminsByAccountId: DataLoader<string, AccountAdmin[]>;
  connectionByAccountId: DataLoader<string, PlatformConnection | null>;
  latestSnapshotByAccountId: DataLoader<string, SnapshotRecord | null>;
}

export function createLoaders(scope: TenantScope, services: Services): Loaders {
  return {
    schoolById: new DataLoader(async (ids) => {
      const schools = await scope.select(School, 'school').andWhere('school.id IN (:...ids)', { ids }).getMany();
      const byId = new Map(schools.map((school) => [school.id, school]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    adminsByAccountId: new DataLoader((accountIds) => services.accounts.adminsOf(scope, accountIds)),
    connectionByAccountId: new DataLoader(async (accountIds) => {
      const rows = await scope
        .select(PlatformConnection, 'connection')
        .andWhere('connection.accountId IN (:...accountIds)', { accountIds })
        .getMany();
      const byAccount = new Map(rows.map((row) => [row.accountId, row]));
      return accountIds.map((id) => byAccount.get(id) ?? null);
    }),
    latestSnapshotByAccountId: new DataLoader(async (accountIds) => {
      const rows = await scope
        .select(SnapshotRecord, 'snapshot')
        .distinctOn(['snapshot.accountId'])
        .andWhere('snapshot.accountId IN (:...accountIds)', { accountIds })
        .orderBy('snapshot.accountId')
        .addOrderBy('snapshot.fetchedAt', 'DESC')
        .getMany();
      const byAccount = new Map(rows.map((row) => [row.accountId, row]));
      return accountIds.map((id) => byAccount.get(id) ?? null);
    }),
  };
}
