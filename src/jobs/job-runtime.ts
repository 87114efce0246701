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
  handle(jobs: PgBoss.Job<Data>[]): Promise<void>;
}

// pg-boss's own tables live in their own schema, beside (not among) Proctor's migrations.
const SCHEMA = 'pgboss';
// Terminated by the server (shutdown of an embedded PostgreSQL, failover): pg-boss reconnects by itself.
const ADMIN_SHUTDOWN = '57P01';

/**
 * pg-boss on Proctor's PostgreSQL. Every process can enqueue; processes started with `work: true` (npm start,
 * npm run worker) also fetch and run jobs, so more workers on more machines share one queue with no extra parts.
 */
export class JobRuntime {
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    connectionString: string,
    private readonly logger: Logger,
    private readonly definitions: JobDefinition<any>[],
    options: { applicationName: string; poolSize?: number },
  ) {
    this.boss = new PgBoss({ connectionString, schema: SCHEMA, application_name: options.applicationName, max: options.poolSize ?? 4 });
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
        await this.boss.work(definition.name, definition.work ?? {}, (jobs) => definition.handle(jobs));
      }
    }
    this.logger.info({ queues: this.definitions.map((definition) => definition.name), working: options.work }, 'job runtime started');
  }

  async send<Data extends object>(name: string, data: Data, options: PgBoss.SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, data, options);
  }

  /** Stops fetching, lets running handlers finish (up to `timeoutMs`), then closes the pool. */
  async stop(timeoutMs: number): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(timeoutMs, 1000) });
  }
}
