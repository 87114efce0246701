import type { Writable } from 'node:stream';
import { AppError } from '../errors/app-errors';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function printResult(io: CliIo, json: boolean, value: object, human: string): void {
  io.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human}\n`);
}

/** Errors go to stderr; with --json as one JSON object, so scripts can read the code and the bad fields. */
export function printError(io: CliIo, json: boolean, error: unknown): void {
  if (error instanceof AppError) {
    const { code, reason, fields } = error.extensions as { code: string; reason?: string; fields?: { path: string; message: string }[] };
    if (json) {
      io.stderr.write(`${JSON.stringify({ error: { code, reason, message: error.message, fields } })}\n`);
    } else {
      io.stderr.write(`error (${code}${reason ? `/${reason}` : ''}): ${error.message}\n`);
      for (const field of fields ?? []) io.stderr.write(`  ${field.path}: ${field.message}\n`);
    }
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(json ? `${JSON.stringify({ error: { code: 'ERROR', message } })}\n` : `error: ${message}\n`);
}
