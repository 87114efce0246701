import { PlatformErrorKind } from '../../integrations/platform-error';
import type { ProviderDefinition } from '../../integrations/provider';
import type { Config } from '../config/config';
import type { ResolvedBudget } from './rate-budget.store';

export type Disposition = 'CHECKED' | 'RATE_LIMITED' | 'TRANSIENT' | 'PERMANENT';

/** Faults that may pass: the platform or the network had a bad moment (a refresh that failed for the same reason too). */
const TRANSIENT = new Set<string>([PlatformErrorKind.UNAVAILABLE, PlatformErrorKind.BAD_RESPONSE]);

/**
 * What a failed read means for the run. Anything not known to pass is permanent: revoked or expired consent,
 * a missing role, a deleted account, an unreadable credential. Retrying those only spends budget; the
 * connection already says what a person must do.
 */
export function dispositionOf(errorCode: string | null): Disposition {
  if (errorCode === null) return 'CHECKED';
  if (errorCode === PlatformErrorKind.RATE_LIMITED) return 'RATE_LIMITED';
  return TRANSIENT.has(errorCode) ? 'TRANSIENT' : 'PERMANENT';
}

/** Exponential backoff with jitter: attempt n waits between half and all of base × 2^(n-1), so retries spread out. */
export function backoffMs(attempt: number, baseSeconds: number, random: () => number = Math.random): number {
  const ceiling = baseSeconds * 1000 * 2 ** Math.max(0, attempt - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** A little spread for jobs that wait for the same window, so they do not all knock at the same millisecond. */
export function jitterMs(random: () => number = Math.random, maximum = 1000): number {
  return Math.round(random() * maximum);
}

/** The platform app's budget as the sync spends it: `<P>_RATE_LIMIT` when set, else the registry's, less the headroom. */
export function resolveBudget(config: Config, provider: ProviderDefinition): ResolvedBudget | null {
  const configured = config.platforms.settings[provider.envPrefix].rateLimit;
  const declared = provider.sync.appBudget;
  const budget: ResolvedBudget | null = configured
    ? { capacity: configured.capacity, windowSeconds: configured.windowSeconds, dayIn: provider.sync.quotaDayIn }
    : !declared
      ? null
      : 'seconds' in declared.window
        ? { capacity: declared.capacity, windowSeconds: declared.window.seconds, dayIn: provider.sync.quotaDayIn }
        : { capacity: declared.capacity, windowSeconds: null, dayIn: declared.window.dayIn };
  if (!budget) return null;
  return { ...budget, capacity: Math.max(1, Math.floor(budget.capacity * (1 - config.sync.budgetHeadroom))) };
}
