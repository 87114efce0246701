import { applyPatch } from '../../src/scim/scim-patch';
import type { ScimUserState } from '../../src/scim/scim-user-draft';
import { readUserResource } from '../../src/scim/scim-user.mapper';
import { ScimError } from '../../src/scim/scim.errors';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const jane: ScimUserState = {
  userName: 'jane.doe@example.org',
  name: 'Jane Doe',
  givenName: 'Jane',
  familyName: 'Doe',
  externalId: 'ext-1',
  employeeNumber: 'E100',
  active: null,
};

const patch = (...operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });

function failure(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return `${error.status} ${error.scimType}`;
    throw error;
  }
  return undefined;
}

describe('SCIM PATCH application', () => {
  it.each([
    ['Okta: replace without path, value object', { op: 'replace', value: { active: false } }],
    ['Entra default: capitalised op, string "False"', { op: 'Replace', path: 'active', value: 'False' }],
    ['Entra aadOptscim062020: boolean false', { op: 'replace', path: 'active', value: false }],
    ['an upper-case op and "false"', { op: 'REPLACE', path: 'Active', value: 'false' }],
    ['add instead of replace', { op: 'add', path: 'active', value: false }],
  ])('deactivates with %s', (_case, operation) => {
    expect(applyPatch(jane, patch(operation))).toEqual({ ...jane, active: false });
  });

  it('reactivates with true or "True"', () => {
    expect(applyPatch(jane, patch({ op: 'Replace', path: 'active', value: 'True' })).active).toBe(true);
    expect(applyPatch(jane, patch({ op: 'replace', value: { active: true } })).active).toBe(true);
  });

  it('sets every supported path', () => {
    const next = applyPatch(
      jane,
      patch(
        { op: 'Replace', path: 'userName', value: 'j.doe@example.org' },
        { op: 'Replace', path: 'externalId', value: 'ext-2' },
        { op: 'Replace', path: 'name.givenName', value: 'Janet' },
        { op: 'Replace', path: 'name.familyName', value: 'Dough' },
        { op: 'Replace', path: 'displayName', value: 'Janet D.' },
        { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: 'E200' },
      ),
    );
    expect(next).toEqual({ userName: 'j.doe@example.org', name: 'Janet D.', givenName: 'Janet', familyName: 'Dough', externalId: 'ext-2', employeeNumber: 'E200', active: null });
  });

  it('sets the work email through the filtered emails path', () => {
    expect(applyPatch(jane, patch({ op: 'Add', path: 'emails[type eq "work"].value', value: 'new@example.org' })).userName).toBe('new@example.org');
  });

  it('sets name.formatted as the display name', () => {
    expect(applyPatch(jane, patch({ op: 'replace', path: 'name.formatted', value: 'Dr Jane Doe' })).name).toBe('Dr Jane Doe');
  });

  it('keeps a derived display name in step with given and family names, but not one set apart', () => {
    expect(applyPatch(jane, patch({ op: 'replace', path: 'name.familyName', value: 'Smith' })).name).toBe('Jane Smith');
    const custom = { ...jane, name: 'JD' };
    expect(applyPatch(custom, patch({ op: 'replace', path: 'name.familyName', value: 'Smith' })).name).toBe('JD');
  });

  it('reads value objects without path: nested, dotted and schema-qualified keys', () => {
    const next = applyPatch(
      jane,
      patch({
        op: 'replace',
        value: { name: { givenName: 'Joan' }, 'name.familyName': 'Roe', [`${ENTERPRISE}:employeeNumber`]: 'E300', [ENTERPRISE]: { department: 'Arts' } },
      }),
    );
    expect(next).toMatchObject({ givenName: 'Joan', familyName: 'Roe', name: 'Joan Roe', employeeNumber: 'E300' });
  });

  it('removes optional attributes', () => {
    const next = applyPatch(jane, patch({ op: 'remove', path: 'externalId' }, { op: 'Remove', path: 'name.givenName' }));
    expect(next).toMatchObject({ externalId: null, givenName: null });
  });

  it('accepts and drops SCIM attributes Proctor does not keep', () => {
    const next = applyPatch(
      jane,
      patch(
        { op: 'Add', path: 'title', value: 'Teacher' },
        { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '555' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Arts' },
      ),
    );
    expect(next).toEqual(jane);
  });

  it('is all or nothing: a later bad operation fails the whole patch', () => {
    expect(failure(() => applyPatch(jane, patch({ op: 'replace', path: 'active', value: false }, { op: 'replace', path: 'shoeSize', value: 9 })))).toBe(
      '400 invalidPath',
    );
  });

  it.each([
    ['zero operations', patch(), '400 invalidValue'],
    ['no Operations list', { schemas: [PATCH_OP] }, '400 invalidSyntax'],
    ['an unknown op', patch({ op: 'merge', path: 'active', value: false }), '400 invalidSyntax'],
    ['an unknown path', patch({ op: 'replace', path: 'favouriteColour', value: 'red' }), '400 invalidPath'],
    ['an unknown name sub-attribute', patch({ op: 'replace', path: 'name.nickname', value: 'JJ' }), '400 invalidPath'],
    ['an unknown key in a value object', patch({ op: 'replace', value: { active: false, shoeSize: 9 } }), '400 invalidPath'],
    ['remove without a path', patch({ op: 'remove' }), '400 noTarget'],
    ['active that is not a boolean', patch({ op: 'replace', path: 'active', value: 'no' }), '400 invalidValue'],
    ['removing the userName', patch({ op: 'remove', path: 'userName' }), '400 invalidValue'],
    ['a userName that is not a string', patch({ op: 'replace', path: 'userName', value: 7 }), '400 invalidValue'],
    ['changing the id', patch({ op: 'replace', path: 'id', value: 'x' }), '400 mutability'],
    ['a value object that is not an object', patch({ op: 'replace', value: false }), '400 invalidValue'],
    ['replace without a value', patch({ op: 'replace', path: 'active' }), '400 invalidValue'],
  ])('refuses %s', (_case, body, expected) => {
    expect(failure(() => applyPatch(jane, body))).toBe(expected);
  });
});

describe('SCIM User resource (POST/PUT bodies)', () => {
  const empty: ScimUserState = { userName: '', name: '', givenName: null, familyName: null, externalId: null, employeeNumber: null, active: null };

  it('reads an Okta create body, ignoring attributes Proctor does not keep', () => {
    const state = readUserResource(
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'jane.doe@example.org',
        name: { givenName: 'Jane', familyName: 'Doe' },
        emails: [{ primary: true, value: 'jane.doe@example.org', type: 'work' }],
        displayName: 'Jane Doe',
        locale: 'en-US',
        externalId: '00u1abcd',
        groups: [],
        password: 'secret',
        active: true,
      },
      empty,
    );
    expect(state).toEqual({ userName: 'jane.doe@example.org', name: 'Jane Doe', givenName: 'Jane', familyName: 'Doe', externalId: '00u1abcd', employeeNumber: null, active: true });
  });

  it('leaves attributes a PUT does not send as they are, active above all', () => {
    const state = readUserResource({ userName: 'jane.doe@example.org', displayName: 'Jane Q. Doe' }, jane);
    expect(state).toEqual({ ...jane, name: 'Jane Q. Doe', active: null });
  });

  it('prefers displayName over name.formatted whatever the key order', () => {
    expect(readUserResource({ displayName: 'Shown', userName: 'a@example.org', name: { formatted: 'Formal' } }, empty).name).toBe('Shown');
  });

  it('reads the enterprise employeeNumber and a string active', () => {
    const state = readUserResource({ userName: 'a@example.org', active: 'False', [ENTERPRISE]: { employeeNumber: 'E9' } }, empty);
    expect(state).toMatchObject({ employeeNumber: 'E9', active: false, name: 'a@example.org' });
  });

  it('requires a userName and an object body', () => {
    expect(failure(() => readUserResource({ displayName: 'No user name' }, empty))).toBe('400 invalidValue');
    expect(failure(() => readUserResource('nope', empty))).toBe('400 invalidSyntax');
  });
});
