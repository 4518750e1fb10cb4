/**
 * Applies a subgraph's committed migrations (prisma/migrations/<timestamp>_<name>/migration.sql)
 * in order, each in its own transaction, recorded in Prisma's `_prisma_migrations` table.
 * Prisma's CLI cannot migrate offline here (shared/notes/prisma.md); the table layout is
 * Prisma's own, so `prisma migrate deploy` and this runner agree on what is applied.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from './sql.js';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The migrations in a directory, in the order they apply (their names start with a timestamp). */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant will do; it keeps two processes migrating one server database from interleaving.
const MIGRATION_LOCK_KEY = 7_370_101;

/** Brings the database up to the last migration; returns the names it applied. */
export async function migrate(sql: Sql, migrations: Migration[]): Promise<string[]> {
  await sql.exec(HISTORY_TABLE);
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const [done] = await tx.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations"
         WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [migration.name],
      );
      if (done) {
        // Migrations are append-only (STYLE.md): an edited one would leave databases that differ.
        if (done.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      return true;
    });
    if (ran) applied.push(migration.name);
  }
  return applied;
}

/** The names of the migrations recorded as applied, in order. */
export async function appliedMigrations(sql: Sql): Promise<string[]> {
  await sql.exec(HISTORY_TABLE);
  const rows = await sql.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.migration_name);
}
