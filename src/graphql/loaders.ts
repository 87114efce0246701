import DataLoader from 'dataloader';
import type { AccountAdmin } from '../accounts/account-admin.entity';
import { School } from '../schools/school.entity';
import type { Services } from '../services';
import type { TenantScope } from '../tenancy/tenant-scope';

/**
 * Batched lookups for one request (never shared across requests: each is bound to its caller's TenantScope).
 * A page of N accounts with their schools and admins costs one query per loader, whatever N is.
 */
export interface Loaders {
  schoolById: DataLoader<string, School | null>;
  adminsByAccountId: DataLoader<string, AccountAdmin[]>;
}

export function createLoaders(scope: TenantScope, services: Services): Loaders {
  return {
    schoolById: new DataLoader(async (ids) => {
      const schools = await scope.select(School, 'school').andWhere('school.id IN (:...ids)', { ids }).getMany();
      const byId = new Map(schools.map((school) => [school.id, school]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    adminsByAccountId: new DataLoader((accountIds) => services.accounts.adminsOf(scope, accountIds)),
  };
}
