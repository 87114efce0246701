import DataLoader from 'dataloader';
import type { AccountAdmin } from '../accounts/account-admin.entity';
import type { CredentialRotation } from '../accounts/credential-rotation.entity';
import { SocialAccount } from '../accounts/social-account.entity';
import type { AccountComplianceView } from '../compliance/compliance.types';
import type { FindingEventView, FindingView } from '../findings/finding.types';
import { PlatformConnection } from '../connections/platform-connection.entity';
import { School } from '../schools/school.entity';
import { SnapshotRecord } from '../snapshots/snapshot-record.entity';
import type { Services } from '../services';
import type { TenantScope } from '../tenancy/tenant-scope';
import type { RemediationActionView } from '../remediation/remediation.types';
import { latestSnapshots } from '../snapshots/latest-snapshots';

/**
 * Batched lookups for one request (never shared across requests: each is bound to its caller's TenantScope).
 * A page of N accounts with their schools and admins costs one query per loader, whatever N is.
 */
export interface Loaders {
  schoolById: DataLoader<string, School | null>;
  adminsByAccountId: DataLoader<string, AccountAdmin[]>;
  connectionByAccountId: DataLoader<string, PlatformConnection | null>;
  latestSnapshotByAccountId: DataLoader<string, SnapshotRecord | null>;
  complianceByAccountId: DataLoader<string, AccountComplianceView>;
  accountById: DataLoader<string, SocialAccount | null>;
  findingHistory: DataLoader<string, FindingEventView[]>;
  openFindingsByAccountId: DataLoader<string, FindingView[]>;
  credentialRotationsByAccountId: DataLoader<string, CredentialRotation[]>;
  remediationsByOffboardingId: DataLoader<string, RemediationActionView[]>;
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
      const rows = await latestSnapshots(scope, accountIds);
      const byAccount = new Map(rows.map((row) => [row.accountId, row]));
      return accountIds.map((id) => byAccount.get(id) ?? null);
    }),
    complianceByAccountId: new DataLoader((accountIds) => services.complianceRead.complianceOf(scope, accountIds)),
    accountById: new DataLoader(async (ids) => {
      const accounts = await scope.select(SocialAccount, 'account').andWhere('account.id IN (:...ids)', { ids }).getMany();
      const byId = new Map(accounts.map((account) => [account.id, account]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    findingHistory: new DataLoader((findingIds) => services.findings.history(scope, findingIds)),
    openFindingsByAccountId: new DataLoader(async (accountIds) => {
      const views = await services.findings.openFor(scope, accountIds);
      return accountIds.map((id) => views.filter((view) => view.accountId === id));
    }),
    credentialRotationsByAccountId: new DataLoader((accountIds) => services.credentialRotations.recentOf(scope, accountIds)),
    remediationsByOffboardingId: new DataLoader((offboardingIds) => services.remediations.listForOffboardings(scope, offboardingIds)),
  };
}
