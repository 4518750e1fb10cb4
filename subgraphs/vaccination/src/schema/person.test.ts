import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entitiesQuery, personRef, startTestSubgraph } from '@tepat/subgraph-kit/testing';
import { subgraph } from '../index.js';

let service: Awaited<ReturnType<typeof startTestSubgraph>>;

beforeAll(async () => {
  service = await startTestSubgraph(subgraph);
  await service.db.sql.exec(`
    INSERT INTO vaccination_dose (nik, dose, vaccine, administered_on) VALUES
      ('5101010101800001', 2, 'SINOVAC', '2021-09-01'),
      ('5101010101800001', 1, 'SINOVAC', '2021-08-01'),
      ('5101010101800001', 3, 'ASTRAZENECA', '2022-02-01'),
      ('5101014202850002', 1, 'PFIZER', '2021-10-10');`);
});
afterAll(() => service.close());

describe('Person.vaccinations', () => {
  it('lists every dose by number, for a batch of persons in one query', async () => {
    const queries: string[] = [];
    service.instance.onQuery((sql) => queries.push(sql));
    const res = await service.request(entitiesQuery({ Person: 'nik vaccinations { dose vaccine administeredOn }' }), {
      representations: [personRef('5101010101800001'), personRef('5101014202850002'), personRef('3510010505900005')],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      _entities: [
        {
          nik: '5101010101800001',
          vaccinations: [
            { dose: 1, vaccine: 'SINOVAC', administeredOn: '2021-08-01' },
            { dose: 2, vaccine: 'SINOVAC', administeredOn: '2021-09-01' },
            { dose: 3, vaccine: 'ASTRAZENECA', administeredOn: '2022-02-01' },
          ],
        },
        { nik: '5101014202850002', vaccinations: [{ dose: 1, vaccine: 'PFIZER', administeredOn: '2021-10-10' }] },
        { nik: '3510010505900005', vaccinations: [] },
      ],
    });
    expect(queries.filter((q) => /SELECT/i.test(q))).toHaveLength(1);
  });
});
