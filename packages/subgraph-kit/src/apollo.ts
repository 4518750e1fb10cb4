/** The Apollo Server every subgraph runs: federated schema, no stack traces, internal errors masked. */
import { ApolloServer, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ErrorCode, isDeliberateCode } from '@tepat/core';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { personsReadPlugin } from './persons-read.js';
import { guardStringArguments } from './string-arguments.js';

/**
 * Keeps errors raised on purpose (a code of @tepat/core's ErrorCode on a GraphQLError) and
 * replaces everything else (a database error, a bug) by a generic message, so no SQL, stack
 * or personal data leaves the service (STYLE.md). The gateway formats with it too, so a
 * subgraph's deliberate code reaches the client (issue 16).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  if (isDeliberateCode(code) && (original instanceof GraphQLError || !(original instanceof Error))) {
    return formatted;
  }
  // Apollo Server refuses some malformed requests (a persisted query of another version, a hash
  // that does not match its query) with a 4xx status but no code: the caller's mistake, said as such.
  const status = original instanceof GraphQLError ? (original.extensions.http as { status?: number } | undefined)?.status : undefined;
  if (original instanceof GraphQLError && original.extensions.code === undefined && status !== undefined && status >= 400 && status < 500) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_REQUEST } };
  }
  console.error('Internal error:', original);
  return {
    message: 'Internal error: the service could not answer this field.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

export function createApollo<Context extends BaseContext>(schema: GraphQLSchema): ApolloServer<Context> {
  return new ApolloServer<Context>({
    // Every string argument is checked for NUL and length before its resolver runs (string-arguments.ts).
    schema: guardStringArguments(schema),
    includeStacktraceInErrorResponses: false,
    formatError,
    // Subgraphs are reached through the gateway only, which composes with `_service`; kept
    // on whatever NODE_ENV says, as it was before the CLI ran in production mode.
    introspection: true,
    // No answer of a subgraph is cached by HTTP, and the cache-control plugin visits every
    // resolved field (a fortieth of a 6,000-region answer).
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), personsReadPlugin()],
  });
}
