import type { PrismaClient } from './db.js';
import type { Loaders } from './loaders.js';

export interface Context {
  prisma: PrismaClient;
  loaders: Loaders;
}
