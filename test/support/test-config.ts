import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config/config';

export const TEST_HANDLE_HASH_KEY = Buffer.alloc(32, 7).toString('base64');
/** Two keys so rotation is exercised: `t2` encrypts, `t1` still decrypts. */
export const TEST_TOKEN_ENCRYPTION_KEYS = `t2:${Buffer.alloc(32, 9).toString('base64')},t1:${Buffer.alloc(32, 8).toString('base64')}`;

/** The environment a test process runs Proctor with: the shared test database, quiet logs, fixed secrets. */
export function testEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: process.env.PROCTOR_TEST_DATABASE_URL,
    DATA_DIR: path.join(os.tmpdir(), 'proctor-test-data'),
    LOG_LEVEL: 'silent',
    HANDLE_HASH_KEY: TEST_HANDLE_HASH_KEY,
    TOKEN_ENCRYPTION_KEYS: TEST_TOKEN_ENCRYPTION_KEYS,
    PLATFORM_SIMULATORS: 'false',
    MIGRATE_ON_START: 'false',
    SEED_DEMO: 'false',
    ...overrides,
  };
}

export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig(testEnv(overrides));
}
