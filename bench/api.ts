import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccountAdmin } from '../src/accounts/account-admin.entity';
import { AccountKind, AccountScope, AccountStatus, Audience, Platform } from '../src/accounts/account.enums';
import { SocialAccount } from '../src/accounts/social-account.entity';
import { loadConfig } from '../src/config/config';
import { createDataSource } from '../src/db/data-source';
import { ensureDatabase, findFreePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { newId } from '../src/db/ids';
import { runMigrations } from '../src/db/migrate';
import { School } from '../src/schools/school.entity';
import { RULES } from '../src/compliance/rules';
import type { DataSource } from 'typeorm';
import { resolveSecrets } from '../src/config/local-secrets';
import { createServices } from '../src/services';
import { cliActor } from '../src/tenancy/actor';
import { TenantScope } from '../src/tenancy/tenant-scope';
import { percentile, printTable } from './bench-report';

/**
 * `npm run bench:api`: the account list query of the dashboard against the real server process
 * (dist/src/main.js) on a fresh embedded PostgreSQL holding BENCH_ACCOUNTS accounts (3 admins each).
 * Prints latency percentiles and throughput for several client counts and page sizes, then the dashboard's
 * complianceSummary and findings page over every account judged by every rule and BENCH_FINDINGS findings.
 */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const SCHOOLS = 40;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const CONCURRENCY_LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,4,16').split(',').map(Number);
const PAGE_SIZES = [20, 100];
const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 100_000);
const SUMMARY_REQUESTS = Number(process.env.BENCH_SUMMARY_REQUESTS ?? 100);
const SUMMARY = '{ complianceSummary { accounts compliantAccounts complianceRate byStatus { status count } byRule { ruleId counts { status count } } bySchool { schoolId counts { status count } } } }';
const FINDINGS_PAGE = '{ findings(first: 50, filter: { state: OPEN }) { totalCount edges { node { id ruleId status severity firstSeenAt account { handle } } } } }';

