import http from 'node:http';
import type { Express } from 'express';

export interface RunningHttpServer {
  server: http.Server;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish (up to `timeoutMs`), then closes the rest. */
  close(timeoutMs: number): Promise<void>;
}

export async function listen(app: Express, port: number, host: string): Promise<RunningHttpServer> {
  const server = http.createServer(app);
  // Behind a load balancer, keep idle connections open longer than it does, so it never reuses a closed one.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  let closing: Promise<void> | undefined;
  return {
    server,
    port: boundPort,
    close(timeoutMs: number) {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive connections would hold close() open; busy ones are closed as their responses end.
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        sweep.unref();
        server.closeIdleConnections();
        const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
        deadline.unref();
        server.once('close', () => {
          clearInterval(sweep);
          clearTimeout(deadline);
        });
      });
      return closing;
    },
  };
}
