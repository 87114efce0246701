import { generateApiKey, hashSecret, parseApiKey, secretMatches } from '../../src/auth/api-key.secret';

describe('API key secrets', () => {
  it('generates distinct keys whose secret only the salted hash can confirm', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.key).not.toBe(second.key);
    expect(first.key).toMatch(/^proctor_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(first.key);
    expect(parsed?.keyId).toBe(first.keyId);
    expect(secretMatches(first.salt, parsed!.secret, first.secretHash)).toBe(true);
    expect(secretMatches(second.salt, parsed!.secret, first.secretHash)).toBe(false);
    expect(secretMatches(first.salt, parseApiKey(second.key)!.secret, first.secretHash)).toBe(false);
  });

  it('salts: the same secret hashes differently under different salts', () => {
    expect(hashSecret(Buffer.alloc(16, 1), 'same')).not.toEqual(hashSecret(Buffer.alloc(16, 2), 'same'));
  });

  it.each(['', 'proctor_', 'proctor_0123456789abcdef', `proctor_0123456789ABCDEF_${'a'.repeat(43)}`, `proctor_0123456789abcdef_${'a'.repeat(42)}`, `Bearer proctor_0123456789abcdef_${'a'.repeat(43)}`])(
    'refuses the malformed key %j',
    (key) => {
      expect(parseApiKey(key)).toBeNull();
    },
  );
});
