import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from './config';

const LocalSecretsSchema = z.object({
  embeddedPostgresPassword: z.string().min(16),
  handleHashKey: z.string().min(40),
  /** Added with issue 3: files written before it lack the key and get one on next start. */
  tokenEncryptionKey: z.string().min(40).optional(),
});

export type LocalSecrets = z.infer<typeof LocalSecretsSchema>;

export interface ResolvedSecrets {
  handleHashKey: Buffer;
  /** Current key first; old keys only decrypt. */
  tokenEncryptionKeys: Array<{ id: string; key: Buffer }>;
  /** True when a key came from DATA_DIR rather than the environment (development and trials only). */
  usedLocalFallback: boolean;
}

/**
 * Development secrets generated once and kept in DATA_DIR/secrets.json (mode 0600), so a trial install needs
 * no set-up and its hashes stay stable across restarts. Production reads them from the environment instead.
 */
export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    const parsed = LocalSecretsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new Error(`${file} is not a valid Proctor secrets file; move it aside to generate a new one`);
    }
    if (!parsed.data.tokenEncryptionKey) {
      const upgraded = { ...parsed.data, tokenEncryptionKey: randomBytes(32).toString('base64') };
      // Write-then-rename so a crash never leaves a half-written secrets file.
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
      fs.renameSync(temporary, file);
      return loadLocalSecrets(dataDir);
    }
    return parsed.data;
  }
  const secrets: LocalSecrets = {
    embeddedPostgresPassword: randomBytes(24).toString('base64url'),
    handleHashKey: randomBytes(32).toString('base64'),
    tokenEncryptionKey: randomBytes(32).toString('base64'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  // 'wx' so two processes starting at once cannot overwrite each other's freshly written secrets.
  try {
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadLocalSecrets(dataDir);
    throw error;
  }
  return secrets;
}

export function resolveSecrets(config: Config): ResolvedSecrets {
  const { handleHashKey, tokenEncryptionKeys } = config.secrets;
  if (handleHashKey && tokenEncryptionKeys) {
    return { handleHashKey, tokenEncryptionKeys, usedLocalFallback: false };
  }
  const local = loadLocalSecrets(config.dataDir);
  return {
    handleHashKey: handleHashKey ?? Buffer.from(local.handleHashKey, 'base64'),
    tokenEncryptionKeys: tokenEncryptionKeys ?? [{ id: 'local', key: Buffer.from(local.tokenEncryptionKey!, 'base64') }],
    usedLocalFallback: true,
  };
}
