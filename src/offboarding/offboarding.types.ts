import { Field, ID, ObjectType } from 'type-graphql';
import { Platform } from '../accounts/account.enums';
import { connectionType } from '../graphql/connection';
import { RemediationActionView } from '../remediation/remediation.types';
import type { Offboarding } from './offboarding.entity';
import { OffboardingSource, OffboardingStatus } from './offboarding.enums';

@ObjectType('OffboardingAccount', { description: 'What the departure meant for one account: what Proctor did and what a person still must do.' })
export class OffboardingAccountView {
  @Field(() => ID)
  accountId: string;

  @Field(() => Platform)
  platform: Platform;

  @Field()
  handle: string;

  @Field(() => [RemediationActionView])
  actions: RemediationActionView[];

  @Field({ description: 'True while some action on this account is a MANUAL task or failed for good.' })
  needsPerson: boolean;
}

@ObjectType('Offboarding', { description: "An employee's departure as HR reported it, and its work across the accounts." })
export class OffboardingView {
  @Field(() => ID)
  id: string;

  @Field()
  employeeId: string;

  @Field()
  effectiveAt: Date;

  @Field(() => OffboardingStatus)
  status: OffboardingStatus;

  @Field(() => OffboardingSource)
  source: OffboardingSource;

  @Field()
  idempotencyKey: string;

  @Field({ description: 'Label of the API key that reported it.' })
  requestedBy: string;

  @Field()
  requestedAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  static of(offboarding: Offboarding): OffboardingView {
    return Object.assign(new OffboardingView(), {
      id: offboarding.id,
      employeeId: offboarding.employeeId,
      effectiveAt: offboarding.effectiveAt,
      status: offboarding.status,
      source: offboarding.source,
      idempotencyKey: offboarding.idempotencyKey,
      requestedBy: offboarding.requestedBy,
      requestedAt: offboarding.createdAt,
      startedAt: offboarding.startedAt,
      completedAt: offboarding.completedAt,
    });
  }
}

@ObjectType()
export class OffboardStaffPayload {
  @Field({ description: 'True when nothing changed: the same key again, or a departure already reported.' })
  replayed: boolean;

  @Field(() => OffboardingView)
  offboarding: OffboardingView;
}

export const OffboardingConnection = connectionType('Offboarding', OffboardingView);
export type OffboardingConnection = InstanceType<typeof OffboardingConnection>;
