/**
 * The public endpoint: @apollo/gateway over the committed supergraph, each subgraph at its
 * configured URL with a timeout, served by @apollo/server on the kit's HTTP server. Every
 * request is authenticated here; the caller goes on to each subgraph signed with the hub's
 * internal key; answers are logged (AUDITOR, OPERATOR) and masked (all but AUDITOR, ADMIN)
 * on the way out. Analytics metric answers are kept per analytics build (response-cache.ts);
 * the web app is served under /app/ (web-app.ts).
 */
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import {
  createTokenVerifier,
  FORWARDED_CALLER_HEADER,
  internalKey,
  LOGGED_ROLES,
  signForwardedCaller,
  UNMASKED_ROLES,
  userTokenKeys,
  withServiceTokens,
  type Caller,
} from '@tepat/auth';
import { ErrorCode } from '@tepat/core';
import { formatError, personsReadIn, REPORT_PERSONS_HEADER, serveHttp, type Refusal, type RunningHttpServer } from '@tepat/subgraph-kit';
import { GraphQLError } from 'graphql';
import { accessLogWriter, type AccessLogWriter } from './access-log.js';
import { responseCache } from './response-cache.js';
import { subgraphFetcher } from './subgraph-fetch.js';
import { readSupergraph } from './compose.js';
import type { GatewayEnv } from './env.js';
import { armor, MAX_TOKENS, publicWorkflowLimiter, rateLimiter, readTrustedDocuments, type TrustedDocuments } from './limits.js';
import { KnownOperationTypesRule, operationResolution } from './operation-choice.js';
import {
  auditedForEveryCaller,
  maskOthers,
  personalDataOf,
  PUBLIC_WORKFLOW_FIELDS,
  readsPersonalData,
  rootFieldsOf,
  type Operation,
} from './personal-data.js';
import { webAppRoutes } from './web-app.js';

export interface RunningGateway extends RunningHttpServer {
  gateway: ApolloGateway;
}

/** Per request: who asks (and from which address), and the same caller signed for the subgraphs. */
interface GatewayContext {
  caller: Caller;
  forwarded: string;
  address: string;
  /** Set when the answer goes to the access log: the NIKs the subgraphs report they answered about. */
  personsRead?: Set<string>;
}

/** Purpose header auditors send with a case reference (UU PDP: access needs a purpose). */
const PURPOSE_HEADER = 'x-tepat-purpose';

/**
 * A subgraph fetch that carries the caller, and whose failure (refused, timed out, an HTTP
 * error) becomes an error that names the subgraph, without its address or the network error
 * (those go to the log), so callers such as eligibility know which facts are missing.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
    timeoutMs: number,
  ) {
    super({ url, fetcher: subgraphFetcher(timeoutMs) });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const context = 'context' in options ? options.context : undefined;
    if (context?.forwarded) options.request.http?.headers.set(FORWARDED_CALLER_HEADER, context.forwarded);
    if (context?.personsRead) options.request.http?.headers.set(REPORT_PERSONS_HEADER, '1');
  }

  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    if (context.personsRead) for (const nik of personsReadIn(response.extensions)) context.personsRead.add(nik);
    return response;
  }

  override didEncounterError(error: Error): never {
    console.error(`Subgraph ${this.name} failed: ${error.message}`);
    throw new GraphQLError(`The ${this.name} service could not answer.`, {
      extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.name },
    });
  }
}

/**
 * The services that ask this gateway back while answering (eligibility for its facts, intake
 * for decisions): they wait on other sources, so they get eligibility's longer timeout and a
 * slow source costs its checks, not the whole answer.
 */
const ASKS_BACK = new Set(['eligibility', 'intake']);

function refused(code: ErrorCode, status: number, message: string, headers?: Record<string, string>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, ...(headers ? { headers: new HeaderMap(Object.entries(headers)) } : {}) } } });
}

/**
 * What the gateway does with each operation once parsed: trusted documents for the roles
 * bound to them, a purpose for auditors, then on the way out the access log and masking.
 */
