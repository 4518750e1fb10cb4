/**
 * The embedded database's statements are prepared once and kept (pglite-statements.ts): the
 * answers are PGlite's own, whatever the types, errors and concurrent transactions, and a
 * statement kept across a migration or past the limit still answers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, type Database } from './database.js';

let db: Database;

beforeAll(async () => {
  db = await openDatabase({ memory: true });
  await db.sql.exec(`
    CREATE TABLE person (nik text PRIMARY KEY, born date NOT NULL, decile int, detail jsonb, active boolean NOT NULL DEFAULT true);
    INSERT INTO person VALUES ('3510010101800001', '1980-01-01', 3, '{"kk": "3510010101800000"}', true),
                              ('3510010101800002', '1981-02-03', NULL, NULL, false);
  `);
});
afterAll(() => db.close());

describe('a kept statement', () => {
  it('answers as PGlite does, for arrays, dates, numbers, JSON, booleans and NULL, the first time and after', async () => {
    const text = 'SELECT nik, born, decile, detail, active FROM person WHERE nik = ANY($1) AND (decile IS NULL OR decile <= $2) ORDER BY nik';
    const params = [['3510010101800001', '3510010101800002', '3510010101800009'], 4];
    const expected = [
      { nik: '3510010101800001', born: new Date('1980-01-01T00:00:00Z'), decile: 3, detail: { kk: '3510010101800000' }, active: true },
      { nik: '3510010101800002', born: new Date('1981-02-03T00:00:00Z'), decile: null, detail: null, active: false },
    ];
    for (let round = 0; round < 8; round++) expect(await db.sql.query(text, params)).toEqual(expected);
    expect(await db.sql.query('SELECT $1::jsonb AS given, $2::text AS none', [{ a: [1, 'two'] }, null])).toEqual([{ given: { a: [1, 'two'] }, none: null }]);
  });

  it('is kept once by its text: a second use prepares nothing', async () => {
    const text = "SELECT count(*)::int AS n FROM person WHERE active = $1 AND nik <> 'kept-once'";
    await db.sql.query(text, [true]);
    await db.sql.query(text, [false]);
    const [{ n }] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [text]);
    expect(n).toBe(1);
  });

  it('gives PostgreSQL\'s error with its code, and the next statement runs', async () => {
    const insert = "INSERT INTO person (nik, born) VALUES ($1, '1990-01-01')";
    await expect(db.sql.query(insert, ['3510010101800001'])).rejects.toMatchObject({ code: '23505' });
    await expect(db.sql.query('SELECT nik FROM person WHERE born = $1', ['not a date'])).rejects.toThrow(/invalid input syntax for type date/);
    expect(await db.sql.query<{ nik: string }>('SELECT nik FROM person WHERE nik = $1', ['3510010101800002'])).toEqual([{ nik: '3510010101800002' }]);
  });

  it('answers after a migration changed its table\'s columns', async () => {
    await db.sql.exec(`CREATE TABLE region (code text PRIMARY KEY); INSERT INTO region VALUES ('35.10')`);
    const text = 'SELECT * FROM region WHERE code = $1';
    expect(await db.sql.query(text, ['35.10'])).toEqual([{ code: '35.10' }]);
    await db.sql.exec(`ALTER TABLE region ADD COLUMN name text; UPDATE region SET name = 'Banyuwangi'`);
    expect(await db.sql.query(text, ['35.10'])).toEqual([{ code: '35.10', name: 'Banyuwangi' }]);
  });

  it('keeps at most 256 statements, closing the least recently used', async () => {
    for (let i = 0; i < 300; i++) expect(await db.sql.query(`SELECT $1::int + ${i} AS n`, [1])).toEqual([{ n: i + 1 }]);
    const [{ n }] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements');
    expect(n).toBeLessThanOrEqual(257);
    expect(n).toBeGreaterThan(200);
    // The first ones were closed; asked again, they are prepared again.
    expect(await db.sql.query('SELECT $1::int + 0 AS n', [5])).toEqual([{ n: 5 }]);
  });

  it("keeps a look-up's one plan when asked (plan: 'generic'), and leaves every other statement's choice to PostgreSQL", async () => {
    const plans = async (text: string) =>
      (await db.sql.query<{ generic: number; custom: number }>(
        'SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1',
        [text],
      ))[0];
    const lookup = 'SELECT nik FROM person WHERE nik = ANY($1) ORDER BY nik';
    for (let i = 0; i < 8; i++) expect(await db.sql.query(lookup, [['3510010101800001']], { plan: 'generic' })).toEqual([{ nik: '3510010101800001' }]);
    expect(await plans(lookup)).toEqual({ generic: 8, custom: 0 });

    const chosen = 'SELECT nik FROM person WHERE nik = ANY($1) AND active ORDER BY nik';
    for (let i = 0; i < 8; i++) await db.sql.query(chosen, [['3510010101800001']]);
    expect((await plans(chosen))!.custom).toBeGreaterThan(0);

    // The setting goes back even when the statement fails.
    await expect(db.sql.query('SELECT nik FROM person WHERE born = $1', ['not a date'], { plan: 'generic' })).rejects.toThrow(/invalid input syntax/);
    expect(await db.sql.query('SHOW plan_cache_mode')).toEqual([{ plan_cache_mode: 'auto' }]);
  });

  it('waits for a transaction in progress instead of running inside it', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.sql.transaction(async (tx) => {
      await tx.query("INSERT INTO person (nik, born) VALUES ('3510010101800003', '1990-01-01')");
      inside();
      await held;
      throw new Error('rolled back on purpose');
    });
    await entered;
    const outside = db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM person WHERE nik = $1', ['3510010101800003']);
    release();
    await expect(transaction).rejects.toThrow('rolled back on purpose');
    // Had it run inside, it would have counted the row the rollback took back.
    expect(await outside).toEqual([{ n: 0 }]);
  });
});
