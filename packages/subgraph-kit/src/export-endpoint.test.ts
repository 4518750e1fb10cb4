// Exports for analytics: COPY out as CSV on PGlite (and on the test server when
// DATABASE_URL_POPULATION names one), the /export route a served subgraph adds, the way
// another process reaches an embedded database, and the files a definition exports.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { AGENCY_FILES } from '@tepat/core';
import { GraphQLBoolean, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { openDatabase, type Database } from './database.js';
import { EXPORT_PATH, exportSource, exportThroughService, fingerprintSource } from './export-endpoint.js';
import { announceService, newServiceToken, readServiceFile, type ServiceFile } from './service-discovery.js';
import { migrate, readMigrations } from './migrations.js';
import { serveSubgraph } from './serve.js';
import { exportSources, type SubgraphDefinition } from './subgraph.js';
import { createServerTestDatabase, testServerUrl } from './testing.js';

const POPULATION_MIGRATIONS = new URL('../../../subgraphs/population/prisma/migrations', import.meta.url).pathname;
const PERSONS = AGENCY_FILES.find((f) => f.path === 'population/persons.csv')!;

// One row per shape a CSV reader trips on: a date, NULLs, a comma and quotes, an empty string.
const VISITS = `
  CREATE TABLE visit (id integer PRIMARY KEY, nik text, visited_on date, note text);
  INSERT INTO visit VALUES
    (1, '5101011203850001', '2024-03-05', 'Jl. Udayana, "Blok A"'),
    (2, NULL, '1999-12-31', ''),
    (3, '5101015205870002', NULL, NULL);`;
const VISITS_SELECT = 'SELECT id, nik, visited_on, note FROM visit ORDER BY id';
// NULL is an unquoted empty field; an empty string is quoted, so the two stay apart.
const VISITS_CSV = [
  'id,nik,visited_on,note',
  '1,5101011203850001,2024-03-05,"Jl. Udayana, ""Blok A"""',
  '2,,1999-12-31,""',
  '3,5101015205870002,,',
  '',
].join('\n');

/** A Writable that keeps what it is given; `slow` makes it take each chunk a turn later. */
function sink(options: { highWaterMark?: number; slow?: boolean } = {}) {
  const chunks: Buffer[] = [];
  let mostBuffered = 0;
  const out = new Writable({
    highWaterMark: options.highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      if (options.slow) setImmediate(done);
      else done();
    },
  });
  const write = out.write.bind(out) as (chunk: Uint8Array) => boolean;
  out.write = ((chunk: Uint8Array) => {
    const taken = write(chunk);
    mostBuffered = Math.max(mostBuffered, out.writableLength);
    return taken;
  }) as typeof out.write;
  return { out, text: () => Buffer.concat(chunks).toString('utf8'), mostBuffered: () => mostBuffered };
}

/** A subgraph with nothing but exports, to serve over a prepared database. */
function fakeDefinition(overrides: Partial<SubgraphDefinition> = {}): SubgraphDefinition {
  return {
    name: 'population',
    migrationsDir: POPULATION_MIGRATIONS,
    schema: new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean } } }) }),
    imports: [],
    exports: [{ path: 'test/visits.csv', select: VISITS_SELECT, table: 'visit' }],
    create: async () => ({ context: () => ({}), onQuery: () => {}, close: async () => {} }),
    ...overrides,
  };
}

