import { createDataSource } from '../../src/db/data-source';
import { hasPendingMigrations, runMigrations } from '../../src/db/migrate';
import { createDistrict } from '../support/factories';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApp, type TestApp } from '../support/test-app';
import { MIGRATIONS } from '../../migrations';

describe('migrations', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('match the entities exactly: no change is left for migration:generate to write', async () => {
    const pending = await testApp.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    expect(await hasPendingMigrations(testApp.dataSource)).toBe(false);
  });

  it('are never synchronised automatically', () => {
    expect(testApp.dataSource.options.synchronize).toBe(false);
    expect(testApp.dataSource.options.migrationsRun).toBe(false);
  });

  it('apply on an empty database, revert completely, and apply again', async () => {
    const scratch = await createScratchDatabase();
    const dataSource = createDataSource({ url: scratch.url });
    try {
      await dataSource.initialize();
      expect(await runMigrations(dataSource)).toHaveLength(MIGRATIONS.length);
      expect(await runMigrations(dataSource)).toEqual([]);
      for (let index = 0; index < MIGRATIONS.length; index += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await dataSource.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
      expect(tables).toEqual([{ table_name: 'migrations' }]);
      const types = await dataSource.query("SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'");
      expect(types).toEqual([]);
      expect(await runMigrations(dataSource)).toHaveLength(MIGRATIONS.length);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await scratch.drop();
    }
  });

  it('run once when several processes start together (advisory lock)', async () => {
    const scratch = await createScratchDatabase();
    const sources = [createDataSource({ url: scratch.url }), createDataSource({ url: scratch.url }), createDataSource({ url: scratch.url })];
    try {
      await Promise.all(sources.map((source) => source.initialize()));
      const applied = await Promise.all(sources.map((source) => runMigrations(source)));
      expect(applied.flat()).toHaveLength(MIGRATIONS.length);
    } finally {
      await Promise.all(sources.filter((source) => source.isInitialized).map((source) => source.destroy()));
      await scratch.drop();
    }
  });

  it('make the audit log append-only in the database itself', async () => {
    const { district } = await createDistrict(testApp);
    const [entry] = await testApp.dataSource.query('SELECT id FROM audit_entry WHERE district_id = $1 LIMIT 1', [district.id]);
    await expect(testApp.dataSource.query("UPDATE audit_entry SET action = 'forged' WHERE id = $1", [entry.id])).rejects.toMatchObject({
      driverError: { code: '42501' },
    });
    await expect(testApp.dataSource.query('DELETE FROM audit_entry WHERE id = $1', [entry.id])).rejects.toMatchObject({ driverError: { code: '42501' } });
    await expect(testApp.dataSource.query('TRUNCATE audit_entry')).rejects.toMatchObject({ driverError: { code: '42501' } });
    const [still] = await testApp.dataSource.query('SELECT action FROM audit_entry WHERE id = $1', [entry.id]);
    expect(still.action).toBe('district.create');
  });

  it('still let a whole district be deleted, audit log included', async () => {
    const { district } = await createDistrict(testApp);
    await testApp.dataSource.query('DELETE FROM district WHERE id = $1', [district.id]);
    const [left] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM audit_entry WHERE district_id = $1', [district.id]);
    expect(left.n).toBe(0);
  });
});
