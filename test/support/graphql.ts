import type { Express } from 'express';
import request from 'supertest';

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; reason?: string; fields?: { path: string; constraint: string; message: string }[]; requestId?: string };
}

export interface GraphQLResponse<T = any> {
  status: number;
  data: T;
  errors?: GraphQLErrorBody[];
}

/** POSTs one operation over real HTTP; `key` null sends no Authorization header. */
export async function graphql<T = any>(
  app: Express,
  key: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const call = request(app).post('/graphql').set('content-type', 'application/json');
  if (key) call.set('authorization', `Bearer ${key}`);
  const response = await call.send({ query, variables });
  return { status: response.status, data: response.body.data, errors: response.body.errors };
}

export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions.code;
}

export function errorFields(response: GraphQLResponse): string[] {
  return (response.errors?.[0]?.extensions.fields ?? []).map((field) => field.path);
}

/** Fails with the response's errors when the operation did not succeed. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  }
  return response.data;
}
