import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/logger';
import { requestContext, type RequestState } from '../logging/request-context';

export interface FinishedRequest {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  sqlQueries: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id (a caller's well-formed X-Request-Id is kept, so traces join up), returns it in the
 * response, and logs one line per request with its duration and SQL statement count.
 */
export function requestTracking(logger: Logger, onFinished?: (request: FinishedRequest) => void) {
  return (request: Request, response: Response, next: NextFunction) => {
    const incoming = request.get('x-request-id');
    const state: RequestState = { requestId: incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID(), sqlQueries: 0 };
    response.locals.requestState = state;
    response.setHeader('x-request-id', state.requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const finished: FinishedRequest = {
        requestId: state.requestId,
        method: request.method,
        path: request.path,
        status: response.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        sqlQueries: state.sqlQueries,
      };
      logger.info(finished, 'request');
      onFinished?.(finished);
    });
    requestContext.run(state, next);
  };
}

/** Body parsers resume on socket events, outside the request's async context; this puts it back. */
export function resumeRequestContext(_request: Request, response: Response, next: NextFunction) {
  requestContext.run(response.locals.requestState as RequestState, next);
}
