import { decodeCursor, encodeCursor, pageRequest } from '../../src/graphql/connection';
import { isId, newId } from '../../src/db/ids';

const ACCOUNTS = { kind: 'account', isValidKey: isId };

describe('cursors and page requests', () => {
  it('round-trips a key and refuses another list\'s cursor', () => {
    const id = newId();
    const cursor = encodeCursor('account', id);
    expect(cursor).not.toContain(id);
    expect(decodeCursor(cursor, 'account')).toBe(id);
    expect(() => decodeCursor(cursor, 'audit')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  it('defaults the page size, caps it, and validates the key inside the cursor', () => {
    expect(pageRequest({}, ACCOUNTS, 100)).toEqual({ limit: 20, afterKey: null });
    expect(pageRequest({ first: 0 }, ACCOUNTS, 100)).toEqual({ limit: 0, afterKey: null });
    expect(() => pageRequest({ first: 101 }, ACCOUNTS, 100)).toThrow();
    expect(() => pageRequest({ after: encodeCursor('account', 'not-a-uuid') }, ACCOUNTS, 100)).toThrow();
    expect(() => pageRequest({ after: `${encodeCursor('account', newId())}x` }, ACCOUNTS, 100)).toThrow();
  });

  it('makes time-ordered ids, so id order is creation order', () => {
    const ids = Array.from({ length: 50 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
  });
});
