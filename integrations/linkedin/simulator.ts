import express, { type NextFunction, type Request, type Response } from 'express';
import { Platform } from '../../src/accounts/account.enums';
import type { PlatformSimulator, SimulatorOptions } from '../provider';
import { SimulatorControl } from '../simulator/simulator-control';
import { SimulatorTokens } from '../simulator/simulator-tokens';
import { apiGate } from './simulator-access';
import { LinkedinStore } from './simulator-data';
import { mountLinkedinOAuth } from './simulator-oauth';
import { mountLinkedinReads } from './simulator-reads';
import { sendIllegalArgument, sendNotFound } from './simulator-restli';
import { mountLinkedinWrites } from './simulator-writes';

export interface LinkedinSimulator extends PlatformSimulator {
  /** The simulated world; tests read it to check that writes landed. */
  store: LinkedinStore;
}

/**
 * LinkedIn's Community Management API for organization pages, as served under `/linkedin`:
 *   GET|POST /oauth/v2/authorization            consent screen (no PKCE: web flow)
 *   POST     /oauth/v2/accessToken              authorization_code, refresh_token (form, client secret in body)
 *   GET      /rest/organizationAcls?q=roleAssignee|organization   paged start/count
 *   GET      /rest/organizations?ids=List(...)  BATCH_GET · GET /rest/organizations/{id}
 *   POST     /rest/organizations/{id}           PARTIAL_UPDATE (description, website)
 *   PUT      /rest/organizationAcls/(organization:…,role:…,roleAssignee:…)   {"state": …}
 *   GET      /rest/posts?q=author&author=…      paged · DELETE /rest/posts/{urn}
 *   GET      /rest/networkSizes/{urn}?edgeType=COMPANY_FOLLOWED_BY_MEMBER
 *   GET      /rest/socialMetadata?ids=List(...) BATCH_GET · GET|POST (PARTIAL_UPDATE) /rest/socialMetadata/{urn}
 *   GET      /rest/socialActions/{urn}/comments paged · DELETE …/comments/{id}?actor=…
 * Every /rest call needs LinkedIn-Version (missing → 400 VERSION_MISSING, sunset/unknown → 426
 * NONEXISTENT_VERSION) and, for finders and batch gets, X-Restli-Protocol-Version: 2.0.0.
 */
export function createLinkedinSimulator(options: SimulatorOptions): LinkedinSimulator {
  const store = new LinkedinStore(options.fixture);
  const control = new SimulatorControl();
  const tokens = new SimulatorTokens(control, 'AQV');
  const router = express.Router();
  const dependencies = { store, control, tokens };

  mountLinkedinOAuth(router, { ...dependencies, clientId: options.clientId, clientSecret: options.clientSecret });
  router.use('/rest', express.json({ limit: '64kb' }), apiGate(dependencies));
  mountLinkedinReads(router, dependencies);
  mountLinkedinWrites(router, dependencies);
  router.use('/rest', (_request: Request, response: Response) => sendNotFound(response, 'No resource found'));
  // Malformed JSON bodies and undecodable paths end here, answered in Rest.li's shape.
  router.use('/rest', (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    sendIllegalArgument(response, 'The request could not be parsed');
  });

  return {
    platform: Platform.LINKEDIN,
    router,
    control,
    tokens,
    store,
    consentUserFor: (handle) => store.consentUserFor(handle),
  };
}
