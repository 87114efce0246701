import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresError, ensureDatabase, findFreePort, isTrustedDirectory, startEmbeddedPostgres } from '../../src/db/embedded-postgres';

describe('embedded PostgreSQL lifecycle', () => {
  let directory: string;
  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-embedded-'));
    fs.chmodSync(directory, 0o755);
  });
  afterAll(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('initialises once, lets a second process attach, adopts an orphan, and stops cleanly', async () => {
    const clusterDir = path.join(directory, 'postgres');
    const password = 'lifecycle-test';
    const owner = await startEmbeddedPostgres({ clusterDir, port: await findFreePort(), password });
    expect(owner.startedHere).toBe(true);
    expect(fs.readFileSync(`${clusterDir}.owner`, 'utf8')).toBe(String(process.pid));

    await ensureDatabase(owner, 'lifecycle');
    await ensureDatabase(owner, 'lifecycle');
    const client = new pg.Client({ connectionString: owner.url('lifecycle') });
    await client.connect();
    expect((await client.query('SHOW server_version')).rows[0].server_version).toMatch(/^18\./);
    await client.end();

    // While its owner lives, another process only attaches (the port given is ignored) and never stops it.
    const attached = await startEmbeddedPostgres({ clusterDir, port: 1, password });
    expect(attached).toMatchObject({ startedHere: false, port: owner.port });
    await attached.stop();
    await expect(pgReachable(owner.url('postgres'))).resolves.toBe(true);

    // An owner that died (SIGKILL) leaves the server running: the next process adopts it and stops it.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(`${clusterDir}.owner`, String(deadPid));
    const adopted = await startEmbeddedPostgres({ clusterDir, port: 1, password });
    expect(adopted.startedHere).toBe(true);
    await adopted.stop();
    await expect(pgReachable(owner.url('postgres'))).resolves.toBe(false);
    expect(fs.existsSync(`${clusterDir}.owner`)).toBe(false);
  });
});

describe('embedded PostgreSQL safety', () => {
  it('refuses a data directory that would inject shell commands into pg_ctl', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-inject-'));
    const marker = path.join(base, 'pwned');
    try {
      await expect(startEmbeddedPostgres({ clusterDir: path.join(base, `x"$(touch ${marker})"`), port: 1, password: 'x' })).rejects.toBeInstanceOf(EmbeddedPostgresError);
      expect(fs.existsSync(marker)).toBe(false);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('trusts only real directories of this user that nobody else can write', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-trust-'));
    try {
      fs.chmodSync(base, 0o755);
      expect(isTrustedDirectory(base)).toBe(true);
      const open = path.join(base, 'open');
      fs.mkdirSync(open, { mode: 0o777 });
      fs.chmodSync(open, 0o777);
      expect(isTrustedDirectory(open)).toBe(false);
      const link = path.join(base, 'link');
      fs.symlinkSync(base, link);
      expect(isTrustedDirectory(link)).toBe(false);
      expect(isTrustedDirectory(path.join(base, 'missing'))).toBe(false);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});

async function pgReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
