import { isObject } from './scim-json';
import { resolveEnterpriseKey, resolveNameKey, resolvePath, type ScimSimpleAttribute, type ScimTarget } from './scim-paths';
import { invalidPath, invalidValue, mutability } from './scim.errors';

/** The SCIM-writable fields of a user, before they are normalised into a Staff row. */
export interface ScimUserState {
  /** The email address (Proctor's userName is the work email). */
  userName: string;
  /** displayName and name.formatted alike. */
  name: string;
  givenName: string | null;
  familyName: string | null;
  externalId: string | null;
  /** Null only while creating, until Proctor assigns one. */
  employeeNumber: string | null;
  /** What the request asked for; null when it did not say. */
  active: boolean | null;
}

/** Where a value object came from: a PATCH (strict about paths) or a POST/PUT body (a whole resource). */
export type AssignMode = 'patch' | 'resource';

const joinName = (state: Pick<ScimUserState, 'givenName' | 'familyName'>) => [state.givenName, state.familyName].filter(Boolean).join(' ');
const label = (path: string) => path.slice(0, 100);

/**
 * A user being changed by SCIM operations. Every setter validates the value's type; lengths and formats are
 * checked once, on the finished state, when it becomes a Staff row. Nothing is written until the whole request
 * has applied (RFC 7644 §3.5.2: a PATCH is atomic).
 */
export class ScimUserDraft {
  private readonly state: ScimUserState;
  /** The last write to displayName / name.formatted: a value, a removal, or none. */
  private nameWrite: 'set' | 'removed' | null = null;

  constructor(private readonly original: ScimUserState) {
    this.state = { ...original };
  }

  set(target: ScimTarget, value: unknown, path: string, mode: AssignMode): void {
    if (target.kind === 'simple') return this.setSimple(target.attribute, value);
    if (target.kind === 'complex') return this.setComplex(target.attribute, value, path, mode);
    if (target.kind === 'readOnly' && mode === 'patch') throw mutability(`${label(path)} is set by Proctor and cannot be changed.`);
  }

  remove(target: ScimTarget, path: string): void {
    if (target.kind === 'readOnly') throw mutability(`${label(path)} is set by Proctor and cannot be removed.`);
    if (target.kind === 'ignored') return;
    if (target.kind === 'complex') {
      if (target.attribute !== 'name') throw invalidValue(`${label(path)} is required and cannot be removed.`);
      this.state.givenName = null;
      this.state.familyName = null;
      this.nameWrite = 'removed';
      return;
    }
    this.setSimple(target.attribute, null);
  }

  /** Applies each attribute of a value object (a PATCH without path, or a POST/PUT body). */
  assign(values: Record<string, unknown>, mode: AssignMode): void {
    // displayName wins over name.formatted when both are sent (applied last): it is the one IdPs show.
    const entries = Object.entries(values).sort(([a], [b]) => Number(a.toLowerCase() === 'displayname') - Number(b.toLowerCase() === 'displayname'));
    for (const [key, value] of entries) {
      const target = resolvePath(key);
      if (mode === 'resource') {
        // A whole resource: its userName is the email, and attributes Proctor does not know are not asserted here.
        if (!target || target.kind === 'readOnly' || (target.kind === 'complex' && target.attribute === 'emails')) continue;
      } else if (!target) {
        throw invalidPath(`Unknown or unsupported attribute: ${label(key)}.`);
      }
      this.set(target, value, key, mode);
    }
  }

  /** The finished state; a name given apart (givenName, familyName) keeps displayName in step when it was derived. */
  finish(): ScimUserState {
    const state = { ...this.state };
    const joined = joinName(state);
    if (this.nameWrite === 'removed') {
      if (!joined) throw invalidValue('displayName is required: send it, or name.givenName / name.familyName.');
      state.name = joined;
    } else if (this.nameWrite === null) {
      if (!state.name) state.name = joined || state.userName;
      else if (joined && this.original.name === joinName(this.original) && joined !== joinName(this.original)) state.name = joined;
    }
    return state;
  }

  private setSimple(attribute: ScimSimpleAttribute, value: unknown): void {
    switch (attribute) {
      case 'active':
        this.state.active = parseActive(value);
        return;
      case 'userName':
      case 'workEmail':
        this.state.userName = requiredString(value, attribute === 'userName' ? 'userName' : 'emails[type eq "work"].value');
        return;
      case 'employeeNumber':
        this.state.employeeNumber = requiredString(value, 'employeeNumber');
        return;
      case 'displayName':
      case 'name.formatted':
        if (value === null) {
          this.nameWrite = 'removed';
          return;
        }
        this.state.name = requiredString(value, attribute);
        this.nameWrite = 'set';
        return;
      case 'name.givenName':
        this.state.givenName = optionalString(value, attribute);
        return;
      case 'name.familyName':
        this.state.familyName = optionalString(value, attribute);
        return;
      case 'externalId':
        this.state.externalId = optionalString(value, attribute);
        return;
    }
  }

  private setComplex(attribute: 'name' | 'emails' | 'enterprise', value: unknown, path: string, mode: AssignMode): void {
    if (attribute === 'emails') {
      this.state.userName = workEmail(value);
      return;
    }
    if (!isObject(value)) throw invalidValue(`${label(path)} takes an object of sub-attributes.`);
    const resolve = attribute === 'name' ? resolveNameKey : resolveEnterpriseKey;
    for (const [key, subValue] of Object.entries(value)) {
      const target = resolve(key);
      if (!target) {
        if (mode === 'resource') continue;
        throw invalidPath(`Unknown or unsupported attribute: ${label(path)}.${label(key)}.`);
      }
      this.set(target, subValue, `${path}.${key}`, mode);
    }
  }
}

/** Entra sends "False" / "True" as strings unless the app opts into compliant behaviour (aadOptscim062020). */
export function parseActive(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw invalidValue('active must be true or false.');
}

function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidValue(`${name} is required and must be a non-empty string.`);
  return value;
}

function optionalString(value: unknown, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalidValue(`${name} must be a string.`);
  return value.trim() === '' ? null : value;
}

/** The work address of an emails list (else the primary one, else the first). */
function workEmail(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) throw invalidValue('emails must be a non-empty list; Proctor keeps the work address.');
  const items = value.filter(isObject);
  const chosen =
    items.find((item) => typeof item.type === 'string' && item.type.toLowerCase() === 'work') ??
    items.find((item) => item.primary === true) ??
    items[0];
  return requiredString(chosen?.value, 'emails.value');
}
