/**
 * `recordAccess` takes the gateway's group of reads in one call: every read a row of its own, in
 * the order given, in the hash chain, all or none; a bad read names itself and nothing of the
 * group is written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyChain } from '@tepat/subgraph-kit';
import { startTestSubgraph } from '@tepat/subgraph-kit/testing';
import { subgraph } from '../index.js';

let service: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  service = await startTestSubgraph(subgraph);
});
afterAll(() => service.close());

const RECORD = 'mutation ($reads: [AccessInput!]!) { recordAccess(reads: $reads) }';
const read = (n: number, extra: Record<string, unknown> = {}) => ({
  callerRole: n % 2 ? 'OPERATOR' : 'PUBLIC',
  callerSubject: n % 2 ? `op-${n}` : null,
  callerRegion: n % 2 ? '51.01' : null,
  purpose: null,
  operation: `Read${n}`,
  rootFields: ['recipientCheck'],
  niks: [`51010100000000${String(n).padStart(2, '0')}`],
  kks: [],
  names: [`Nama, "ke" ${n}`],
  answered: n % 3 !== 0,
  ...extra,
});
const rows = () =>
  service.db.sql.query<{ operation: string }>(
    `SELECT operation, caller_role, caller_subject, caller_region, root_fields, niks, kks, names, answered FROM access ORDER BY chain_seq`,
  );

describe('recordAccess', () => {
  it('appends a group of reads as rows in the order given, each in the chain', async () => {
    const reads = Array.from({ length: 12 }, (_, i) => read(i + 1));
    expect(await service.request(RECORD, { reads })).toEqual({ data: { recordAccess: true } });
    expect(await rows()).toEqual(
      reads.map((r) => ({
        operation: r.operation,
        caller_role: r.callerRole,
        caller_subject: r.callerSubject,
        caller_region: r.callerRegion,
        root_fields: r.rootFields,
        niks: r.niks,
        kks: [],
        names: r.names,
        answered: r.answered,
      })),
    );
    expect(await verifyChain(service.db.sql, 'access')).toMatchObject({ rows: 12, broken: null });
  });

  it('refuses a group with a bad read by naming it, and writes none of the group', async () => {
    const before = (await rows()).length;
    const tooMany = Array.from({ length: 100_001 }, () => '5101010000000001');
    const res = await service.request(RECORD, { reads: [read(20), read(21, { niks: tooMany }), read(22)] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reads[1].niks' });
    const empty = await service.request(RECORD, { reads: [] });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reads' });
    expect((await rows()).length).toBe(before);
  });
});
