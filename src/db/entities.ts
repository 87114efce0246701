import { AccountAdmin } from '../accounts/account-admin.entity';
import { CredentialRotation } from '../accounts/credential-rotation.entity';
import { SocialAccount } from '../accounts/social-account.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiKey } from '../auth/api-key.entity';
import { ConnectAttempt } from '../connections/connect-attempt.entity';
import { PlatformConnection } from '../connections/platform-connection.entity';
import { SnapshotRecord } from '../snapshots/snapshot-record.entity';
import { ComplianceResult } from '../compliance/compliance-result.entity';
import { Finding, FindingEvent } from '../findings/finding.entity';
import { Attestation, RuleException } from '../findings/rule-exception.entity';
import { District } from '../districts/district.entity';
import { Staff } from '../people/staff.entity';
import { StudentHandle } from '../people/student-handle.entity';
import { Student } from '../people/student.entity';
import { Offboarding } from '../offboarding/offboarding.entity';
import { RemediationAction } from '../remediation/remediation-action.entity';
import { School } from '../schools/school.entity';
import { RateBudget } from '../sync/rate-budget.entity';
import { SyncItem } from '../sync/sync-item.entity';
import { SyncRun } from '../sync/sync-run.entity';

export const ENTITIES = [
  District,
  School,
  Staff,
  Student,
  StudentHandle,
  SocialAccount,
  AccountAdmin,
  ApiKey,
  AuditEntry,
  PlatformConnection,
  ConnectAttempt,
  SnapshotRecord,
  ComplianceResult,
  Finding,
  FindingEvent,
  RuleException,
  Attestation,
  SyncRun,
  SyncItem,
  RateBudget,
  CredentialRotation,
  RemediationAction,
  Offboarding,
];
