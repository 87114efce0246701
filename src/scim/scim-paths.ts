import { ScimSchemaId } from './scim-schema-ids';

/** The single-valued user attributes Proctor stores; `workEmail` is `emails[type eq "work"].value`. */
export type ScimSimpleAttribute =
  | 'active'
  | 'userName'
  | 'displayName'
  | 'externalId'
  | 'name.givenName'
  | 'name.familyName'
  | 'name.formatted'
  | 'workEmail'
  | 'employeeNumber';

/** Where a PATCH path (or a key of a value object) points. */
export type ScimTarget =
  | { kind: 'simple'; attribute: ScimSimpleAttribute }
  | { kind: 'complex'; attribute: 'name' | 'emails' | 'enterprise' }
  /** A SCIM attribute Proctor does not keep (title, phoneNumbers ...): accepted and dropped. */
  | { kind: 'ignored' }
  /** id, meta, schemas: set by Proctor only. */
  | { kind: 'readOnly' };

const SIMPLE: Record<string, ScimSimpleAttribute> = {
  active: 'active',
  username: 'userName',
  displayname: 'displayName',
  externalid: 'externalId',
  'name.givenname': 'name.givenName',
  'name.familyname': 'name.familyName',
  'name.formatted': 'name.formatted',
};
const COMPLEX: Record<string, 'name' | 'emails'> = { name: 'name', emails: 'emails' };
const READ_ONLY = new Set(['id', 'meta', 'schemas']);

// Identity providers map these by default (Entra sends title, phoneNumbers, addresses ... on every change).
// Refusing them would fail every update of such a person, so they are accepted and dropped; anything outside
// the core and enterprise schemas is still an invalidPath error.
const CORE_IGNORED = new Set([
  'nickname', 'profileurl', 'title', 'usertype', 'preferredlanguage', 'locale', 'timezone', 'password', 'phonenumbers',
  'ims', 'photos', 'addresses', 'groups', 'entitlements', 'roles', 'x509certificates',
  'name.middlename', 'name.honorificprefix', 'name.honorificsuffix',
]);
const ENTERPRISE_IGNORED = new Set(['costcenter', 'organization', 'division', 'department', 'manager']);

const CORE_PREFIX = `${ScimSchemaId.user}:`.toLowerCase();
const ENTERPRISE = ScimSchemaId.enterpriseUser.toLowerCase();
const WORK_EMAIL = /^emails\[\s*type\s+eq\s+"work"\s*\]\.value$/;

/** Resolves an attribute path (RFC 7644 §3.10: names are case-insensitive, schema URN prefix optional); null when unknown. */
export function resolvePath(path: string): ScimTarget | null {
  let name = path.trim().toLowerCase();
  if (name.startsWith(CORE_PREFIX)) name = name.slice(CORE_PREFIX.length);
  if (name === ENTERPRISE) return { kind: 'complex', attribute: 'enterprise' };
  if (name.startsWith(`${ENTERPRISE}:`)) return enterpriseTarget(name.slice(ENTERPRISE.length + 1));
  if (WORK_EMAIL.test(name)) return { kind: 'simple', attribute: 'workEmail' };
  if (SIMPLE[name]) return { kind: 'simple', attribute: SIMPLE[name] };
  if (COMPLEX[name]) return { kind: 'complex', attribute: COMPLEX[name] };
  if (READ_ONLY.has(name)) return { kind: 'readOnly' };
  // Other email types, or other sub-attributes of emails, are not kept: Proctor holds one (work) address.
  if (name.startsWith('emails[') || name.startsWith('emails.')) return { kind: 'ignored' };
  if (CORE_IGNORED.has(name) || CORE_IGNORED.has(name.split(/[.[]/)[0])) return { kind: 'ignored' };
  return null;
}

/** A sub-attribute of the name complex attribute, in a `name` value object. */
export function resolveNameKey(key: string): ScimTarget | null {
  return resolvePath(`name.${key}`);
}

function enterpriseTarget(subAttribute: string): ScimTarget | null {
  if (subAttribute === 'employeenumber') return { kind: 'simple', attribute: 'employeeNumber' };
  if (ENTERPRISE_IGNORED.has(subAttribute.split(/[.[]/)[0])) return { kind: 'ignored' };
  return null;
}

/** The sub-attribute of the enterprise extension named `key`, in an extension value object. */
export function resolveEnterpriseKey(key: string): ScimTarget | null {
  return enterpriseTarget(key.trim().toLowerCase());
}
