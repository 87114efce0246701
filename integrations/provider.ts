import type { Router } from 'express';
import type { Platform } from '../src/accounts/account.enums';
import type { PlatformHttp } from './http/platform-http';
import type { PlatformError } from './platform-error';
import type { SimulatorControl } from './simulator/simulator-control';
import type { SimulatorTokens } from './simulator/simulator-tokens';
import type { AccountSnapshot, SnapshotField } from './snapshot';

/** The secrets of one connection. Encrypted as a whole by the token vault; never logged or returned. */
export interface Credentials {
  accessToken: string;
  refreshToken?: string | null;
  /** Platform-specific secrets, e.g. the Facebook Page access token minted from the user token. */
  extra?: Record<string, string>;
}

/** Fresh credentials and their lifetimes, from a code exchange or a refresh. */
export interface TokenGrant {
  credentials: Credentials;
  /** Null when the platform says the token does not expire (Facebook Page tokens from a long-lived user token). */
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  scopes: string[];
}

/** The token endpoint's answer to the authorization-code exchange, as passport-oauth2 hands it over. */
export interface CodeExchangeResult {
  accessToken: string;
  refreshToken: string | null;
  /** Every field of the token response (expires_in, scope, refresh_token_expires_in, ...). */
  params: Record<string, unknown>;
}

/** Where a connector talks to, and as which client: the registry entry's URLs after env overrides. */
export interface ConnectorContext {
  http: PlatformHttp;
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  now: () => Date;
}

/** The registered account the connection is for. */
export interface AccountReference {
  handle: string;
  /** Known after the first connection; null before. */
  externalId: string | null;
}

/** One account to read, with its decrypted credentials. */
export interface SnapshotTarget {
  /** Caller's key for matching results (the connection id). */
  key: string;
  externalId: string;
  handle: string;
  credentials: Credentials;
}

export type SnapshotOutcome =
  | { key: string; ok: true; snapshot: AccountSnapshot; apiCalls: number }
  | { key: string; ok: false; error: PlatformError; apiCalls: number };

/** Remediations a platform's API can apply (platforms.md §6); the rest are manual steps. */
export enum RemediationKind {
  UPDATE_PROFILE_TEXT = 'UPDATE_PROFILE_TEXT',
  UPDATE_WEBSITE = 'UPDATE_WEBSITE',
  SET_AUDIENCE_PRIVATE = 'SET_AUDIENCE_PRIVATE',
  DISABLE_POST_COMMENTS = 'DISABLE_POST_COMMENTS',
  HIDE_COMMENT = 'HIDE_COMMENT',
  DELETE_COMMENT = 'DELETE_COMMENT',
  HIDE_POST = 'HIDE_POST',
  DELETE_POST = 'DELETE_POST',
  REMOVE_ADMIN = 'REMOVE_ADMIN',
  ADD_ADMIN = 'ADD_ADMIN',
}

export interface ActionRequest {
  kind: RemediationKind;
  /** What the action changes: `text`, `url`, `postId`, `commentId`, `userId`, `roles`, ... per kind. */
  params: Record<string, string | string[] | boolean>;
}

export interface ActionResult {
  /** The platform's answer, kept as evidence on the remediation. Never contains a token. */
  platformResponse: unknown;
}

export interface Connector {
  /**
   * After the code exchange: finish the platform's token dance (Meta long-lived exchange, Page token) and
   * find the registered account among what the consenting person manages. Throws ACCOUNT_NOT_MANAGED when
   * it is not there.
   */
  completeAuthorization(
    context: ConnectorContext,
    exchange: CodeExchangeResult,
    account: AccountReference,
  ): Promise<{ grant: TokenGrant; externalId: string; displayName: string | null }>;

  /** New credentials before the old expire; throws TOKEN_REVOKED / TOKEN_EXPIRED when only reconnecting helps. */
  refresh(context: ConnectorContext, credentials: Credentials): Promise<TokenGrant>;

  /**
   * Read many accounts at once, using the platform's batching (Meta batch, multi-id lookups) where it has
   * it. One outcome per target, same order; one account's failure never fails the others.
   */
  fetchSnapshots(context: ConnectorContext, targets: SnapshotTarget[]): Promise<SnapshotOutcome[]>;

  /** Apply one remediation. Throws a PlatformError when the platform refuses. */
  applyAction(context: ConnectorContext, target: SnapshotTarget, request: ActionRequest): Promise<ActionResult>;
}

