import { isRecord } from '../http/platform-http';
import { graphError, graphOk, type GraphReply } from './simulator-format';
import { GRAPH_VERSION, handleGraphCall, type GraphState } from './simulator-graph';

/** platforms.md §1.4: at most 50 operations per batch. */
const MAX_BATCH_OPERATIONS = 50;

interface BatchEntry {
  code: number;
  headers?: Array<{ name: string; value: string }>;
  body: string;
}

const REFERENCE = /\{result=([^:}]+):\$\.([^}]*)\}/g;

/** `$.a.b` and `$.data.*.id` against an earlier named operation's answer; '' when it does not resolve. */
function resolveReference(body: unknown, path: string): string {
  let values: unknown[] = [body];
  for (const step of path.split('.').filter(Boolean)) {
    values = values.flatMap((value) => {
      if (step === '*') return Array.isArray(value) ? value : [];
      return isRecord(value) && step in value ? [value[step]] : [];
    });
  }
  return values.filter((value) => typeof value === 'string' || typeof value === 'number').join(',');
}

function substitute(text: string, named: Map<string, unknown>): string {
  return text.replace(REFERENCE, (_match, name: string, path: string) => resolveReference(named.get(name), path));
}

function pressure(entries: unknown): number {
  if (!Array.isArray(entries)) return 0;
  const weights = entries
    .filter(isRecord)
    .map((entry) => Number(entry.call_count ?? 0) + Number(entry.estimated_time_to_regain_access ?? 0) * 1000);
  return Math.max(0, ...weights);
}

/** One set of headers for the whole batch: the latest app usage, and per Page its most pressing BUC entry. */
function mergeUsageHeaders(into: Record<string, string>, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (name !== 'x-business-use-case-usage' || !into[name]) {
      into[name] = value;
      continue;
    }
    const merged = JSON.parse(into[name]) as Record<string, unknown>;
    for (const [objectId, entries] of Object.entries(JSON.parse(value) as Record<string, unknown>)) {
      if (pressure(entries) >= pressure(merged[objectId])) merged[objectId] = entries;
    }
    into[name] = JSON.stringify(merged);
  }
}

/** Consumes the first time-out rule matching this operation's path, if any (settings.batchTimeouts). */
function takeTimeout(state: GraphState, path: string): boolean {
  const rules = state.settings.batchTimeouts;
  const index = rules.findIndex((rule) => rule.times > 0 && path.includes(rule.pathIncludes));
  if (index < 0) return false;
  rules[index].times -= 1;
  if (rules[index].times <= 0) rules.splice(index, 1);
  return true;
}

/**
 * `POST /v25.0/` with `batch=[{method, relative_url, body?, name?, omit_response_on_success?}]`. Operations run
 * in order (dependencies via `{result=name:$.path}`), each counted and rate-limited on its own, each with its
 * own `access_token` in relative_url or the top-level one. The envelope itself takes no faults. A batch time-out
 * (settings.batchTimeouts) leaves the operation it hits and every later one unrun: each answers `null`.
 */
export function handleBatch(state: GraphState, params: Record<string, string>, linkBase: string): GraphReply {
  if (!params.batch) return graphError(100, '(#100) The parameter batch is required');
  let operations: unknown;
  try {
    operations = JSON.parse(params.batch);
  } catch {
    return graphError(100, '(#100) Param batch must be a JSON array');
  }
  if (!Array.isArray(operations)) return graphError(100, '(#100) Param batch must be a JSON array');
  if (operations.length > MAX_BATCH_OPERATIONS) {
    return graphError(1, `(#1) Batch requests can contain at most ${MAX_BATCH_OPERATIONS} operations`);
  }
  const topToken = params.access_token ?? null;
  if (!topToken) return graphError(104, 'An access token is required to request this resource.');
  if (topToken !== `${state.clientId}|${state.clientSecret}`) {
    const check = state.tokens.checkAccess(topToken);
    if (!check.ok) {
      return check.reason === 'EXPIRED'
        ? graphError(190, 'Error validating access token: Session has expired.', { subcode: 463 })
        : graphError(190, 'Invalid OAuth access token - Cannot parse access token', check.reason === 'REVOKED' ? { subcode: 460 } : {});
    }
  }
  const includeHeaders = params.include_headers !== 'false';
  const named = new Map<string, unknown>();
  const envelopeHeaders: Record<string, string> = {};
  const entries: Array<BatchEntry | null> = [];
  let timedOut = false;
  for (const operation of operations) {
    if (!timedOut && isRecord(operation) && typeof operation.relative_url === 'string') {
      const relative = operation.relative_url.split('?')[0].replace(/^\/+/, '').replace(/^v\d+\.\d+\//, '');
      timedOut = takeTimeout(state, `/${GRAPH_VERSION}/${relative}`);
    }
    if (timedOut) {
      entries.push(null);
      continue;
    }
    if (!isRecord(operation) || typeof operation.method !== 'string' || typeof operation.relative_url !== 'string') {
      const reply = graphError(100, '(#100) Each batch operation needs method and relative_url');
      entries.push({ code: reply.status, body: JSON.stringify(reply.body) });
      continue;
    }
    const url = substitute(operation.relative_url, named);
    const questionMark = url.indexOf('?');
    const path = (questionMark < 0 ? url : url.slice(0, questionMark)).replace(/^\/+/, '').replace(/^v\d+\.\d+\//, '');
    const query = new URLSearchParams(questionMark < 0 ? '' : url.slice(questionMark + 1));
    const body = new URLSearchParams(typeof operation.body === 'string' ? substitute(operation.body, named) : '');
    const callParams: Record<string, string> = { ...Object.fromEntries(query), ...Object.fromEntries(body) };
    const method = operation.method.toUpperCase();
    state.control.countRequest(method, `/${GRAPH_VERSION}/${path}`);
    const reply = handleGraphCall(state, {
      method,
      path,
      params: callParams,
      query,
      token: callParams.access_token ?? topToken,
      linkBase,
    });
    mergeUsageHeaders(envelopeHeaders, reply.headers);
    const name = typeof operation.name === 'string' ? operation.name : null;
    if (name) named.set(name, reply.status === 200 ? reply.body : undefined);
    if (name && operation.omit_response_on_success !== false && reply.status === 200) {
      entries.push(null);
      continue;
    }
    const entry: BatchEntry = { code: reply.status, body: JSON.stringify(reply.body) };
    if (includeHeaders) {
      entry.headers = [
        { name: 'Content-Type', value: 'text/javascript; charset=UTF-8' },
        ...Object.entries(reply.headers).map(([headerName, value]) => ({ name: headerName, value })),
      ];
    }
    entries.push(entry);
  }
  return graphOk(entries, envelopeHeaders);
}
