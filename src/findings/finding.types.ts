import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ComplianceStatus, SeverityLevel } from '../compliance/compliance.enums';
import { connectionType } from '../graphql/connection';
import { FindingEventType, FindingState } from './finding.entity';

registerEnumType(FindingState, { name: 'FindingState' });
registerEnumType(FindingEventType, { name: 'FindingEventType' });

@ObjectType('FindingEvent')
export class FindingEventView {
  @Field(() => FindingEventType)
  type: FindingEventType;

  @Field()
  at: Date;

  @Field()
  message: string;

  @Field(() => ID, { nullable: true })
  snapshotId: string | null;
}

@ObjectType('Finding', { description: 'An (account, rule) pair that failed: open while it fails, resolved (kept) when it passes.' })
export class FindingView {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  accountId: string;

  @Field(() => ID, { nullable: true })
  schoolId: string | null;

  @Field()
  ruleId: string;

  @Field()
  title: string;

  @Field(() => SeverityLevel)
  severity: SeverityLevel;

  @Field(() => FindingState)
  state: FindingState;

  @Field(() => ComplianceStatus, { description: 'FAIL, EXEMPT (muted by an unexpired exception) or PASS once resolved.' })
  status: ComplianceStatus;

  @Field(() => Date, { nullable: true, description: 'When the muting exception expires.' })
  exemptUntil: Date | null;

  @Field()
  message: string;

  @Field(() => GraphQLJSONObject)
  evidence: Record<string, unknown>;

  @Field()
  firstSeenAt: Date;

  @Field()
  lastSeenAt: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => Int)
  reopenedCount: number;
}

export const FindingConnection = connectionType('Finding', FindingView);
export type FindingConnection = InstanceType<typeof FindingConnection>;
