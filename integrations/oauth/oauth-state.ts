import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const STATE_PATTERN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

function stateKey(key: Buffer): Buffer {
  // A key of its own for signing, derived from the vault key, so the encryption key is never used for two purposes.
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'proctor/oauth-state/v1', 32));
}

/**
 * The OAuth `state` parameter: `<attemptId>.<HMAC-SHA256(attemptId)>`. The signature stops a forged or altered
 * state before any database lookup; single use and expiry live in the attempt row.
 */
export function signState(attemptId: string, key: Buffer): string {
  return `${attemptId}.${createHmac('sha256', stateKey(key)).update(attemptId).digest('base64url')}`;
}

/** The attempt id when the state was signed by one of `keys` (rotation: any configured key), else null. */
export function verifyState(state: unknown, keys: readonly Buffer[]): string | null {
  if (typeof state !== 'string') return null;
  const match = STATE_PATTERN.exec(state);
  if (!match) return null;
  const [, attemptId, signature] = match;
  const given = Buffer.from(signature, 'base64url');
  for (const key of keys) {
    const expected = createHmac('sha256', stateKey(key)).update(attemptId).digest();
    if (expected.length === given.length && timingSafeEqual(expected, given)) return attemptId;
  }
  return null;
}
