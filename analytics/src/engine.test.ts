/**
 * The server path of the engine: `openEngine({ url })` over ClickHouse's HTTP interface.
 * Every other test runs the embedded path (chdb in-process); this one refreshes and reads
 * a generated folder over HTTP, as against a ClickHouse server, and checks the figures,
 * the invariants and what crossed the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadRegions } from '@tepat/core';
import { generate, type Manifest } from '@tepat/generator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withoutLowCardinality } from './engine.js';
import { breachedInvariants, folderSources, MetricReader, openEngine, refresh, STAGED_SOURCES, type Build, type Engine } from './index.js';
import { startClickHouseOverHttp, type ClickHouseOverHttp } from './testing/clickhouse-over-http.js';

let dataDir: string;
let server: ClickHouseOverHttp;
let engine: Engine;
let manifest: Manifest;
let build: Build;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tepat-engine-data-'));
  manifest = await generate({ persons: 600, seed: 5, out: dataDir });
  server = await startClickHouseOverHttp(join(dataDir, 'clickhouse'));
  engine = await openEngine({ url: server.url });
  build = await refresh(engine, { sources: folderSources(dataDir) });
});

afterAll(async () => {
  await engine?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('against a ClickHouse server', () => {
  it('is a server engine that names where it is', () => {
    expect(engine.kind).toBe('server');
    expect(engine.location).toBe(server.url);
  });

  it('streams every source over HTTP instead of reading files the server cannot see', () => {
    const inserts = server.received.filter((q) => q.startsWith('INSERT INTO tepat_build_') && q.includes('FORMAT CSVWithNames'));
    // One streamed insert per source file.
    expect(inserts).toHaveLength(STAGED_SOURCES.length);
    expect(server.received.some((q) => q.includes('file('))).toBe(false);
  });

  it('gives the manifest’s figures for every programme and month', async () => {
    const metrics = new MetricReader(engine, build.database, await loadRegions());
    let compared = 0;
    for (const [program, { months }] of Object.entries(manifest.programs)) {
      for (const [period, m] of Object.entries(months)) {
        const accuracy = await metrics.targetingAccuracy({ program, period });
        const leakage = await metrics.leakage({ program, period });
        expect({ program, period, recipients: accuracy.recipients, eligible: accuracy.eligible, total: leakage.totalAmount }).toEqual({
          program,
          period,
          recipients: m.recipients,
          eligible: m.eligible,
          total: m.amount,
        });
        expect(Object.fromEntries(leakage.byCategory.map((c) => [c.category, { rows: c.rows, amount: c.amount }]))).toEqual(m.byCategory);
        compared++;
      }
    }
    expect(compared).toBe(Object.keys(manifest.programs).length * manifest.periods.length);
  });

  it('holds every invariant', async () => {
    expect(await breachedInvariants(engine, build.database)).toEqual([]);
  });

  it('says which server it cannot reach', async () => {
    await expect(openEngine({ url: 'http://127.0.0.1:9/' })).rejects.toThrow('Cannot reach ClickHouse at http://127.0.0.1:9');
  });
});

describe('withoutLowCardinality', () => {
  it('reads LowCardinality columns of a file as their plain type, at any depth', () => {
    expect(withoutLowCardinality('LowCardinality(String)')).toBe('String');
    expect(withoutLowCardinality('LowCardinality(Nullable(String))')).toBe('Nullable(String)');
    expect(withoutLowCardinality('Array(LowCardinality(String))')).toBe('Array(String)');
    expect(withoutLowCardinality('Map(LowCardinality(String), LowCardinality(Nullable(String)))')).toBe('Map(String, Nullable(String))');
    expect(withoutLowCardinality('Nullable(Date)')).toBe('Nullable(Date)');
  });
});
