import { AccountKind } from '../../../src/accounts/account.enums';
import { StaffStatus } from '../../../src/people/people.enums';
import { credentialsRotationRule as rule } from '../../../src/compliance/rules/credentials-rotation.rule';
import type { AccountFacts, RegistryAdmin, StaffFacts } from '../../../src/compliance/rule';
import { NOW, account, people, ruleInput, staff } from '../../support/rule-fixtures';

const DAY_MS = 86_400_000;
const REGISTERED = new Date('2026-01-10T00:00:00Z');
const daysAgo = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * DAY_MS - extraMs);

const dana = staff();
const priya = staff({ employeeId: 'E3', name: 'Priya Raman', email: 'priya.raman@sd.example.org', status: StaffStatus.DEPARTED, departedAt: new Date('2026-09-30T23:00:00Z') });
const marco = staff({ employeeId: 'E2', name: 'Marco Bellini', email: 'marco.bellini@sd.example.org' });

const admin = (member: StaffFacts, overrides: Partial<RegistryAdmin> = {}): RegistryAdmin => ({
  email: member.email,
  name: member.name,
  employeeId: member.employeeId,
  platformUserId: null,
  platformRole: 'ADMIN',
  isServiceAccount: false,
  addedAt: new Date('2026-01-10T00:00:00Z'),
  ...overrides,
});

function judge(overrides: Partial<AccountFacts>, roster: StaffFacts[] = [dana, marco, priya], parameters: Record<string, number> = {}) {
  return rule.evaluate(
    ruleInput(rule, {
      account: account({ kind: AccountKind.SHARED_LOGIN, loginEmail: 'mrs.social@sd.example.org', admins: [admin(dana), admin(marco)], ...overrides }),
      people: people(roster),
      snapshot: null,
      parameters,
    }),
  );
}

