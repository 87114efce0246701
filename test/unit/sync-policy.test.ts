import { backoffMs, dispositionOf } from '../../src/sync/retry-policy';
import { localClock, nightDue } from '../../src/sync/sync-scheduler';

describe('sync retry policy', () => {
  it('waits out rate limits, retries transient faults, and stops on the rest', () => {
    expect(dispositionOf(null)).toBe('CHECKED');
    expect(dispositionOf('RATE_LIMITED')).toBe('RATE_LIMITED');
    expect(dispositionOf('UNAVAILABLE')).toBe('TRANSIENT');
    expect(dispositionOf('BAD_RESPONSE')).toBe('TRANSIENT');
    for (const code of ['TOKEN_REVOKED', 'TOKEN_EXPIRED', 'REFRESH_EXHAUSTED', 'NOT_CONNECTED', 'PERMISSION_DENIED', 'NOT_FOUND', 'CREDENTIALS_UNREADABLE']) {
      expect(dispositionOf(code)).toBe('PERMANENT');
    }
  });

  it('backs off exponentially, with jitter between half and all of the ceiling', () => {
    expect(backoffMs(1, 30, () => 0)).toBe(15_000);
    expect(backoffMs(1, 30, () => 1)).toBe(30_000);
    expect(backoffMs(3, 30, () => 0)).toBe(60_000);
    expect(backoffMs(3, 30, () => 1)).toBe(120_000);
    const spread = new Set(Array.from({ length: 20 }, () => backoffMs(2, 30)));
    expect(spread.size).toBeGreaterThan(1);
  });
});

describe('nightly schedule', () => {
  it('reads the district\'s own clock, half-hour zones included', () => {
    const now = new Date('2026-11-22T21:15:00Z');
    expect(localClock('Asia/Kolkata', now)).toEqual({ date: '2026-11-23', hour: 2 });
    expect(localClock('America/Chicago', now)).toEqual({ date: '2026-11-22', hour: 15 });
  });

  it('is due once the local hour reaches the district\'s, for that local night', () => {
    expect(nightDue('Asia/Kolkata', 2, new Date('2026-11-22T21:15:00Z'))).toBe('2026-11-23');
    expect(nightDue('Asia/Kolkata', 3, new Date('2026-11-22T21:15:00Z'))).toBeNull();
    // 01:00 in Chicago: not yet; 02:00: tonight's run.
    expect(nightDue('America/Chicago', 2, new Date('2026-11-22T07:00:00Z'))).toBeNull();
    expect(nightDue('America/Chicago', 2, new Date('2026-11-22T08:00:00Z'))).toBe('2026-11-22');
  });
});
