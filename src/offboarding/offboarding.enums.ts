import { registerEnumType } from 'type-graphql';

export enum OffboardingStatus {
  /** effectiveAt is in the future: nothing has changed yet. */
  SCHEDULED = 'SCHEDULED',
  /** Platform actions are being applied (or retried after a platform fault). */
  IN_PROGRESS = 'IN_PROGRESS',
  /** Every platform action applied; any MANUAL tasks are listed for a person. */
  COMPLETED = 'COMPLETED',
  /** Some platform action failed for good; it is listed with the platform's reason and the manual steps. */
  NEEDS_ATTENTION = 'NEEDS_ATTENTION',
  /** The person was reinstated before a scheduled offboarding took effect. */
  CANCELLED = 'CANCELLED',
}

/** Which door the HR system came through. */
export enum OffboardingSource {
  GRAPHQL = 'GRAPHQL',
  SCIM = 'SCIM',
}

registerEnumType(OffboardingStatus, { name: 'OffboardingStatus' });
registerEnumType(OffboardingSource, { name: 'OffboardingSource' });
