import { parseUserFilter } from '../../src/scim/scim-filter';
import { ScimError } from '../../src/scim/scim.errors';

function scimTypeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return `${error.status} ${error.scimType}`;
    throw error;
  }
  return undefined;
}

describe('SCIM filter parsing', () => {
  it('reads the equality lookups identity providers send', () => {
    expect(parseUserFilter('userName eq "jane.doe@example.org"')).toEqual({ attribute: 'userName', value: 'jane.doe@example.org' });
    expect(parseUserFilter('externalId eq "00u1abcd"')).toEqual({ attribute: 'externalId', value: '00u1abcd' });
    expect(parseUserFilter('id eq "0190a1b2-0000-7000-8000-000000000000"')).toEqual({ attribute: 'id', value: '0190a1b2-0000-7000-8000-000000000000' });
  });

  it('takes attribute names and the operator in any letter case, and the schema-qualified name', () => {
    expect(parseUserFilter('USERNAME EQ "a@example.org"')).toEqual({ attribute: 'userName', value: 'a@example.org' });
    expect(parseUserFilter('externalid Eq "x"')).toEqual({ attribute: 'externalId', value: 'x' });
    expect(parseUserFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "b@example.org"')).toEqual({ attribute: 'userName', value: 'b@example.org' });
  });

  it('decodes JSON escapes in the value', () => {
    expect(parseUserFilter('userName eq "quote\\"d@example.org"')).toEqual({ attribute: 'userName', value: 'quote"d@example.org' });
  });

  it('treats an absent or empty filter as no filter', () => {
    expect(parseUserFilter(undefined)).toBeNull();
    expect(parseUserFilter('  ')).toBeNull();
  });

  it.each([
    ['another operator', 'userName co "jane"'],
    ['another attribute', 'displayName eq "Jane"'],
    ['a compound filter', 'userName eq "a@example.org" and active eq true'],
    ['a value that is not a string', 'id eq 42'],
    ['an unterminated string', 'userName eq "a@example.org'],
    ['a presence test', 'userName pr'],
  ])('refuses %s as invalidFilter', (_case, filter) => {
    expect(scimTypeOf(() => parseUserFilter(filter))).toBe('400 invalidFilter');
  });

  it('refuses a repeated filter parameter', () => {
    expect(scimTypeOf(() => parseUserFilter(['userName eq "a"', 'userName eq "b"']))).toBe('400 invalidFilter');
  });
});
