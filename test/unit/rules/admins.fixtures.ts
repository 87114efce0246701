import { Platform } from '../../../src/accounts/account.enums';
import type { RegistryAdmin, RuleDefinition, RuleInput } from '../../../src/compliance/rule';
import { StaffRole, StaffStatus } from '../../../src/people/people.enums';
import { SnapshotField, type SnapshotAdmin } from '../../../integrations/snapshot';
import { account, people, ruleInput, snapshotData, staff } from '../../support/rule-fixtures';

/** Sandbox-like people and roster builders shared by the admins.* rule tests (src/seed/sandbox-district.json). */

const D = 'sandbox-sd.example.org';
export const dana = staff({ employeeId: 'E1001', name: 'Dana Whitford', email: `dana.whitford@${D}` });
export const marco = staff({ employeeId: 'E1002', name: 'Marco Bellini', email: `marco.bellini@${D}`, role: StaffRole.TEACHER });
export const priya = staff({
  employeeId: 'E1003',
  name: 'Priya Raman',
  email: `priya.raman@${D}`,
  role: StaffRole.TEACHER,
  status: StaffStatus.DEPARTED,
  departedAt: new Date('2026-09-30T23:00:00Z'),
});
export const amara = staff({ employeeId: 'E2002', name: 'Amara Okafor', email: `amara.okafor@${D}`, status: StaffStatus.ON_LEAVE });
export const tomas = staff({ employeeId: 'E3002', name: 'Tomas Herrera', email: `tomas.herrera@${D}`, role: StaffRole.TEACHER });
export const itStaff = staff({ employeeId: 'IT-SOCIAL', name: 'IT Services (social media)', email: `it-social@${D}`, role: StaffRole.IT_STAFF, schoolId: null });
export const sandboxStaff = [dana, marco, priya, amara, tomas, itStaff];
export const sandboxStudents = [{ studentId: 'S-40003', schoolId: 'LMS', mediaConsent: true, platform: Platform.INSTAGRAM, handle: 'robo.riley' }];

export function registry(overrides: Partial<RegistryAdmin> = {}): RegistryAdmin {
  return {
    email: null,
    name: null,
    employeeId: null,
    platformUserId: null,
    platformRole: 'ADMIN',
    isServiceAccount: false,
    addedAt: new Date('2026-01-10T00:00:00Z'),
    ...overrides,
  };
}

/** The registry row of a staff member. */
export const registered = (member: typeof dana, overrides: Partial<RegistryAdmin> = {}): RegistryAdmin =>
  registry({ email: member.email, name: member.name, employeeId: member.employeeId, ...overrides });
export const itRegistry = registered(itStaff, { name: 'IT Services', isServiceAccount: true });

let nextId = 1;
export function platformAdmin(name: string | null, overrides: Partial<SnapshotAdmin> = {}): SnapshotAdmin {
  nextId += 1;
  return { externalId: `1022900000000${nextId}`, name, email: null, roles: ['MANAGE'], fullControl: true, source: 'roles', ...overrides };
}

export interface Scenario {
  platform?: Platform;
  admins: RegistryAdmin[];
  /** The platform roster; null = the platform cannot show one (ADMINS unavailable); undefined = no snapshot. */
  platformAdmins?: SnapshotAdmin[] | null;
  parameters?: RuleInput['parameters'];
}

export function scenario(rule: RuleDefinition, { platform = Platform.FACEBOOK, admins, platformAdmins, parameters = {} }: Scenario): RuleInput {
  const data =
    platformAdmins === null
      ? snapshotData({ platform, admins: null, unavailable: [SnapshotField.ADMINS] })
      : snapshotData({ platform, admins: platformAdmins ?? [] });
  return ruleInput(rule, {
    account: account({ platform, admins }),
    snapshot: platformAdmins === undefined ? null : { id: 'snapshot-1', fetchedAt: new Date('2026-11-22T06:00:00Z'), data },
    people: people(sandboxStaff, sandboxStudents),
    parameters,
  });
}