export type PkceMode = 'NONE' | 'S256';

/**
 * How a platform keeps a connection alive (platforms.md §0):
 * - META_LONG_LIVED: short user token exchanged for a ~60-day one; Page tokens minted from it do not expire;
 *   refreshed by exchanging the long-lived token again before it expires.
 * - INSTAGRAM_LONG_LIVED: 1 h token exchanged for 60 days; refreshed with ig_refresh_token (>= 24 h old).
 * - REFRESH_TOKEN: short access token + refresh token (X with offline.access, Google with access_type=offline).
 * - LINKEDIN_60_DAY: 60-day access token; a 365-day refresh token only for approved partners, else reconnect.
 */
export type TokenStyle = 'META_LONG_LIVED' | 'INSTAGRAM_LONG_LIVED' | 'REFRESH_TOKEN' | 'LINKEDIN_60_DAY';

export interface ProviderUrls {
  authorize: string;
  token: string;
  api: string;
}

export interface PlatformSimulator {
  platform: Platform;
  /** Serves the platform's real paths (OAuth and API) relative to its mount. */
  router: Router;
  control: SimulatorControl;
  /** Tokens it issued: tests revoke consent or age tokens through it. */
  tokens: SimulatorTokens;
  /** The simulated person who can consent for the account with this handle (its owner or an admin). */
  consentUserFor(handle: string): string | null;
}

export interface SimulatorOptions {
  clientId: string;
  clientSecret: string;
  /** Fixture data (parsed JSON); defaults to the platform's sandbox fixture. */
  fixture?: unknown;
}

/**
 * A platform app's budget, where the platform publishes one. Fixed windows start at the first call after the
 * previous window ended; calendar days end at midnight in the platform's own zone.
 */
export interface BudgetSpec {
  /** Platform-counted calls (YouTube: quota units) the window allows. */
  capacity: number;
  window: { seconds: number } | { dayIn: string };
}

/** How the nightly sync reads this platform at scale. */
export interface SyncProfile {
  /** Accounts per check job: what one connector request batches (Meta batch 50, X ids 100, YouTube and LinkedIn 50). */
  batchSize: number;
  /** About what one account's read costs in platform-counted calls; budgets reserve this much and settle afterwards. */
  callsPerAccount: number;
  /** The app-wide budget; env `<P>_RATE_LIMIT` overrides it. Null where the platform publishes none. */
  appBudget: BudgetSpec | null;
  /**
   * Whom a usage signal at 100 % speaks for: the whole app (Meta's X-App-Usage, YouTube's project quota, a
   * LinkedIn 429) or one token and endpoint (X's x-rate-limit-* describe a user's window), which only that
   * token's accounts wait out.
   */
  usageScope: 'APP' | 'TOKEN';
  /** The day a platform's daily quota resets in (LinkedIn UTC, YouTube Pacific), for 'day' budgets set by env. */
  quotaDayIn: string;
}

/** One declarative entry per platform: everything Proctor needs to know to connect and read it. */
export interface ProviderDefinition {
  platform: Platform;
  /** Human name, for pages and messages. */
  name: string;
  /** Path segment of /oauth/<slug>/connect and of the simulator mount. */
  slug: string;
  /** Env prefix of <P>_AUTHORIZE_URL, <P>_TOKEN_URL, <P>_API_URL, <P>_CLIENT_ID, <P>_CLIENT_SECRET. */
  envPrefix: 'FACEBOOK' | 'INSTAGRAM' | 'X' | 'YOUTUBE' | 'LINKEDIN';
  /** The real platform (defaults). */
  urls: ProviderUrls;
  /** The same endpoints on the built-in simulator, relative to its mount. */
  simulatorPaths: ProviderUrls;
  scopes: { read: string[]; remediate: string[] };
  scopeSeparator: ',' | ' ';
  pkce: PkceMode;
  /** How the client authenticates at the token endpoint. */
  tokenEndpointAuth: 'CLIENT_SECRET_POST' | 'CLIENT_SECRET_BASIC';
  /** Extra authorize parameters (Google's access_type=offline, prompt=consent). */
  authorizationParams: Record<string, string>;
  tokenStyle: TokenStyle;
  capabilities: {
    /** Snapshot fields this platform's API cannot show: rules answer MANUAL for them. */
    unavailable: SnapshotField[];
    remediations: RemediationKind[];
  };
  sync: SyncProfile;
  connector: Connector;
  createSimulator(options: SimulatorOptions): PlatformSimulator;
}