const PAGE = `query($first: Int, $after: String) {
  accounts(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id platform handle scope status school { name code } admins { email platformRole } } }
  }
}`;

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'proctor-bench-'));
  fs.chmodSync(scratch, 0o755);
  const postgres = await startEmbeddedPostgres({ clusterDir: path.join(scratch, 'postgres'), port: await findFreePort(), password: 'bench' });
  let server: ChildProcess | undefined;
  try {
    await ensureDatabase(postgres, 'proctor');
    const url = postgres.url('proctor');
    const key = await load(url);

    const port = await findFreePort();
    server = await startServer(url, port);
    const endpoint = `http://127.0.0.1:${port}/graphql`;
    const rows: Record<string, string | number>[] = [];
    for (const concurrency of process.env.BENCH_SKIP_LIST ? [] : CONCURRENCY_LEVELS) {
      for (const first of PAGE_SIZES) rows.push(await drive(endpoint, key, first, concurrency));
    }
    console.log(`\nAccount list query (school + admins + totalCount): ${ACCOUNTS} accounts, ${REQUESTS} timed requests per row, server NODE_ENV=production`);
    console.log(`Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}) shared by server, PostgreSQL and load generator`);
    printTable(rows);

    const dashboard: Record<string, string | number>[] = [];
    for (const concurrency of [1, 4]) {
      dashboard.push(await driveQuery(endpoint, key, 'complianceSummary', SUMMARY, concurrency, SUMMARY_REQUESTS));
      dashboard.push(await driveQuery(endpoint, key, 'findings (first 50, open)', FINDINGS_PAGE, concurrency, SUMMARY_REQUESTS));
    }
    console.log(`\nDashboard queries: ${ACCOUNTS} accounts x ${RULES.length} rules of results, ${FINDINGS} findings, 1 000 exceptions, 500 attestations`);
    printTable(dashboard);
  } finally {
    server?.kill('SIGTERM');
    if (server) await new Promise((resolve) => server!.once('exit', resolve));
    await postgres.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A district, its schools, and ACCOUNTS accounts with three admins each, written through TenantScope. */
async function load(url: string): Promise<string> {
  const config = loadConfig({ DATABASE_URL: url, HANDLE_HASH_KEY: Buffer.alloc(32, 1).toString('base64'), TOKEN_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 2).toString('base64')}`, LOG_LEVEL: 'silent' });
  const dataSource = createDataSource({ url });
  await dataSource.initialize();
  await runMigrations(dataSource);
  const services = createServices(dataSource, config, resolveSecrets(config));
  const { district, adminKey } = await services.districts.create(
    { name: 'Bench District', slug: 'bench', emailDomains: ['bench.example.org'], policyProfileId: 'ap1311-social-media-for-learning' },
    (districtId) => cliActor(districtId, 'bench'),
  );
  const started = Date.now();
  await new TenantScope(cliActor(district.id, 'bench'), dataSource.manager).transaction(async (scope) => {
    const schools = Array.from({ length: SCHOOLS }, (_unused, index) => ({
      id: newId(),
      name: `School ${index}`,
      code: `S${index}`,
      websiteUrl: `https://s${index}.bench.example.org`,
    }));
    await scope.insert(School, schools);
    const platforms = Object.values(Platform);
    const accounts = Array.from({ length: ACCOUNTS }, (_unused, index) => ({
      id: newId(),
      platform: platforms[index % platforms.length],
      handle: `bench.account.${index}`,
      scope: index % 10 === 0 ? AccountScope.DISTRICT : AccountScope.SCHOOL,
      schoolId: index % 10 === 0 ? null : schools[index % SCHOOLS].id,
      audience: Audience.PRIVATE,
      kind: AccountKind.PLATFORM_ROLES,
      custodianEmail: `custodian${index}@bench.example.org`,
      status: index % 4 === 0 ? AccountStatus.PENDING_APPROVAL : AccountStatus.ACTIVE,
      registeredAt: new Date(),
      registeredBy: 'bench',
    }));
    await scope.insert(SocialAccount, accounts);
    await scope.insert(
      AccountAdmin,
      accounts.flatMap((account, index) =>
        ['owner', 'editor', 'it'].map((role) => ({
          id: newId(),
          accountId: account.id,
          email: `${role}${index}@bench.example.org`,
          platformRole: role === 'editor' ? 'EDITOR' : 'ADMIN',
          isServiceAccount: role === 'it',
          addedAt: new Date(),
        })),
      ),
    );
    scope.audit({ action: 'bench.load', targetType: 'District', targetId: district.id, after: { accounts: ACCOUNTS } });
  });
  await loadCompliance(dataSource, district.id);
  await dataSource.query('ANALYZE');
  console.log(`Loaded ${ACCOUNTS} accounts and ${ACCOUNTS * 3} admins in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await dataSource.destroy();
  return adminKey;
}

/**
 * Every account judged by all 16 rules (a spread of statuses), FINDINGS findings (10 per account at 10 000
 * accounts, a third resolved), 1 000 unexpired exceptions and 500 attestations: generated in SQL for speed.
 */
async function loadCompliance(dataSource: DataSource, districtId: string): Promise<void> {
  const started = Date.now();
  const rules = RULES.map((rule) => rule.id);
  await dataSource.query(
    `INSERT INTO compliance_result (id, district_id, account_id, school_id, rule_id, status, severity, message, evidence, citations, remediation, checked_at)
     SELECT gen_random_uuid(), $1, a.id, a.school_id, r.rule_id,
            (ARRAY['PASS','PASS','PASS','FAIL','MANUAL','ERROR','NOT_APPLICABLE'])[1 + (abs(hashtext(a.id::text || r.rule_id)) % 7)]::compliance_result_status_enum,
            'medium', 'bench', '{}', '[]', '{"action":null,"steps":[]}', now()
       FROM social_account a CROSS JOIN unnest($2::text[]) AS r(rule_id) WHERE a.district_id = $1`,
    [districtId, rules],
  );
  await dataSource.query(
    `INSERT INTO finding (id, district_id, account_id, school_id, rule_id, severity, state, message, evidence, first_seen_at, last_seen_at, resolved_at, reopened_count)
     SELECT gen_random_uuid(), $1, a.id, a.school_id, r.rule_id, 'high',
            CASE WHEN r.n % 3 = 0 THEN 'RESOLVED' ELSE 'OPEN' END::finding_state_enum, 'bench', '{}',
            now() - interval '30 days', now(), CASE WHEN r.n % 3 = 0 THEN now() END, 0
       FROM social_account a CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS r(rule_id, n)
      WHERE a.district_id = $1 AND r.n <= $3`,
    [districtId, rules, Math.round(FINDINGS / ACCOUNTS)],
  );
  await dataSource.query(
    `INSERT INTO rule_exception (id, district_id, account_id, rule_id, reason, granted_by, expires_at)
     SELECT gen_random_uuid(), district_id, account_id, rule_id, 'bench exception', 'bench', now() + interval '30 days'
       FROM compliance_result WHERE district_id = $1 AND status = 'FAIL' LIMIT 1000`,
    [districtId],
  );
  await dataSource.query(
    `INSERT INTO attestation (id, district_id, account_id, rule_id, statement, compliant, attested_by, expires_at)
     SELECT gen_random_uuid(), district_id, account_id, rule_id, 'bench attestation', true, 'bench', now() + interval '30 days'
       FROM compliance_result WHERE district_id = $1 AND status = 'MANUAL' LIMIT 500`,
    [districtId],
  );
  const [{ results }] = await dataSource.query('SELECT count(*)::int AS results FROM compliance_result');
  const [{ findings }] = await dataSource.query('SELECT count(*)::int AS findings FROM finding');
  console.log(`Loaded ${results} compliance results and ${findings} findings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The dashboard's summary and first findings page, timed like the list. */
async function driveQuery(endpoint: string, key: string, label: string, query: string, concurrency: number, requests: number): Promise<Record<string, string | number>> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const call = async () => {
    const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query }) });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    if (!body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  };
  for (let warm = 0; warm < 5; warm += 1) await call();
  const latencies: number[] = [];
  let remaining = requests;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining > 0) {
        remaining -= 1;
        const sent = process.hrtime.bigint();
        await call();
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    query: label,
    clients: concurrency,
    requests: latencies.length,
    'p50 ms': percentile(latencies, 50).toFixed(1),
    'p95 ms': percentile(latencies, 95).toFixed(1),
    'p99 ms': percentile(latencies, 99).toFixed(1),
    'req/s': (latencies.length / seconds).toFixed(0),
  };
}

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const entry = path.resolve(__dirname, '..', 'src', 'main.js');
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), entry], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, PORT: String(port), SEED_DEMO: 'false', LOG_LEVEL: 'warn', HANDLE_HASH_KEY: Buffer.alloc(32, 1).toString('base64'), TOKEN_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 2).toString('base64')}`, DATABASE_POOL_SIZE: '20' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok).catch(() => false);
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

/** `concurrency` clients each walk the list page by page (following endCursor, wrapping at the end). */
async function drive(endpoint: string, key: string, first: number, concurrency: number): Promise<Record<string, string | number>> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const call = async (after: string | null) => {
    const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query: PAGE, variables: { first, after } }) });
    const body = (await response.json()) as { data?: { accounts: { pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: unknown };
    if (!body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
    return body.data.accounts.pageInfo;
  };
  for (let warm = 0; warm < 20; warm += 1) await call(null);

  const latencies: number[] = [];
  let remaining = REQUESTS;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_unused, client) => {
      let after: string | null = null;
      // Spread the clients over the list rather than all reading page one.
      for (let skip = 0; skip < client; skip += 1) after = (await call(after)).endCursor;
      while (remaining > 0) {
        remaining -= 1;
        const sent = process.hrtime.bigint();
        const pageInfo = await call(after);
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
        after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    clients: concurrency,
    'page size': first,
    requests: latencies.length,
    'p50 ms': percentile(latencies, 50).toFixed(1),
    'p95 ms': percentile(latencies, 95).toFixed(1),
    'p99 ms': percentile(latencies, 99).toFixed(1),
    'req/s': (latencies.length / seconds).toFixed(0),
    'accounts/s': ((latencies.length * first) / seconds).toFixed(0),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
