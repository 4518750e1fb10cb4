import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { readHubEnv, readSubgraphEnv } from './env.js';

describe('readSubgraphEnv', () => {
  it('defaults to embedded storage under .tepat and the subgraph port', () => {
    expect(readSubgraphEnv('civil-service', {})).toEqual({
      dataDir: resolve('.tepat'),
      databaseUrl: undefined,
      host: '127.0.0.1',
      port: 4004,
    });
  });

  it('reads the per-subgraph URL and port', () => {
    const env = readSubgraphEnv('aid-history', {
      DATABASE_URL_AID_HISTORY: 'postgresql://u@db:5432/aid',
      TEPAT_AID_HISTORY_PORT: '5005',
      TEPAT_DATA_DIR: '/srv/tepat',
    });
    expect(env).toMatchObject({ databaseUrl: 'postgresql://u@db:5432/aid', port: 5005, dataDir: '/srv/tepat' });
  });

  it('stops on a bad value with a message naming the variable', () => {
    expect(() => readSubgraphEnv('dtks', { TEPAT_DTKS_PORT: 'eighty' })).toThrow(/TEPAT_DTKS_PORT/);
    expect(() => readSubgraphEnv('dtks', { DATABASE_URL_DTKS: 'mysql://x' })).toThrow(/DATABASE_URL_DTKS: must be a postgresql/);
  });
});

describe('readHubEnv', () => {
  it('gives each service a 512 MB heap unless told otherwise, and no less than 128 MB', () => {
    expect(readHubEnv({}).serviceHeapMb).toBe(512);
    expect(readHubEnv({ TEPAT_SERVICE_HEAP_MB: '1024' }).serviceHeapMb).toBe(1024);
    expect(() => readHubEnv({ TEPAT_SERVICE_HEAP_MB: '64' })).toThrow(/TEPAT_SERVICE_HEAP_MB/);
  });
});
