import type { DataSource } from 'typeorm';
import type { ConnectAttemptStore } from '../../integrations/oauth/attempt-state-store';
import type { TokenVault } from '../../integrations/oauth/token-vault';
import { ConnectAttempt } from './connect-attempt.entity';
import { ConnectAttemptStage } from './connection.enums';

/**
 * The connect flow's attempt rows, by id. The browser that follows the link carries no API key, so these
 * lookups are not tenant-scoped: the unguessable link secret and the signed state are the credentials, and
 * the district comes from the row itself.
 */
export class ConnectAttemptRepository implements ConnectAttemptStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: TokenVault,
    private readonly stateTtlSeconds: number,
  ) {}

  find(id: string): Promise<ConnectAttempt | null> {
    return this.dataSource.getRepository(ConnectAttempt).findOneBy({ id });
  }

  /** ISSUED → REDIRECTED exactly once: a second use of the link finds nothing to claim. */
  async claimTicket(id: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ConnectAttempt)
      .set({ stage: ConnectAttemptStage.REDIRECTED })
      .where('id = :id AND stage = :issued AND ticket_expires_at > now()', { id, issued: ConnectAttemptStage.ISSUED })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async beginConsent(attemptId: string, verifier: string | null): Promise<void> {
    const sealed = verifier ? this.vault.seal({ accessToken: verifier }, `oauth_attempt:${attemptId}`) : null;
    await this.dataSource
      .createQueryBuilder()
      .update(ConnectAttempt)
      .set({
        verifierKeyId: sealed?.keyId ?? null,
        verifierCiphertext: sealed?.ciphertext ?? null,
        stateExpiresAt: () => `now() + make_interval(secs => ${Number(this.stateTtlSeconds)})`,
      })
      .where('id = :id AND stage = :redirected', { id: attemptId, redirected: ConnectAttemptStage.REDIRECTED })
      .execute();
  }

  async consumeState(attemptId: string): Promise<{ verifier: string | null } | null> {
    // Clearing the expiry marks the state used; the WHERE makes a replay or a late callback find nothing.
    const [rows] = (await this.dataSource.query(
      `UPDATE oauth_attempt SET state_expires_at = NULL
        WHERE id = $1 AND stage = $2 AND state_expires_at > now()
        RETURNING verifier_key_id, verifier_ciphertext`,
      [attemptId, ConnectAttemptStage.REDIRECTED],
    )) as [Array<{ verifier_key_id: string | null; verifier_ciphertext: Buffer | null }>, number];
    const row = rows[0];
    if (!row) return null;
    if (!row.verifier_key_id || !row.verifier_ciphertext) return { verifier: null };
    const opened = this.vault.open({ keyId: row.verifier_key_id, ciphertext: row.verifier_ciphertext }, `oauth_attempt:${attemptId}`);
    return { verifier: opened.accessToken };
  }

  /** Ends an attempt that is still open; the verifier is dropped either way. */
  async finish(id: string, outcome: { failureCode: string | null }): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(ConnectAttempt)
      .set({
        stage: outcome.failureCode ? ConnectAttemptStage.FAILED : ConnectAttemptStage.COMPLETED,
        failureCode: outcome.failureCode,
        finishedAt: () => 'now()',
        verifierKeyId: null,
        verifierCiphertext: null,
        stateExpiresAt: null,
      })
      .where('id = :id AND stage IN (:...open)', { id, open: [ConnectAttemptStage.ISSUED, ConnectAttemptStage.REDIRECTED] })
      .execute();
  }
}
