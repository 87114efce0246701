import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../src/db/data-source';
import { ensureDatabase, findFreePort, startEmbeddedPostgres, type RunningPostgres } from '../src/db/embedded-postgres';

declare global {
  var proctorTestPostgres: { server: RunningPostgres; directory: string } | undefined;
}

export const TEST_DATABASE = 'proctor_test';

/**
 * One throwaway PostgreSQL cluster per `npm test` run, in the OS temp directory (reachable by the postgres
 * user even when the checkout is under a private home directory), on a free port, migrated once.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.PROCTOR_TEST_DATABASE_URL) return;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-test-'));
  fs.chmodSync(directory, 0o755);
  const server = await startEmbeddedPostgres({
    clusterDir: path.join(directory, 'postgres'),
    port: await findFreePort(),
    password: 'proctor-test',
  });
  globalThis.proctorTestPostgres = { server, directory };
  await ensureDatabase(server, TEST_DATABASE);
  const url = server.url(TEST_DATABASE);
  const dataSource = createDataSource({ url });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env.PROCTOR_TEST_DATABASE_URL = url;
  process.env.PROCTOR_TEST_SERVER_URL = server.url('postgres');
}
