import { randomUUID } from 'node:crypto';
import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { Platform } from '../../src/accounts/account.enums';
import { createLogger } from '../../src/logging/logger';
import { sweepRemediations } from '../../src/remediation/remediation.jobs';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';
import { ApiRole } from '../../src/auth/api-role';
import { createKey } from '../support/factories';
import { expectData, graphql } from '../support/graphql';
import { connectedSandboxWorld, REMEDIATE } from '../support/remediation-harness';

// No job workers here: what a crashed worker leaves behind must be found by the sweeper alone.
let harness: ConnectHarness;
beforeAll(async () => {
  harness = await startConnectHarness();
});
afterAll(async () => {
  await harness?.close();
});

const sweep = () => sweepRemediations({ dataSource: harness.testApp.dataSource, services: harness.testApp.services, logger: createLogger('silent') });

it('an action whose worker died holding it is applied by the sweeper once the lease runs out', async () => {
  const world = await connectedSandboxWorld(harness, `recovery-${randomUUID().slice(0, 8)}`);
  const accountId = world.accounts.cpe_grade5;
  harness.simulators.simulators.get(Platform.X)!.control.inject(SimulatorFault.SERVER_ERROR, { times: 6, pathIncludes: '/2/users/me' });
  const failed = expectData(await graphql(harness.testApp.app, world.adminKey, REMEDIATE, { input: { accountId, ruleId: 'profile.website-link', idempotencyKey: randomUUID() } })).remediate.action;
  expect(failed).toMatchObject({ status: 'FAILED', lastErrorCode: 'UNAVAILABLE' });
  // A worker claimed the retry and died: its claim and lease are still on the row, its job is gone.
  await harness.testApp.dataSource.query(
    `UPDATE remediation_action SET claim_token = $2, lease_until = now() + interval '1 hour', next_attempt_at = now() - interval '5 minutes' WHERE id = $1`,
    [failed.id, randomUUID()],
  );
  expect(await sweep()).toEqual({ offboardings: 0, actions: 0 });
  // X is back, and the lease runs out.
  harness.simulators.simulators.get(Platform.X)!.control.reset();
  await harness.testApp.dataSource.query(`UPDATE remediation_action SET lease_until = now() - interval '1 second' WHERE id = $1`, [failed.id]);
  expect(await sweep()).toEqual({ offboardings: 0, actions: 1 });
  const [row] = await harness.testApp.dataSource.query('SELECT status, attempts, recheck_status, claim_token FROM remediation_action WHERE id = $1', [failed.id]);
  expect(row).toEqual({ status: 'APPLIED', attempts: 2, recheck_status: 'PASS', claim_token: null });
  // Nothing is applied twice: the next sweep finds nothing due.
  expect(await sweep()).toEqual({ offboardings: 0, actions: 0 });
});

it('a scheduled offboarding whose job was lost starts when the sweeper finds it due', async () => {
  const world = await connectedSandboxWorld(harness, `recovery-${randomUUID().slice(0, 8)}`);
  const hrKey = await createKey(harness.testApp, world.districtId, ApiRole.HR_SYSTEM);
  const effectiveAt = new Date(Date.now() + 86_400_000).toISOString();
  const scheduled = expectData(
    await graphql(harness.testApp.app, hrKey, 'mutation($input: OffboardStaffInput!) { offboardStaff(input: $input) { offboarding { id status } } }', {
      input: { employeeId: 'E1001', effectiveAt, idempotencyKey: randomUUID() },
    }),
  ).offboardStaff.offboarding;
  expect(scheduled.status).toBe('SCHEDULED');
  expect(await sweep()).toEqual({ offboardings: 0, actions: 0 });
  // A day passes (the row's time moved into the past); no job is left to start it (none ran here at all).
  await harness.testApp.dataSource.query(`UPDATE offboarding SET effective_at = now() - interval '1 minute' WHERE id = $1`, [scheduled.id]);
  expect((await sweep()).offboardings).toBe(1);
  const [offboarding] = await harness.testApp.dataSource.query('SELECT status FROM offboarding WHERE id = $1', [scheduled.id]);
  expect(offboarding.status).not.toBe('SCHEDULED');
  const [staff] = await harness.testApp.dataSource.query(`SELECT status FROM staff WHERE district_id = $1 AND employee_id = 'E1001'`, [world.districtId]);
  expect(staff.status).toBe('DEPARTED');
  expect((await sweep()).offboardings).toBe(0);
});
