/** The Apollo Server every subgraph runs: federated schema, no stack traces, internal errors masked. */
import { ApolloServer, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';

/** Codes whose messages were written for the caller and may be shown as they are. */
const CALLER_FACING = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // Intake: the public's attempts used up, or the hub could not give the answer a case needs (nothing was filed).
  'RATE_LIMITED',
  'SUBGRAPH_UNAVAILABLE',
  // Analytics asked before a build exists says how to make one, "never INTERNAL_SERVER_ERROR" (API.md).
  'ANALYTICS_NOT_BUILT',
]);

/**
 * Keeps caller-facing errors and replaces everything else (a database error, a bug) by a
 * generic message, so no SQL, stack or personal data leaves the service (STYLE.md).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CALLER_FACING.has(code) && (original instanceof GraphQLError || !(original instanceof Error))) {
    return formatted;
  }
  console.error('Internal error:', original);
  return {
    message: 'Internal error: the service could not answer this field.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

export function createApollo<Context extends BaseContext>(schema: GraphQLSchema): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError,
    // Subgraphs are reached through the gateway only, which composes with `_service`; kept
    // on whatever NODE_ENV says, as it was before the CLI ran in production mode.
    introspection: true,
    // No answer of a subgraph is cached by HTTP, and the cache-control plugin visits every
    // resolved field (a fortieth of a 6,000-region answer).
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
}
