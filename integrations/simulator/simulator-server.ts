import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Platform } from '../../src/accounts/account.enums';
import type { PlatformSimulator, ProviderDefinition, ProviderUrls } from '../provider';
import { SimulatorFault, type AppRateLimit } from './simulator-control';

export interface SimulatorClient {
  clientId: string;
  clientSecret: string;
}

export interface SimulatorSet {
  app: Express;
  simulators: Map<Platform, PlatformSimulator>;
  /** The provider's endpoints on this simulator set, once it is reachable at `baseUrl`. */
  urlsFor(platform: Platform, baseUrl: string): ProviderUrls;
  get(platform: Platform): PlatformSimulator;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * One express app serving every platform's simulator under `/<slug>` (e.g. `/facebook/v25.0/me/accounts`).
 * Within a mount the paths are the platform's real ones, so a connector reaches the real platform by
 * changing only its three URLs.
 */
export function createSimulatorSet(
  providers: readonly ProviderDefinition[],
  clients: (platform: Platform) => SimulatorClient,
  options: { fixtures?: Partial<Record<Platform, unknown>>; control?: boolean } = {},
): SimulatorSet {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const simulators = new Map<Platform, PlatformSimulator>();
  for (const provider of providers) {
    const simulator = provider.createSimulator({
      ...clients(provider.platform),
      fixture: options.fixtures?.[provider.platform],
    });
    simulators.set(provider.platform, simulator);
    const oauthPaths = new Set([provider.simulatorPaths.authorize, provider.simulatorPaths.token]);
    app.use(`/${provider.slug}`, async (request: Request, _response: Response, next: NextFunction) => {
      if (simulator.control.latencyMs > 0) await sleep(simulator.control.latencyMs);
      if (!oauthPaths.has(request.path)) simulator.control.countRequest(request.method, request.path);
      next();
    });
    app.use(`/${provider.slug}`, simulator.router);
  }
  if (options.control !== false) mountControl(app, providers, simulators);
  app.use((_request: Request, response: Response) => {
    response.status(404).json({ error: 'not a simulated endpoint' });
  });
  return {
    app,
    simulators,
    get(platform) {
      const simulator = simulators.get(platform);
      if (!simulator) throw new Error(`no simulator for ${platform}`);
      return simulator;
    },
    urlsFor(platform, baseUrl) {
      const provider = providers.find((candidate) => candidate.platform === platform);
      if (!provider) throw new Error(`no provider for ${platform}`);
      const root = `${baseUrl.replace(/\/$/, '')}/${provider.slug}`;
      return {
        authorize: root + provider.simulatorPaths.authorize,
        token: root + provider.simulatorPaths.token,
        api: root + provider.simulatorPaths.api,
      };
    },
  };
}

/**
 * `/_control/<slug>`: the sandbox's fault switches over HTTP (the tests flip them in process).
 * POST /_control/<slug>/faults {"fault":"RATE_LIMIT","times":3,"pathIncludes":"/roles"}
 * POST /_control/<slug>/latency {"ms":50} · POST /_control/<slug>/reset · GET /_control
 * POST /_control/<slug>/app-rate-limit {"calls":600,"windowMs":10000} (body `null` clears it)
 */
function mountControl(app: Express, providers: readonly ProviderDefinition[], simulators: Map<Platform, PlatformSimulator>) {
  const control = express.Router();
  // Not strict: `null` is a whole body here (it clears the app rate limit).
  control.use(express.json({ limit: '16kb', strict: false }));
  control.get('/', (_request, response) => {
    response.json(
      Object.fromEntries(
        providers.map((provider) => {
          const simulator = simulators.get(provider.platform)!;
          return [
            provider.slug,
            {
              latencyMs: simulator.control.latencyMs,
              appRateLimit: simulator.control.appRateLimit,
              appBudget: simulator.control.peekAppBudget(),
              appRateLimited: simulator.control.appRateLimited,
              pageSizeCap: simulator.control.pageSizeCap,
              faults: simulator.control.pendingFaults(),
              requests: simulator.control.totalRequests(),
            },
          ];
        }),
      ),
    );
  });
  control.post('/:slug/:action', (request, response) => {
    const provider = providers.find((candidate) => candidate.slug === request.params.slug);
    if (!provider) return void response.status(404).json({ error: 'unknown platform' });
    const simulator = simulators.get(provider.platform)!;
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    switch (request.params.action) {
      case 'faults': {
        const fault = body.fault;
        if (typeof fault !== 'string' || !(fault in SimulatorFault)) {
          return void response.status(400).json({ error: `fault must be one of ${Object.keys(SimulatorFault).join(', ')}` });
        }
        const times = typeof body.times === 'number' && body.times > 0 ? Math.min(body.times, 10_000) : 1;
        const pathIncludes = typeof body.pathIncludes === 'string' ? body.pathIncludes : undefined;
        simulator.control.inject(fault as SimulatorFault, { times, pathIncludes });
        return void response.status(204).end();
      }
      case 'latency': {
        const ms = body.ms;
        if (typeof ms !== 'number' || ms < 0 || ms > 60_000) return void response.status(400).json({ error: 'ms must be 0..60000' });
        simulator.control.latencyMs = ms;
        return void response.status(204).end();
      }
      case 'app-rate-limit': {
        if (request.body === null) {
          simulator.control.appRateLimit = null;
          return void response.status(204).end();
        }
        const limit = appRateLimitOf(body);
        if (!limit) return void response.status(400).json({ error: 'body must be null or {"calls":1..10000000,"windowMs":1..86400000}' });
        simulator.control.appRateLimit = limit;
        return void response.status(204).end();
      }
      case 'reset':
        simulator.control.reset();
        return void response.status(204).end();
      default:
        return void response.status(404).json({ error: 'unknown action' });
    }
  });
  app.use('/_control', control);
}

function appRateLimitOf(body: Record<string, unknown>): AppRateLimit | null {
  const { calls, windowMs } = body;
  const within = (value: unknown, max: number): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
  return within(calls, 10_000_000) && within(windowMs, 86_400_000) ? { calls, windowMs } : null;
}

export interface RunningSimulators extends SimulatorSet {
  url: string;
  urls(platform: Platform): ProviderUrls;
  close(): Promise<void>;
}

/** Starts a simulator set on its own port (tests, bench); `npm start` mounts the app inside the API instead. */
export async function startSimulators(
  providers: readonly ProviderDefinition[],
  clients: (platform: Platform) => SimulatorClient,
  options: { port?: number; host?: string; fixtures?: Partial<Record<Platform, unknown>> } = {},
): Promise<RunningSimulators> {
  const set = createSimulatorSet(providers, clients, { fixtures: options.fixtures });
  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const listening = set.app.listen(options.port ?? 0, host, () => resolve(listening));
    listening.once('error', reject);
  });
  server.keepAliveTimeout = 30_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  return {
    ...set,
    url,
    urls: (platform) => set.urlsFor(platform, url),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Connector context for tests and the bench: the simulator's URLs and the simulated client. */
export const SIMULATOR_CLIENT: SimulatorClient = { clientId: 'proctor-sandbox', clientSecret: 'sandbox-client-secret' };
