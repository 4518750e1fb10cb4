/**
 * The public endpoint: @apollo/gateway over the committed supergraph, each subgraph at its
 * configured URL with a timeout, served by @apollo/server on the kit's HTTP server.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { formatError as formatSubgraphError, serveHttp, type RunningHttpServer } from '@tepat/subgraph-kit';
import type { GraphQLFormattedError } from 'graphql';
import { readSupergraph } from './compose.js';
import type { GatewayEnv } from './env.js';

export interface RunningGateway extends RunningHttpServer {
  gateway: ApolloGateway;
}

/** A fetch that gives up after `ms`, so one slow subgraph cannot hold a request. */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(ms) });
}

/**
 * A subgraph that cannot be reached or fails says so by name, without its address or the
 * network error (those are for the logs).
 */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const serviceName = formatted.extensions?.serviceName;
  if (typeof serviceName === 'string' && formatted.extensions?.code !== 'BAD_USER_INPUT' && !formatted.path) {
    console.error(`Subgraph ${serviceName} failed:`, formatted.message);
    return {
      message: `The ${serviceName} service could not answer.`,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName },
    };
  }
  return formatSubgraphError(formatted, error);
}

export async function startGateway(env: GatewayEnv): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource({
        url: env.subgraphUrls[name as keyof GatewayEnv['subgraphUrls']],
        fetcher: fetchWithTimeout(env.subgraphTimeoutMs) as never,
      }),
  });
  const apollo = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const http = await serveHttp({ apollo, context: () => ({}), ready: async () => true, host: env.host, port: env.port });
  return {
    ...http,
    gateway,
    async close() {
      await http.close();
      await apollo.stop();
    },
  };
}
