import type { Logger } from './logging/logger';
import { safeError } from './logging/safe-error';

const REPEATED_SIGNAL_GRACE_MS = 2000;

/**
 * Runs `stop` once on SIGTERM or SIGINT, then exits. Ctrl-C under `npm start` arrives twice (from the terminal
 * and from npm), so a repeat within two seconds is ignored; a later one exits at once.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stoppingSince: number | undefined;
  const onSignal = async (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < REPEATED_SIGNAL_GRACE_MS) return;
      logger.warn({ signal }, 'signal repeated: exiting without waiting');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'shutting down');
    try {
      await stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ error: safeError(error) }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void onSignal(signal));
  process.on('SIGINT', (signal) => void onSignal(signal));
}

/** Prints a start-up failure as one readable message (config problems, database unreachable) and exits 1. */
export function exitOnStartupFailure(error: unknown, readable: (error: unknown) => boolean): never {
  const message = error instanceof Error ? (readable(error) ? error.message : (error.stack ?? error.message)) : String(error);
  process.stderr.write(`Proctor failed to start: ${message}\n`);
  process.exit(1);
}
