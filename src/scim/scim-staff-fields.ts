import { validate } from 'class-validator';
import { StaffRole, StaffStatus } from '../people/people.enums';
import { StaffInput } from '../people/people.inputs';
import type { Staff } from '../people/staff.entity';
import { nulCharacterProblems } from '../validation/assert-valid';
import type { ScimUserState } from './scim-user-draft';
import { invalidValue } from './scim.errors';

/** The Staff columns a SCIM client writes. */
export type ScimStaffFields = Pick<Staff, 'email' | 'name' | 'givenName' | 'familyName' | 'scimExternalId' | 'employeeId'>;

const STATE_COLUMNS: Array<[keyof ScimUserState, keyof ScimStaffFields]> = [
  ['userName', 'email'],
  ['name', 'name'],
  ['givenName', 'givenName'],
  ['familyName', 'familyName'],
  ['externalId', 'scimExternalId'],
  ['employeeNumber', 'employeeId'],
];
const FIELD_KEYS = STATE_COLUMNS.map(([, column]) => column);

// The rules are the HR feed's own (StaffInput), so a person SCIM creates is one upsertStaff would accept too;
// only the sentences name SCIM's attributes.
const STAFF_RULE_MESSAGES: Record<string, string> = {
  email: 'userName must be an email address of at most 320 characters.',
  name: 'displayName must be 1-200 characters and not blank.',
  employeeId: 'employeeNumber must be 1-64 letters, digits or . _ : / - (starting with a letter or digit).',
};

/**
 * Normalises a finished SCIM state into Staff columns (email in lower case, trimmed text) and validates what
 * changes from `stored` (everything for a new person). Values already stored are not judged again: a row another
 * feed wrote must never stop a deactivation. A person without an employeeNumber gets their externalId when it is
 * a valid employee id, else `scim-<id>`: stable, because it is derived from the staff id and stored once.
 */
export async function staffFieldsOf(state: ScimUserState, staffId: string, stored: Staff | null): Promise<ScimStaffFields> {
  const externalId = state.externalId?.trim() || null;
  const fields: ScimStaffFields = {
    email: state.userName.trim().toLowerCase(),
    name: state.name.trim(),
    givenName: state.givenName?.trim() || null,
    familyName: state.familyName?.trim() || null,
    scimExternalId: externalId,
    employeeId: state.employeeNumber?.trim() || (externalId && (await isValidEmployeeId(externalId)) ? externalId : `scim-${staffId}`),
  };
  if (stored) {
    // A value the request did not change stays exactly as stored (not re-normalised into a spurious change).
    for (const [attribute, column] of STATE_COLUMNS) {
      if (state[attribute] === stored[column]) Object.assign(fields, { [column]: stored[column] });
    }
  }
  const changed = stored ? changedFields(stored, fields) : fields;
  const problems = [
    ...(await staffRuleProblems(fields, changed)),
    ...(changed.givenName && changed.givenName.length > 100 ? ['name.givenName must be at most 100 characters.'] : []),
    ...(changed.familyName && changed.familyName.length > 100 ? ['name.familyName must be at most 100 characters.'] : []),
    ...(changed.scimExternalId && changed.scimExternalId.length > 255 ? ['externalId must be at most 255 characters.'] : []),
    ...(nulCharacterProblems(changed, '').length ? ['Attributes must not contain NUL characters.'] : []),
  ];
  if (problems.length) throw invalidValue(problems.join(' '));
  return fields;
}

/** The fields of `next` that differ from the stored row. */
export function changedFields(staff: Staff, next: ScimStaffFields): Partial<ScimStaffFields> {
  return Object.fromEntries(FIELD_KEYS.filter((key) => staff[key] !== next[key]).map((key) => [key, next[key]]));
}

async function staffRuleProblems(fields: ScimStaffFields, changed: Partial<ScimStaffFields>): Promise<string[]> {
  const candidate = Object.assign(new StaffInput(), {
    employeeId: fields.employeeId,
    name: fields.name,
    email: fields.email,
    role: StaffRole.OTHER,
    status: StaffStatus.ACTIVE,
  });
  const errors = await validate(candidate, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  return errors
    .filter((error) => error.property in changed)
    .map((error) => STAFF_RULE_MESSAGES[error.property] ?? `${error.property} is invalid.`);
}

async function isValidEmployeeId(value: string): Promise<boolean> {
  const errors = await validate(Object.assign(new StaffInput(), { employeeId: value }), { skipMissingProperties: true, forbidUnknownValues: false });
  return !errors.some((error) => error.property === 'employeeId');
}
