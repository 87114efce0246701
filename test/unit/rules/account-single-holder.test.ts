import { AccountKind } from '../../../src/accounts/account.enums';
import { SnapshotField, type SnapshotAdmin } from '../../../integrations/snapshot';
import { accountSingleHolderRule as rule } from '../../../src/compliance/rules/account-single-holder.rule';
import type { AccountFacts, RegistryAdmin } from '../../../src/compliance/rule';
import { account, people, ruleInput, snapshotData, staff } from '../../support/rule-fixtures';

const amara = staff({ employeeId: 'E2', name: 'Amara Okafor', email: 'amara.okafor@sd.example.org' });
const dana = staff();

const registered = (overrides: Partial<RegistryAdmin> = {}): RegistryAdmin => ({
  email: amara.email,
  name: amara.name,
  employeeId: amara.employeeId,
  platformUserId: null,
  platformRole: 'OWNER',
  isServiceAccount: false,
  addedAt: new Date('2026-01-10T00:00:00Z'),
  ...overrides,
});
const itServices = registered({ email: 'it-social@sd.example.org', name: 'IT Services', employeeId: 'IT', platformUserId: 'fb-it', isServiceAccount: true });

const shown = (externalId: string, overrides: Partial<SnapshotAdmin> = {}): SnapshotAdmin => ({
  externalId,
  name: null,
  email: null,
  roles: ['MANAGE'],
  fullControl: true,
  source: 'roles',
  ...overrides,
});

function judge(registry: Partial<AccountFacts>, platformAdmins: SnapshotAdmin[] | null | 'NO_SNAPSHOT', unavailable: SnapshotField[] = []) {
  return rule.evaluate(
    ruleInput(rule, {
      account: account({ kind: AccountKind.INDIVIDUAL, custodianEmail: amara.email, admins: [registered()], ...registry }),
      people: people([dana, amara]),
      snapshot:
        platformAdmins === 'NO_SNAPSHOT'
          ? null
          : { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data: snapshotData({ admins: platformAdmins, unavailable }) },
    }),
  );
}

describe('account.single-holder', () => {
  it('declares no parameters and no automatic remediation', () => {
    expect(rule.id).toBe('account.single-holder');
    expect(rule.evidence).toBe('registry');
    expect(rule.severity).toBe('medium');
    expect(rule.parameters).toEqual([]);
    expect(rule.remediation.automatic).toBeNull();
  });

  it.each([AccountKind.SHARED_LOGIN, AccountKind.PLATFORM_ROLES])('is not applicable to %s accounts', (kind) => {
    expect(judge({ kind, admins: [registered(), registered({ email: dana.email, employeeId: dana.employeeId })] }, []).status).toBe('NOT_APPLICABLE');
  });

  it('passes one registered holder and one on the platform', () => {
    const outcome = judge({ admins: [registered({ platformUserId: 'fb-1' })] }, [shown('fb-1')]);
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ registryHolderCount: 1, platformHolderCount: 1, platformRosterShown: true, reasons: [] });
  });

  it('passes on the registry alone when there is no snapshot or the platform shows no roster (X)', () => {
    const noSnapshot = judge({}, 'NO_SNAPSHOT');
    expect(noSnapshot.status).toBe('PASS');
    expect(noSnapshot.evidence).toMatchObject({ platformRosterShown: false, platformHolderCount: null, platformHolders: null });
    expect(judge({}, null, [SnapshotField.ADMINS]).status).toBe('PASS');
    expect(judge({}, [shown('a'), shown('b')], [SnapshotField.ADMINS]).status).toBe('PASS');
  });

  it('fails with two people in the registry', () => {
    const outcome = judge({ admins: [registered(), registered({ email: dana.email, name: dana.name, employeeId: dana.employeeId })] }, 'NO_SNAPSHOT');
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ registryHolderCount: 2, reasons: ['REGISTRY_HOLDER_COUNT'] });
  });

  it('fails with nobody in the registry', () => {
    const outcome = judge({ admins: [] }, 'NO_SNAPSHOT');
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ registryHolderCount: 0, registryHolders: [] });
  });

  it('counts one person listed twice in the registry once (same staff member by id and by email)', () => {
    const outcome = judge({ admins: [registered(), registered({ employeeId: null, email: 'AMARA.OKAFOR@sd.example.org', platformRole: 'ADMIN' })] }, 'NO_SNAPSHOT');
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence.registryHolderCount).toBe(1);
  });

  it('counts unmatched duplicates once by email, and distinct unmatched people separately', () => {
    const outsider = registered({ email: 'Coach@gmail.com', employeeId: null, name: 'Coach' });
    expect(judge({ admins: [outsider, { ...outsider, email: 'coach@gmail.com ' }] }, 'NO_SNAPSHOT').status).toBe('PASS');
    const nameless = registered({ email: null, employeeId: null, name: null, platformUserId: null });
    expect(judge({ admins: [nameless, { ...nameless }] }, 'NO_SNAPSHOT').evidence.registryHolderCount).toBe(2);
  });

  it('service accounts are not holders, in the registry or on the platform', () => {
    const outcome = judge({ admins: [registered({ platformUserId: 'fb-1' }), itServices] }, [shown('fb-1'), shown('fb-it')]);
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ registryHolderCount: 1, platformHolderCount: 1 });
  });

  it('recognises a platform service account by email when it has no platform id in the registry', () => {
    const itByEmail = { ...itServices, platformUserId: null };
    const outcome = judge({ admins: [registered(), itByEmail] }, [shown('fb-1'), shown('fb-x', { email: 'IT-Social@sd.example.org' })]);
    expect(outcome.status).toBe('PASS');
  });

  it('fails when the platform shows two holders (any role counts)', () => {
    const outcome = judge({}, [shown('fb-1'), shown('fb-2', { roles: ['CREATE_CONTENT'], fullControl: false })]);
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ platformHolderCount: 2, reasons: ['PLATFORM_HOLDER_COUNT'] });
  });

  it('fails when the platform shows nobody', () => {
    const outcome = judge({}, []);
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ platformHolderCount: 0, reasons: ['PLATFORM_HOLDER_COUNT'] });
  });

  it('counts a platform id listed twice (two role sources) once', () => {
    expect(judge({}, [shown('fb-1', { source: 'roles' }), shown('fb-1', { source: 'assigned_users' })]).status).toBe('PASS');
  });

  it('fails when the single platform holder is not the registered one', () => {
    const byId = judge({ admins: [registered({ platformUserId: 'fb-1' })] }, [shown('fb-9')]);
    expect(byId.status).toBe('FAIL');
    expect(byId.evidence.reasons).toEqual(['HOLDER_MISMATCH']);
    const byEmail = judge({}, [shown('fb-9', { email: 'someone.else@sd.example.org' })]);
    expect(byEmail.status).toBe('FAIL');
    expect(byEmail.evidence.reasons).toEqual(['HOLDER_MISMATCH']);
  });

  it('does not claim a mismatch when the two sides cannot be compared', () => {
    expect(judge({}, [shown('fb-9')]).status).toBe('PASS');
    expect(judge({}, [shown('fb-9', { email: 'Amara.Okafor@sd.example.org' })]).status).toBe('PASS');
  });

  it('evidence is JSON-serialisable', () => {
    const outcome = judge({}, [shown('fb-1'), shown('fb-2')]);
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
