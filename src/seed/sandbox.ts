import { ActorType } from '../audit/audit-entry.entity';
import type { AccountKind, AccountScope, Audience, Platform } from '../accounts/account.enums';
import { ApiRole } from '../auth/api-role';
import { withSchemaLock } from '../db/migrate';
import type { District } from '../districts/district.entity';
import { EnrolmentStatus, type StaffRole, type StaffStatus } from '../people/people.enums';
import type { Runtime } from '../runtime';
import { systemActor, type Actor } from '../tenancy/actor';
import { TenantScope } from '../tenancy/tenant-scope';
import sandbox from './sandbox-district.json';

export interface SeededSandbox {
  district: District;
  adminKey: string;
}

const SEED_JOB = 'sandbox-seed';

/**
 * On an empty database, creates the sandbox district (schools, staff, students, accounts) through the same
 * services the API uses, so it is validated and audited like any other data. Returns null when any district
 * exists. Runs under the schema lock, so two processes starting together seed once.
 */
export async function seedSandboxIfEmpty(runtime: Runtime): Promise<SeededSandbox | null> {
  const { dataSource, services } = runtime;
  return withSchemaLock(dataSource, async () => {
    if ((await services.districts.count()) > 0) return null;
    return createSandboxDistrict({ dataSource, services });
  });
}

/**
 * The sandbox district with its schools, people and accounts (approved as the sandbox says). Tests create
 * more than one, each under its own slug; the platform side is the simulators' fixtures.
 */
export async function createSandboxDistrict(
  { dataSource, services }: Pick<Runtime, 'dataSource' | 'services'>,
  slug: string = sandbox.district.slug,
): Promise<SeededSandbox> {
  {
    const created = await services.districts.create({ ...sandbox.district, slug }, (id) => systemActor(id, SEED_JOB));
    const districtId = created.district.id;
    const asSystem = new TenantScope(systemActor(districtId, SEED_JOB), dataSource.manager);

    const schoolIds = new Map<string, string>();
    for (const school of sandbox.schools) {
      schoolIds.set(school.code, (await services.schools.create(asSystem, school)).id);
    }
    const schoolOf = (code: string | null) => (code ? (schoolIds.get(code) ?? null) : null);

    await services.staff.upsert(
      asSystem,
      sandbox.staff.map((staff) => ({
        employeeId: staff.employeeId,
        name: staff.name,
        email: staff.email,
        schoolId: schoolOf(staff.school),
        role: staff.role as StaffRole,
        status: staff.status as StaffStatus,
        departedAt: 'departedAt' in staff && staff.departedAt ? new Date(staff.departedAt) : null,
      })),
    );
    await services.students.import(
      asSystem,
      sandbox.students.map((student) => ({
        studentId: student.studentId,
        schoolId: schoolOf(student.school) as string,
        mediaConsent: student.mediaConsent,
        handles: student.handles.map((handle) => ({ platform: handle.platform as Platform, handle: handle.handle })),
        status: EnrolmentStatus.ENROLLED,
      })),
    );

    for (const account of sandbox.accounts) {
      const registered = await services.accounts.register(asSystem, {
        platform: account.platform as Platform,
        handle: account.handle,
        displayName: account.displayName,
        scope: account.scope as AccountScope,
        schoolId: schoolOf(account.school) ?? undefined,
        audience: account.audience as Audience,
        publicJustification: account.publicJustification ?? undefined,
        kind: account.kind as AccountKind,
        custodianEmail: account.custodianEmail,
        loginEmail: account.loginEmail ?? undefined,
        admins: account.admins.map((admin) => ({
          email: 'email' in admin ? admin.email : undefined,
          name: admin.name,
          employeeId: 'employeeId' in admin ? admin.employeeId : undefined,
          platformUserId: 'platformUserId' in admin ? admin.platformUserId : undefined,
          platformRole: admin.platformRole,
          isServiceAccount: 'isServiceAccount' in admin ? Boolean(admin.isServiceAccount) : false,
        })),
      });
      if (account.approvedBy) {
        const approver = approverFor(account.approvedBy, districtId, schoolOf(account.approvedBy));
        await services.accounts.approve(new TenantScope(approver, dataSource.manager), registered.id, 'Approved when the sandbox was created.');
      }
    }
    return created;
  }
}

/** Approvals come from the people who would give them: the school's principal, or the district for its own. */
function approverFor(approvedBy: string, districtId: string, schoolId: string | null): Actor {
  if (!schoolId) return { ...systemActor(districtId, SEED_JOB), label: 'Ines Carvalho, Communications (sandbox)' };
  const principal = sandbox.staff.find((staff) => staff.school === approvedBy && staff.role === 'PRINCIPAL');
  return {
    type: ActorType.SYSTEM,
    id: SEED_JOB,
    label: `${principal?.name ?? 'Principal'}, Principal (sandbox)`,
    role: ApiRole.PRINCIPAL,
    districtId,
    schoolId,
  };
}
