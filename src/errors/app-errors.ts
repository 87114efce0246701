import { GraphQLError } from 'graphql';

/** The fixed `extensions.code` values callers can rely on (design.md, Errors). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One bad field: where (argument path, e.g. `input.3.email`), which rule it broke, and a readable sentence. */
export interface FieldProblem {
  path: string;
  constraint: string;
  message: string;
}

/**
 * Base of every error Proctor raises on purpose. It is a GraphQLError, so resolvers can throw it as is; the CLI
 * and HTTP routes read the same `extensions.code`. `reason` narrows the code for clients (SCHOOL_CODE_TAKEN).
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: { reason?: string; fields?: FieldProblem[]; httpStatus?: number } = {},
  ) {
    super(message, {
      extensions: {
        code,
        ...(extra.reason ? { reason: extra.reason } : {}),
        ...(extra.fields ? { fields: extra.fields } : {}),
        ...(extra.httpStatus ? { http: { status: extra.httpStatus } } : {}),
      },
    });
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid API key is required (Authorization: Bearer <key>).') {
    super(ErrorCode.UNAUTHENTICATED, message, { httpStatus: 401 });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'This API key may not do that.', reason?: string) {
    super(ErrorCode.FORBIDDEN, message, { reason });
  }
}

/** Also what a foreign district's id gets: the caller cannot tell "elsewhere" from "nowhere". */
export class NotFoundError extends AppError {
  constructor(what: string, ...fields: string[]) {
    super(ErrorCode.NOT_FOUND, `${what} not found.`, {
      fields: fields.length ? fields.map((path) => ({ path, constraint: 'exists', message: `${what} not found` })) : undefined,
    });
  }
}

export class BadUserInputError extends AppError {
  constructor(fields: FieldProblem[], message = 'Invalid input.') {
    super(ErrorCode.BAD_USER_INPUT, message, { fields });
  }

  static field(path: string, constraint: string, message: string): BadUserInputError {
    return new BadUserInputError([{ path, constraint, message }], message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, reason: string, fields?: FieldProblem[]) {
    super(ErrorCode.CONFLICT, message, { reason, fields });
  }
}
