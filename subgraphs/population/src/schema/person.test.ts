import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, testServerUrl } from '@tepat/subgraph-kit/testing';
import { subgraph } from '../index.js';

// Two families in Jembrana (51.01) and one person in Banyuwangi (35.10), by hand.
const PERSONS = [
  ['5101010101800001', '5101010000000001', 'Made Wirawan', 'L', '1980-01-01', 'HEAD', '51.01.01.2001', null],
  ['5101014202850002', '5101010000000001', 'Ni Luh Sari', 'P', '1985-02-02', 'SPOUSE', '51.01.01.2001', null],
  ['5101010303100003', '5101010000000001', 'Putu Wirawan', 'L', '2010-03-03', 'CHILD', '51.01.01.2001', null],
  ['5101020404700004', '5101020000000002', 'Komang Ayu', 'P', '1970-04-04', 'OTHER', '51.01.02.2001', '2024-06-30'],
  ['3510010505900005', '3510010000000003', 'Siti Aminah', 'P', '1990-05-05', 'HEAD', '35.10.01.2001', null],
] as const;

let service: Awaited<ReturnType<typeof startTestSubgraph>>;

beforeAll(async () => {
  service = await startTestSubgraph(subgraph);
  for (const p of PERSONS) {
    await service.db.sql.query(
      `INSERT INTO person (nik, kk, full_name, sex, birth_date, relationship, village_code, death_date)
       VALUES ($1, $2, $3, $4::"Sex", $5::date, $6::"Relationship", $7, $8::date)`,
      [...p],
    );
  }
});
afterAll(() => service.close());

describe('person(nik)', () => {
  it('returns identity, family and the village with its names', async () => {
    const res = await service.request(`{ person(nik: "5101014202850002") {
      nik kk fullName sex birthDate relationship deathDate
      village { code name district { code } regency { code name } province { code name } }
      family { kk head { fullName } members { nik } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      person: {
        nik: '5101014202850002',
        kk: '5101010000000001',
        fullName: 'Ni Luh Sari',
        sex: 'P',
        birthDate: '1985-02-02',
        relationship: 'SPOUSE',
        deathDate: null,
        village: {
          code: '51.01.01.2001',
          name: expect.any(String),
          district: { code: '51.01.01' },
          regency: { code: '51.01', name: 'Kabupaten Jembrana' },
          province: { code: '51', name: 'Bali' },
        },
        family: {
          kk: '5101010000000001',
          head: { fullName: 'Made Wirawan' },
          members: [{ nik: '5101010101800001' }, { nik: '5101014202850002' }, { nik: '5101010303100003' }],
        },
      },
    });
  });

  it('gives the date of death', async () => {
    const res = await service.request(`{ person(nik: "5101020404700004") { deathDate } }`);
    expect(res.data).toEqual({ person: { deathDate: '2024-06-30' } });
  });

  it('is null for a well-formed NIK the registry does not hold', async () => {
    const res = await service.request(`{ person(nik: "9999999999999999") { nik } }`);
    expect(res).toEqual({ data: { person: null } });
  });

  it.each(['123', '510101010180000A', '51010101018000011', ''])('rejects the NIK %p as BAD_USER_INPUT naming the argument', async (nik) => {
    const res = await service.request(`query ($nik: String!) { person(nik: $nik) { nik } }`, { nik });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/"nik"/);
    expect(JSON.stringify(res.errors)).not.toMatch(/stack|SELECT|prisma/i);
  });
});

describe('family(kk)', () => {
  it('has no head when no member is HEAD', async () => {
    const res = await service.request(`{ family(kk: "5101020000000002") { head { nik } members { nik } } }`);
    expect(res.data).toEqual({ family: { head: null, members: [{ nik: '5101020404700004' }] } });
  });

  it('is null for a card no one is on, and rejects a malformed KK', async () => {
    expect((await service.request(`{ family(kk: "1111111111111111") { kk } }`)).data).toEqual({ family: null });
    const bad = await service.request(`{ family(kk: "11") { kk } }`);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/"kk"/) });
  });
});

describe('_entities', () => {
  it('resolves a batch of persons and families with one query per entity type', async () => {
    const queries: string[] = [];
    service.instance.onQuery((sql) => queries.push(sql));
    const representations = [
      ...PERSONS.map(([nik]) => ({ __typename: 'Person', nik })),
      { __typename: 'Person', nik: '9999999999999999' },
      { __typename: 'Family', kk: '5101010000000001' },
      { __typename: 'Family', kk: '3510010000000003' },
    ];
    const res = await service.request(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Person { nik fullName } ... on Family { kk members { nik } } } }`,
      { representations },
    );
    expect(res.errors).toBeUndefined();
    const entities = (res.data as { _entities: unknown[] })._entities;
    expect(entities).toHaveLength(8);
    expect(entities[5]).toBeNull();
    expect(entities[0]).toEqual({ nik: '5101010101800001', fullName: 'Made Wirawan' });
    expect(entities[7]).toEqual({ kk: '3510010000000003', members: [{ nik: '3510010505900005' }] });
    // One SELECT for all persons, one for all families: never one per key.
    expect(queries.filter((q) => /SELECT/i.test(q))).toHaveLength(2);
  });

  // The embedded database keeps prepared statements (subgraph-kit's pglite-statements.ts); a server plans as it chooses.
  (testServerUrl('population') ? it.skip : it)('plans its look-ups by key once, however many batches ask', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await service.request(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { fullName family { members { nik } } } } }`, {
        r: [{ __typename: 'Person', nik: PERSONS[i % PERSONS.length]![0] }],
      });
      expect(res.errors).toBeUndefined();
    }
    const prepared = await service.db.sql.query<{ statement: string; generic: number; custom: number }>(
      'SELECT statement, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements',
    );
    const plans = prepared.filter((p) => /FROM person WHERE (nik|kk) = ANY/.test(p.statement));
    expect(plans.map((p) => /WHERE (nik|kk)/.exec(p.statement)?.[1]).sort()).toEqual(['kk', 'nik']);
    for (const plan of plans) expect(plan).toMatchObject({ generic: expect.any(Number), custom: 0 });
    expect(Math.min(...plans.map((p) => p.generic))).toBeGreaterThanOrEqual(8);
  });
});
