import type { Regions } from '@tepat/core';
import type { PrismaClient } from './db.js';
import type { FactsSource } from './facts.js';

export interface Context {
  prisma: PrismaClient;
  regions: Regions;
  facts: FactsSource;
  /** Who asks, as the decision log records it (roles come with tokens). */
  caller: { role: string; subject: string | null };
}
