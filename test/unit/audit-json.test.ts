import { auditDiff, auditJson } from '../../src/audit/audit-json';

describe('audit JSON', () => {
  it('keeps plain fields, writes dates as ISO, and drops secrets, binaries and loaded relations', () => {
    class Row {
      id = 'r1';
      when = new Date('2026-01-02T03:04:05.000Z');
      secretHash = Buffer.from('x');
      salt = Buffer.from('y');
      accessToken = 'tok';
      tags = ['a', 'b'];
      settings = { a: 1 };
      school = new (class School { id = 's1'; })();
      nothing = undefined;
      empty = null;
    }
    expect(auditJson(new Row())).toEqual({ id: 'r1', when: '2026-01-02T03:04:05.000Z', tags: ['a', 'b'], settings: { a: 1 }, empty: null });
    expect(auditJson(null)).toBeNull();
  });

  it('keeps lists of plain objects and filters secrets at every depth', () => {
    const record = {
      admins: [{ email: 'a@example.org', token: 'x' }, { email: 'b@example.org', nested: { password: 'p', keep: 1 } }],
      settings: { refreshToken: 'r', mode: 'x', when: new Date('2026-01-01T00:00:00.000Z') },
      counts: [1, 2, Number.NaN],
      big: 12n,
    };
    expect(auditJson(record)).toEqual({
      admins: [{ email: 'a@example.org' }, { email: 'b@example.org', nested: { keep: 1 } }],
      settings: { mode: 'x', when: '2026-01-01T00:00:00.000Z' },
      counts: [1, 2, null],
      big: '12',
    });
  });

  it('keeps only what changed, ignoring updatedAt', () => {
    expect(auditDiff({ a: 1, b: 2, updatedAt: 'x' }, { a: 1, b: 3, updatedAt: 'y', c: 4 })).toEqual({ before: { b: 2, c: null }, after: { b: 3, c: 4 } });
  });
});