describe('Sql.copyOut on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    await db.sql.exec(VISITS);
  });
  afterAll(() => db.close());

  it('writes CSV with a header, ISO dates, NULL as an empty field, and leaves the output open', async () => {
    const { out, text } = sink();
    await db.sql.copyOut(VISITS_SELECT, out);
    expect(text()).toBe(VISITS_CSV);
    expect(out.writableEnded).toBe(false);
  });

  it('writes dates as YYYY-MM-DD whatever DateStyle the session has, and leaves that DateStyle as it was', async () => {
    await db.sql.exec(`SET DateStyle = 'SQL, DMY'`);
    try {
      const { out, text } = sink();
      await db.sql.copyOut(VISITS_SELECT, out);
      expect(text()).toBe(VISITS_CSV);
      expect(await db.sql.query('SHOW DateStyle')).toEqual([{ DateStyle: 'SQL, DMY' }]);
    } finally {
      await db.sql.exec(`SET DateStyle = 'ISO, MDY'`);
    }
  });

  it('hands a large result on only as fast as the output takes it', async () => {
    const { out, text, mostBuffered } = sink({ highWaterMark: 16 * 1024, slow: true });
    await db.sql.copyOut(`SELECT n, repeat('x', 100) AS pad FROM generate_series(1, 40000) n`, out);
    const lines = text().split('\n');
    expect(lines).toHaveLength(40_002); // header, rows, and the empty string after the last newline
    expect(lines[40_000]).toBe(`40000,${'x'.repeat(100)}`);
    // About 4 MB went through; at no time was more than a chunk or so of it waiting in the output.
    expect(mostBuffered()).toBeLessThan(256 * 1024);
  });

  it('works inside a transaction, seeing its uncommitted rows', async () => {
    const { out, text } = sink();
    await db.sql
      .transaction(async (tx) => {
        await tx.exec(`INSERT INTO visit VALUES (4, NULL, '2025-01-01', 'draft')`);
        await tx.copyOut('SELECT id, visited_on FROM visit WHERE id = 4', out);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(text()).toBe('id,visited_on\n4,2025-01-01\n');
  });
});

describe('GET /export on a served subgraph', () => {
  let dir: string;
  let db: Database;
  let server: Awaited<ReturnType<typeof serveSubgraph>>;
  let service: ServiceFile;
  let withdraw: () => void;
  const definition = fakeDefinition();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tepat-export-'));
    db = await openDatabase({ dir });
    await db.sql.exec(VISITS);
    const serviceToken = newServiceToken();
    server = await serveSubgraph(definition, db, { host: '127.0.0.1', port: 0 }, { internalKey: new Uint8Array(randomBytes(32)), serviceToken });
    withdraw = announceService(dir, { url: `http://127.0.0.1:${server.port}`, serviceToken });
    service = readServiceFile(dir)!;
  });
  afterAll(async () => {
    withdraw();
    await server.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams the file as CSV to the holder of the token', async () => {
    const response = await fetch(`${service.url}${EXPORT_PATH}?file=test/visits.csv`, {
      headers: { authorization: `Bearer ${service.serviceToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await response.text()).toBe(VISITS_CSV);

    const { out, text } = sink();
    await exportThroughService(service, 'test/visits.csv', out);
    expect(text()).toBe(VISITS_CSV);
    expect(out.writableEnded).toBe(false);
  });

  it('refuses a wrong token or none with 403', async () => {
    for (const headers of [{ authorization: 'Bearer not-the-token' }, {}] as Record<string, string>[]) {
      const response = await fetch(`${service.url}${EXPORT_PATH}?file=test/visits.csv`, { headers });
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('5101011203850001');
    }
    const { out, text } = sink();
    await expect(exportThroughService({ ...service, serviceToken: 'not-the-token' }, 'test/visits.csv', out)).rejects.toThrow(
      `The service at ${service.url} refused the export of test/visits.csv (403)`,
    );
    expect(text()).toBe('');
  });

  it('answers 400 naming the files it has for a file it does not', async () => {
    const response = await fetch(`${service.url}${EXPORT_PATH}?file=population/persons.csv`, {
      headers: { authorization: `Bearer ${service.serviceToken}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'This service exports test/visits.csv.' });
  });

  it('is where exportSource reads a directory a running service holds', async () => {
    // This process holds the directory, so opening it here would fail: the rows must come through the service.
    await expect(openDatabase({ dir })).rejects.toThrow(/already open in this process/);
    const { out, text } = sink();
    await exportSource({ definition, target: { dir }, path: 'test/visits.csv', out });
    expect(text()).toBe(VISITS_CSV);
  });
  it('gives the fingerprint of a file, through the service, that changes with every insert, update and delete', async () => {
    const fingerprint = () => fingerprintSource({ definition, target: { dir }, path: 'test/visits.csv' });
    const first = await fingerprint();
    expect(await fingerprint()).toBe(first);
    await db.sql.query("INSERT INTO visit VALUES (90, '5101011203850001', '2025-01-01', 'new')");
    const inserted = await fingerprint();
    await db.sql.query("UPDATE visit SET note = 'changed' WHERE id = 90");
    const updated = await fingerprint();
    await db.sql.query("UPDATE visit SET note = 'changed too' WHERE id = 1");
    const updatedOld = await fingerprint();
    await db.sql.query('DELETE FROM visit WHERE id = 90');
    const deleted = await fingerprint();
    expect(new Set([first, inserted, updated, updatedOld, deleted]).size).toBe(5);
    // The same values as at the start, written again, still count as a change: a fingerprint
    // may make a refresh read an unchanged file, never skip a changed one.
    await db.sql.query(`UPDATE visit SET note = 'Jl. Udayana, "Blok A"' WHERE id = 1`);
    expect(await fingerprint()).not.toBe(first);
  });
});

