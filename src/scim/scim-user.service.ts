import { Brackets } from 'typeorm';
import { isId, newId } from '../db/ids';
import { isUniqueViolation } from '../db/postgres-errors';
import type { OffboardingService } from '../offboarding/offboarding.service';
import { OffboardingSource } from '../offboarding/offboarding.enums';
import { StaffRole, StaffStatus } from '../people/people.enums';
import { Staff } from '../people/staff.entity';
import type { TenantScope } from '../tenancy/tenant-scope';
import type { ScimUserFilter } from './scim-filter';
import { applyPatch } from './scim-patch';
import { changedFields, staffFieldsOf, type ScimStaffFields } from './scim-staff-fields';
import type { ScimUserState } from './scim-user-draft';
import { NEW_USER, readUserResource, stateOfStaff } from './scim-user.mapper';
import { uniqueness, userNotFound } from './scim.errors';

export type StaffOffboarding = Pick<OffboardingService, 'offboard' | 'reinstate'>;

const UNIQUE_ATTRIBUTES: Array<[keyof ScimStaffFields, string]> = [
  ['email', 'userName'],
  ['employeeId', 'employeeNumber'],
  ['scimExternalId', 'externalId'],
];

/**
 * SCIM Users over the staff roster. A deactivation (active=false by PATCH or PUT, or DELETE) is an offboarding,
 * done by the offboarding service exactly as offboardStaff does it; the staff row stays, so identity providers
 * that re-read a deactivated user find it, inactive.
 */
export class ScimUserService {
  constructor(private readonly offboarding: StaffOffboarding) {}

  /** One page (startIndex from 1) of the users that match, and how many match in all. Two queries. */
  async list(scope: TenantScope, filter: ScimUserFilter | null, startIndex: number, count: number): Promise<{ total: number; staff: Staff[] }> {
    const query = scope.select(Staff, 'staff');
    if (filter?.attribute === 'userName') query.andWhere('staff.email = :email', { email: filter.value.trim().toLowerCase() });
    if (filter?.attribute === 'externalId') query.andWhere('staff.scimExternalId = :externalId', { externalId: filter.value });
    if (filter?.attribute === 'id') {
      if (!isId(filter.value)) return { total: 0, staff: [] };
      query.andWhere('staff.id = :id', { id: filter.value });
    }
    if (count === 0) return { total: await query.getCount(), staff: [] };
    const [staff, total] = await query.orderBy('staff.id', 'ASC').skip(startIndex - 1).take(count).getManyAndCount();
    return { total, staff };
  }

  /** Missing, malformed and another district's ids all answer 404 alike. */
  async get(scope: TenantScope, id: string): Promise<Staff> {
    const staff = await scope.findById(Staff, id);
    if (!staff) throw userNotFound();
    return staff;
  }

  async create(scope: TenantScope, body: unknown): Promise<Staff> {
    const state = readUserResource(body, NEW_USER);
    const id = newId();
    const fields = await staffFieldsOf(state, id, null);
    await this.inTransaction(scope, async (tx) => {
      await assertUnique(tx, fields, null);
      const row = { id, ...fields, schoolId: null, role: StaffRole.OTHER, status: StaffStatus.ACTIVE, departedAt: null, sourcedId: null };
      await tx.insert(Staff, [row]);
      tx.audit({ action: 'staff.create', targetType: 'Staff', targetId: id, after: row });
      // Created inactive: recorded as a departure like any other, so it is never a silent DEPARTED row.
      if (state.active === false) await this.offboard(tx, fields.employeeId);
    });
    return this.get(scope, id);
  }

  /**
   * PUT: the body replaces the attributes it carries. Attributes it leaves out are "not asserted" (RFC 7644
   * §3.5.1) and keep their values. That matters most for `active`: Okta's custom (AIW) apps send full PUTs
   * that may drop it, and reading a missing `active` as false would offboard a person nobody offboarded.
   */
  async replace(scope: TenantScope, id: string, body: unknown): Promise<Staff> {
    const staff = await this.get(scope, id);
    return this.write(scope, staff, readUserResource(body, stateOfStaff(staff)));
  }

  async patch(scope: TenantScope, id: string, body: unknown): Promise<Staff> {
    const staff = await this.get(scope, id);
    return this.write(scope, staff, applyPatch(stateOfStaff(staff), body));
  }

  /** DELETE (Entra's hard delete) offboards; the person stays on the roster as departed. */
  async remove(scope: TenantScope, id: string): Promise<void> {
    const staff = await this.get(scope, id);
    await this.write(scope, staff, { ...stateOfStaff(staff), active: false });
  }

  /** Writes the changed fields and the requested (de)activation, all in one transaction when both happen. */
  private async write(scope: TenantScope, staff: Staff, state: ScimUserState): Promise<Staff> {
    const fields = await staffFieldsOf(state, staff.id, staff);
    const changes = changedFields(staff, fields);
    const deactivate = state.active === false;
    const reactivate = state.active === true && staff.status === StaffStatus.DEPARTED;
    if (Object.keys(changes).length === 0) {
      // Nothing of the person changes: the offboarding service's own transaction and replay rule decide, so an
      // IdP re-sending a deactivation changes nothing.
      if (deactivate) await this.offboard(scope, staff.employeeId);
      if (reactivate) await this.offboarding.reinstate(scope, staff.id);
      return deactivate || reactivate ? this.get(scope, staff.id) : staff;
    }
    await this.inTransaction(scope, async (tx) => {
      await assertUnique(tx, changes, staff.id);
      await tx.update(Staff, staff.id, changes);
      tx.audit({
        action: 'staff.update',
        targetType: 'Staff',
        targetId: staff.id,
        schoolId: staff.schoolId,
        before: staff,
        after: { ...staff, ...changes },
        changesOnly: true,
      });
      if (deactivate) await this.offboard(tx, fields.employeeId);
      if (reactivate) await this.offboarding.reinstate(tx, staff.id);
    });
    return this.get(scope, staff.id);
  }

  private offboard(scope: TenantScope, employeeId: string) {
    return this.offboarding.offboard(scope, { employeeId, effectiveAt: null, idempotencyKey: null, source: OffboardingSource.SCIM });
  }

  /** Two requests racing for the same userName (or number): the unique index decides, and the loser gets 409. */
  private async inTransaction(scope: TenantScope, work: (tx: TenantScope) => Promise<void>): Promise<void> {
    try {
      await scope.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw uniqueness('userName, employeeNumber or externalId already belongs to another user.');
      throw error;
    }
  }
}

/** 409 when another staff member already has one of these values. One query. */
async function assertUnique(scope: TenantScope, fields: Partial<ScimStaffFields>, selfId: string | null): Promise<void> {
  const checks = UNIQUE_ATTRIBUTES.filter(([property]) => fields[property] !== undefined && fields[property] !== null);
  if (checks.length === 0) return;
  const query = scope.select(Staff, 'staff').andWhere(
    new Brackets((any) => {
      for (const [property] of checks) any.orWhere(`staff.${property} = :${property}`, { [property]: fields[property] });
    }),
  );
  if (selfId) query.andWhere('staff.id <> :selfId', { selfId });
  const owners = await query.getMany();
  const taken = checks.find(([property]) => owners.some((owner) => owner[property] === fields[property]));
  if (taken) throw uniqueness(`${taken[1]} already belongs to another user.`);
}
