import { buildProctorSchema } from '../../src/graphql/schema';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/logging/logger';
import { openRuntime, type Runtime } from '../../src/runtime';
import { seedSandboxIfEmpty } from '../../src/seed/sandbox';
import { expectData, graphql } from '../support/graphql';
import { createScratchDatabase } from '../support/scratch-database';
import { testConfig } from '../support/test-config';

describe('sandbox district seed', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let runtimes: Runtime[];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const config = testConfig({ DATABASE_URL: scratch.url });
    // Two processes starting on one empty database: migrations and seed happen once.
    runtimes = await Promise.all([1, 2].map(() => openRuntime(config, createLogger('silent'), { applicationName: 'seed-test', migrate: true })));
  });
  afterAll(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await scratch.drop();
  });

  it('seeds once on an empty database, and the printed admin key opens a working sandbox', async () => {
    const results = await Promise.all(runtimes.map((runtime) => seedSandboxIfEmpty(runtime)));
    const seeded = results.filter((result) => result !== null);
    expect(seeded).toHaveLength(1);
    expect(await seedSandboxIfEmpty(runtimes[0])).toBeNull();

    const [runtime] = runtimes;
    const proctor = await createApp({ config: runtime.config, dataSource: runtime.dataSource, logger: runtime.logger, services: runtime.services, schema: await buildProctorSchema() });
    try {
      const data = expectData(
        await graphql(
          proctor.app,
          seeded[0]!.adminKey,
          `{ viewer { role district { slug } }
             schools { code }
             active: accounts(filter: { status: ACTIVE }) { totalCount }
             pending: accounts(filter: { status: PENDING_APPROVAL }) { totalCount edges { node { handle admins { platformUserId } } } }
             auditLog(first: 1) { totalCount edges { node { actor { type } } } } }`,
        ),
      );
      expect(data.viewer).toEqual({ role: 'DISTRICT_ADMIN', district: { slug: 'sandbox' } });
      expect(data.schools.map((school: { code: string }) => school.code).sort()).toEqual(['CPE', 'LMS', 'MRS']);
      expect(data.active.totalCount).toBe(6);
      expect(data.pending.totalCount).toBe(2);
      expect(data.auditLog.totalCount).toBeGreaterThan(20);
      expect(data.auditLog.edges[0].node.actor.type).toBe('SYSTEM');
      const [people] = await runtime.dataSource.query(
        "SELECT (SELECT count(*) FROM staff)::int AS staff, (SELECT count(*) FROM staff WHERE status = 'DEPARTED')::int AS departed, (SELECT count(*) FROM student)::int AS students",
      );
      expect(people).toEqual({ staff: 10, departed: 1, students: 4 });
    } finally {
      await proctor.apollo.stop();
    }
  });
});
