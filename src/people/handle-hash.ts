import { createHmac } from 'node:crypto';
import type { Platform } from '../accounts/account.enums';
import { normalizeHandle } from '../accounts/handle';

/**
 * HMAC-SHA256 with a server key (HANDLE_HASH_KEY) over district, platform and handle. A leaked database alone
 * cannot be matched against a follower list: that needs the key too. Hex, 64 characters.
 */
export function hashHandle(key: Buffer, districtId: string, platform: Platform, handle: string): string {
  return createHmac('sha256', key).update(`${districtId}\u0000${platform}\u0000${normalizeHandle(handle)}`).digest('hex');
}
