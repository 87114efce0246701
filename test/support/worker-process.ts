import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  output(): string;
  /** Resolves once the worker logged that it is running (its queues are being polled). */
  ready: Promise<void>;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** `npm run worker`, as a real second OS process on the test database (sources transpiled on the fly). */
export function startWorkerProcess(env: NodeJS.ProcessEnv): WorkerProcess {
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'ts-register.js'), path.join(ROOT, 'src', 'worker.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Proctor worker running')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
  ready.catch(() => undefined);
  return {
    pid: child.pid!,
    child,
    output: () => output,
    ready,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
