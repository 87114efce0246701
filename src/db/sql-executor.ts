import type { EntityManager } from 'typeorm';

/** Runs one SQL statement and gives back its rows (RETURNING rows alike for SELECT, INSERT, UPDATE and DELETE). */
export type SqlExecutor = (text: string, values: unknown[]) => Promise<any[]>;

/**
 * Plain SQL on the manager's connection: inside its transaction when it has one. TypeORM's own `query()`
 * answers an UPDATE with [rows, count] rather than rows; the structured result is the same for every command.
 */
export function sqlExecutor(manager: EntityManager): SqlExecutor {
  return async (text, values) => {
    const own = manager.queryRunner;
    const runner = own ?? manager.connection.createQueryRunner();
    try {
      return (await runner.query(text, values, true)).records;
    } finally {
      if (!own) await runner.release();
    }
  };
}
