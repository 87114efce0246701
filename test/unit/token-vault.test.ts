import { randomBytes } from 'node:crypto';
import { TokenVault, TokenVaultError } from '../../integrations/oauth/token-vault';
import { signState, verifyState } from '../../integrations/oauth/oauth-state';
import { loadConfig } from '../../src/config/config';

const keyA = { id: 'a', key: randomBytes(32) };
const keyB = { id: 'b', key: randomBytes(32) };
const credentials = { accessToken: 'access-123', refreshToken: 'refresh-456', extra: { pageAccessToken: 'page-789' } };

describe('TokenVault', () => {
  it('round-trips credentials with a fresh IV each time, never holding them in clear', () => {
    const vault = new TokenVault([keyA]);
    const first = vault.seal(credentials, 'row-1');
    const second = vault.seal(credentials, 'row-1');
    expect(first.keyId).toBe('a');
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    for (const secret of ['access-123', 'refresh-456', 'page-789']) expect(first.ciphertext.includes(Buffer.from(secret))).toBe(false);
    expect(vault.open(first, 'row-1')).toEqual(credentials);
  });

  it('rotates: the first key seals, older keys still open, unknown keys do not', () => {
    const old = new TokenVault([keyA]).seal(credentials, 'row-1');
    const rotated = new TokenVault([keyB, keyA]);
    expect(rotated.open(old, 'row-1')).toEqual(credentials);
    expect(rotated.isStale(old)).toBe(true);
    expect(rotated.seal(credentials, 'row-1').keyId).toBe('b');
    expect(() => new TokenVault([keyB]).open(old, 'row-1')).toThrow(TokenVaultError);
  });

  it('refuses a ciphertext moved to another row or altered', () => {
    const vault = new TokenVault([keyA]);
    const sealed = vault.seal(credentials, 'row-1');
    expect(() => vault.open(sealed, 'row-2')).toThrow(expect.objectContaining({ reason: 'TAMPERED' }));
    const altered = Buffer.from(sealed.ciphertext);
    altered[altered.length - 1] ^= 1;
    expect(() => vault.open({ keyId: 'a', ciphertext: altered }, 'row-1')).toThrow(expect.objectContaining({ reason: 'TAMPERED' }));
    expect(() => vault.open({ keyId: 'a', ciphertext: Buffer.from([9, 9]) }, 'row-1')).toThrow(expect.objectContaining({ reason: 'MALFORMED' }));
  });
});

describe('OAuth state', () => {
  const attemptId = '0195f0c2-7d1e-7cc3-8a4b-3f2e1d0c9b8a';

  it('verifies with any configured key and rejects forgeries', () => {
    const state = signState(attemptId, keyA.key);
    expect(verifyState(state, [keyB.key, keyA.key])).toBe(attemptId);
    expect(verifyState(state, [keyB.key])).toBeNull();
    expect(verifyState(state.replace(attemptId, '0195f0c2-7d1e-7cc3-8a4b-3f2e1d0c9b8b'), [keyA.key])).toBeNull();
    for (const bad of [undefined, '', 'x.y', `${attemptId}.short`, 42]) expect(verifyState(bad, [keyA.key])).toBeNull();
  });
});

describe('TOKEN_ENCRYPTION_KEYS', () => {
  const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

  it('parses id:key pairs, current first', () => {
    const config = loadConfig({ TOKEN_ENCRYPTION_KEYS: `new:${key(1)}, old:${key(2)}` });
    expect(config.secrets.tokenEncryptionKeys?.map((entry) => entry.id)).toEqual(['new', 'old']);
  });

  it.each([
    ['no id', key(1)],
    ['short key', `k:${Buffer.alloc(16).toString('base64')}`],
    ['duplicate id', `k:${key(1)},k:${key(2)}`],
    ['bad id', `k k:${key(1)}`],
  ])('refuses %s', (_case, value) => {
    expect(() => loadConfig({ TOKEN_ENCRYPTION_KEYS: value })).toThrow(expect.objectContaining({ problems: [expect.stringMatching(/^TOKEN_ENCRYPTION_KEYS/)] }));
  });

  it('is required in production, with client id and secret set together', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', HANDLE_HASH_KEY: key(3) })).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/^TOKEN_ENCRYPTION_KEYS/)] }),
    );
    expect(() => loadConfig({ X_CLIENT_ID: 'abc' })).toThrow(expect.objectContaining({ problems: [expect.stringMatching(/^X_CLIENT_ID/)] }));
  });

  it('points unset platform URLs at the real platforms when simulators are off', () => {
    const config = loadConfig({ PLATFORM_SIMULATORS: 'false', LINKEDIN_API_URL: 'https://linkedin.example.test/rest' });
    expect(config.platforms.simulators).toBe(false);
    expect(config.platforms.settings.LINKEDIN.apiUrl).toBe('https://linkedin.example.test/rest');
    expect(config.platforms.settings.FACEBOOK.apiUrl).toBeUndefined();
  });
});
