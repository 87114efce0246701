import { startJobs } from '../jobs/job-definitions';
import type { Runtime } from '../runtime';
import { SyncRunStatus, SyncTrigger } from '../sync/sync.enums';
import type { SyncRunView } from '../sync/sync.types';
import type { TenantScope } from '../tenancy/tenant-scope';
import { printResult, type CliIo } from './cli-io';

const POLL_MS = 500;
const BAR_WIDTH = 30;

/** `[#########.....] 60%  6/10 checked 5 · failed 1 · rate-limited 2 · eta 14:03:10` */
export function progressLine(run: SyncRunView): string {
  const share = run.total > 0 ? run.done / run.total : 0;
  const filled = Math.round(share * BAR_WIDTH);
  const eta = run.eta ? ` · eta ${run.eta.toISOString().slice(11, 19)}Z` : '';
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${run.done}/${run.total} checked ${run.checked} · failed ${run.failed} · rate-limited ${run.rateLimited} · retrying ${run.retrying}${eta}`;
}

/**
 * Starts a sync of the district (or joins the one under way) and works on it in this process, beside any
 * other workers, drawing its progress until it ends. Throws when the run could not run, so the exit code says so.
 */
export async function runSync(runtime: Runtime, scope: TenantScope, io: CliIo, json: boolean): Promise<void> {
  const jobs = await startJobs(runtime, { applicationName: 'proctor-cli:sync', work: true });
  try {
    const { run: started, started: isNew } = await runtime.services.sync.start(scope, SyncTrigger.CLI);
    const tty = (io.stderr as NodeJS.WriteStream).isTTY === true;
    if (!isNew) io.stderr.write(`A sync of this district is already under way (${started.id}); following it.\n`);
    let last = '';
    let run = await runtime.services.sync.view(started);
    for (;;) {
      run = (await runtime.services.sync.find(scope, started.id))!;
      const line = progressLine(run);
      // On a terminal the bar redraws in place; in a log, a line per change.
      if (tty) io.stderr.write(`\r${line}`);
      else if (line !== last) io.stderr.write(`${line}\n`);
      last = line;
      if (run.status !== SyncRunStatus.QUEUED && run.status !== SyncRunStatus.RUNNING) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    if (tty) io.stderr.write('\n');
    if (run.status === SyncRunStatus.FAILED) throw new Error(`sync ${run.id} could not run (${run.failureCode ?? 'FAILED'})`);
    const deadLetters = run.failed > 0 ? await runtime.services.sync.deadLetters(scope, run.id) : [];
    const calls = run.apiCalls.reduce((sum, entry) => sum + entry.calls, 0);
    const seconds = run.startedAt && run.finishedAt ? (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000 : 0;
    printResult(
      io,
      json,
      {
        id: run.id,
        status: run.status,
        total: run.total,
        checked: run.checked,
        failed: run.failed,
        apiCalls: run.apiCalls,
        deadLetters: deadLetters.map((letter) => ({ accountId: letter.accountId, platform: letter.platform, reasonCode: letter.reasonCode, attempts: letter.attempts })),
      },
      [
        `Sync ${run.id}: ${run.status}. ${run.checked} of ${run.total} accounts checked, ${run.failed} could not be, in ${seconds.toFixed(1)} s with ${calls} platform calls.`,
        ...deadLetters.map((letter) => `  ${letter.platform.padEnd(9)} ${(letter.account?.handle ?? letter.accountId).padEnd(32)} ${letter.reasonCode}: ${letter.action}`),
      ].join('\n'),
    );
  } finally {
    await jobs.stop(runtime.config.http.shutdownTimeoutMs);
  }
}
