import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { resolveSecrets } from '../src/config/local-secrets';
import { createDataSource } from '../src/db/data-source';
import { ensureDatabase, findFreePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { newId } from '../src/db/ids';
import { runMigrations } from '../src/db/migrate';
import { readRosterArchive } from '../src/roster/oneroster-reader';
import type { RosterImportSummary } from '../src/roster/oneroster.types';
import { School } from '../src/schools/school.entity';
import { createServices, type Services } from '../src/services';
import { cliActor } from '../src/tenancy/actor';
import { TenantScope } from '../src/tenancy/tenant-scope';
import { generateRoster, rosterZip } from '../test/support/oneroster-fixtures';
import { printTable } from './bench-report';

/**
 * `npm run bench:oneroster`: a OneRoster 1.2 bulk export (zip) imported into a fresh district of SCHOOLS
 * schools on a fresh embedded PostgreSQL, for each size in BENCH_ONEROSTER_USERS: the first import (every
 * person created), a re-import of the same export (nothing changes), and a re-import with 2% of the people
 * edited (staff renamed, students' media consent given). Each time covers the whole import: unzip, parse, validate, plan, write, audit, commit.
 */
const SIZES = (process.env.BENCH_ONEROSTER_USERS ?? '2000,10000').split(',').map(Number);
const SCHOOLS = 40;

async function district(dataSource: DataSource, services: Services, slug: string): Promise<{ scope: TenantScope; codes: string[] }> {
  const { district: created } = await services.districts.create(
    { name: `Bench ${slug}`, slug, emailDomains: [`${slug}.example.org`], policyProfileId: 'ap1311-social-media-for-learning' },
    (districtId) => cliActor(districtId, 'bench'),
  );
  const scope = new TenantScope(cliActor(created.id, 'bench'), dataSource.manager);
  const codes = Array.from({ length: SCHOOLS }, (_unused, index) => `S${index}`);
  await scope.transaction(async (tx) => {
    await tx.insert(School, codes.map((code) => ({ id: newId(), name: `School ${code}`, code, websiteUrl: `https://${code.toLowerCase()}.${slug}.example.org` })));
    tx.audit({ action: 'bench.schools', targetType: 'District', targetId: created.id });
  });
  return { scope, codes };
}

async function timed(services: Services, scope: TenantScope, zip: Buffer): Promise<{ seconds: number; summary: RosterImportSummary }> {
  const started = process.hrtime.bigint();
  const summary = await services.roster.import(scope, readRosterArchive(zip));
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, summary };
}

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-bench-oneroster-'));
  fs.chmodSync(scratch, 0o755);
  const postgres = await startEmbeddedPostgres({ clusterDir: path.join(scratch, 'postgres'), port: await findFreePort(), password: 'bench' });
  try {
    await ensureDatabase(postgres, 'proctor');
    const url = postgres.url('proctor');
    const config = loadConfig({ DATABASE_URL: url, HANDLE_HASH_KEY: Buffer.alloc(32, 1).toString('base64'), TOKEN_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 2).toString('base64')}`, LOG_LEVEL: 'silent' });
    const dataSource = createDataSource({ url });
    await dataSource.initialize();
    try {
      await runMigrations(dataSource);
      const services = createServices(dataSource, config, resolveSecrets(config));
      const rows: Record<string, string | number>[] = [];
      for (const users of SIZES) {
        const { scope, codes } = await district(dataSource, services, `bench-${users}`);
        const roster = generateRoster({ users, schoolCodes: codes });
        const zip = rosterZip(roster);
        const edited = { ...roster, users: roster.users.map((user, index) => (index % 100 === 7 || index % 100 === 8 ? { ...user, givenName: `${user.givenName}-renamed`, 'metadata.mediaConsent': 'true' } : user)) };
        const runs: Array<[string, Buffer]> = [['first import', zip], ['re-import, no changes', zip], ['re-import, 2% edited', rosterZip(edited)]];
        for (const [label, body] of runs) {
          const { seconds, summary } = await timed(services, scope, body);
          rows.push({
            users,
            'zip KiB': Math.round(body.length / 1024),
            run: label,
            seconds: seconds.toFixed(2),
            'users/s': Math.round(users / seconds),
            'staff c/u/=': `${summary.staff.created}/${summary.staff.updated}/${summary.staff.unchanged}`,
            'students c/u/=': `${summary.students.created}/${summary.students.updated}/${summary.students.unchanged}`,
          });
          console.log(`  ${users} users, ${label}: ${seconds.toFixed(2)} s`);
        }
      }
      console.log(`\nOneRoster 1.2 bulk import (unzip + parse + validate + plan + write + audit, one transaction), ${SCHOOLS} schools`);
      console.log(`Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), PostgreSQL embedded on the same machine`);
      printTable(rows);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await postgres.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
