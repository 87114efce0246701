import { AccountKind } from '../../../src/accounts/account.enums';
import { StaffStatus } from '../../../src/people/people.enums';
import { credentialsRotationRule as rule } from '../../../src/compliance/rules/credentials-rotation.rule';
import type { AccountFacts, FormerRegistryAdmin, RegistryAdmin, StaffFacts } from '../../../src/compliance/rule';
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

const former = (member: StaffFacts, removedAt: Date, overrides: Partial<FormerRegistryAdmin> = {}): FormerRegistryAdmin => ({ ...admin(member), removedAt, ...overrides });

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

  describe('access history (former admins)', () => {
    // Priya left the district 2026-09-30T23:00Z; offboarding took her off the roster the next morning.
    const offboarded = new Date('2026-10-01T07:00:00Z');

    it('a departed person removed from the roster still needs a rotation after they left', () => {
      const outcome = judge({ formerAdmins: [former(priya, offboarded)], credentialRotations: [new Date('2026-09-01T00:00:00Z')] });
      expect(outcome.status).toBe('FAIL');
      expect(outcome.evidence.reasons).toEqual(['NOT_ROTATED_AFTER_DEPARTURE']);
      expect(outcome.evidence.departures).toEqual([
        {
          employeeId: 'E3',
          name: 'Priya Raman',
          email: 'priya.raman@sd.example.org',
          departedAt: '2026-09-30T23:00:00.000Z',
          removedAt: '2026-10-01T07:00:00.000Z',
          via: ['FORMER_ADMIN'],
          rotatedAfter: false,
        },
      ]);
    });

    it('passes once the password is rotated after the departure (and the removal)', () => {
      const outcome = judge({ formerAdmins: [former(priya, offboarded)], credentialRotations: [new Date('2026-10-01T08:00:00Z')] });
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence.departures).toEqual([expect.objectContaining({ employeeId: 'E3', via: ['FORMER_ADMIN'], rotatedAfter: true })]);
    });

    it('a rotation after the removal covers a later departure: the person no longer knows the password', () => {
      const handedOver = new Date('2026-03-01T00:00:00Z');
      const outcome = judge({ formerAdmins: [former(priya, handedOver)], credentialRotations: [new Date('2026-03-02T00:00:00Z')] });
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence.departures).toEqual([]);
      expect(outcome.evidence.departuresNotCounted).toEqual([expect.objectContaining({ employeeId: 'E3', why: 'ROTATED_AFTER_REMOVAL', removedAt: handedOver.toISOString() })]);
    });

    it('a rotation at the removal instant does not cover it (strictly after)', () => {
      const handedOver = new Date('2026-03-01T00:00:00Z');
      expect(judge({ formerAdmins: [former(priya, handedOver)], credentialRotations: [handedOver] }).status).toBe('FAIL');
      expect(judge({ formerAdmins: [former(priya, handedOver)], credentialRotations: [new Date(handedOver.getTime() + 1)] }).status).toBe('PASS');
    });

    it('still on the roster too (re-added), or still custodian: the removal does not end their access', () => {
      const handedOver = new Date('2026-03-01T00:00:00Z');
      const rotations = [new Date('2026-03-02T00:00:00Z')];
      const readded = judge({ admins: [admin(dana), admin(priya)], formerAdmins: [former(priya, handedOver)], credentialRotations: rotations });
      expect(readded.status).toBe('FAIL');
      expect(readded.evidence.departures).toEqual([expect.objectContaining({ employeeId: 'E3', via: ['ADMIN', 'FORMER_ADMIN'], rotatedAfter: false })]);
      expect((readded.evidence.departures as Array<Record<string, unknown>>)[0]).not.toHaveProperty('removedAt');
      const custodian = judge({ formerAdmins: [former(priya, handedOver)], custodianEmail: priya.email, credentialRotations: rotations });
      expect(custodian.status).toBe('FAIL');
      expect(custodian.evidence.departures).toEqual([expect.objectContaining({ via: ['FORMER_ADMIN', 'CUSTODIAN'] })]);
    });

    it('uses the latest of several removals', () => {
      const rows = [former(priya, new Date('2026-02-01T00:00:00Z')), former(priya, new Date('2026-06-01T00:00:00Z'))];
      const outcome = judge({ formerAdmins: rows, credentialRotations: [new Date('2026-04-01T00:00:00Z')] });
      expect(outcome.status).toBe('FAIL');
      expect(outcome.evidence.departures).toEqual([expect.objectContaining({ removedAt: '2026-06-01T00:00:00.000Z', rotatedAfter: false })]);
    });

    it('a removal dated in the future or unreadable has not ended access', () => {
      const rotations = [new Date('2026-09-01T00:00:00Z')];
      const early = new Date('2026-08-01T00:00:00Z');
      for (const removedAt of [new Date(NOW.getTime() + DAY_MS), new Date('bad')]) {
        const outcome = judge({ formerAdmins: [former(priya, early), former(priya, removedAt)], credentialRotations: rotations });
        expect(outcome.status).toBe('FAIL');
        expect(outcome.evidence.reasons).toEqual(['NOT_ROTATED_AFTER_DEPARTURE']);
      }
    });

    it('an undated departure of someone rotated out since their removal needs no confirmation', () => {
      const undatedPriya = staff({ ...priya, departedAt: null });
      const handedOver = new Date('2026-03-01T00:00:00Z');
      const rotatedOut = judge({ formerAdmins: [former(priya, handedOver)], credentialRotations: [daysAgo(3)] }, [dana, marco, undatedPriya]);
      expect(rotatedOut.status).toBe('PASS');
      expect(rotatedOut.evidence.departuresNotCounted).toEqual([expect.objectContaining({ why: 'ROTATED_AFTER_REMOVAL', departedAt: null })]);
      const notYet = judge({ formerAdmins: [former(priya, daysAgo(1))], credentialRotations: [daysAgo(3)] }, [dana, marco, undatedPriya]);
      expect(notYet.status).toBe('MANUAL');
    });

    it('former admins who are still employed, or unknown to the roster, are not departures', () => {
      const outsider = former({ ...dana, employeeId: 'X9', email: 'someone@gmail.com' }, new Date('2026-03-01T00:00:00Z'), { employeeId: null });
      const outcome = judge({ formerAdmins: [former(marco, new Date('2026-03-01T00:00:00Z')), outsider], credentialRotations: [daysAgo(3)] });
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence.departures).toEqual([]);
    });

    it('a departure at or before registration does not count for a former admin either', () => {
      const outcome = judge({ formerAdmins: [former(priya, offboarded)], registeredAt: new Date('2026-10-01T00:00:00Z'), credentialRotations: [daysAgo(3)] });
      expect(outcome.status).toBe('PASS');
      expect(outcome.evidence.departuresNotCounted).toEqual([expect.objectContaining({ why: 'BEFORE_REGISTRATION' })]);
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
