import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entitiesQuery, familyRef, personRef, startTestSubgraph } from '@tepat/subgraph-kit/testing';
import { subgraph } from '../index.js';

let service: Awaited<ReturnType<typeof startTestSubgraph>>;

beforeAll(async () => {
  service = await startTestSubgraph(subgraph);
  await service.db.sql.exec(`
    INSERT INTO program (code, name, unit, rule_set) VALUES
      ('PKH', 'Program Keluarga Harapan', 'FAMILY', 'DTKS'),
      ('BLT', 'Bantuan Langsung Tunai', 'PERSON', 'DTKS');
    INSERT INTO disbursement (id, program_code, nik, kk, period, amount_idr, disbursed_on, district_code) VALUES
      ('D1', 'PKH', '5101010101800001', '5101010000000001', '2025-01', 750000, '2025-01-10', '51.01.01'),
      ('D2', 'BLT', '5101010101800001', '5101010000000001', '2025-01', 300000, '2025-01-31', '51.01.01'),
      ('D3', 'PKH', '5101014202850002', '5101010000000001', '2025-02', 750000, '2025-02-10', '51.01.01'),
      ('D0', 'BLT', '5101010101800001', '5101010000000001', '2025-01', 300000, '2025-01-31', '51.01.01'),
      ('D4', 'BLT', '9999999999990001', '9999999999990000', '2025-03', 300000, '2025-03-05', '35.10.01');`);
});
afterAll(() => service.close());

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('Person.aidHistory and Family.aidHistory', () => {
  it('lists disbursements by date then id, for persons and families in one query each, their programmes with them', async () => {
    const queries: string[] = [];
    service.instance.onQuery((sql) => queries.push(sql));
    const res = await service.request(
      entitiesQuery({ Person: 'aidHistory { id program { code unit } amountIdr period disbursedOn }', Family: 'aidHistory { id }' }),
      { representations: [personRef('5101010101800001'), personRef('9999999999990001'), personRef('5101010101800009'), familyRef('5101010000000001')] },
    );
    expect(res.errors).toBeUndefined();
    const [first, ghost, none, family] = (res.data as { _entities: { aidHistory: { id: string }[] }[] })._entities;
    expect(first.aidHistory).toEqual([
      { id: 'D1', program: { code: 'PKH', unit: 'FAMILY' }, amountIdr: 750000, period: '2025-01', disbursedOn: '2025-01-10' },
      { id: 'D0', program: { code: 'BLT', unit: 'PERSON' }, amountIdr: 300000, period: '2025-01', disbursedOn: '2025-01-31' },
      { id: 'D2', program: { code: 'BLT', unit: 'PERSON' }, amountIdr: 300000, period: '2025-01', disbursedOn: '2025-01-31' },
    ]);
    expect(ids(ghost.aidHistory)).toEqual(['D4']);
    expect(none.aidHistory).toEqual([]);
    expect(ids(family.aidHistory)).toEqual(['D1', 'D0', 'D2', 'D3']);
    // Persons and families, one query each for the whole batch; the rows bring their programmes.
    expect(queries.filter((q) => /SELECT/i.test(q))).toHaveLength(2);
  });

  it('filters by programme and by an inclusive date range', async () => {
    const history = async (args: string) => {
      const res = await service.request(entitiesQuery({ Family: `aidHistory(${args}) { id }` }), { representations: [familyRef('5101010000000001')] });
      expect(res.errors).toBeUndefined();
      return ids((res.data as { _entities: { aidHistory: { id: string }[] }[] })._entities[0].aidHistory);
    };
    expect(await history('program: "PKH"')).toEqual(['D1', 'D3']);
    expect(await history('from: "2025-01-31"')).toEqual(['D0', 'D2', 'D3']);
    expect(await history('to: "2025-01-31"')).toEqual(['D1', 'D0', 'D2']);
    expect(await history('from: "2025-01-11", to: "2025-02-09"')).toEqual(['D0', 'D2']);
    expect(await history('program: "BLT", from: "2025-02-01"')).toEqual([]);
  });

  it.each([
    ['program: "NOPE"', 'program'],
    ['from: "2025-13-01"', 'from'],
    ['to: "31-01-2025"', 'to'],
    ['from: "2025-02-01", to: "2025-01-01"', 'from'],
  ])('rejects %s naming %s', async (args, argument) => {
    const res = await service.request(entitiesQuery({ Person: `aidHistory(${args}) { id }` }), { representations: [personRef('5101010101800001')] });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining(`"${argument}"`) });
  });

  it('lists programmes', async () => {
    const res = await service.request(`{ programs { code name unit ruleSet } program(code: "PKH") { name } }`);
    expect(res.data).toEqual({
      programs: [
        { code: 'BLT', name: 'Bantuan Langsung Tunai', unit: 'PERSON', ruleSet: 'DTKS' },
        { code: 'PKH', name: 'Program Keluarga Harapan', unit: 'FAMILY', ruleSet: 'DTKS' },
      ],
      program: { name: 'Program Keluarga Harapan' },
    });
  });
});
