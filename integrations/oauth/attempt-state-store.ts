import type { Request } from 'express';
import { signState, verifyState } from './oauth-state';

/** Storage of connect attempts, implemented over PostgreSQL by src/connections. */
export interface ConnectAttemptStore {
  /** Keeps the PKCE verifier (sealed) and starts the state's lifetime on an attempt being sent to consent. */
  beginConsent(attemptId: string, verifier: string | null): Promise<void>;
  /** Consumes the state: returns the verifier once; null when unknown, already used or expired. */
  consumeState(attemptId: string): Promise<{ verifier: string | null } | null>;
}

export interface StateFailure {
  /** BAD_STATE (missing, malformed, forged) or STATE_USED_OR_EXPIRED (replay, too late). */
  code: 'BAD_STATE' | 'STATE_USED_OR_EXPIRED';
  attemptId: string | null;
}

export interface StateSuccess {
  attemptId: string;
}

type StoreCallback = (error: Error | null, state?: string) => void;
type VerifyCallback = (error: Error | null, ok: string | boolean, info: StateSuccess | StateFailure) => void;

/**
 * passport-oauth2's state store contract (store with the PKCE verifier, verify returning it), kept in
 * PostgreSQL instead of a session: Proctor has no sessions, and any API process may receive the callback.
 */
export class AttemptStateStore {
  constructor(
    private readonly attempts: ConnectAttemptStore,
    private readonly signingKeys: () => { current: Buffer; all: Buffer[] },
  ) {}

  // passport-oauth2 picks the call shape by arity: (req, verifier, state, meta, callback).
  store(_request: Request, verifier: string | undefined, state: { attemptId: string }, _meta: unknown, callback: StoreCallback): void {
    this.attempts
      .beginConsent(state.attemptId, verifier ?? null)
      .then(() => callback(null, signState(state.attemptId, this.signingKeys().current)))
      .catch((error: Error) => callback(error));
  }

  // (req, providedState, meta, callback) → callback(err, verifier | true | false, info)
  verify(_request: Request, providedState: unknown, _meta: unknown, callback: VerifyCallback): void {
    const attemptId = verifyState(providedState, this.signingKeys().all);
    if (!attemptId) return callback(null, false, { code: 'BAD_STATE', attemptId: null });
    this.attempts
      .consumeState(attemptId)
      .then((consumed) => {
        if (!consumed) return callback(null, false, { code: 'STATE_USED_OR_EXPIRED', attemptId });
        callback(null, consumed.verifier ?? true, { attemptId });
      })
      .catch((error: Error) => callback(error, false, { code: 'BAD_STATE', attemptId }));
  }
}
