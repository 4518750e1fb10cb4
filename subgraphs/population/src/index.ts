/** Population (Dukcapil): persons, families and where they live. */
import { loadRegions } from '@tepat/core';
import type { SubgraphDefinition } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import type { Context } from './context.js';
import { createPrisma } from './db.js';
import { createLoaders } from './loaders.js';
import { schema } from './schema/index.js';

export const subgraph: SubgraphDefinition = {
  name: 'population',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  async create(db) {
    const prisma = createPrisma(db);
    const regions = await loadRegions();
    return {
      context: (): Context => ({ prisma, regions, loaders: createLoaders(prisma) }),
      onQuery: (listener) => prisma.$on('query', (event) => listener(event.query)),
      close: () => prisma.$disconnect(),
    };
  },
};
