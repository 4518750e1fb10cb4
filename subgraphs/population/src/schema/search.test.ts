import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph } from '@tepat/subgraph-kit/testing';
import { subgraph } from '../index.js';

const PERSONS: [nik: string, name: string, village: string][] = [
  ['5101010101800001', 'Siti Aminah', '51.01.01.2001'],
  ['5101010101800002', 'SITI AMINAH', '35.10.01.2001'],
  ['5101010101800003', 'Aminah Siti Rahayu', '51.01.01.2001'],
  ['5101010101800004', 'Nur Aminah', '51.01.02.2001'],
  ['5101010101800005', 'Siti Aminah Putri', '51.01.01.2002'],
  ['5101010101800006', 'Rosaminah', '51.01.01.2001'],
  ['5101010101800007', 'Budi Santoso', '51.01.01.2001'],
  ['5101010101800008', 'Dewi 100% Lestari', '51.01.01.2001'],
];

let service: Awaited<ReturnType<typeof startTestSubgraph>>;

beforeAll(async () => {
  service = await startTestSubgraph(subgraph);
  for (const [nik, name, village] of PERSONS) {
    await service.db.sql.query(
      `INSERT INTO person (nik, kk, full_name, sex, birth_date, relationship, village_code)
       VALUES ($1, $1, $2, 'P', '1980-01-01', 'HEAD', $3)`,
      [nik, name, village],
    );
  }
});
afterAll(() => service.close());

const SEARCH = `query ($name: String!, $region: String, $first: Int, $after: String) {
  searchPersons(name: $name, region: $region, first: $first, after: $after) {
    persons { nik fullName } hasNextPage endCursor totalCount } }`;

type Page = { persons: { nik: string; fullName: string }[]; hasNextPage: boolean; endCursor: string | null; totalCount: number };
async function search(variables: Record<string, unknown>): Promise<Page> {
  const res = await service.request<{ searchPersons: Page }>(SEARCH, variables);
  expect(res.errors).toBeUndefined();
  return res.data!.searchPersons;
}

describe('searchPersons', () => {
  it('matches case-insensitively and by any part, ranked exact, prefix, word prefix, then the rest', async () => {
    const page = await search({ name: '  siti   aminah ' });
    expect(page.persons.map((p) => p.fullName)).toEqual(['SITI AMINAH', 'Siti Aminah', 'Siti Aminah Putri']);
    const partial = await search({ name: 'aminah' });
    // Exact: none. Prefix: "Aminah Siti Rahayu". Word prefix: Nur Aminah, SITI AMINAH, Siti Aminah, Siti Aminah Putri
    // (by similarity, then name). Inside a word: Rosaminah.
    expect(partial.persons[0].fullName).toBe('Aminah Siti Rahayu');
    expect(partial.persons.at(-1)!.fullName).toBe('Rosaminah');
    expect(partial.totalCount).toBe(6);
  });

  it('filters by region code at any level', async () => {
    expect((await search({ name: 'aminah', region: '35' })).persons.map((p) => p.nik)).toEqual(['5101010101800002']);
    expect((await search({ name: 'aminah', region: '51.01.01' })).totalCount).toBe(4);
    expect((await search({ name: 'aminah', region: '51.01.01.2002' })).persons.map((p) => p.nik)).toEqual(['5101010101800005']);
  });

  it('pages with cursors until the last page, without repeating anyone', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Page = await search({ name: 'aminah', first: 4, after });
      seen.push(...page.persons.map((p) => p.nik));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('treats % and _ in the query as ordinary characters', async () => {
    expect((await search({ name: '100%' })).persons.map((p) => p.fullName)).toEqual(['Dewi 100% Lestari']);
    expect((await search({ name: 'a_i' })).totalCount).toBe(0);
  });

  it.each([
    [{ name: 'si' }, 'name'],
    [{ name: 'siti', region: '99.99' }, 'region'],
    [{ name: 'siti', region: 'Bali' }, 'region'],
    [{ name: 'siti', first: 0 }, 'first'],
    [{ name: 'siti', first: 101 }, 'first'],
    [{ name: 'siti', after: 'bm9wZQ' }, 'after'],
  ])('rejects %p naming %s', async (variables, argument) => {
    const res = await service.request(SEARCH, variables);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain(`"${argument}"`);
  });

  it('can be served by the trigram and region indexes, never only by a scan of the table', async () => {
    // The planner prefers a scan on a tiny table; forbidding scans shows whether an index can serve the query at all.
    const plan = await service.db.sql.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      const rows = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT nik FROM person WHERE full_name ILIKE '%aminah%' AND village_code LIKE '51.01%'`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/person_full_name_trgm_idx|person_village_code_prefix_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it("searches within a region through its province's own trigram index", async () => {
    const statements: string[] = [];
    service.instance.onQuery((sql) => statements.push(sql));
    expect((await search({ name: 'aminah', region: '51.01' })).persons).toHaveLength(5);
    const searched = statements.find((sql) => sql.includes('ILIKE'))!;
    expect(searched).toContain("left(village_code, 2) = '51'");
    // On a table this small the planner takes the village index; with it and the national trigram
    // index set aside (in a transaction rolled back), the province's must serve, which it can only
    // if the statement names the province as the index's predicate does.
    class Plan extends Error {}
    const plan = await service.db.sql
      .transaction(async (tx) => {
        await tx.exec('SET LOCAL enable_seqscan = off; DROP INDEX person_village_code_prefix_idx; DROP INDEX person_full_name_trgm_idx');
        const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${searched}`, ['%aminah%', '51.01%', 'aminah', 'aminah%', '% aminah%']);
        throw new Plan(rows.map((r) => r['QUERY PLAN']).join('\n'));
      })
      .catch((seen: Error) => seen.message);
    expect(plan).toMatch(/Bitmap Index Scan on person_full_name_trgm_51_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
    expect(await service.db.sql.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'person_village_code_prefix_idx'`)).toHaveLength(1);
  });
});
