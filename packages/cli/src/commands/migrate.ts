/** `tepat migrate [subgraphs...]`: bring each database to its last migration. */
import { databaseTarget, openAndMigrate, readSubgraphEnv } from '@tepat/subgraph-kit';
import { subgraphs } from '../subgraphs.js';
import { parseSubgraphNames } from './subgraph-names.js';

export async function migrateCommand(names: string[]): Promise<void> {
  for (const name of parseSubgraphNames(names)) {
    const definition = await subgraphs[name]();
    const { db, applied } = await openAndMigrate(definition, databaseTarget(name, readSubgraphEnv(name)));
    await db.close();
    console.log(
      applied.length > 0
        ? `${name}: applied ${applied.join(', ')} (${db.kind}, ${db.location})`
        : `${name}: up to date (${db.kind}, ${db.location})`,
    );
  }
}
