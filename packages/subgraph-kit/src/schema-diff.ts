/**
 * Authoring migrations offline: Prisma's CLI needs a native engine it cannot download
 * here, so the wasm schema engine computes the SQL between the committed migrations and
 * schema.prisma, on a throwaway in-memory PGlite (shared/notes/prisma.md).
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let engineReady: Promise<typeof bindings.SchemaEngine> | undefined;

// The package imports its .wasm as an ES module, which Node 20 cannot load without a
// flag; instantiating it by hand with the package's own JS bindings is the same thing.
function loadSchemaEngine(): Promise<typeof bindings.SchemaEngine> {
  engineReady ??= (async () => {
    const dir = dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const module = await WebAssembly.compile(readFileSync(join(dir, 'schema_engine_bg.wasm')));
    const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': bindings as never });
    (bindings as unknown as { __wbg_set_wasm(wasm: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bindings.SchemaEngine;
  })();
  return engineReady;
}

/** The SQL that takes a database from the committed migrations to schema.prisma; empty when they agree. */
export async function diffSchemaFromMigrations(schemaPath: string, migrationsDir: string): Promise<string> {
  const schema = readFileSync(schemaPath, 'utf8');
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  const shadow = await PGlite.create({ extensions: { pg_trgm } });
  // The engine replays the migrations in a shadow database, which the adapter makes without
  // extensions; a migration that creates pg_trgm (population's name search) then fails there.
  const adapter = new PrismaPGlite(pglite);
  adapter.connectToShadowDb = () => new PrismaPGlite(shadow).connect();
  const factory = bindMigrationAwareSqlAdapterFactory(adapter as never);
  const SchemaEngine = await loadSchemaEngine();
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, factory);
  try {
    const result = await engine.diff({
      from: {
        tag: 'migrations',
        baseDir: migrationsDir,
        lockfile: { path: 'migration_lock.toml', content: readFileSync(join(migrationsDir, 'migration_lock.toml'), 'utf8') },
        shadowDbInitScript: '',
        migrationDirectories: readdirSync(migrationsDir)
          .filter((name) => statSync(join(migrationsDir, name)).isDirectory())
          .sort()
          .map((name) => ({
            path: name,
            migrationFile: {
              path: 'migration.sql',
              content: { tag: 'ok', value: readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8') },
            },
          })),
      },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    } as never);
    return (result.stdout ?? '').replace(/^-- This is an empty migration\.\s*$/m, '').trim();
  } finally {
    engine.free();
    await Promise.all([pglite.close(), shadow.close()]);
  }
}
