/** How a handle is written on every platform we check: no '@', no surrounding space, case-insensitive. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@+/, '').normalize('NFKC').toLowerCase();
}

/** Letters, digits, '.', '_' and '-': what Facebook, Instagram, X, YouTube and LinkedIn allow in handles. */
export const HANDLE_PATTERN = /^[\p{L}\p{N}._-]{1,255}$/u;
