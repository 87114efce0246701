import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const running = globalThis.proctorTestPostgres;
  if (!running) return;
  await running.server.stop();
  fs.rmSync(running.directory, { recursive: true, force: true });
}
