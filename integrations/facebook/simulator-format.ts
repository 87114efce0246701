import { randomBytes } from 'node:crypto';

/** What one Graph call answers, before it becomes an HTTP response or a batch entry. */
export interface GraphReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface GraphErrorOptions {
  subcode?: number;
  type?: string;
  userTitle?: string;
  userMessage?: string;
  isTransient?: boolean;
  headers?: Record<string, string>;
  status?: number;
}

/** Meta's error body (platforms.md §1.4): HTTP 400 unless said otherwise, `OAuthException` unless said otherwise. */
export function graphError(code: number, message: string, options: GraphErrorOptions = {}): GraphReply {
  const error: Record<string, unknown> = { message, type: options.type ?? 'OAuthException', code };
  if (options.subcode !== undefined) error.error_subcode = options.subcode;
  if (options.isTransient !== undefined) error.is_transient = options.isTransient;
  if (options.userTitle) error.error_user_title = options.userTitle;
  if (options.userMessage) error.error_user_msg = options.userMessage;
  error.fbtrace_id = randomBytes(8).toString('base64url');
  return { status: options.status ?? 400, body: { error }, headers: options.headers ?? {} };
}

export function graphOk(body: unknown, headers: Record<string, string> = {}): GraphReply {
  return { status: 200, body, headers };
}

/** Graph writes times as `2026-11-20T16:30:00+0000`. */
export function graphTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** One item of a `fields=` list: `name`, `name.limit(5).order(reverse_chronological)`, `name{a,b}`. */
export interface FieldSelection {
  name: string;
  modifiers: Record<string, string>;
  fields: FieldSelection[] | null;
}

function splitTopLevel(text: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '{' || character === '(') depth += 1;
    if (character === '}' || character === ')') depth -= 1;
    if (depth < 0) return null;
    if (character === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  if (depth !== 0) return null;
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

/** Parses Graph field selection with field expansion; null when it does not parse. */
function parseFields(text: string): FieldSelection[] | null {
  const parts = splitTopLevel(text);
  if (!parts) return null;
  const selections: FieldSelection[] = [];
  for (const part of parts) {
    const match = /^([a-z_][a-z0-9_]*)((?:\.[a-z_]+\([^()]*\))*)(?:\{(.*)\})?$/i.exec(part);
    if (!match) return null;
    const modifiers: Record<string, string> = {};
    for (const modifier of match[2].matchAll(/\.([a-z_]+)\(([^()]*)\)/gi)) modifiers[modifier[1]] = modifier[2];
    let fields: FieldSelection[] | null = null;
    if (match[3] !== undefined) {
      fields = parseFields(match[3]);
      if (!fields) return null;
    }
    selections.push({ name: match[1], modifiers, fields });
  }
  return selections;
}

/**
 * A node as the simulator knows it: plain `fields` (undefined/null values are left out, as Graph does)
 * and `edges` computed on demand for field expansion.
 */
export interface GraphNode {
  type: string;
  fields: Record<string, unknown>;
  edges?: Record<string, (selection: FieldSelection) => unknown>;
}

export type Selected = { ok: true; value: Record<string, unknown> } | { ok: false; reply: GraphReply };

export function selectFields(node: GraphNode, selections: FieldSelection[]): Selected {
  const value: Record<string, unknown> = {};
  for (const selection of selections) {
    const edge = node.edges?.[selection.name];
    if (edge) {
      value[selection.name] = edge(selection);
      continue;
    }
    if (!(selection.name in node.fields)) {
      return {
        ok: false,
        reply: graphError(100, `(#100) Tried accessing nonexisting field (${selection.name}) on node type (${node.type})`),
      };
    }
    let field = node.fields[selection.name];
    if (field === undefined || field === null) continue;
    if (selection.fields && typeof field === 'object' && !Array.isArray(field)) {
      const nested = field as Record<string, unknown>;
      field = Object.fromEntries(selection.fields.filter((sub) => sub.name in nested).map((sub) => [sub.name, nested[sub.name]]));
    }
    value[selection.name] = field;
  }
  return { ok: true, value };
}

/** `fields=` of a request, or the node type's defaults. Null with a reply when it does not parse. */
export function requestedFields(
  raw: string | undefined,
  defaults: string,
): { ok: true; fields: FieldSelection[] } | { ok: false; reply: GraphReply } {
  const fields = parseFields(raw && raw.trim() ? raw : defaults);
  if (!fields) return { ok: false, reply: graphError(100, '(#100) Syntax error in the fields parameter') };
  return { ok: true, fields };
}

let cursorSerial = 0;

/** Opaque like Graph's cursors; the serial keeps a short or empty page's cursor distinct from the last one. */
function encodeCursor(offset: number): string {
  cursorSerial += 1;
  return Buffer.from(JSON.stringify({ o: offset, s: cursorSerial })).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed && typeof parsed.o === 'number' && parsed.o >= 0) {
      return parsed.o;
    }
  } catch {
    // falls through: not one of ours
  }
  return null;
}

export interface PagingRequest {
  /** `limit`, already resolved through control.pageSize. */
  size: number;
  after?: string;
  before?: string;
  /** PARTIAL_PAGE fault: serve fewer items than asked, still pointing at the rest. */
  partial: boolean;
  /** The same request with `after` (or `before`) replaced: Graph's `paging.next` / `paging.previous`. */
  link: (cursor: { after?: string; before?: string }) => string;
}

export type Paged<T> = { ok: true; data: T[]; paging?: Record<string, unknown> } | { ok: false; reply: GraphReply };

/** Cursor paging (platforms.md §1.4): absence of `next` = last page; a page may be short or empty and still have `next`. */
export function pageItems<T>(items: T[], request: PagingRequest): Paged<T> {
  let start = 0;
  let end: number;
  if (request.after !== undefined) {
    const offset = decodeCursor(request.after);
    if (offset === null) return { ok: false, reply: graphError(100, '(#100) The after cursor is invalid') };
    start = offset;
    end = Math.min(items.length, start + request.size);
  } else if (request.before !== undefined) {
    const offset = decodeCursor(request.before);
    if (offset === null) return { ok: false, reply: graphError(100, '(#100) The before cursor is invalid') };
    end = Math.min(items.length, offset);
    start = Math.max(0, end - request.size);
  } else {
    end = Math.min(items.length, request.size);
  }
  if (request.partial && end > start) end = start + Math.floor((end - start) / 2);
  const data = items.slice(start, end);
  const hasNext = end < items.length;
  const hasPrevious = start > 0;
  if (data.length === 0 && !hasNext && !hasPrevious) return { ok: true, data };
  const before = encodeCursor(start);
  const after = encodeCursor(end);
  const paging: Record<string, unknown> = { cursors: { before, after } };
  if (hasPrevious) paging.previous = request.link({ before });
  if (hasNext) paging.next = request.link({ after });
  return { ok: true, data, paging };
}
