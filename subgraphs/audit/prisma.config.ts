// Prisma CLI configuration: only `prisma generate` runs here; migrations are applied by @tepat/subgraph-kit.
import { defineConfig } from 'prisma/config';

export default defineConfig({ schema: 'prisma/schema.prisma' });
