import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Credentials } from '../provider';

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A connection's credentials as stored: the id of the key that sealed them, and version|iv|tag|ciphertext. */
export interface SealedCredentials {
  keyId: string;
  ciphertext: Buffer;
}

export class TokenVaultError extends Error {
  constructor(readonly reason: 'UNKNOWN_KEY' | 'TAMPERED' | 'MALFORMED') {
    super(`stored credentials cannot be opened (${reason})`);
    this.name = 'TokenVaultError';
  }
}

/**
 * AES-256-GCM for OAuth credentials at rest (standards.md, "Token lifecycle lessons"). Unlike Nango's, keys
 * rotate: every ciphertext names its key, the first configured key seals, all configured keys open. The
 * connection id is bound as additional authenticated data, so a ciphertext copied onto another row fails.
 */
export class TokenVault {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: ReadonlyArray<{ id: string; key: Buffer }>) {
    if (keys.length === 0) throw new Error('TokenVault needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`token encryption key ${id} must be 32 bytes`);
    }
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
    this.currentKeyId = keys[0].id;
  }

  seal(credentials: Credentials, boundTo: string): SealedCredentials {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return {
      keyId: this.currentKeyId,
      ciphertext: Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), encrypted]),
    };
  }

  open(sealed: SealedCredentials, boundTo: string): Credentials {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new TokenVaultError('UNKNOWN_KEY');
    const data = sealed.ciphertext;
    if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== FORMAT_VERSION) throw new TokenVaultError('MALFORMED');
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(tag);
    let plain: string;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenVaultError('TAMPERED');
    }
    const parsed = JSON.parse(plain) as Credentials;
    if (typeof parsed?.accessToken !== 'string') throw new TokenVaultError('MALFORMED');
    return parsed;
  }

  /** The keys, current first, for deriving other secrets (the OAuth state signing key). */
  signingKeys(): Buffer[] {
    return [this.keys.get(this.currentKeyId)!, ...[...this.keys].filter(([id]) => id !== this.currentKeyId).map(([, key]) => key)];
  }

  /** True when the ciphertext was sealed with an older key (re-seal it on the next write or by `tokens:rotate`). */
  isStale(sealed: Pick<SealedCredentials, 'keyId'>): boolean {
    return sealed.keyId !== this.currentKeyId;
  }
}
