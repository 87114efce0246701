import { Platform } from '../../src/accounts/account.enums';
import { HANDLE_PATTERN, normalizeHandle } from '../../src/accounts/handle';
import { hashHandle } from '../../src/people/handle-hash';

describe('handles', () => {
  it.each([
    ['@Maple.Ridge', 'maple.ridge'],
    ['  @@lila_draws ', 'lila_draws'],
    ['ＭＡＰＬＥ', 'maple'],
  ])('normalises %j to %j', (raw, normalized) => {
    expect(normalizeHandle(raw)).toBe(normalized);
    expect(HANDLE_PATTERN.test(normalized)).toBe(true);
  });

  it('hashes with the key, per district and platform, after normalising', () => {
    const key = Buffer.alloc(32, 3);
    const base = hashHandle(key, 'district-1', Platform.X, 'Kid');
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(hashHandle(key, 'district-1', Platform.X, '@kid')).toBe(base);
    expect(hashHandle(key, 'district-2', Platform.X, 'kid')).not.toBe(base);
    expect(hashHandle(key, 'district-1', Platform.INSTAGRAM, 'kid')).not.toBe(base);
    expect(hashHandle(Buffer.alloc(32, 4), 'district-1', Platform.X, 'kid')).not.toBe(base);
  });
});
