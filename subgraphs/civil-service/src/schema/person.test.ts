import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entitiesQuery, personRef, startTestSubgraph } from '@tepat/subgraph-kit/testing';
import { subgraph } from '../index.js';

let service: Awaited<ReturnType<typeof startTestSubgraph>>;

// 0001 served in TNI from 2000-01-01 to 2020-12-31 and is ASN since 2022-07-01; 0002 never served.
beforeAll(async () => {
  service = await startTestSubgraph(subgraph);
  await service.db.sql.exec(`
    INSERT INTO personnel (nik, corps, agency, start_date, end_date) VALUES
      ('5101010101800001', 'ASN', 'Dinas Sosial Kabupaten Jembrana', '2022-07-01', NULL),
      ('5101010101800001', 'TNI', 'Kodim 1617/Jembrana', '2000-01-01', '2020-12-31');`);
});
afterAll(() => service.close());

const servesOn = async (nik: string, date: string) => {
  const res = await service.request(entitiesQuery({ Person: `servesOn(date: "${date}")` }), { representations: [personRef(nik)] });
  expect(res.errors).toBeUndefined();
  return (res.data as { _entities: { servesOn: boolean }[] })._entities[0].servesOn;
};

describe('Person.civilService and servesOn', () => {
  it('lists the records oldest first, for a batch in one query', async () => {
    const queries: string[] = [];
    service.instance.onQuery((sql) => queries.push(sql));
    const res = await service.request(entitiesQuery({ Person: 'nik civilService { corps agency startDate endDate }' }), {
      representations: [personRef('5101010101800001'), personRef('5101010101800002')],
    });
    expect(res.data).toEqual({
      _entities: [
        {
          nik: '5101010101800001',
          civilService: [
            { corps: 'TNI', agency: 'Kodim 1617/Jembrana', startDate: '2000-01-01', endDate: '2020-12-31' },
            { corps: 'ASN', agency: 'Dinas Sosial Kabupaten Jembrana', startDate: '2022-07-01', endDate: null },
          ],
        },
        { nik: '5101010101800002', civilService: [] },
      ],
    });
    expect(queries.filter((q) => /SELECT/i.test(q))).toHaveLength(1);
  });

  it.each([
    ['1999-12-31', false, 'the day before the start'],
    ['2000-01-01', true, 'the start date itself'],
    ['2020-12-31', true, 'the end date itself'],
    ['2021-01-01', false, 'the day after the end'],
    ['2022-06-30', false, 'between two periods'],
    ['2022-07-01', true, 'the start of an open period'],
    ['2030-01-01', true, 'long into an open period'],
  ])('on %s serves = %p (%s)', async (date, expected) => {
    expect(await servesOn('5101010101800001', date)).toBe(expected);
  });

  it('is false for someone with no record, and rejects a malformed date naming the argument', async () => {
    expect(await servesOn('5101010101800002', '2024-01-01')).toBe(false);
    for (const date of ['2024-02-30', '2024-1-01', 'today']) {
      const res = await service.request(entitiesQuery({ Person: `servesOn(date: "${date}")` }), { representations: [personRef('5101010101800001')] });
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('"date"') });
    }
  });
});
