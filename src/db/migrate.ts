import type { DataSource } from 'typeorm';

// Any fixed 64-bit number; every Proctor process that migrates or seeds takes this lock first.
const SCHEMA_LOCK_KEY = 7_305_110_845_127_001;

/**
 * Runs `work` while holding a session-level advisory lock, so several API or worker processes starting
 * against one database at once migrate (and seed) one after the other instead of racing.
 */
export async function withSchemaLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Applies pending migrations, each in its own transaction; returns the names applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  return withSchemaLock(dataSource, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
}

export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
