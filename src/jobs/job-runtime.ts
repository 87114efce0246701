import PgBoss from 'pg-boss';
import type { Logger } from '../logging/logger';
import { safeError } from '../logging/safe-error';

/** One kind of background job: its queue (retries, expiry, dead letter) and the handler for a batch of jobs. */
export interface JobDefinition<Data extends object = object> {
  name: string;
  queue?: Omit<PgBoss.Queue, 'name'>;
  work?: PgBoss.WorkOptions;
  /** Cron (UTC) for jobs pg-boss should enqueue by itself; pg-boss makes sure one process does it per tick. */
  schedule?: string;
  /** Jobs of this queue one process runs at once (each polls on its own). */
  concurrency?: number;
  handle(jobs: PgBoss.Job<Data>[]): Promise<void>;
}

/** A job to enqueue, possibly inside the caller's transaction. */
export interface JobToSend<Data extends object = object> {
  name: string;
  data: Data;
  /** Deterministic ids make a repeated enqueue (a fan-out that runs twice) insert nothing new. */
  id?: string;
  startAfter?: Date;
}

import type { SqlExecutor } from '../db/sql-executor';
export type { SqlExecutor };

/** What job handlers need of the queue: enqueueing more jobs, atomically with their own writes. */
export interface JobQueue {
  insert(jobs: JobToSend[], executor?: SqlExecutor): Promise<void>;
}
// Terminated by the server (shutdown of an embedded PostgreSQL, failover): pg-boss reconnects by itself.
const ADMIN_SHUTDOWN = '57P01';

/**
 * pg-boss on Proctor's PostgreSQL. Every process can enqueue; processes started with `work: true` (npm start,
 * npm run worker) also fetch and run jobs, so more workers on more machines share one queue with no extra parts.
 */
export class JobRuntime implements JobQueue {
  private readonly boss: PgBoss;
  private started = false;
  private definitions: JobDefinition<any>[] = [];

  constructor(
    connectionString: string,
    private readonly logger: Logger,
    definitions: JobDefinition<any>[] | ((queue: JobQueue) => JobDefinition<any>[]),
    options: { applicationName: string; poolSize?: number; schema?: string; maintenanceIntervalSeconds?: number },
  ) {
    // pg-boss's own tables live in their own schema, beside (not among) Proctor's migrations.
    this.boss = new PgBoss({
      connectionString,
      schema: options.schema ?? 'pgboss',
      application_name: options.applicationName,
      max: options.poolSize ?? 4,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    });
    this.definitions = typeof definitions === 'function' ? definitions(this) : definitions;
    this.boss.on('error', (error: Error & { code?: string }) => {
      if (error.code === ADMIN_SHUTDOWN) return;
      this.logger.error({ error: safeError(error) }, 'job queue error');
    });
  }

  async start(options: { work: boolean }): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const definition of this.definitions) {
      await this.boss.createQueue(definition.name, { name: definition.name, ...(definition.queue ?? {}) });
      if (definition.schedule) await this.boss.schedule(definition.name, definition.schedule, {}, { tz: 'UTC' });
      if (options.work) {
        for (let worker = 0; worker < (definition.concurrency ?? 1); worker += 1) {
          await this.boss.work(definition.name, definition.work ?? {}, async (jobs) => {
            try {
              await definition.handle(jobs);
            } catch (error) {
              // pg-boss keeps the error on the job and retries it; the log says so too, without secrets.
              this.logger.warn({ queue: definition.name, jobs: jobs.map((job) => job.id), error: safeError(error) }, 'job failed');
              throw error;
            }
          });
        }
      }
    }
    this.logger.info({ queues: this.definitions.map((definition) => definition.name), working: options.work }, 'job runtime started');
  }

  async send<Data extends object>(name: string, data: Data, options: PgBoss.SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, data, options);
  }

  async insert(jobs: JobToSend[], executor?: SqlExecutor): Promise<void> {
    if (jobs.length === 0) return;
    const rows: PgBoss.JobInsert[] = jobs.map((job) => ({ id: job.id, name: job.name, data: job.data, startAfter: job.startAfter?.toISOString() }));
    const db = executor ? { executeSql: async (text: string, values: unknown[]) => ({ rows: await executor(text, values) }) } : undefined;
    // pg-boss's insert takes one queue's defaults (expiry, retries, dead letter) per row from its queue.
    await this.boss.insert(rows, db ? { db } : {});
  }

  /** Stops fetching, lets running handlers finish (up to `timeoutMs`), then closes the pool. */
  async stop(timeoutMs: number): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(timeoutMs, 1000) });
  }
}
