import { randomBytes } from 'node:crypto';

/** Where a page starts in the list as it is when the token comes back (the list may have changed since). */
export type Cut<T> = (current: readonly T[]) => number;

interface PagePosition {
  list: string;
  direction: 'next' | 'previous';
  cut: Cut<unknown>;
}

const KEPT_TOKENS = 100_000;

/**
 * X's `next_token` / `previous_token`: opaque strings. Each answer mints fresh ones, so an empty partial
 * page never hands back the token it was asked with.
 */
export class PageTokens {
  private readonly positions = new Map<string, PagePosition>();

  issue<T>(list: string, direction: 'next' | 'previous', cut: Cut<T>): string {
    const token = randomBytes(18).toString('hex');
    this.positions.set(token, { list, direction, cut: cut as Cut<unknown> });
    if (this.positions.size > KEPT_TOKENS) {
      const oldest = this.positions.keys().next().value;
      if (oldest !== undefined) this.positions.delete(oldest);
    }
    return token;
  }

  read(list: string, token: string): PagePosition | undefined {
    const position = this.positions.get(token);
    return position && position.list === list ? position : undefined;
  }
}

export interface PageRequest<T> {
  /** Binds tokens to one list (e.g. `following:<user id>`). */
  list: string;
  size: number;
  token: string | undefined;
  /** PARTIAL_PAGE fault: serve fewer than asked, still pointing to what follows. */
  partial: boolean;
  /** How to find the cut before `items[index]` again later. */
  cutAt: (index: number, items: readonly T[]) => Cut<T>;
}

export type ServedPage<T> =
  | { ok: true; items: T[]; nextToken?: string; previousToken?: string }
  | { ok: false };

export function servePage<T>(tokens: PageTokens, items: readonly T[], request: PageRequest<T>): ServedPage<T> {
  let start = 0;
  if (request.token !== undefined) {
    const position = tokens.read(request.list, request.token);
    if (!position) return { ok: false };
    const cut = Math.min(items.length, Math.max(0, position.cut(items)));
    start = position.direction === 'next' ? cut : Math.max(0, cut - request.size);
  }
  const served = request.partial ? Math.floor(request.size / 2) : request.size;
  const end = Math.min(items.length, start + served);
  return {
    ok: true,
    items: items.slice(start, end),
    nextToken: end < items.length ? tokens.issue(request.list, 'next', request.cutAt(end, items)) : undefined,
    previousToken: start > 0 ? tokens.issue(request.list, 'previous', request.cutAt(start, items)) : undefined,
  };
}
