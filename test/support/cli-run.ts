import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/run-cli';

/** `npm run cli -- <argv>` in process, with what it printed on each stream. */
export async function runCliCaptured(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += chunk));
  stderr.on('data', (chunk) => (chunks.err += chunk));
  const code = await runCli(argv, { stdout, stderr, env });
  return { code, stdout: chunks.out, stderr: chunks.err };
}
