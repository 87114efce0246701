import { randomUUID } from 'node:crypto';
import { Platform } from '../../src/accounts/account.enums';
import { SimulatorFault } from '../../integrations/simulator/simulator-control';
import { createDistrict } from '../support/factories';
import { errorCode, expectData, graphql } from '../support/graphql';
import { connectedSandboxWorld, REMEDIATE, ruleResult, type SandboxWorld, waitFor } from '../support/remediation-harness';
import { useHarnessWithJobs } from '../support/test-jobs';

const files = useHarnessWithJobs({ REMEDIATION_RETRY_BASE_SECONDS: '0.5' });

const remediate = (world: SandboxWorld, input: Record<string, unknown>, key = world.adminKey) =>
  graphql(files.harness.testApp.app, key, REMEDIATE, { input: { idempotencyKey: randomUUID(), ...input } });

async function auditCount(districtId: string, action: string): Promise<number> {
  const [{ count }] = await files.harness.testApp.dataSource.query('SELECT count(*)::int AS count FROM audit_entry WHERE district_id = $1 AND action = $2', [districtId, action]);
  return count;
}


describe('remediate', () => {
  let world: SandboxWorld;
  beforeAll(async () => {
    world = await connectedSandboxWorld(files.harness, `remediate-${randomUUID().slice(0, 8)}`);
  });

  it('sets the school website on the Facebook page through Graph, and the finding resolves on the re-check', async () => {
    const accountId = world.accounts.cedarparkelementary;
    expect((await ruleResult(files.harness, world.adminKey, accountId, 'profile.website-link')).status).toBe('FAIL');
    const payload = expectData(await remediate(world, { accountId, ruleId: 'profile.website-link' })).remediate;
    expect(payload.outcome).toBe('CREATED');
    expect(payload.action).toMatchObject({ kind: 'UPDATE_WEBSITE', status: 'APPLIED', origin: 'FINDING', attempts: 1, recheck: { status: 'PASS' } });
    expect(payload.action.operations).toEqual([expect.objectContaining({ kind: 'UPDATE_WEBSITE', status: 'APPLIED' })]);
    const [finding] = await files.harness.testApp.dataSource.query(`SELECT state FROM finding WHERE account_id = $1 AND rule_id = 'profile.website-link'`, [accountId]);
    expect(finding.state).toBe('RESOLVED');
  });

  it('answers the same action for the same key and changes nothing; a key reused for another rule is a CONFLICT', async () => {
    const accountId = world.accounts.cpe_grade5;
    const idempotencyKey = randomUUID();
    const first = expectData(await remediate(world, { accountId, ruleId: 'profile.identifying-language', idempotencyKey })).remediate;
    expect(first.action).toMatchObject({ kind: 'UPDATE_PROFILE_TEXT', status: 'APPLIED', recheck: { status: 'PASS' } });
    const applied = await auditCount(world.districtId, 'remediation.apply');
    const again = expectData(await remediate(world, { accountId, ruleId: 'profile.identifying-language', idempotencyKey })).remediate;
    expect(again.outcome).toBe('REPLAYED');
    expect(again.action.id).toBe(first.action.id);
    expect(await auditCount(world.districtId, 'remediation.apply')).toBe(applied);
    const reused = await remediate(world, { accountId, ruleId: 'profile.website-link', idempotencyKey });
    expect(errorCode(reused)).toBe('CONFLICT');
  });

  it('a dry run answers the plan and changes nothing', async () => {
    const accountId = world.accounts['lms.robotics'];
    const before = await files.harness.testApp.dataSource.query('SELECT count(*)::int AS count FROM remediation_action WHERE account_id = $1', [accountId]);
    const plan = expectData(await remediate(world, { accountId, ruleId: 'comments.moderated', dryRun: true })).remediate;
    expect(plan.outcome).toBe('DRY_RUN');
    expect(plan.action).toMatchObject({ dryRun: true, kind: 'DISABLE_POST_COMMENTS', status: 'REQUESTED' });
    expect(plan.action.operations.length).toBe(4);
    expect(plan.action.operations.every((operation: { status: string }) => operation.status === 'PENDING')).toBe(true);
    const after = await files.harness.testApp.dataSource.query('SELECT count(*)::int AS count FROM remediation_action WHERE account_id = $1', [accountId]);
    expect(after[0].count).toBe(before[0].count);
    expect((await ruleResult(files.harness, world.adminKey, accountId, 'comments.moderated')).status).toBe('FAIL');
  });

  it('turns comments off on each open Instagram post, and comments.moderated passes', async () => {
    const accountId = world.accounts['lms.robotics'];
    const payload = expectData(await remediate(world, { accountId, ruleId: 'comments.moderated' })).remediate;
    expect(payload.action).toMatchObject({ kind: 'DISABLE_POST_COMMENTS', status: 'APPLIED', recheck: { status: 'PASS' } });
    expect(payload.action.operations).toHaveLength(4);
  });

  it('records a manual task with the steps where the platform cannot (X reply settings)', async () => {
    const accountId = world.accounts.cpe_grade5;
    const payload = expectData(await remediate(world, { accountId, ruleId: 'comments.moderated' })).remediate;
    expect(payload.action).toMatchObject({ kind: 'MANUAL_STEPS', status: 'MANUAL', operations: [], nextAttemptAt: null });
    expect(payload.action.steps.length).toBeGreaterThan(0);
  });

  it('a manual task is marked done when a later check finds the rule passing', async () => {
    const accountId = world.accounts.lakesidemiddle;
    const task = expectData(await remediate(world, { accountId, ruleId: 'account.approved' })).remediate.action;
    expect(task).toMatchObject({ kind: 'MANUAL_STEPS', status: 'MANUAL' });
    expectData(await graphql(files.harness.testApp.app, world.adminKey, 'mutation($id: ID!) { approveAccount(id: $id, note: "Reviewed") { id } }', { id: accountId }));
    expect((await ruleResult(files.harness, world.adminKey, accountId, 'account.approved')).status).toBe('PASS');
    const [row] = await files.harness.testApp.dataSource.query('SELECT resolved_at FROM remediation_action WHERE id = $1', [task.id]);
    expect(row.resolved_at).not.toBeNull();
  });

  it('answers NOTHING_TO_FIX for a rule that does not fail', async () => {
    const payload = expectData(await remediate(world, { accountId: world.accounts.sandboxschools, ruleId: 'profile.website-link' })).remediate;
    expect(payload).toEqual({ outcome: 'NOTHING_TO_FIX', action: null });
  });

  it('a platform outage delays the fix; a job applies it once the platform is back', async () => {
    const accountId = world.accounts.cpe_grade5;
    const x = files.harness.simulators.simulators.get(Platform.X)!;
    x.control.inject(SimulatorFault.SERVER_ERROR, { times: 6, pathIncludes: '/2/users/me' });
    const payload = expectData(await remediate(world, { accountId, ruleId: 'profile.website-link' })).remediate;
    expect(payload.action).toMatchObject({ status: 'FAILED', lastErrorCode: 'UNAVAILABLE' });
    expect(payload.action.nextAttemptAt).not.toBeNull();
    const done = await waitFor(
      async () => expectData(await graphql(files.harness.testApp.app, world.adminKey, 'query($id: ID!) { remediation(id: $id) { status attempts recheck { status } } }', { id: payload.action.id })).remediation,
      (action) => action.status === 'APPLIED' && action.recheck !== null,
    );
    expect(done.status).toBe('APPLIED');
    expect(done.attempts).toBeGreaterThan(1);
    expect(done.recheck.status).toBe('PASS');
  });

  it('bad input changes nothing; a foreign district cannot see or fix the account', async () => {
    expect(errorCode(await remediate(world, { accountId: world.accounts.cpe_grade5, ruleId: 'no.such-rule' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await remediate(world, { accountId: world.accounts.cpe_grade5, ruleId: 'profile.website-link', idempotencyKey: '' }))).toBe('BAD_USER_INPUT');
    const other = await createDistrict(files.harness.testApp);
    const before = await auditCount(world.districtId, 'remediation.request');
    expect(errorCode(await graphql(files.harness.testApp.app, other.adminKey, REMEDIATE, { input: { accountId: world.accounts.cpe_grade5, ruleId: 'comments.moderated', idempotencyKey: randomUUID() } }))).toBe('NOT_FOUND');
    expect(await auditCount(world.districtId, 'remediation.request')).toBe(before);
  });

  it('lists the to-do list (open actions) and what is done, at a fixed cost per page, within the district only', async () => {
    const own = await connectedSandboxWorld(files.harness, `remediate-list-${randomUUID().slice(0, 8)}`);
    const manual = expectData(await remediate(own, { accountId: own.accounts.cpe_grade5, ruleId: 'comments.moderated' })).remediate.action;
    const applied = expectData(await remediate(own, { accountId: own.accounts['maple-ridge-secondary'], ruleId: 'comments.moderated' })).remediate.action;
    expect(applied.status).toBe('APPLIED');
    const LIST = `query($filter: RemediationFilter, $first: Int) { remediations(first: $first, filter: $filter) { totalCount edges { node { id status kind account: accountId } } pageInfo { hasNextPage } } }`;
    const list = async (key: string, filter: Record<string, unknown>, first = 20) => expectData(await graphql(files.harness.testApp.app, key, LIST, { filter, first })).remediations;
    const open = await list(own.adminKey, { open: true });
    expect(open.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([manual.id]);
    const done = await list(own.adminKey, { open: false });
    expect(done.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([applied.id]);
    expect((await list(own.adminKey, { accountId: own.accounts.cpe_grade5 })).totalCount).toBe(1);
    const page = await list(own.adminKey, {}, 1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.edges[0].node.id).toBe(applied.id);
    const statements = async (first: number) => {
      files.harness.testApp.finished.length = 0;
      await list(own.adminKey, {}, first);
      return files.harness.testApp.finished[0].sqlQueries;
    };
    expect(await statements(1)).toBe(await statements(20));
    const other = await createDistrict(files.harness.testApp);
    expect((await list(other.adminKey, {})).totalCount).toBe(0);
  });
});

