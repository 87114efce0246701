import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { openRuntime } from '../runtime';
import { printError, UsageError, type CliIo } from './cli-io';
import { COMMANDS } from './commands';

/** Runs one CLI command and returns its exit code: 0 done, 1 refused or failed, 2 bad usage. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(help(name));
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  let options: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values: options, positionals } = parseArgs({ args: rest, options: { ...command.options, json: { type: 'boolean' } }, strict: true, allowPositionals: Boolean(command.positionals) }));
    if (positionals.length !== (command.positionals?.length ?? 0)) throw new Error(`expected ${command.positionals?.join(' ') ?? 'no positional arguments'}`);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\nusage: npm run cli -- ${command.usage}\n`);
    return 2;
  }
  const json = options.json === true;
  try {
    const config = loadConfig(io.env);
    // Logs go to stderr so that stdout carries only the command's result.
    const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, pino.destination(2));
    const runtime = await openRuntime(config, logger, { applicationName: `proctor-cli:${name}`, migrate: true });
    try {
      await command.run(runtime, options, io, positionals);
      return 0;
    } finally {
      await runtime.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\nusage: npm run cli -- ${command.usage}\n`);
      return 2;
    }
    printError(io, json, error);
    return 1;
  }
}

function help(unknown: string | undefined): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(16)} ${command.summary}\n      ${command.usage}`);
  return `${unknown && unknown !== 'help' && unknown !== '--help' ? `unknown command: ${unknown}\n\n` : ''}usage: npm run cli -- <command> [options]\n\n${lines.join('\n')}\n`;
}