describe('exportSource', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a directory no service holds, even one whose service.json outlived its service', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tepat-export-'));
    const db = await openDatabase({ dir });
    await db.sql.exec(VISITS);
    await db.close();
    // A service killed with -9 leaves its file behind; nothing listens at its address now.
    const withdraw = announceService(dir, { url: 'http://127.0.0.1:9', serviceToken: newServiceToken() });
    const { out, text } = sink();
    await exportSource({ definition: fakeDefinition(), target: { dir }, path: 'test/visits.csv', out });
    withdraw();
    expect(text()).toBe(VISITS_CSV);
    // Closed again: the directory can be opened.
    await (await openDatabase({ dir })).close();
  });

  it('says which files there are for one the subgraph does not export, before opening anything', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tepat-export-'));
    const target = { dir: join(dir, 'population') };
    const { out } = sink();
    await expect(exportSource({ definition: fakeDefinition(), target, path: 'nope.csv', out })).rejects.toThrow(
      'The population subgraph exports test/visits.csv; not nope.csv.',
    );
    expect(existsSync(target.dir)).toBe(false);
  });

  it('creates, migrates and seeds a database no service ever started, then reads it (a refresh after a first import)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tepat-export-'));
    const target = { dir: join(dir, 'population') };
    // A seed runs at every start, so it must be idempotent; here it writes the rows read back.
    const seed = async (db: Database) => {
      await db.sql.exec(VISITS.replace('CREATE TABLE visit', 'CREATE TABLE IF NOT EXISTS visit').replace(/;$/, ' ON CONFLICT DO NOTHING;'));
    };
    for (let run = 0; run < 2; run++) {
      const { out, text } = sink();
      await exportSource({ definition: fakeDefinition({ seed }), target, path: 'test/visits.csv', out });
      expect(text()).toBe(VISITS_CSV);
    }
    const db = await openDatabase(target);
    try {
      expect(await db.sql.query('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL')).toEqual([
        { n: readdirSync(POPULATION_MIGRATIONS).filter((f) => /^\d/.test(f)).length },
      ]);
    } finally {
      await db.close();
    }
  });
});

