import { registerEnumType } from 'type-graphql';

/** api.md: fixed names. */
export enum ComplianceStatus {
  PASS = 'PASS',
  FAIL = 'FAIL',
  MANUAL = 'MANUAL',
  EXEMPT = 'EXEMPT',
  ERROR = 'ERROR',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

export enum SeverityLevel {
  CRITICAL = 'critical',
  HIGH = 'high',
  MEDIUM = 'medium',
  LOW = 'low',
}

registerEnumType(ComplianceStatus, {
  name: 'ComplianceStatus',
  description: 'PASS verified; FAIL verified non-compliant; MANUAL needs an attestation; EXEMPT a FAIL muted by an exception; ERROR evidence could not be fetched; NOT_APPLICABLE.',
});
registerEnumType(SeverityLevel, { name: 'Severity' });

/** Worst first: the account's overall status is the worst of its results. */
export const STATUS_ORDER: readonly ComplianceStatus[] = [
  ComplianceStatus.FAIL,
  ComplianceStatus.ERROR,
  ComplianceStatus.MANUAL,
  ComplianceStatus.EXEMPT,
  ComplianceStatus.PASS,
  ComplianceStatus.NOT_APPLICABLE,
];

export function worstStatus(statuses: Iterable<ComplianceStatus>): ComplianceStatus {
  let worst = STATUS_ORDER.length - 1;
  for (const status of statuses) worst = Math.min(worst, STATUS_ORDER.indexOf(status));
  return STATUS_ORDER[worst];
}
