/** What a subgraph package provides, and how the kit opens, migrates and serves it. */
import type { Caller } from '@tepat/auth';
import type { GraphQLSchema } from 'graphql';
import { join } from 'node:path';
import { openDatabase, type Database, type DatabaseTarget } from './database.js';
import type { SubgraphEnv } from './env.js';
import { migrate, readMigrations } from './migrations.js';
import type { SubgraphName } from './services.js';
import type { ImportTarget } from './bulk-import.js';

/** A subgraph package's one export: its name, its migrations and how to build it over a database. */
export interface SubgraphDefinition {
  name: SubgraphName;
  /** prisma/migrations of the package. */
  migrationsDir: string;
  /** The subgraph's schema; built once, independent of any database. */
  schema: GraphQLSchema;
  /** The agency files (DATA.md) this subgraph's database takes, and its rules across rows. */
  imports: readonly ImportTarget[];
  create(db: Database, hub: HubKeys): Promise<SubgraphInstance>;
}

/** What a subgraph may need of the hub's keys, e.g. to call the gateway as itself. */
export interface HubKeys {
  internalKey: Uint8Array;
}

/** A subgraph built over an open database. */
export interface SubgraphInstance {
  /** A fresh context per request, for its caller: its DataLoaders batch and cache within that request only. */
  context(caller: Caller): object;
  /** Calls the listener with the SQL of every database query the subgraph sends (logs, tests). */
  onQuery(listener: (sql: string) => void): void;
  close(): Promise<void>;
}

/** Where a subgraph's data lives under its configuration. */
export function databaseTarget(name: SubgraphName, env: SubgraphEnv): DatabaseTarget {
  return env.databaseUrl ? { url: env.databaseUrl } : { dir: join(env.dataDir, name) };
}

/** Opens the subgraph's database and applies its pending migrations; returns the database and what was applied. */
export async function openAndMigrate(definition: SubgraphDefinition, target: DatabaseTarget) {
  const db = await openDatabase(target);
  try {
    const applied = await migrate(db.sql, readMigrations(definition.migrationsDir));
    return { db, applied };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** The part of a generated PrismaClient the kit uses. */
interface PrismaLike {
  $disconnect(): Promise<void>;
}

/**
 * Defines a subgraph whose resolvers work through a Prisma client: the client is made once
 * per process over the database, the context (with fresh DataLoaders) once per request.
 */
export function definePrismaSubgraph<Prisma extends PrismaLike, Context extends object>(options: {
  name: SubgraphName;
  migrationsDir: string;
  schema: GraphQLSchema;
  imports: readonly ImportTarget[];
  /** Must create the client with `prismaOptions(db)`. */
  createPrisma(db: Database): Prisma;
  createContext(prisma: Prisma, caller: Caller): Context;
  /** Work done once before the first request, such as loading region names. */
  prepare?(hub: HubKeys): Promise<unknown>;
  /** Work done once with the client before the first request, such as seeding reference rows. */
  start?(prisma: Prisma): Promise<void>;
}): SubgraphDefinition {
  return {
    name: options.name,
    migrationsDir: options.migrationsDir,
    schema: options.schema,
    imports: options.imports,
    async create(db, hub) {
      await options.prepare?.(hub);
      const prisma = options.createPrisma(db);
      await options.start?.(prisma);
      return {
        context: (caller) => options.createContext(prisma, caller),
        onQuery: (listener) =>
          (prisma as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) =>
            listener(e.query),
          ),
        close: () => prisma.$disconnect(),
      };
    },
  };
}

/**
 * The options every subgraph's PrismaClient is made with: the database's adapter, and query
 * events so the queries can be observed (`onQuery`: tests count one query per batch).
 */
export function prismaOptions(db: Database) {
  return { adapter: db.adapter, log: [{ emit: 'event' as const, level: 'query' as const }] };
}
