import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// proctor_<16 hex key id>_<43 base64url secret>: recognisable by secret scanners, parseable without ambiguity.
const KEY_PATTERN = /^proctor_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedKey {
  key: string;
  keyId: string;
  salt: Buffer;
  secretHash: Buffer;
}

export function generateApiKey(): GeneratedKey {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  return { key: `proctor_${keyId}_${secret}`, keyId, salt, secretHash: hashSecret(salt, secret) };
}

export function parseApiKey(key: string): { keyId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { keyId: match[1], secret: match[2] } : null;
}

/** The secret has 256 bits of entropy, so one salted SHA-256 suffices (no slow KDF needed, unlike passwords). */
export function hashSecret(salt: Buffer, secret: string): Buffer {
  return createHash('sha256').update(salt).update(secret, 'utf8').digest();
}

export function secretMatches(salt: Buffer, secret: string, expected: Buffer): boolean {
  const actual = hashSecret(salt, secret);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
