import { AppError, ErrorCode } from '../errors/app-errors';
import { ScimSchemaId } from './scim-schema-ids';

/** The `scimType` values of RFC 7644 §3.12 that Proctor answers with. */
export type ScimErrorType = 'invalidFilter' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue';

/** An error as SCIM clients read it: an HTTP status, an optional scimType, and a detail sentence. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimErrorType,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  /** RFC 7644 §3.12 writes the status as a string. */
  body(): Record<string, unknown> {
    return { schemas: [ScimSchemaId.error], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.detail };
  }
}

export const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');
export const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax');
export const invalidPath = (detail: string) => new ScimError(400, detail, 'invalidPath');
export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');
export const noTarget = (detail: string) => new ScimError(400, detail, 'noTarget');
export const mutability = (detail: string) => new ScimError(400, detail, 'mutability');
export const uniqueness = (detail: string) => new ScimError(409, detail, 'uniqueness');
export const userNotFound = () => new ScimError(404, 'User not found.');
export const routeNotFound = () => new ScimError(404, 'No such SCIM endpoint.');

/** Proctor's own errors (authentication, roles) in SCIM form; null for anything unexpected. */
export function toScimError(error: unknown): ScimError | null {
  if (error instanceof ScimError) return error;
  if (!(error instanceof AppError)) return null;
  switch (error.extensions.code) {
    case ErrorCode.UNAUTHENTICATED:
      return new ScimError(401, error.message);
    case ErrorCode.FORBIDDEN:
      return new ScimError(403, error.message);
    case ErrorCode.NOT_FOUND:
      return new ScimError(404, error.message);
    case ErrorCode.CONFLICT:
      return new ScimError(409, error.message, 'uniqueness');
    case ErrorCode.BAD_USER_INPUT:
      return new ScimError(400, error.message, 'invalidValue');
    default:
      return null;
  }
}
