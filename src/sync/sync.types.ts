import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Platform } from '../accounts/account.enums';
import { SocialAccount } from '../accounts/social-account.entity';
import { SyncItemStatus, SyncRunStatus, SyncTrigger } from './sync.enums';

@ObjectType({ description: 'Platform calls a run made, per platform.' })
export class SyncPlatformCalls {
  @Field(() => Platform)
  platform: Platform;

  @Field(() => Int, { description: 'Accounts of this platform in the run.' })
  accounts: number;

  @Field(() => Int, { description: 'Platform-counted calls (YouTube: quota units), every attempt included.' })
  calls: number;

  @Field(() => Int, { description: 'Times an account of this platform waited for a rate limit to renew.' })
  rateLimitWaits: number;
}

@ObjectType({ description: 'How many of the run\'s accounts are in one state.' })
export class SyncOutcomeCount {
  @Field(() => SyncItemStatus)
  status: SyncItemStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'An account the run could not check, and why (the dead-letter view).' })
export class SyncDeadLetter {
  @Field(() => SocialAccount, { nullable: true, description: 'Null when the caller may not see the account.' })
  account: SocialAccount | null;

  @Field(() => ID)
  accountId: string;

  @Field(() => Platform)
  platform: Platform;

  @Field({ description: 'TOKEN_REVOKED, NOT_CONNECTED, REFRESH_EXHAUSTED, UNAVAILABLE, RATE_LIMITED, WORKER_FAILED, ...' })
  reasonCode: string;

  @Field()
  message: string;

  @Field({ description: 'What a person should do about it.' })
  action: string;

  @Field(() => Int, { description: 'Attempts through transient faults.' })
  attempts: number;

  @Field(() => Date, { nullable: true })
  failedAt: Date | null;
}

@ObjectType('SyncRun', { description: 'One sync of the district\'s accounts: live progress while it runs, the outcome after.' })
export class SyncRunView {
  @Field(() => ID)
  id: string;

  @Field(() => SyncTrigger)
  trigger: SyncTrigger;

  @Field(() => SyncRunStatus)
  status: SyncRunStatus;

  @Field({ description: 'Who started it.' })
  requestedBy: string;

  @Field(() => String, { nullable: true, description: 'The district-local date of a nightly run.' })
  nightOf: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Int, { description: 'Accounts in the run (0 until its accounts are listed).' })
  total: number;

  @Field(() => Int, { description: 'Accounts finished: checked or failed.' })
  done: number;

  @Field(() => Int)
  checked: number;

  @Field(() => Int, { description: 'Accounts that could not be checked: see deadLetters.' })
  failed: number;

  @Field(() => Int, { description: 'Accounts waiting now for a platform rate limit or quota to renew.' })
  rateLimited: number;

  @Field(() => Int, { description: 'Accounts waiting now to retry after a transient fault.' })
  retrying: number;

  @Field(() => Int, { description: 'Accounts queued or being read now.' })
  inProgress: number;

  @Field(() => Date, { nullable: true, description: 'When the run should finish, from its pace so far and what it waits for; null when finished or not started.' })
  eta: Date | null;

  @Field(() => [SyncOutcomeCount], { description: 'Accounts per state.' })
  outcomes: SyncOutcomeCount[];

  @Field(() => [SyncPlatformCalls])
  apiCalls: SyncPlatformCalls[];

  @Field(() => [SyncDeadLetter], { description: 'The accounts that could not be checked, oldest first (at most 500).' })
  deadLetters: SyncDeadLetter[];

  @Field(() => String, { nullable: true, description: 'Why the run as a whole failed.' })
  failureCode: string | null;
}
