import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../logging/logger';
import { requestContext } from '../logging/request-context';
import { safeError } from '../logging/safe-error';

/** Statements slower than this are logged at warn level. */
export const SLOW_QUERY_MS = 500;

/** Counts SQL statements per request (N+1 shows up in the request log) and sends TypeORM's output to pino. */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger) {}

  logQuery(query: string): void {
    const state = requestContext.getStore();
    if (state) state.sqlQueries += 1;
    if (this.logger.isLevelEnabled('trace')) this.logger.trace({ query }, 'sql');
  }

  logQueryError(error: string | Error, query: string): void {
    // Parameters are left out on purpose: they can carry personal data.
    this.logger.debug({ error: typeof error === 'string' ? { message: error } : safeError(error), query }, 'sql error');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
    else this.logger.debug({ message }, 'typeorm');
  }
}
