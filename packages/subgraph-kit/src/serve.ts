/** Runs one subgraph as a service: configuration, database, migrations, HTTP. */
import { FORWARDED_CALLER_HEADER, internalKey, verifyForwardedCaller } from '@tepat/auth';
import { createApollo } from './apollo.js';
import type { Database } from './database.js';
import { readHubEnv, readSubgraphEnv } from './env.js';
import { exportHandler, EXPORT_PATH } from './export-endpoint.js';
import { importHandler, IMPORT_PATH } from './import-endpoint.js';
import { announceService, newServiceToken } from './service-discovery.js';
import { serveHttp, type RunningHttpServer } from './http-server.js';
import { databaseTarget, exportSources, openAndMigrate, type SubgraphDefinition, type SubgraphInstance } from './subgraph.js';

export interface RunningSubgraph extends RunningHttpServer {
  db: Database;
  instance: SubgraphInstance;
  /** Migrations applied at this start. */
  applied: string[];
}

/** Serves a subgraph over an already open database (tests use this with port 0). */
export async function serveSubgraph(
  definition: SubgraphDefinition,
  db: Database,
  listen: { host: string; port: number },
  keys: {
    /** Verifies the caller the gateway forwards; requests without it are refused. */
    internalKey: Uint8Array;
    /** When given, the service takes imports at /import and serves exports at /export to callers presenting it. */
    serviceToken?: string;
  },
): Promise<Omit<RunningSubgraph, 'applied'>> {
  const { serviceToken } = keys;
  const instance = await definition.create(db, { internalKey: keys.internalKey });
  const apollo = createApollo<object>(definition.schema);
  await apollo.start();
  // A port already taken leaves nothing behind: the instance's own work (intake's rounds) stops too.
  const http = await serveHttp({
    apollo,
    authenticate: (req) => verifyForwardedCaller(req.headers[FORWARDED_CALLER_HEADER], keys.internalKey),
    context: (_req, caller) => instance.context(caller),
    ready: async () => (await db.sql.query('SELECT 1 AS ok')).length === 1,
    routes: serviceToken
      ? {
          [IMPORT_PATH]: importHandler(db.sql, definition.imports, serviceToken),
          [EXPORT_PATH]: exportHandler(db.sql, exportSources(definition), serviceToken),
        }
      : undefined,
    // Imports and exports stream files of any size through one request; Node's default would cut them at 5 minutes.
    requestTimeoutMs: serviceToken ? 0 : undefined,
    ...listen,
  }).catch(async (error: unknown) => {
    await apollo.stop();
    await instance.close();
    throw error;
  });
  return {
    ...http,
    db,
    instance,
    async close() {
      await http.close();
      await apollo.stop();
      await instance.close();
    },
  };
}

/** Starts a subgraph from its environment: what `tepat serve <name>` runs. */
export async function runSubgraph(definition: SubgraphDefinition, env = process.env): Promise<RunningSubgraph> {
  const config = readSubgraphEnv(definition.name, env);
  const target = databaseTarget(definition.name, config);
  const { db, applied } = await openAndMigrate(definition, target);
  try {
    // Only an embedded database needs imports and exports routed through its one owner; a server takes them directly.
    const serviceToken = 'dir' in target ? newServiceToken() : undefined;
    const keys = { internalKey: internalKey(readHubEnv(env).auth), serviceToken };
    const running = await serveSubgraph(definition, db, { host: config.host, port: config.port }, keys);
    const withdraw =
      'dir' in target && serviceToken
        ? announceService(target.dir, { url: `http://${config.host}:${running.port}`, serviceToken })
        : () => {};
    return {
      ...running,
      applied,
      async close() {
        withdraw();
        await running.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
