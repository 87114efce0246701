import express, { type RequestHandler } from 'express';
import { Platform } from '../../src/accounts/account.enums';
import type { PlatformSimulator, SimulatorOptions } from '../provider';
import { consentScreen } from '../simulator/consent-screen';
import { SimulatorControl } from '../simulator/simulator-control';
import { bearerToken, SimulatorTokens } from '../simulator/simulator-tokens';
import { handleBatch } from './simulator-batch';
import { FacebookWorld } from './simulator-data';
import {
  defaultFacebookSettings,
  GRAPH_VERSION,
  GraphUsage,
  handleGraphCall,
  type FacebookSimulatorSettings,
  type GraphState,
} from './simulator-graph';
import { tokenEndpoint } from './simulator-oauth';

export type { FacebookSimulatorSettings } from './simulator-graph';

/** The Facebook simulator, with what only Facebook has: its switches. */
export interface FacebookSimulator extends PlatformSimulator {
  settings: FacebookSimulatorSettings;
}

/** Resetting the control also puts the Facebook switches back to their defaults. */
class FacebookSimulatorControl extends SimulatorControl {
  onReset: (() => void) | null = null;

  override reset(): void {
    super.reset();
    this.onReset?.();
  }
}

function stringParams(...sources: unknown[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const source of sources) {
    if (typeof source !== 'object' || source === null) continue;
    for (const [name, value] of Object.entries(source)) {
      if (typeof value === 'string') params[name] = value;
      else if (value !== undefined && value !== null) params[name] = JSON.stringify(value);
    }
  }
  return params;
}

/** Every Graph path under `/v25.0`: the batch endpoint at the root, nodes and edges below it. */
function graphEndpoint(state: GraphState): RequestHandler {
  return (request, response) => {
    const params = stringParams(request.query, request.body);
    const linkBase = `${request.protocol}://${request.get('host')}${request.baseUrl}`;
    const path = request.path.replace(/^\/+/, '');
    const reply =
      path === '' && request.method === 'POST' && params.batch !== undefined
        ? handleBatch(state, params, linkBase)
        : handleGraphCall(state, {
            method: request.method,
            path,
            params,
            query: new URLSearchParams(request.originalUrl.split('?')[1] ?? ''),
            token: params.access_token ?? bearerToken(request.headers.authorization),
            linkBase,
          });
    response.status(reply.status).set(reply.headers).json(reply.body);
  };
}

/**
 * Facebook Pages on Graph API v25.0 (platforms.md §1): the OAuth dialog, the token endpoint (code exchange and
 * fb_exchange_token), `/me/accounts`, Page fields, `/roles`, `/assigned_users`, `/published_posts`, `/settings`,
 * comments, the writes Proctor remediates with, and batch requests.
 */
export function createFacebookSimulator(options: SimulatorOptions): FacebookSimulator {
  const control = new FacebookSimulatorControl();
  const tokens = new SimulatorTokens(control, 'EAAB');
  const world = new FacebookWorld(options.fixture);
  const settings = defaultFacebookSettings();
  control.onReset = () => Object.assign(settings, defaultFacebookSettings());
  const state: GraphState = {
    world,
    control,
    tokens,
    usage: new GraphUsage(),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    settings,
  };
  const form = express.urlencoded({ extended: false, limit: '1mb' });
  const json = express.json({ limit: '1mb' });
  const router = express.Router();
  router.all(
    `/${GRAPH_VERSION}/dialog/oauth`,
    form,
    consentScreen({
      platformName: 'Facebook',
      control,
      tokens,
      clientId: options.clientId,
      users: () => world.consentUsers(),
      pkce: 'IGNORED',
      scopeSeparator: /[,\s]+/,
      denyParams: { error_reason: 'user_denied', error_description: 'Permissions error.' },
    }),
  );
  router.all(`/${GRAPH_VERSION}/oauth/access_token`, form, tokenEndpoint(state));
  router.use(`/${GRAPH_VERSION}`, form, json, graphEndpoint(state));
  return {
    platform: Platform.FACEBOOK,
    router,
    control,
    tokens,
    settings,
    consentUserFor: (handle) => world.consentUserFor(handle),
  };
}