describe('credentials.rotation', () => {
  it('declares its parameter and no automatic remediation', () => {
    expect(rule.id).toBe('credentials.rotation');
    expect(rule.evidence).toBe('registry');
    expect(rule.severity).toBe('high');
    expect(rule.parameters.map((parameter) => [parameter.name, parameter.type, parameter.default])).toEqual([['maxDaysBetweenRotations', 'integer', 365]]);
    expect(rule.remediation.automatic).toBeNull();
  });

  it.each([AccountKind.INDIVIDUAL, AccountKind.PLATFORM_ROLES])('is not applicable to %s accounts', (kind) => {
    expect(judge({ kind, credentialRotations: [] }).status).toBe('NOT_APPLICABLE');
  });

  it('passes a recent rotation with no departures', () => {
    const outcome = judge({ credentialRotations: [daysAgo(10)] });
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence).toMatchObject({ daysSinceRotation: 10, maxDaysBetweenRotations: 365, departures: [], reasons: [] });
  });

  it('fails when no rotation is recorded', () => {
    const outcome = judge({ credentialRotations: [] });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ latestRotation: null, reasons: ['NO_ROTATION'] });
  });

  it('age window is inclusive: exactly 365 days passes, 365 days + 1 ms fails', () => {
    expect(judge({ credentialRotations: [daysAgo(365)] }).status).toBe('PASS');
    const overdue = judge({ credentialRotations: [daysAgo(365, 1)] });
    expect(overdue.status).toBe('FAIL');
    expect(overdue.evidence.reasons).toEqual(['ROTATION_OVERDUE']);
  });

  it('uses the newest rotation whatever the order of the list', () => {
    const outcome = judge({ credentialRotations: [daysAgo(400), daysAgo(5), daysAgo(200)] });
    expect(outcome.status).toBe('PASS');
    expect(outcome.evidence.latestRotation).toBe(daysAgo(5).toISOString());
  });

  it('honours maxDaysBetweenRotations', () => {
    expect(judge({ credentialRotations: [daysAgo(100)] }, undefined, { maxDaysBetweenRotations: 90 }).status).toBe('FAIL');
  });

  it('ignores rotations recorded in the future and unreadable ones', () => {
    const outcome = judge({ credentialRotations: [new Date(NOW.getTime() + DAY_MS), new Date('bad')] });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence).toMatchObject({ reasons: ['NO_ROTATION'], rotationsRecorded: 2, rotationsIgnored: 2 });
  });

  describe('departures', () => {
    const withPriya = { admins: [admin(dana), admin(priya)] };

    it('fails when a departed registry admin left after the last rotation', () => {
      const outcome = judge({ ...withPriya, credentialRotations: [new Date('2026-09-01T00:00:00Z')] });
      expect(outcome.status).toBe('FAIL');
      expect(outcome.evidence.reasons).toEqual(['NOT_ROTATED_AFTER_DEPARTURE']);
      expect(outcome.evidence.departures).toEqual([
        { employeeId: 'E3', name: 'Priya Raman', email: 'priya.raman@sd.example.org', departedAt: '2026-09-30T23:00:00.000Z', via: ['ADMIN'], rotatedAfter: false },
      ]);
    });

    it('passes when the password was rotated after the departure', () => {
      const outcome = judge({ ...withPriya, credentialRotations: [new Date('2026-10-01T08:00:00Z')] });
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence.departures).toEqual([expect.objectContaining({ employeeId: 'E3', rotatedAfter: true })]);
    });

    it('rotation must be strictly after the departure: same instant fails, one ms later passes', () => {
      const departed = priya.departedAt!.getTime();
      expect(judge({ ...withPriya, credentialRotations: [new Date(departed)] }).status).toBe('FAIL');
      expect(judge({ ...withPriya, credentialRotations: [new Date(departed + 1)] }).status).toBe('PASS');
    });

    it('counts the custodian when departed, even if not on the roster', () => {
      const outcome = judge({ custodianEmail: priya.email, credentialRotations: [new Date('2026-09-01T00:00:00Z')] });
      expect(outcome.status).toBe('FAIL');
      expect(outcome.evidence.departures).toEqual([expect.objectContaining({ employeeId: 'E3', via: ['CUSTODIAN'] })]);
    });

    it('lists a person who was both admin and custodian once', () => {
      const outcome = judge({ ...withPriya, custodianEmail: 'Priya.Raman@sd.example.org', credentialRotations: [daysAgo(1)] });
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence.departures).toEqual([expect.objectContaining({ employeeId: 'E3', via: ['ADMIN', 'CUSTODIAN'] })]);
    });

    it('matches registry admins by employee id when the email is missing', () => {
      const outcome = judge({ admins: [admin(priya, { email: null })], credentialRotations: [new Date('2026-09-01T00:00:00Z')] });
      expect(outcome.status).toBe('FAIL');
    });

    it('departures at or before registration do not count (boundary: at registration does not count, 1 ms after does)', () => {
      const leftAt = (departedAt: Date) => [dana, staff({ ...priya, departedAt })];
      const atRegistration = judge({ ...withPriya, registeredAt: REGISTERED, credentialRotations: [daysAgo(300)] }, leftAt(REGISTERED));
      expect(atRegistration.status).toBe('PASS');
      expect(atRegistration.evidence.departuresNotCounted).toEqual([expect.objectContaining({ employeeId: 'E3', why: 'BEFORE_REGISTRATION' })]);
      const rotatedBefore = new Date(REGISTERED.getTime() - DAY_MS);
      const after = judge({ ...withPriya, registeredAt: REGISTERED, credentialRotations: [rotatedBefore] }, leftAt(new Date(REGISTERED.getTime() + 1)));
      expect(after.status).toBe('FAIL');
      expect(after.evidence.reasons).toEqual(['NOT_ROTATED_AFTER_DEPARTURE']);
    });

    it('a departure dated in the future does not count yet', () => {
      const outcome = judge({ ...withPriya, credentialRotations: [daysAgo(3)] }, [dana, staff({ ...priya, departedAt: new Date(NOW.getTime() + DAY_MS) })]);
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence.departuresNotCounted).toEqual([expect.objectContaining({ why: 'NOT_YET_DEPARTED' })]);
    });

    it('active and on-leave staff are not departures', () => {
      const onLeave = staff({ ...priya, status: StaffStatus.ON_LEAVE, departedAt: null });
      expect(judge({ ...withPriya, credentialRotations: [daysAgo(3)] }, [dana, onLeave]).evidence.departures).toEqual([]);
    });

    it('a DEPARTED member without a departure date turns a pass into MANUAL', () => {
      const outcome = judge({ ...withPriya, credentialRotations: [daysAgo(3)] }, [dana, staff({ ...priya, departedAt: null })]);
      expect(outcome.status).toBe('MANUAL');
      expect(outcome.evidence.departuresWithoutDate).toEqual([expect.objectContaining({ employeeId: 'E3', departedAt: null })]);
    });

    it('unmatched admins (outsiders) are not departures here', () => {
      const outsider: RegistryAdmin = { ...admin(dana), email: 'someone@gmail.com', employeeId: null, name: 'Someone' };
      expect(judge({ admins: [outsider], credentialRotations: [daysAgo(3)] }).status).toBe('PASS');
    });
  });

  it('reports overdue and uncovered departure together', () => {
    const outcome = judge({ admins: [admin(priya)], credentialRotations: [new Date('2025-06-01T00:00:00Z')], registeredAt: new Date('2025-01-01T00:00:00Z') });
    expect(outcome.status).toBe('FAIL');
    expect(outcome.evidence.reasons).toEqual(['ROTATION_OVERDUE', 'NOT_ROTATED_AFTER_DEPARTURE']);
  });

  it('copes with an empty roster and custodian', () => {
    expect(judge({ admins: [], custodianEmail: '', credentialRotations: [daysAgo(1)] }).status).toBe('PASS');
  });

  it('evidence is JSON-serialisable', () => {
    const outcome = judge({ admins: [admin(priya)], credentialRotations: [daysAgo(1)] });
    expect(JSON.parse(JSON.stringify(outcome.evidence))).toEqual(outcome.evidence);
  });
});