function personalDataPlugin(
  accessLog: AccessLogWriter,
  trusted: TrustedDocuments | undefined,
  admitWorkflow: (address: string) => Promise<Refusal | undefined>,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      // Decided once per request, when the operation is known; the answer is judged by it.
      let personal = false;
      let audited = false;
      return {
        async didResolveOperation({ contextValue, queryHash, document, operationName, schema, request }) {
          const { caller, address } = contextValue;
          if (trusted?.requiredFor.includes(caller.role as never) && !trusted.byHash.has(queryHash)) {
            throw refused(ErrorCode.PERSISTED_QUERY_NOT_TRUSTED, 403, `A ${caller.role} may run only the trusted documents of its manifest; this document is not one of them.`);
          }
          const op: Operation = { schema, document, operationName, variables: request.variables };
          if (caller.role === 'PUBLIC' && rootFieldsOf(op).some((f) => PUBLIC_WORKFLOW_FIELDS.has(f))) {
            const refusal = await admitWorkflow(address);
            if (refusal) throw refused(refusal.code, refusal.status, refusal.message, refusal.headers);
          }
          personal = readsPersonalData(op);
          audited = auditedForEveryCaller(op);
          if (personal && (audited || LOGGED_ROLES.includes(caller.role))) contextValue.personsRead = new Set();
          if (caller.role === 'AUDITOR' && !caller.purpose && personal) {
            throw refused(ErrorCode.PURPOSE_REQUIRED, 403, `An AUDITOR reading personal data must state the case or purpose in the ${PURPOSE_HEADER} header.`);
          }
        },
        async willSendResponse({ contextValue: { caller, personsRead }, document, operationName, schema, request, response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const op: Operation | undefined = document ? { schema, document, operationName, variables: request.variables } : undefined;
          // Attempts are logged as well as reads: a refused or empty answer says so (answered: false).
          if (op && personsRead) {
            const answered = Object.values(result.data ?? {}).some((v) => v !== null);
            try {
              await accessLog.record(caller, { operation: operationName ?? rootFieldsOf(op).join(','), answered, ...personalDataOf(op, result.data, personsRead) });
            } catch (error) {
              console.error(`Access log unavailable: ${(error as Error).message}`);
              response.body.singleResult = {
                errors: [{ message: 'The access log could not record this read, so it is not answered; try again.', extensions: { code: ErrorCode.ACCESS_LOG_UNAVAILABLE } }],
              };
              response.http.status = 503;
              return;
            }
          }
          // An answer without personal data has no one to mask (only error messages are looked at):
          // walking a 6,000-region answer was a large share of the gateway's time (bench/README.md, "Measured choices").
          if (!UNMASKED_ROLES.includes(caller.role)) maskOthers(personal ? op : undefined, result.data, result.errors as { message: string }[] | undefined);
        },
      };
    },
  };
}

export async function startGateway(env: GatewayEnv): Promise<RunningGateway> {
  const internal = internalKey(env.auth);
  const verifier = withServiceTokens(createTokenVerifier(userTokenKeys(env.auth)), internal);
  const trusted = env.trustedDocuments ? readTrustedDocuments(env.trustedDocuments.path, env.trustedDocuments.requiredFor) : undefined;
  // @apollo/gateway otherwise sends its vendor usage metrics to usage-reporting.api.apollographql.com
  // every hour, and first asks the AWS, GCP, Azure and Alibaba metadata addresses where it runs.
  // The hub answers about people's data (UU PDP) and runs in offices that may have no internet:
  // it calls no one but its own services.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name }) =>
      new SubgraphDataSource(
        name,
        env.subgraphUrls[name as keyof GatewayEnv['subgraphUrls']],
        ASKS_BACK.has(name) ? env.eligibilityTimeoutMs : env.subgraphTimeoutMs,
      ),
  });
  const protection = armor<GatewayContext>();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    introspection: env.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError,
    validationRules: [...protection.validationRules, KnownOperationTypesRule],
    // graphql-js's own token limit: a document over it fails to parse (400), before any work.
    parseOptions: { maxTokens: MAX_TOKENS },
    // Trusted documents answer by hash from the manifest only; nothing else can be registered.
    persistedQueries: trusted
      ? {
          cache: {
            get: async (key: string) => trusted.byHash.get(key.replace(/^apq:/, '')),
            set: async () => {},
            delete: async () => true,
          },
        }
      : undefined,
    plugins: [...protection.plugins, operationResolution<GatewayContext>(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), personalDataPlugin(
        accessLogWriter(env.subgraphUrls.audit, internal, env.subgraphTimeoutMs),
        trusted,
        publicWorkflowLimiter(env.rateLimits),
      )],
  });
  await apollo.start();
  const http = await serveHttp({
    apollo,
    authenticate: async (req) => {
      const caller = await verifier.verify(req.headers.authorization);
      const purpose = req.headers[PURPOSE_HEADER];
      return typeof purpose === 'string' && purpose.trim() ? { ...caller, purpose: purpose.trim().slice(0, 200) } : caller;
    },
    preHandler: rateLimiter(env.rateLimits),
    context: async (req, caller) => ({ caller, forwarded: await signForwardedCaller(caller, internal), address: req.socket.remoteAddress ?? 'unknown' }),
    ready: async () => true,
    host: env.host,
    port: env.port,
    maxBodyBytes: env.maxRequestBytes,
    routes: webAppRoutes(),
    responseCache:
      env.responseCacheBytes > 0
        ? responseCache({
            analyticsUrl: env.subgraphUrls.analytics,
            maxBytes: env.responseCacheBytes,
            timeoutMs: env.subgraphTimeoutMs,
            trustedRoles: trusted?.requiredFor,
          })
        : undefined,
  });
  return {
    ...http,
    gateway,
    async close() {
      await http.close();
      await apollo.stop();
    },
  };
}
