import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from '../errors/app-errors';
import type { Logger } from '../logging/logger';
import { currentRequestId } from '../logging/request-context';
import { safeError } from '../logging/safe-error';

// Raised by graphql-js and Apollo themselves about the request; safe to show as they are.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Our own errors keep their code, reason and field list; request errors pass; anything else (a bug, a database
 * error) becomes INTERNAL_SERVER_ERROR with the request id, and its details go to the log only.
 */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const location = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    if (original instanceof AppError) {
      const { code, reason, fields } = original.extensions as { code: string; reason?: string; fields?: unknown };
      return {
        message: formatted.message,
        ...location,
        extensions: { code, ...(reason ? { reason } : {}), ...(fields ? { fields } : {}) },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return { message: formatted.message, ...location, extensions: { code } };
    }
    const requestId = currentRequestId();
    logger.error({ error: safeError(original), path: formatted.path }, 'unexpected error in a GraphQL request');
    return {
      message: 'Internal server error. Quote the request id when reporting it.',
      ...location,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
    };
  };
}
