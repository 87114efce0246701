import { JobRuntime, type JobDefinition } from '../../src/jobs/job-runtime';
import { createLogger } from '../../src/logging/logger';
import { createScratchDatabase } from '../support/scratch-database';

describe('job runtime (pg-boss)', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await scratch.drop();
  });

  it('runs a job sent by one process on a worker process, and waits for running jobs when stopping', async () => {
    const handled: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const definition: JobDefinition<{ word: string }> = {
      name: 'test-echo',
      work: { pollingIntervalSeconds: 0.5 },
      async handle(jobs) {
        started();
        await new Promise((resolve) => setTimeout(resolve, 300));
        handled.push(...jobs.map((job) => job.data.word));
      },
    };
    const logger = createLogger('silent');
    const api = new JobRuntime(scratch.url, logger, [definition], { applicationName: 'test-api' });
    const worker = new JobRuntime(scratch.url, logger, [definition], { applicationName: 'test-worker' });
    await api.start({ work: false });
    await worker.start({ work: true });
    try {
      expect(await api.send('test-echo', { word: 'hello' })).toEqual(expect.any(String));
      await running;
      await worker.stop(5000);
      expect(handled).toEqual(['hello']);
    } finally {
      await api.stop(1000);
      await worker.stop(1000);
    }
  });
});
