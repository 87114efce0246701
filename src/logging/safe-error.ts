import { QueryFailedError } from 'typeorm';

/**
 * What of an error may go to the logs. A failed query carries its bound parameters and PostgreSQL's `detail`
 * (both can hold emails, student ids, whole feeds): keep the SQLSTATE, constraint and table instead.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (error instanceof QueryFailedError) {
    const driver = error.driverError as { code?: string; constraint?: string; table?: string; routine?: string } | undefined;
    return { type: 'QueryFailedError', code: driver?.code, constraint: driver?.constraint, table: driver?.table, routine: driver?.routine };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}
