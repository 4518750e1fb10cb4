/** Aid history: programmes and every disbursement they made (Jembrana's third I-BAN stage, Banyuwangi's family check). */
import { loadRegions, type Regions } from '@tepat/core';
import { definePrismaSubgraph } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { createPrisma } from './db.js';
import { createLoaders } from './loaders.js';
import { imports } from './import.js';
import { schema } from './schema/index.js';

let regions: Regions;

export const subgraph = definePrismaSubgraph({
  name: 'aid-history',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  imports,
  createPrisma,
  prepare: async () => {
    // District names for the collection point of last resort (Kantor Camat <district>).
    regions = await loadRegions();
  },
  createContext: (prisma, caller, sql) => ({ prisma, caller, regions, loaders: createLoaders(sql) }),
});
