import { StaffStatus } from '../people/people.enums';
import type { Staff } from '../people/staff.entity';
import { isObject, member } from './scim-json';
import { ScimSchemaId } from './scim-schema-ids';
import { ScimUserDraft, type ScimUserState } from './scim-user-draft';
import { invalidSyntax, invalidValue } from './scim.errors';

/** A user that does not exist yet: POST fills it in. */
export const NEW_USER: ScimUserState = {
  userName: '',
  name: '',
  givenName: null,
  familyName: null,
  externalId: null,
  employeeNumber: null,
  active: null,
};

/** A staff member as a SCIM User (RFC 7643 §4.1, with the enterprise extension's employeeNumber). */
export function toScimUser(staff: Staff, usersUrl: string): Record<string, unknown> {
  return {
    schemas: [ScimSchemaId.user, ScimSchemaId.enterpriseUser],
    id: staff.id,
    ...(staff.scimExternalId ? { externalId: staff.scimExternalId } : {}),
    userName: staff.email,
    name: {
      ...(staff.givenName ? { givenName: staff.givenName } : {}),
      ...(staff.familyName ? { familyName: staff.familyName } : {}),
      formatted: staff.name,
    },
    displayName: staff.name,
    emails: [{ value: staff.email, type: 'work', primary: true }],
    // ON_LEAVE people keep their accounts: only a departure makes a user inactive.
    active: staff.status !== StaffStatus.DEPARTED,
    [ScimSchemaId.enterpriseUser]: { employeeNumber: staff.employeeId },
    meta: {
      resourceType: 'User',
      created: staff.createdAt.toISOString(),
      lastModified: staff.updatedAt.toISOString(),
      location: `${usersUrl}/${staff.id}`,
    },
  };
}

/** What a staff member's SCIM attributes are now; `active` is null because nobody has asked for a change yet. */
export function stateOfStaff(staff: Staff): ScimUserState {
  return {
    userName: staff.email,
    name: staff.name,
    givenName: staff.givenName,
    familyName: staff.familyName,
    externalId: staff.scimExternalId,
    employeeNumber: staff.employeeId,
    active: null,
  };
}

/**
 * A POST or PUT body applied onto `current` (NEW_USER for a POST). Attributes the body leaves out are "not
 * asserted" (RFC 7644 §3.5.1) and keep their values; `null` clears an optional one.
 */
export function readUserResource(body: unknown, current: ScimUserState): ScimUserState {
  if (!isObject(body)) throw invalidSyntax('The body must be a SCIM User resource.');
  if (member(body, 'userName') === undefined) throw invalidValue('userName is required.');
  const draft = new ScimUserDraft(current);
  draft.assign(body, 'resource');
  return draft.finish();
}

/** RFC 7644 §3.4.2: one page of resources, numbered from 1. */
export function listResponse(resources: object[], totalResults: number, startIndex: number): Record<string, unknown> {
  return { schemas: [ScimSchemaId.listResponse], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
