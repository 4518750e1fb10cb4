import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSchemaFromMigrations } from './schema-diff.js';

const dir = mkdtempSync(join(tmpdir(), 'tepat-schema-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A subgraph's prisma folder: schema.prisma and one migration per entry. */
function prismaFolder(name: string, schema: string, migrations: Record<string, string>): string {
  const folder = join(dir, name);
  mkdirSync(join(folder, 'migrations'), { recursive: true });
  writeFileSync(join(folder, 'schema.prisma'), schema);
  writeFileSync(join(folder, 'migrations', 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [migration, sql] of Object.entries(migrations)) {
    mkdirSync(join(folder, 'migrations', migration));
    writeFileSync(join(folder, 'migrations', migration, 'migration.sql'), sql);
  }
  return folder;
}

const SCHEMA = (extra: string) => `
generator client {
  provider = "prisma-client"
  output   = "./generated"
}
datasource db {
  provider = "postgresql"
}
model Person {
  nik      String @id
  fullName String @map("full_name")
${extra}
  @@map("person")
}
`;

describe('diffSchemaFromMigrations', () => {
  it('replays migrations that create pg_trgm, as population has, and finds nothing when they agree', async () => {
    const folder = prismaFolder('agree', SCHEMA(''), {
      '1_init': 'CREATE TABLE "person" ("nik" TEXT NOT NULL, "full_name" TEXT NOT NULL, CONSTRAINT "person_pkey" PRIMARY KEY ("nik"));',
      '2_trigrams': 'CREATE EXTENSION IF NOT EXISTS pg_trgm;',
    });
    expect(await diffSchemaFromMigrations(join(folder, 'schema.prisma'), join(folder, 'migrations'))).toBe('');
  });

  it('writes what schema.prisma adds', async () => {
    const folder = prismaFolder('adds', SCHEMA('  @@index([fullName])'), {
      '1_init': 'CREATE TABLE "person" ("nik" TEXT NOT NULL, "full_name" TEXT NOT NULL, CONSTRAINT "person_pkey" PRIMARY KEY ("nik"));',
      '2_trigrams': 'CREATE EXTENSION IF NOT EXISTS pg_trgm;',
    });
    expect(await diffSchemaFromMigrations(join(folder, 'schema.prisma'), join(folder, 'migrations'))).toMatch(/CREATE INDEX "person_full_name_idx" ON "person"\("full_name"\)/);
  });
});
