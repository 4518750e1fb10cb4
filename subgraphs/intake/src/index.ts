/**
 * Intake: what people file through the hub and what became of it (API.md, Workflows): the
 * public recipient check (Banyuwangi, Cek Bansos), applications decided at once (Jembrana's
 * I-BAN), community reports cross-checked against the family card (Smart Kampung), and
 * complaints at a help desk (Bengkulu Utara), filed by citizens, facilitators and apps.
 */
import { serviceTokens } from '@tepat/auth';
import { badInput, loadRegions, todayInJakarta } from '@tepat/core';
import { definePrismaSubgraph, lazyGatewaySource } from '@tepat/subgraph-kit';
import { LRUCache } from 'lru-cache';
import { fileURLToPath } from 'node:url';
import { runRounds } from './background.js';
import type { IntakeService } from './context.js';
import { createPrisma, type PrismaClient } from './db.js';
import { readIntakeEnv } from './env.js';
import { CASES_EXPORT } from './exports.js';
import { latestPeriod, programOf, type ProgramInfo } from './hub.js';
import { createLoaders } from './loaders.js';
import { nameGuard } from './name-guard.js';
import { schema } from './schema/index.js';

let service: IntakeService;

/**
 * How long a programme read from aid-history is trusted. Programmes change only by import,
 * and every application names one: asked once a second instead of once an application, an
 * application's decision is one pass through the gateway (bench/README.md, workflows).
 */
export const PROGRAM_FRESH_MS = 1_000;

export const subgraph = definePrismaSubgraph({
  name: 'intake',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  imports: [],
  exports: [CASES_EXPORT],
  createPrisma,
  prepare: async (hub) => {
    const env = readIntakeEnv();
    const gateway = lazyGatewaySource(serviceTokens('intake', hub.internalKey), () => {
      const { gatewayUrl, gatewayTimeoutMs } = readIntakeEnv();
      return { gatewayUrl, timeoutMs: gatewayTimeoutMs };
    });
    // The month a recipient check shows by default changes only with an import: asked once a minute.
    const periods = new LRUCache<'latest', string>({
      max: 1,
      ttl: 60_000,
      fetchMethod: async () => (await latestPeriod(gateway)) ?? todayInJakarta().slice(0, 7),
    });
    // An unknown code is not kept: the next application asks again.
    const programs = new LRUCache<string, ProgramInfo>({ max: 256, ttl: PROGRAM_FRESH_MS, fetchMethod: async (code) => (await programOf(gateway, code)) ?? undefined });
    service = {
      env,
      gateway,
      nameGuard: nameGuard(env.failedNamesPerHour),
      regions: await loadRegions(),
      program: async (code) => {
        const program = await programs.fetch(code);
        if (!program) throw badInput('program', `names no known programme ("${code.slice(0, 40)}"); see programs.`);
        return program;
      },
      latestPeriod: async () => (await periods.fetch('latest'))!,
    };
  },
  background: (_prisma, sql) => runRounds(sql, service, service.env.retrySeconds),
  createContext: (prisma, caller, sql) => ({ prisma, sql, caller, service, loaders: createLoaders(prisma) }),
});
