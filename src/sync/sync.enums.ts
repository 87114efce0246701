import { registerEnumType } from 'type-graphql';

export enum SyncTrigger {
  /** The district's nightly schedule. */
  NIGHTLY = 'NIGHTLY',
  /** startSync over GraphQL. */
  API = 'API',
  /** `npm run cli -- sync`. */
  CLI = 'CLI',
}

export enum SyncRunStatus {
  /** Created; the fan-out job has not listed its accounts yet. */
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  /** Every account was checked. */
  COMPLETED = 'COMPLETED',
  /** Finished, but some accounts could not be checked: see the dead letters. */
  COMPLETED_WITH_FAILURES = 'COMPLETED_WITH_FAILURES',
  /** The run itself could not proceed (its district or its jobs are gone). */
  FAILED = 'FAILED',
}

export enum SyncItemStatus {
  /** Its check job is queued. */
  PENDING = 'PENDING',
  /** A worker holds it (until `leaseUntil`). */
  RUNNING = 'RUNNING',
  /** A platform budget is spent: its check job waits for the budget to return. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** A transient fault (5xx, timeout): its check job comes back after a backoff. */
  RETRYING = 'RETRYING',
  CHECKED = 'CHECKED',
  /** Could not be checked (dead letter): `reasonCode` says why. */
  FAILED = 'FAILED',
}

/** Statuses that end an item's part in the run. */
export const FINISHED_ITEM_STATUSES: readonly SyncItemStatus[] = [SyncItemStatus.CHECKED, SyncItemStatus.FAILED];

registerEnumType(SyncTrigger, { name: 'SyncTrigger', description: 'What started a sync run.' });
registerEnumType(SyncRunStatus, { name: 'SyncRunStatus' });
registerEnumType(SyncItemStatus, { name: 'SyncItemStatus', description: "One account's state within a sync run." });
