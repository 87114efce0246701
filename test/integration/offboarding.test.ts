import { randomUUID } from 'node:crypto';
import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { Platform } from '../../src/accounts/account.enums';
import { ApiRole } from '../../src/auth/api-role';
import { systemActor } from '../../src/tenancy/actor';
import { TenantScope } from '../../src/tenancy/tenant-scope';
import { createDistrict, createKey, registerAccount } from '../support/factories';
import { errorCode, expectData, graphql } from '../support/graphql';
import { connectedSandboxWorld, type SandboxWorld, waitFor } from '../support/remediation-harness';
import { useHarnessWithJobs } from '../support/test-jobs';

const OFFBOARD = `mutation($input: OffboardStaffInput!) {
  offboardStaff(input: $input) { replayed offboarding { id employeeId status effectiveAt source idempotencyKey } }
}`;
const OFFBOARDING = `query($id: ID!) {
  offboarding(id: $id) {
    id status employeeId startedAt completedAt
    accounts { accountId platform handle needsPerson actions { kind status ruleId attempts nextAttemptAt lastErrorCode steps operations { kind target status } recheck { status } } }
  }
}`;

/** Sam Whitehorse (E9002): a business user of two Facebook pages, an admin of a LinkedIn page, and he knows a shared password. */
const SAM = { email: 'sam.whitehorse@sandbox-sd.example.org', employeeId: 'E9002', name: 'Sam Whitehorse' };

const files = useHarnessWithJobs({ REMEDIATION_RETRY_BASE_SECONDS: '0.5' });

async function samsWorld(): Promise<SandboxWorld & { hrKey: string }> {
  const world = await connectedSandboxWorld(files.harness, `offboard-${randomUUID().slice(0, 8)}`, async (adminKey) => {
    await registerAccount(files.harness.testApp, adminKey, {
      platform: 'FACEBOOK',
      handle: 'mapleridgeathletics',
      scope: 'DISTRICT',
      admins: [{ ...SAM, platformUserId: '10229000000000102', platformRole: 'ADMIN' }],
    });
    await registerAccount(files.harness.testApp, adminKey, {
      platform: 'LINKEDIN',
      handle: 'sandbox-school-district',
      scope: 'DISTRICT',
      admins: [{ ...SAM, platformUserId: 'urn:li:person:sWh1t3h0rS', platformRole: 'ADMINISTRATOR' }],
    });
    await registerAccount(files.harness.testApp, adminKey, {
      platform: 'INSTAGRAM',
      handle: 'sandbox.drama.club',
      scope: 'DISTRICT',
      kind: 'SHARED_LOGIN',
      loginEmail: 'drama.club@sandbox-sd.example.org',
      admins: [{ ...SAM, platformRole: 'ADMIN' }],
    });
  });
  const [{ id: districtId }] = [{ id: world.districtId }];
  return { ...world, hrKey: await createKey(files.harness.testApp, districtId, ApiRole.HR_SYSTEM) };
}

const offboard = (key: string, input: Record<string, unknown>) => graphql(files.harness.testApp.app, key, OFFBOARD, { input });
const read = async (key: string, id: string) => expectData(await graphql(files.harness.testApp.app, key, OFFBOARDING, { id })).offboarding;


const count = async (sql: string, values: unknown[]) => (await files.harness.testApp.dataSource.query(sql, values))[0].count as number;

