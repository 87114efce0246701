import type { DataSource } from 'typeorm';
import { AccountService } from './accounts/account.service';
import { AuditService } from './audit/audit.service';
import { ApiKeyService } from './auth/api-key.service';
import type { Config } from './config/config';
import type { ResolvedSecrets } from './config/local-secrets';
import { TokenVault } from '../integrations/oauth/token-vault';
import { ConnectAttemptRepository } from './connections/connect-attempt.repository';
import { ConnectionService } from './connections/connection.service';
import { TokenRefresher } from './connections/token-refresher';
import { SnapshotService } from './snapshots/snapshot.service';
import { ComplianceReadService } from './compliance/compliance-read.service';
import { ComplianceService } from './compliance/compliance.service';
import { PolicyService } from './compliance/policy.service';
import { FindingService } from './findings/finding.service';
import { DistrictService } from './districts/district.service';
import { StaffService } from './people/staff.service';
import { StudentService } from './people/student.service';
import { OneRosterImportService } from './roster/oneroster-import.service';
import { SchoolService } from './schools/school.service';
import { SyncService } from './sync/sync.service';
import { CredentialRotationService } from './accounts/credential-rotation.service';
import { OffboardingService } from './offboarding/offboarding.service';
import { RemediationQueue } from './remediation/remediation-queue';
import { RemediationRunner } from './remediation/remediation-runner';
import { RemediationService } from './remediation/remediation.service';
import type { Logger } from './logging/logger';

/** The stateless services, built once per process and shared by GraphQL, the CLI and jobs. */
export interface Services {
  apiKeys: ApiKeyService;
  districts: DistrictService;
  schools: SchoolService;
  staff: StaffService;
  students: StudentService;
  roster: OneRosterImportService;
  accounts: AccountService;
  audit: AuditService;
  vault: TokenVault;
  connections: ConnectionService;
  refresher: TokenRefresher;
  snapshots: SnapshotService;
  compliance: ComplianceService;
  complianceRead: ComplianceReadService;
  policy: PolicyService;
  findings: FindingService;
  sync: SyncService;
  credentialRotations: CredentialRotationService;
  remediationQueue: RemediationQueue;
  offboarding: OffboardingService;
  remediationRunner: RemediationRunner;
  remediations: RemediationService;
}

/** `logger` is for work a request starts but cannot report to its caller (a fix deferred to its job). */
export function createServices(dataSource: DataSource, config: Config, secrets: ResolvedSecrets, logger: Logger | null = null): Services {
  const apiKeys = new ApiKeyService(dataSource);
  const vault = new TokenVault(secrets.tokenEncryptionKeys);
  const attempts = new ConnectAttemptRepository(dataSource, vault, config.oauth.stateTtlSeconds);
  const refresher = new TokenRefresher(dataSource, vault);
  const remediationQueue = new RemediationQueue();
  const snapshots = new SnapshotService(config, refresher);
  const compliance = new ComplianceService(secrets.handleHashKey);
  const offboarding = new OffboardingService(remediationQueue, config.graphql.maxPageSize);
  const remediationRunner = new RemediationRunner(dataSource, config, { snapshots, compliance, refresher, offboarding, queue: remediationQueue });
  return {
    vault,
    connections: new ConnectionService(dataSource, config, vault, attempts),
    refresher,
    snapshots,
    compliance,
    complianceRead: new ComplianceReadService(dataSource),
    policy: new PolicyService(),
    findings: new FindingService(config.graphql.maxPageSize),
    apiKeys,
    districts: new DistrictService(dataSource, apiKeys),
    schools: new SchoolService(),
    staff: new StaffService(),
    students: new StudentService(secrets.handleHashKey),
    roster: new OneRosterImportService(secrets.handleHashKey, config.roster.maxRemovalPercent),
    accounts: new AccountService(config.graphql.maxPageSize),
    audit: new AuditService(config.graphql.maxPageSize),
    sync: new SyncService(dataSource, config),
    credentialRotations: new CredentialRotationService(),
    remediationQueue,
    offboarding,
    remediationRunner,
    remediations: new RemediationService(remediationQueue, () => remediationRunner, config.graphql.maxPageSize, logger),
  };
}