describe('exportSources', () => {
  const definition = fakeDefinition({
    imports: [{ file: PERSONS, checks: [] }],
    exports: [{ path: 'population/families.csv', select: 'SELECT DISTINCT kk FROM person', table: 'person' }],
  });

  it('adds a read of every agency file taken, in its DATA.md columns, to the explicit exports', () => {
    expect(exportSources(definition)).toEqual([
      { path: 'population/families.csv', select: 'SELECT DISTINCT kk FROM person', table: 'person' },
      {
        path: 'population/persons.csv',
        select: 'SELECT "nik", "kk", "full_name", "sex", "birth_date", "relationship", "village_code", "death_date" FROM "person"',
        table: 'person',
      },
    ]);
  });

  it('gives a file that reads back with the header the importer expects', async () => {
    const db = await openDatabase({ memory: true });
    try {
      await migrate(db.sql, readMigrations(POPULATION_MIGRATIONS));
      await db.sql.query(
        `INSERT INTO person (nik, kk, full_name, sex, birth_date, relationship, village_code)
         VALUES ('5101011203850001', '5101011203100001', 'I Made Sutama', 'L', '1985-03-12', 'HEAD', '51.01.01.2001')`,
      );
      const persons = exportSources(definition).find((s) => s.path === 'population/persons.csv')!;
      const { out, text } = sink();
      await db.sql.copyOut(persons.select, out);
      expect(text()).toBe(
        'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date\n' +
          '5101011203850001,5101011203100001,I Made Sutama,L,1985-03-12,HEAD,51.01.01.2001,\n',
      );
    } finally {
      await db.close();
    }
  });

  it('lets an explicit export replace the plain read of an agency file', () => {
    const select = 'SELECT * FROM person WHERE death_date IS NULL';
    const replaced = fakeDefinition({ imports: [{ file: PERSONS, checks: [] }], exports: [{ path: PERSONS.path, select, table: 'person' }] });
    expect(exportSources(replaced)).toEqual([{ path: PERSONS.path, select, table: 'person' }]);
  });
});

const serverUrl = testServerUrl('population');
(serverUrl ? describe : describe.skip)('Sql.copyOut on a PostgreSQL server', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await createServerTestDatabase(serverUrl!, 'population');
    drop = created.drop;
    // A database whose sessions default to another DateStyle: the export must still write ISO dates.
    const admin = new pg.Client({ connectionString: created.url });
    await admin.connect();
    await admin.query(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET DateStyle = %L', current_database(), 'SQL, DMY'); END $$`);
    await admin.end();
    db = await openDatabase({ url: created.url });
    await db.sql.exec(VISITS);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('writes the same CSV as PGlite and leaves the output open', async () => {
    expect(await db.sql.query('SHOW DateStyle')).toEqual([{ DateStyle: 'SQL, DMY' }]);
    const { out, text } = sink();
    await db.sql.copyOut(VISITS_SELECT, out);
    expect(text()).toBe(VISITS_CSV);
    expect(out.writableEnded).toBe(false);
  });

  it('streams a large result as the output takes it, and returns its connection to the pool', async () => {
    const { out, text, mostBuffered } = sink({ highWaterMark: 16 * 1024, slow: true });
    await db.sql.copyOut(`SELECT n, repeat('x', 100) AS pad FROM generate_series(1, 40000) n`, out);
    expect(text().split('\n')).toHaveLength(40_002);
    expect(mostBuffered()).toBeLessThan(256 * 1024);
    // Ten copies in a row on a pool of ten: a leaked connection would hang the last.
    for (let i = 0; i < 11; i++) await db.sql.copyOut('SELECT 1 AS one', sink().out);
  }, 30_000);

  it('drops a connection whose copy the output gave up on, and keeps serving', async () => {
    const out = new Writable({ write: (_chunk, _encoding, done) => done(new Error('disk full')) });
    out.on('error', () => {});
    await expect(db.sql.copyOut(`SELECT n FROM generate_series(1, 200000) n`, out)).rejects.toThrow();
    const { out: next, text } = sink();
    await db.sql.copyOut(VISITS_SELECT, next);
    expect(text()).toBe(VISITS_CSV);
  }, 30_000);
});
