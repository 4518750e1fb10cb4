/** DTKS (Data Terpadu Kesejahteraan Sosial): welfare decile and status per person, kept by imports and operators. */
import { serviceTokens } from '@tepat/auth';
import { definePrismaSubgraph, lazyGatewaySource, readHubEnv, type GatewaySource } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { createPrisma } from './db.js';
import { createLoaders } from './loaders.js';
import { imports } from './import.js';
import { schema } from './schema/index.js';

let gateway: GatewaySource;

/** How long a domicile look-up through the gateway may take before curation gives up. */
const GATEWAY_TIMEOUT_MS = 10_000;

export const subgraph = definePrismaSubgraph({
  name: 'dtks',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  imports,
  createPrisma,
  prepare: async (hub) => {
    gateway = lazyGatewaySource(serviceTokens('dtks', hub.internalKey), () => ({ gatewayUrl: readHubEnv().gatewayUrl, timeoutMs: GATEWAY_TIMEOUT_MS }));
  },
  createContext: (prisma, caller, sql) => ({ prisma, caller, gateway, loaders: createLoaders(prisma, sql) }),
});
