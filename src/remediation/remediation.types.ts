import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import type { RemediationAction } from './remediation-action.entity';
import { RemediationActionKind, RemediationOrigin, RemediationStatus } from './remediation.enums';

@ObjectType('RemediationOperation', { description: 'One platform call of an action, with the platform’s answer.' })
export class RemediationOperationView {
  @Field({ description: 'The connector action (REMOVE_ADMIN, DISABLE_POST_COMMENTS, ...).' })
  kind: string;

  @Field({ description: 'What it changes: "post 123", "admin Pat Lee (456)", "website".' })
  target: string;

  @Field({ description: 'PENDING, APPLIED or FAILED.' })
  status: string;

  @Field(() => String, { nullable: true })
  errorCode: string | null;

  @Field(() => String, { nullable: true })
  errorMessage: string | null;

  @Field(() => Date, { nullable: true })
  appliedAt: Date | null;

  @Field(() => GraphQLJSON, { nullable: true, description: "The platform's answer, kept as evidence (never a token)." })
  response: unknown;
}

@ObjectType('RemediationRecheck', { description: 'The rule on the check that followed the fix.' })
export class RemediationRecheckView {
  @Field({ description: 'The ComplianceStatus of the rule after applying (PASS when the fix took; ERROR when the platform could not be read).' })
  status: string;

  @Field()
  checkedAt: Date;
}

@ObjectType('RemediationAction', { description: 'A fix Proctor applies through the platform, or a task a person must do.' })
export class RemediationActionView {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  accountId: string;

  @Field(() => String, { nullable: true, description: 'The rule it fixes (null for offboarding tasks no rule covers).' })
  ruleId: string | null;

  @Field(() => RemediationActionKind)
  kind: RemediationActionKind;

  @Field(() => RemediationOrigin)
  origin: RemediationOrigin;

  @Field(() => RemediationStatus)
  status: RemediationStatus;

  @Field({ description: 'True for a plan answered by a dry run: nothing was stored or changed.' })
  dryRun: boolean;

  @Field(() => [RemediationOperationView])
  operations: RemediationOperationView[];

  @Field(() => [String], { description: 'What a person does (MANUAL), or would do if the platform keeps refusing.' })
  steps: string[];

  @Field()
  reason: string;

  @Field(() => String, { nullable: true })
  idempotencyKey: string | null;

  @Field(() => ID, { nullable: true })
  offboardingId: string | null;

  @Field(() => Int)
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When a worker tries again (REQUESTED, or FAILED and retrying); null when it will not.' })
  nextAttemptAt: Date | null;

  @Field(() => String, { nullable: true })
  lastErrorCode: string | null;

  @Field(() => String, { nullable: true })
  lastErrorMessage: string | null;

  @Field(() => Date, { nullable: true })
  appliedAt: Date | null;

  @Field(() => RemediationRecheckView, { nullable: true })
  recheck: RemediationRecheckView | null;

  @Field(() => Date, { nullable: true, description: 'For a MANUAL task: when Proctor saw it done.' })
  resolvedAt: Date | null;

  @Field({ description: 'Label of the API key that asked.' })
  requestedBy: string;

  @Field()
  requestedAt: Date;

  static of(action: RemediationAction, dryRun = false): RemediationActionView {
    return Object.assign(new RemediationActionView(), {
      id: action.id,
      accountId: action.accountId,
      ruleId: action.ruleId,
      kind: action.kind,
      origin: action.origin,
      status: action.status,
      dryRun,
      operations: action.operations.map((operation) => ({
        kind: operation.kind,
        target: operation.target,
        status: operation.status,
        errorCode: operation.errorCode ?? null,
        errorMessage: operation.errorMessage ?? null,
        appliedAt: operation.appliedAt ? new Date(operation.appliedAt) : null,
        response: operation.response ?? null,
      })),
      steps: action.steps,
      reason: action.reason,
      idempotencyKey: action.idempotencyKey,
      offboardingId: action.offboardingId,
      attempts: action.attempts,
      nextAttemptAt: action.nextAttemptAt,
      lastErrorCode: action.lastErrorCode,
      lastErrorMessage: action.lastErrorMessage,
      appliedAt: action.appliedAt,
      recheck: action.recheckStatus && action.recheckedAt ? { status: action.recheckStatus, checkedAt: action.recheckedAt } : null,
      resolvedAt: action.resolvedAt,
      requestedBy: action.requestedBy,
      requestedAt: action.createdAt ?? new Date(),
    });
  }
}

export enum RemediateOutcome {
  CREATED = 'CREATED',
  REPLAYED = 'REPLAYED',
  ALREADY_UNDER_WAY = 'ALREADY_UNDER_WAY',
  DRY_RUN = 'DRY_RUN',
  NOTHING_TO_FIX = 'NOTHING_TO_FIX',
}

registerEnumType(RemediateOutcome, {
  name: 'RemediateOutcome',
  valuesConfig: {
    CREATED: { description: 'A new action was recorded (and applied at once where the platform allows).' },
    REPLAYED: { description: 'The idempotency key was seen before: its action, unchanged.' },
    ALREADY_UNDER_WAY: { description: 'An action for this rule on this account is still being applied: that one.' },
    DRY_RUN: { description: 'What would be done; nothing was stored or changed.' },
    NOTHING_TO_FIX: { description: 'The rule does not FAIL on the account now (action is null).' },
  },
});

@ObjectType()
export class RemediatePayload {
  @Field(() => RemediateOutcome)
  outcome: RemediateOutcome;

  @Field(() => RemediationActionView, { nullable: true })
  action: RemediationActionView | null;
}

export const RemediationActionConnection = connectionType('RemediationAction', RemediationActionView);
export type RemediationActionConnection = InstanceType<typeof RemediationActionConnection>;
