import type { Platform } from '../accounts/account.enums';
import { hashHandle } from './handle-hash';

/**
 * `PLATFORM:hash` for each handle, deduplicated and sorted: the form in which student handles are compared with
 * the stored ones (same set = nothing to write) and then stored, by every student feed.
 */
export function studentHandleKeys(hashKey: Buffer, districtId: string, handles: { platform: Platform; handle: string }[]): string[] {
  return [...new Set(handles.map((entry) => `${entry.platform}:${hashHandle(hashKey, districtId, entry.platform, entry.handle)}`))].sort();
}

/** The StudentHandle row a key stands for. */
export function studentHandleFromKey(key: string): { platform: Platform; handleHash: string } {
  const [platform, handleHash] = key.split(':');
  return { platform: platform as Platform, handleHash };
}
