import type { DataSource, EntityManager } from 'typeorm';
import type { Platform } from '../accounts/account.enums';

/** A budget as the sync applies it: the registry's, or the app's own from `<P>_RATE_LIMIT`. */
export interface ResolvedBudget {
  capacity: number;
  /** Fixed windows of this many seconds, or null for calendar days in `dayIn`. */
  windowSeconds: number | null;
  dayIn: string;
}

export interface Reservation {
  /** Units granted now (0 when none). */
  granted: number;
  /** When to come back for more, when fewer than asked were granted. */
  retryAt: Date | null;
  /** The window the units were taken from, to settle against. */
  windowEndsAt: Date | null;
}

interface BudgetRow {
  capacity: number | null;
  used: number;
  window_ends_at: Date | null;
  blocked_until: Date | null;
  now: Date;
  fixed_end: Date;
  day_end: Date;
}

/**
 * Platform budgets in PostgreSQL, shared by every worker on every machine. A reservation locks its budget's
 * row (SELECT … FOR UPDATE), so two workers asking at once are served one after the other and can never
 * together take more than the window holds. Times are the database's clock, the one clock all workers share.
 */
export class RateBudgetStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes up to `wanted` units, and at least `minimum`, from the budget `key`; with no capacity (a platform
   * that publishes none), only a block the platform imposed can refuse.
   */
  async reserve(key: string, platform: Platform, budget: ResolvedBudget | null, wanted: number, minimum: number): Promise<Reservation> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockRow(manager, key, platform, budget);
      if (row.blocked_until && row.blocked_until > row.now) return { granted: 0, retryAt: row.blocked_until, windowEndsAt: null };
      if (!budget) return { granted: wanted, retryAt: null, windowEndsAt: null };
      const expired = !row.window_ends_at || row.window_ends_at <= row.now;
      const used = expired ? 0 : row.used;
      const windowEndsAt = expired ? (budget.windowSeconds === null ? row.day_end : row.fixed_end) : row.window_ends_at!;
      const available = budget.capacity - used;
      const granted = available >= minimum ? Math.min(wanted, available) : 0;
      await manager.query('UPDATE rate_budget SET used = $2, window_ends_at = $3, capacity = $4, updated_at = now() WHERE key = $1', [
        key,
        used + granted,
        windowEndsAt,
        budget.capacity,
      ]);
      return { granted, retryAt: granted < wanted ? windowEndsAt : null, windowEndsAt };
    });
  }

  /** After the calls: what they really cost, against the window they were reserved from. */
  async settle(key: string, windowEndsAt: Date | null, reserved: number, spent: number): Promise<void> {
    if (!windowEndsAt || reserved === spent) return;
    await this.dataSource.query(
      'UPDATE rate_budget SET used = GREATEST(0, used + $3), updated_at = now() WHERE key = $1 AND window_ends_at = $2',
      [key, windowEndsAt, spent - reserved],
    );
  }

  /** The platform said stop: nobody uses these keys until `until` (a later block is never shortened). */
  async block(keys: string[], platform: Platform, until: Date, reason: string): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO rate_budget (key, platform, capacity, used, blocked_until, blocked_reason, updated_at)
       SELECT key, $2, NULL, 0, $3, $4, now() FROM unnest($1::text[]) AS key
       ON CONFLICT (key) DO UPDATE SET
         blocked_until = GREATEST(COALESCE(rate_budget.blocked_until, EXCLUDED.blocked_until), EXCLUDED.blocked_until),
         blocked_reason = EXCLUDED.blocked_reason, updated_at = now()`,
      [[...new Set(keys)], platform, until, reason],
    );
  }

  /** Keys the platform has blocked for now, with when they open again. */
  async blocked(keys: string[]): Promise<Map<string, Date>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{ key: string; blocked_until: Date }> = await this.dataSource.query(
      'SELECT key, blocked_until FROM rate_budget WHERE key = ANY($1::text[]) AND blocked_until > now()',
      [keys],
    );
    return new Map(rows.map((row) => [row.key, row.blocked_until]));
  }

  private async lockRow(manager: EntityManager, key: string, platform: Platform, budget: ResolvedBudget | null): Promise<BudgetRow> {
    await manager.query(
      `INSERT INTO rate_budget (key, platform, capacity, used, updated_at) VALUES ($1, $2, $3, 0, now()) ON CONFLICT (key) DO NOTHING`,
      [key, platform, budget?.capacity ?? null],
    );
    const [row] = await manager.query(
      `SELECT capacity, used, window_ends_at, blocked_until, now() AS now,
              now() + make_interval(secs => $2::double precision) AS fixed_end,
              (date_trunc('day', now() AT TIME ZONE $3) + interval '1 day') AT TIME ZONE $3 AS day_end
         FROM rate_budget WHERE key = $1 FOR UPDATE`,
      [key, budget?.windowSeconds ? budget.windowSeconds + windowGuardSeconds(budget.windowSeconds) : 0, budget?.dayIn ?? 'UTC'],
    );
    return row as BudgetRow;
  }
}

/**
 * Our window starts when a batch reserves, the platform's when the first call arrives a moment later: ours
 * ends a little after theirs, so a new window's calls never land in the platform's old one.
 */
export function windowGuardSeconds(windowSeconds: number): number {
  return Math.min(1, windowSeconds * 0.05);
}

export const appBudgetKey = (platform: Platform, clientId: string) => `${platform}:app:${clientId}`;
export const tokenBudgetKey = (platform: Platform, connectionId: string) => `${platform}:token:${connectionId}`;