describe('offboardStaff', () => {
  it('takes the person off every roster the APIs allow, flags the shared login, survives an outage, and a replay changes nothing', async () => {
    const world = await samsWorld();
    const linkedin = files.harness.simulators.simulators.get(Platform.LINKEDIN)!;
    // LinkedIn is down when the offboarding arrives: longer than the connector's own retries.
    linkedin.control.inject(SimulatorFault.SERVER_ERROR, { times: 12, pathIncludes: 'organizationAcls' });
    const idempotencyKey = `hr-${randomUUID()}`;
    const started = expectData(await offboard(world.hrKey, { employeeId: SAM.employeeId, idempotencyKey })).offboardStaff;
    expect(started.replayed).toBe(false);
    expect(started.offboarding).toMatchObject({ employeeId: SAM.employeeId, status: 'IN_PROGRESS', source: 'GRAPHQL', idempotencyKey });

    const done = await waitFor(() => read(world.hrKey, started.offboarding.id), (view) => view.status !== 'IN_PROGRESS');
    expect(done.status).toBe('COMPLETED');
    const byHandle = Object.fromEntries(done.accounts.map((account: { handle: string }) => [account.handle, account]));
    const kinds = (handle: string) => byHandle[handle].actions.map((action: { kind: string; status: string }) => `${action.kind}:${action.status}`).sort();
    expect(kinds('mapleridgeathletics')).toEqual(['REMOVE_ADMIN:APPLIED', 'REMOVE_FROM_REGISTRY:APPLIED']);
    expect(kinds('sandbox-school-district')).toEqual(['REMOVE_ADMIN:APPLIED', 'REMOVE_FROM_REGISTRY:APPLIED']);
    expect(kinds('sandbox.drama.club')).toEqual(['REMOVE_FROM_REGISTRY:APPLIED', 'ROTATE_PASSWORD:MANUAL']);
    // On the sandbox page Sam is registered by email only: Proctor cannot name him to Graph, so a person must.
    expect(kinds('sandboxschools')).toEqual(['REMOVE_ADMIN:MANUAL', 'REMOVE_FROM_REGISTRY:APPLIED']);
    expect(byHandle['sandboxschools'].needsPerson).toBe(true);
    expect(byHandle['mapleridgeathletics'].needsPerson).toBe(false);
    const linkedinRemoval = byHandle['sandbox-school-district'].actions.find((action: { kind: string }) => action.kind === 'REMOVE_ADMIN');
    expect(linkedinRemoval.attempts).toBeGreaterThan(1);
    // The sandbox's profile (ap1311) does not enable admins.current-staff-only: the re-check has no result for it.
    expect(linkedinRemoval.recheck.status).toBe('NOT_APPLICABLE');

    // The platforms no longer list him.
    const fb = await graphql(files.harness.testApp.app, world.adminKey, `mutation($id: ID!) { checkAccount(id: $id) { snapshot { admins { externalId } } } }`, { id: world.accounts.mapleridgeathletics });
    expect(expectData(fb).checkAccount.snapshot.admins.map((admin: { externalId: string }) => admin.externalId)).not.toContain('10229000000000102');
    const li = await graphql(files.harness.testApp.app, world.adminKey, `mutation($id: ID!) { checkAccount(id: $id) { snapshot { admins { externalId } } } }`, { id: world.accounts['sandbox-school-district'] });
    expect(expectData(li).checkAccount.snapshot.admins.map((admin: { externalId: string }) => admin.externalId)).not.toContain('urn:li:person:sWh1t3h0rS');

    // He is departed, off every registry roster, and the shared password's rule now fails until a rotation is recorded.
    const [staff] = await files.harness.testApp.dataSource.query('SELECT status, departed_at FROM staff WHERE district_id = $1 AND employee_id = $2', [world.districtId, SAM.employeeId]);
    expect(staff.status).toBe('DEPARTED');
    expect(await count(`SELECT count(*)::int AS count FROM account_admin WHERE district_id = $1 AND lower(email) = $2 AND removed_at IS NULL`, [world.districtId, SAM.email])).toBe(0);

    // The replay: same key, nothing new.
    const actions = await count('SELECT count(*)::int AS count FROM remediation_action WHERE district_id = $1', [world.districtId]);
    const starts = await count(`SELECT count(*)::int AS count FROM audit_entry WHERE district_id = $1 AND action = 'offboarding.start'`, [world.districtId]);
    const replay = expectData(await offboard(world.hrKey, { employeeId: SAM.employeeId, idempotencyKey })).offboardStaff;
    expect(replay).toMatchObject({ replayed: true, offboarding: { id: started.offboarding.id } });
    // A different key for the same departure (another HR retry) is the same departure too.
    const again = expectData(await offboard(world.hrKey, { employeeId: SAM.employeeId, idempotencyKey: `hr-${randomUUID()}` })).offboardStaff;
    expect(again).toMatchObject({ replayed: true, offboarding: { id: started.offboarding.id } });
    expect(await count('SELECT count(*)::int AS count FROM remediation_action WHERE district_id = $1', [world.districtId])).toBe(actions);
    expect(await count(`SELECT count(*)::int AS count FROM audit_entry WHERE district_id = $1 AND action = 'offboarding.start'`, [world.districtId])).toBe(starts);
    expect(await count('SELECT count(*)::int AS count FROM offboarding WHERE district_id = $1', [world.districtId])).toBe(1);

    // HR's list answers it, with the accounts' work.
    const listed = expectData(
      await graphql(files.harness.testApp.app, world.hrKey, '{ offboardings(employeeId: "E9002") { totalCount edges { node { id status accounts { handle needsPerson } } } } }'),
    ).offboardings;
    expect(listed.totalCount).toBe(1);
    expect(listed.edges[0].node).toMatchObject({ id: started.offboarding.id, status: 'COMPLETED' });
    expect(listed.edges[0].node.accounts).toHaveLength(4);
  });

  it('a future effectiveAt schedules the departure: nothing changes until it is due', async () => {
    const world = await samsWorld();
    const effectiveAt = new Date(Date.now() + 3 * 86_400_000);
    const scheduled = expectData(await offboard(world.hrKey, { employeeId: SAM.employeeId, effectiveAt: effectiveAt.toISOString(), idempotencyKey: randomUUID() })).offboardStaff;
    expect(scheduled.offboarding.status).toBe('SCHEDULED');
    const [staff] = await files.harness.testApp.dataSource.query('SELECT status FROM staff WHERE district_id = $1 AND employee_id = $2', [world.districtId, SAM.employeeId]);
    expect(staff.status).toBe('ACTIVE');
    expect(await count('SELECT count(*)::int AS count FROM remediation_action WHERE district_id = $1', [world.districtId])).toBe(0);

    const scope = new TenantScope(systemActor(world.districtId, 'offboarding'), files.harness.testApp.dataSource.manager);
    // Not yet due: nothing happens.
    expect(await files.harness.testApp.services.offboarding.startDue(scope, scheduled.offboarding.id)).toBe(false);
    // The day comes (the row's time moved into the past stands for three days passing); the job or the sweeper calls this.
    const dueAt = new Date(Date.now() - 1000);
    await files.harness.testApp.dataSource.query('UPDATE offboarding SET effective_at = $2 WHERE id = $1', [scheduled.offboarding.id, dueAt]);
    expect(await files.harness.testApp.services.offboarding.startDue(scope, scheduled.offboarding.id)).toBe(true);
    expect(await files.harness.testApp.services.offboarding.startDue(scope, scheduled.offboarding.id)).toBe(false);
    const [after] = await files.harness.testApp.dataSource.query('SELECT status, departed_at FROM staff WHERE district_id = $1 AND employee_id = $2', [world.districtId, SAM.employeeId]);
    expect(after.status).toBe('DEPARTED');
    expect(new Date(after.departed_at).toISOString()).toBe(dueAt.toISOString());
    const done = await waitFor(() => read(world.hrKey, scheduled.offboarding.id), (view) => view.status !== 'IN_PROGRESS');
    expect(done.status).toBe('COMPLETED');
  });

  it('a later report that the person has already left brings a scheduled departure forward', async () => {
    const world = await samsWorld();
    const scheduled = expectData(
      await offboard(world.hrKey, { employeeId: SAM.employeeId, effectiveAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), idempotencyKey: randomUUID() }),
    ).offboardStaff;
    expect(scheduled.offboarding.status).toBe('SCHEDULED');
    // The IdP deactivates the person today (as a SCIM PATCH would): the same departure, now.
    const now = expectData(await offboard(world.hrKey, { employeeId: SAM.employeeId, idempotencyKey: randomUUID() })).offboardStaff;
    expect(now.replayed).toBe(false);
    expect(now.offboarding.id).toBe(scheduled.offboarding.id);
    expect(now.offboarding.status).not.toBe('SCHEDULED');
    expect(new Date(now.offboarding.effectiveAt).getTime()).toBeLessThanOrEqual(Date.now());
    const [staff] = await files.harness.testApp.dataSource.query('SELECT status FROM staff WHERE district_id = $1 AND employee_id = $2', [world.districtId, SAM.employeeId]);
    expect(staff.status).toBe('DEPARTED');
    expect(await count('SELECT count(*)::int AS count FROM offboarding WHERE district_id = $1', [world.districtId])).toBe(1);
  });

  it('answers NOT_FOUND for an unknown or foreign employee, rejects bad input, and writes nothing', async () => {
    const world = await samsWorld();
    const other = await createDistrict(files.harness.testApp);
    const otherHr = await createKey(files.harness.testApp, other.district.id, ApiRole.HR_SYSTEM);
    const before = await count('SELECT count(*)::int AS count FROM offboarding WHERE district_id = $1', [world.districtId]);
    expect(errorCode(await offboard(otherHr, { employeeId: SAM.employeeId, idempotencyKey: randomUUID() }))).toBe('NOT_FOUND');
    expect(errorCode(await offboard(world.hrKey, { employeeId: 'NOBODY', idempotencyKey: randomUUID() }))).toBe('NOT_FOUND');
    expect(errorCode(await offboard(world.hrKey, { employeeId: SAM.employeeId, idempotencyKey: '' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await offboard(world.hrKey, { employeeId: SAM.employeeId, idempotencyKey: randomUUID(), effectiveAt: '2999-01-01T00:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await offboard(world.adminKey.replace(/.$/, 'x'), { employeeId: SAM.employeeId, idempotencyKey: randomUUID() }))).toBe('UNAUTHENTICATED');
    expect(await count('SELECT count(*)::int AS count FROM offboarding WHERE district_id = $1', [world.districtId])).toBe(before);
    // The same key for another person is a conflict, not a silent replay.
    const key = randomUUID();
    expectData(await offboard(world.hrKey, { employeeId: SAM.employeeId, idempotencyKey: key }));
    expect(errorCode(await offboard(world.hrKey, { employeeId: 'E1001', idempotencyKey: key }))).toBe('CONFLICT');
    // Another district's HR key cannot read it.
    const [{ id }] = await files.harness.testApp.dataSource.query('SELECT id FROM offboarding WHERE district_id = $1', [world.districtId]);
    expect(await read(otherHr, id)).toBeNull();
  });
});
