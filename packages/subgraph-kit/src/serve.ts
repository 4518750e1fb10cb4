/** Runs one subgraph as a service: configuration, database, migrations, HTTP. */
import { createApollo } from './apollo.js';
import type { Database } from './database.js';
import { readSubgraphEnv } from './env.js';
import { serveHttp, type RunningHttpServer } from './http-server.js';
import { databaseTarget, openAndMigrate, type SubgraphDefinition, type SubgraphInstance } from './subgraph.js';

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
): Promise<Omit<RunningSubgraph, 'applied'>> {
  const instance = await definition.create(db);
  const apollo = createApollo<object>(definition.schema);
  await apollo.start();
  const http = await serveHttp({
    apollo,
    context: () => instance.context(),
    ready: async () => (await db.sql.query('SELECT 1 AS ok')).length === 1,
    ...listen,
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
  const { db, applied } = await openAndMigrate(definition, databaseTarget(definition.name, config));
  try {
    const running = await serveSubgraph(definition, db, { host: config.host, port: config.port });
    return {
      ...running,
      applied,
      async close() {
        await running.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
