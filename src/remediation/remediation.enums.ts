import { registerEnumType } from 'type-graphql';

/**
 * The lifecycle of one remediation action (design.md): REQUESTED until a worker applies it; APPLIED when the
 * platform confirmed every operation (then re-checked); FAILED when the platform refused (retried by a job
 * while `nextAttemptAt` is set, final once it is null); MANUAL when the platform's API cannot do it and a
 * person must, following the recorded steps.
 */
export enum RemediationStatus {
  REQUESTED = 'REQUESTED',
  APPLIED = 'APPLIED',
  FAILED = 'FAILED',
  MANUAL = 'MANUAL',
}

/** What an action does. The platform kinds mirror the connectors' RemediationKind; the rest are Proctor's own. */
export enum RemediationActionKind {
  UPDATE_PROFILE_TEXT = 'UPDATE_PROFILE_TEXT',
  UPDATE_WEBSITE = 'UPDATE_WEBSITE',
  SET_AUDIENCE_PRIVATE = 'SET_AUDIENCE_PRIVATE',
  DISABLE_POST_COMMENTS = 'DISABLE_POST_COMMENTS',
  HIDE_COMMENT = 'HIDE_COMMENT',
  DELETE_COMMENT = 'DELETE_COMMENT',
  HIDE_POST = 'HIDE_POST',
  DELETE_POST = 'DELETE_POST',
  REMOVE_ADMIN = 'REMOVE_ADMIN',
  ADD_ADMIN = 'ADD_ADMIN',
  /** Take the person off the registry's roster (Proctor's own record; always possible). */
  REMOVE_FROM_REGISTRY = 'REMOVE_FROM_REGISTRY',
  /** A shared password someone who left knew: a person changes it, then records the rotation. */
  ROTATE_PASSWORD = 'ROTATE_PASSWORD',
  /** An individual account the person held: disable it or hand it to a new custodian. */
  DISABLE_OR_REASSIGN_ACCOUNT = 'DISABLE_OR_REASSIGN_ACCOUNT',
  /** Whatever the rule's manual steps say, where no platform action exists. */
  MANUAL_STEPS = 'MANUAL_STEPS',
}

/** Who asked: a person fixing a finding, or an HR offboarding. */
export enum RemediationOrigin {
  FINDING = 'FINDING',
  OFFBOARDING = 'OFFBOARDING',
}

registerEnumType(RemediationStatus, {
  name: 'RemediationStatus',
  valuesConfig: {
    REQUESTED: { description: 'Waiting for a worker to apply it.' },
    APPLIED: { description: 'The platform confirmed the change (see recheck).' },
    FAILED: { description: 'The platform refused; retried while nextAttemptAt is set, final when it is null.' },
    MANUAL: { description: "The platform's API cannot do it: a person follows the steps." },
  },
});
registerEnumType(RemediationActionKind, { name: 'RemediationActionKind' });
registerEnumType(RemediationOrigin, { name: 'RemediationOrigin' });
