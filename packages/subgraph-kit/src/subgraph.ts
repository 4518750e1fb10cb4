/** What a subgraph package provides, and how the kit opens, migrates and serves it. */
import type { Caller } from '@tepat/auth';
import type { GraphQLSchema } from 'graphql';
import { join } from 'node:path';
import { openDatabase, type Database, type DatabaseTarget } from './database.js';
import type { SubgraphEnv } from './env.js';
import { migrate, readMigrations } from './migrations.js';
import type { Sql } from './sql.js';
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
  /** Tables analytics reads beyond the agency files it takes (those are exported anyway: `exportSources`). */
  exports?: readonly ExportSource[];
  create(db: Database, hub: HubKeys): Promise<SubgraphInstance>;
  /**
   * Writes the reference rows every database of this subgraph holds (the built-in rule
   * sets): at every start, and before a refresh reads a database no service holds, so a
   * directory that has only been imported into can be read (API.md, Commands).
   */
  seed?(db: Database): Promise<void>;
}

/** One CSV file analytics reads from a subgraph's database: where it goes and the rows in it. */
export interface ExportSource {
  /** Path inside an export folder, e.g. `population/persons.csv` or `eligibility/rule-sets.csv`. */
  path: string;
  /** The SELECT whose rows (and column names, as the header) make the file. */
  select: string;
  /** The table the rows come from: its fingerprint tells whether the file could have changed. */
  table: string;
}

/**
 * One row, `fingerprint`, that changes whenever a row of the table is inserted, updated or
 * deleted: the row count, and the newest transaction that wrote a row still there (every
 * insert and update writes a row version stamped with a newer transaction id; a delete
 * lowers the count). Analytics compares it with the last refresh's to skip unchanged files.
 */
export function fingerprintStatement(source: ExportSource): string {
  return `SELECT count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text AS fingerprint FROM "${source.table}"`;
}

/**
 * Every file a subgraph exports: its explicit exports, then each agency file it takes,
 * read back in the columns and order DATA.md gives it, so an export folder imports again
 * as it is. An explicit export of an agency file's path replaces the plain read.
 */
export function exportSources(definition: SubgraphDefinition): ExportSource[] {
  const explicit = definition.exports ?? [];
  const taken = definition.imports
    .filter((target) => !explicit.some((e) => e.path === target.file.path))
    .map(({ file }) => ({
      path: file.path,
      // The table's columns carry the CSV's column names (AgencyFile.table).
      select: `SELECT ${file.columns.map((c) => `"${c.name}"`).join(', ')} FROM "${file.table}"`,
      table: file.table,
    }));
  return [...explicit, ...taken];
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

/**
 * Opens the subgraph's database (creating an embedded one that is missing) and applies its
 * pending migrations; with `seed`, also writes its reference rows. Returns the database and
 * what was applied.
 */
export async function openAndMigrate(definition: SubgraphDefinition, target: DatabaseTarget, options: { seed?: boolean } = {}) {
  const db = await openDatabase(target);
  try {
    const applied = await migrate(db.sql, readMigrations(definition.migrationsDir));
    if (options.seed) await definition.seed?.(db);
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
  exports?: readonly ExportSource[];
  /** Must create the client with `prismaOptions(db)`. */
  createPrisma(db: Database): Prisma;
  /** `sql` reaches the same database without Prisma, for the hot reads (entity-rows.ts); its statements are observed too. */
  createContext(prisma: Prisma, caller: Caller, sql: Sql): Context;
  /** Work done once before the first request, such as loading region names. */
  prepare?(hub: HubKeys): Promise<unknown>;
  /** Reference rows every database holds, written before the first request (and by `seed`): must be idempotent. */
  start?(prisma: Prisma): Promise<void>;
  /** Work the service does by itself while it serves, such as deciding pending cases again; returns how to stop it. */
  background?(prisma: Prisma, sql: Sql): () => void;
}): SubgraphDefinition {
  const { start } = options;
  return {
    name: options.name,
    migrationsDir: options.migrationsDir,
    schema: options.schema,
    imports: options.imports,
    exports: options.exports,
    seed: start
      ? async (db) => {
          const prisma = options.createPrisma(db);
          try {
            await start(prisma);
          } finally {
            await prisma.$disconnect();
          }
        }
      : undefined,
    async create(db, hub) {
      await options.prepare?.(hub);
      const prisma = options.createPrisma(db);
      await options.start?.(prisma);
      const listeners: ((sql: string) => void)[] = [];
      const sql: Sql = {
        ...db.sql,
        query: (text, params, options) => {
          for (const listener of listeners) listener(text);
          return db.sql.query(text, params, options);
        },
      };
      const stopBackground = options.background?.(prisma, sql) ?? (() => {});
      return {
        context: (caller) => options.createContext(prisma, caller, sql),
        onQuery: (listener) => {
          listeners.push(listener);
          (prisma as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => listener(e.query));
        },
        close: async () => {
          stopBackground();
          await prisma.$disconnect();
        },
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
