import { resolvePath } from './scim-paths';
import { isObject, member } from './scim-json';
import { ScimUserDraft, type ScimUserState } from './scim-user-draft';
import { invalidPath, invalidSyntax, invalidValue, noTarget } from './scim.errors';

const OPERATIONS = new Set(['add', 'replace', 'remove']);

/**
 * Applies a PatchOp message (RFC 7644 §3.5.2) to a user and returns the resulting state. Accepts what identity
 * providers really send: `op` in any letter case (Entra: "Replace"), operations without `path` whose value is an
 * object of attributes (Okta), and `active` as a string (Entra: "False"). Any bad operation fails the whole
 * request before anything is written.
 */
export function applyPatch(current: ScimUserState, body: unknown): ScimUserState {
  if (!isObject(body)) throw invalidSyntax('The body must be a PatchOp message.');
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations)) throw invalidSyntax('Operations must be a list of operations.');
  if (operations.length === 0) throw invalidValue('A PATCH needs at least one operation.');
  const draft = new ScimUserDraft(current);
  operations.forEach((operation, index) => applyOperation(draft, operation, index));
  return draft.finish();
}

function applyOperation(draft: ScimUserDraft, operation: unknown, index: number): void {
  if (!isObject(operation)) throw invalidSyntax(`Operations[${index}] must be an object.`);
  const op = member(operation, 'op');
  if (typeof op !== 'string' || !OPERATIONS.has(op.toLowerCase())) throw invalidSyntax(`Operations[${index}].op must be add, replace or remove.`);
  const isRemove = op.toLowerCase() === 'remove';
  const path = member(operation, 'path');
  const value = member(operation, 'value');
  if (!isRemove && value === undefined) throw invalidValue(`Operations[${index}] needs a value.`);

  if (path === undefined || path === null || path === '') {
    if (isRemove) throw noTarget(`Operations[${index}]: remove needs a path.`);
    if (!isObject(value)) throw invalidValue(`Operations[${index}]: without a path, value must be an object of attributes.`);
    draft.assign(value, 'patch');
    return;
  }
  if (typeof path !== 'string') throw invalidPath(`Operations[${index}].path must be a string.`);
  const target = resolvePath(path);
  if (!target) throw invalidPath(`Unknown or unsupported path: ${path.slice(0, 100)}.`);
  if (isRemove) draft.remove(target, path);
  else draft.set(target, value, path, 'patch');
}
