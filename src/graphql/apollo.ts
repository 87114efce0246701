import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import type { GraphQLContext } from './context';
import { formatError } from './format-error';

/** Apollo with depth, alias, token and cost limits (graphql-armor) and no stack traces, ever. */
export function createApolloServer(schema: GraphQLSchema, config: Config, logger: Logger): ApolloServer<GraphQLContext> {
  const limits = config.graphql;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    // graphql-armor's token limit throws from a plugin hook, which Apollo answers with HTTP 500; graphql-js's own
    // parser limit (parseOptions below) refuses the same documents as a 400 parse error.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: 50 },
    // Field suggestions help people exploring the schema; in production they help attackers more.
    blockFieldSuggestion: { enabled: config.environment === 'production' },
  }).protect();
  return new ApolloServer<GraphQLContext>({
    schema,
    introspection: limits.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries would let any caller fill a server-side cache; dashboards do not need them.
    persistedQueries: false,
    // main.ts owns shutdown (drain HTTP, then stop the database); Apollo's own handlers would re-raise the signal.
    stopOnTerminationSignals: false,
    // No cache hints are used; the cache-control plugin would otherwise instrument every field resolver.
    plugins: [...armor.plugins, ApolloServerPluginCacheControlDisabled()],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: formatError(logger),
  });
}
