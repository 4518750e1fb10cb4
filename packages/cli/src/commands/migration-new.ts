/** `tepat migration new <subgraph> <name>`: author a migration offline from schema.prisma. */
import { diffSchemaFromMigrations } from '@tepat/subgraph-kit/schema-diff';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { subgraphs } from '../subgraphs.js';
import { parseSubgraphNames } from './subgraph-names.js';

export async function migrationNewCommand(subgraph: string, name: string): Promise<void> {
  const [subgraphName] = parseSubgraphNames([subgraph]);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`The migration name "${name}" must be snake_case (a-z, 0-9, _).`);
  const { migrationsDir } = await subgraphs[subgraphName]();
  const sql = await diffSchemaFromMigrations(join(dirname(migrationsDir), 'schema.prisma'), migrationsDir);
  if (!sql) {
    console.log(`${subgraphName}: schema.prisma and the migrations agree; nothing to write.`);
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'migration.sql'), `${sql}\n`);
  console.log(`Wrote ${join(dir, 'migration.sql')}; review it (indexes with operator classes need a hand) and commit it.`);
}
