/** Vaccination: COVID-19 doses per person (Jembrana's first I-BAN stage). */
import { definePrismaSubgraph } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { createPrisma } from './db.js';
import { createLoaders } from './loaders.js';
import { imports } from './import.js';
import { schema } from './schema/index.js';

export const subgraph = definePrismaSubgraph({
  name: 'vaccination',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  imports,
  createPrisma,
  createContext: (prisma, caller, sql) => ({ prisma, caller, loaders: createLoaders(sql) }),
});
