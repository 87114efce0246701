import { ScimSchemaId } from './scim-schema-ids';
import { invalidFilter } from './scim.errors';

export type ScimFilterAttribute = 'userName' | 'externalId' | 'id';

/** `<attribute> eq "<value>"`: the lookups identity providers make before they create or link a user. */
export interface ScimUserFilter {
  attribute: ScimFilterAttribute;
  value: string;
}

const FILTERABLE: Record<string, ScimFilterAttribute> = { username: 'userName', externalid: 'externalId', id: 'id' };
// An attribute path, the operator, then a JSON string literal (escapes allowed).
const EQUALITY = /^\s*([A-Za-z][\w.:-]*)\s+([A-Za-z]+)\s+("(?:[^"\\]|\\.)*")\s*$/;
const CORE_PREFIX = `${ScimSchemaId.user}:`.toLowerCase();

/**
 * Parses the `filter` query parameter. Proctor supports the equality lookups Okta and Entra send (RFC 7644
 * §3.4.2.2: attribute names and operators are case-insensitive); anything else is an invalidFilter error, not
 * an empty list, so a client never mistakes "unsupported" for "no such user".
 */
export function parseUserFilter(raw: unknown): ScimUserFilter | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string') throw invalidFilter('Send one filter parameter.');
  if (raw.trim() === '') return null;
  const match = EQUALITY.exec(raw);
  if (!match) throw invalidFilter('Supported filters: userName, externalId or id eq "value".');
  const [, path, operator, literal] = match;
  let name = path.toLowerCase();
  if (name.startsWith(CORE_PREFIX)) name = name.slice(CORE_PREFIX.length);
  const attribute = FILTERABLE[name];
  if (!attribute) throw invalidFilter(`Filtering on ${path} is not supported; use userName, externalId or id.`);
  if (operator.toLowerCase() !== 'eq') throw invalidFilter(`The ${operator} operator is not supported; use eq.`);
  let value: unknown;
  try {
    value = JSON.parse(literal);
  } catch {
    throw invalidFilter('The filter value is not a valid string literal.');
  }
  return { attribute, value: value as string };
}
