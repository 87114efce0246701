import { IsOptional, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors/app-errors';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field({ description: 'Always false: these connections page forward only.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 20; the server caps it, 100 by default).' })
  @IsOptional()
  @Min(0)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** `<Name>Connection` and `<Name>Edge` object types for a node type (Relay cursor connections). */
export function connectionType<T extends object>(name: string, nodeType: ClassType<T>): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field({ description: 'Opaque; pass it as `after`.' })
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    countRows: () => Promise<number>;

    @Field(() => Int, { description: 'All matching nodes, not just this page (counted only when asked for).' })
    totalCount(): Promise<number> {
      return this.countRows();
    }
  }
  return ConnectionType;
}

const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  limit: number;
  afterKey: string | null;
}

/** Checks `first` against the server's cap and decodes `after`; both errors name the argument. */
export function pageRequest(
  args: PageArgs,
  list: { kind: string; isValidKey: (key: string) => boolean },
  maxPageSize: number,
): PageRequest {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (limit > maxPageSize) {
    throw BadUserInputError.field('first', 'max', `first must be at most ${maxPageSize}`);
  }
  if (!args.after) return { limit, afterKey: null };
  const afterKey = decodeCursor(args.after, list.kind);
  if (!list.isValidKey(afterKey)) throw BadUserInputError.field('after', 'cursor', 'after is not a cursor from this list');
  return { limit, afterKey };
}

export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`, 'utf8').toString('base64url');
}

/** A cursor carries the list it came from, so one list's cursor is refused by another. */
export function decodeCursor(cursor: string, kind: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${kind}:`;
  if (!decoded.startsWith(prefix) || decoded.length === prefix.length || encodeCursor(kind, decoded.slice(prefix.length)) !== cursor) {
    throw BadUserInputError.field('after', 'cursor', 'after is not a cursor from this list');
  }
  return decoded.slice(prefix.length);
}

/**
 * One keyset page over `query` ordered by `keyColumn` (unique and monotonic: UUIDv7 or identity ids). The count
 * runs on a copy of the filtered query, lazily, so a page costs one query unless totalCount is selected.
 */
export async function keysetConnection<T extends ObjectLiteral, C extends ConnectionShape<T>>(
  connection: ClassType<C>,
  query: SelectQueryBuilder<T>,
  options: { alias: string; keyColumn: string; keyOf: (node: T) => string; direction: 'ASC' | 'DESC'; kind: string; page: PageRequest },
): Promise<C> {
  const countQuery = query.clone();
  const column = `${options.alias}.${options.keyColumn}`;
  if (options.page.afterKey !== null) {
    query.andWhere(`${column} ${options.direction === 'ASC' ? '>' : '<'} :afterKey`, { afterKey: options.page.afterKey });
  }
  const rows = options.page.limit === 0 ? [] : await query.orderBy(column, options.direction).limit(options.page.limit + 1).getMany();
  const nodes = rows.slice(0, options.page.limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(options.kind, options.keyOf(node)), node }));
  return Object.assign(new connection(), {
    edges,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: rows.length > options.page.limit,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
    countRows: () => countQuery.getCount(),
  });
}

/**
 * The common list: rows newest first by their UUIDv7 id, each row turned into its GraphQL view. The connection
 * type is the view's (`connectionType(name, View)`); paging and counting are keysetConnection's.
 */
export async function newestFirstPage<Row extends ObjectLiteral & { id: string }, View extends object>(
  connection: ClassType<ConnectionShape<View>>,
  query: SelectQueryBuilder<Row>,
  options: { alias: string; kind: string; page: PageRequest },
  toView: (row: Row) => View,
): Promise<ConnectionShape<View>> {
  const rows = await keysetConnection(connection as unknown as ClassType<ConnectionShape<Row>>, query, {
    alias: options.alias,
    keyColumn: 'id',
    keyOf: (row) => row.id,
    direction: 'DESC',
    kind: options.kind,
    page: options.page,
  });
  const page = rows as unknown as ConnectionShape<View>;
  page.edges = rows.edges.map((edge) => ({ cursor: edge.cursor, node: toView(edge.node) }));
  return page;
}
