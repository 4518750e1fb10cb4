import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entitiesQuery, familyRef, personRef, startTestSubgraph } from '@tepat/subgraph-kit/testing';
import { subgraph } from '../index.js';

let service: Awaited<ReturnType<typeof startTestSubgraph>>;

beforeAll(async () => {
  service = await startTestSubgraph(subgraph);
  await service.db.sql.exec(`
    INSERT INTO dtks_member (nik, kk, decile, status, status_reason, updated_on) VALUES
      ('5101010101800001', '5101010000000001', 2, 'ACTIVE', NULL, '2025-01-15'),
      ('5101014202850002', '5101010000000001', 2, 'ACTIVE', NULL, '2025-01-15'),
      ('5101020404700004', '5101020000000002', 7, 'INACTIVE', 'MAMPU', '2025-03-01'),
      ('9999999999990001', '5101010000000001', 4, 'INACTIVE', 'MENINGGAL', '2024-12-31');`);
});
afterAll(() => service.close());

describe('Person.dtks and Family.dtksRecords', () => {
  it('resolves a batch of persons and families with one query per entity type', async () => {
    const queries: string[] = [];
    service.instance.onQuery((sql) => queries.push(sql));
    const res = await service.request(
      entitiesQuery({ Person: 'nik dtks { kk decile status statusReason updatedOn }', Family: 'kk dtksRecords { nik }' }),
      {
        representations: [
          personRef('5101010101800001'),
          personRef('5101020404700004'),
          personRef('3510010505900005'),
          familyRef('5101010000000001'),
          familyRef('3510010000000003'),
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      _entities: [
        { nik: '5101010101800001', dtks: { kk: '5101010000000001', decile: 2, status: 'ACTIVE', statusReason: null, updatedOn: '2025-01-15' } },
        { nik: '5101020404700004', dtks: { kk: '5101020000000002', decile: 7, status: 'INACTIVE', statusReason: 'MAMPU', updatedOn: '2025-03-01' } },
        { nik: '3510010505900005', dtks: null },
        { kk: '5101010000000001', dtksRecords: [{ nik: '5101010101800001' }, { nik: '5101014202850002' }, { nik: '9999999999990001' }] },
        { kk: '3510010000000003', dtksRecords: [] },
      ],
    });
    expect(queries.filter((q) => /SELECT/i.test(q))).toHaveLength(2);
  });

  it('answers dtksRecord(nik) and rejects a malformed NIK', async () => {
    expect((await service.request(`{ dtksRecord(nik: "5101014202850002") { decile } }`)).data).toEqual({ dtksRecord: { decile: 2 } });
    const bad = await service.request(`{ dtksRecord(nik: "51010142028500") { decile } }`);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('"nik"') });
  });
});
