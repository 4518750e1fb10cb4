/** Population (Dukcapil): persons, families and where they live. */
import { loadRegions, type Regions } from '@tepat/core';
import { definePrismaSubgraph } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { createPrisma } from './db.js';
import { createLoaders } from './loaders.js';
import { imports } from './import.js';
import { schema } from './schema/index.js';

/** The Prisma client over a population database, for tools that read it as the service does (bench/entity-reads.ts). */
export { createPrisma } from './db.js';

let regions: Regions;

export const subgraph = definePrismaSubgraph({
  name: 'population',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  imports,
  createPrisma,
  prepare: async () => (regions = await loadRegions()),
  createContext: (prisma, caller, sql) => ({ prisma, sql, caller, regions, loaders: createLoaders(sql) }),
});
