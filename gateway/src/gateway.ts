/**
 * The public endpoint: @apollo/gateway over the committed supergraph, each subgraph at its
 * configured URL with a timeout, served by @apollo/server on the kit's HTTP server.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { formatError as formatSubgraphError, serveHttp, type RunningHttpServer } from '@tepat/subgraph-kit';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
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
 * A subgraph fetch that fails (refused, timed out, an HTTP error) becomes an error that
 * names the subgraph, without its address or the network error (those go to the log), so
 * callers such as eligibility know which facts are missing.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(
    private readonly name: string,
    url: string,
    timeoutMs: number,
  ) {
    super({ url, fetcher: fetchWithTimeout(timeoutMs) as never });
  }

  override didEncounterError(error: Error): never {
    console.error(`Subgraph ${this.name} failed: ${error.message}`);
    throw new GraphQLError(`The ${this.name} service could not answer.`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name },
    });
  }
}

function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code === 'SUBGRAPH_UNAVAILABLE') return formatted;
  return formatSubgraphError(formatted, error);
}

export async function startGateway(env: GatewayEnv): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name }) =>
      new SubgraphDataSource(
        name,
        env.subgraphUrls[name as keyof GatewayEnv['subgraphUrls']],
        name === 'eligibility' ? env.eligibilityTimeoutMs : env.subgraphTimeoutMs,
      ),
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
