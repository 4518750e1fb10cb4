// End to end: `tepat start` runs the subgraphs and the gateway in four processes on a fresh data directory
// (or on the PostgreSQL server CI points at), keeps a second hub off the same directory,
// stops cleanly, and starts again on the data it left.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { envSuffix, SUBGRAPH_NAMES } from '@tepat/subgraph-kit';
import { createServerTestDatabase, notOwnerOnly, testServerUrl } from '@tepat/subgraph-kit/testing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDITOR, forwardedHeaders, headersAs } from './support/tokens.js';
import getPort from 'get-port';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { outputUntil } from './support/processes.js';

const TEPAT = new URL('../packages/cli/bin/tepat.js', import.meta.url).pathname;
const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', TEPAT_DATA_DIR: mkdtempSync(join(tmpdir(), 'tepat-hub-')) };
const drops: (() => Promise<void>)[] = [];
const ports: Record<string, number> = {};


/** Starts `tepat start`; resolves with its process and output once it says it is running. */
async function startHub(): Promise<{ hub: ChildProcess; output: string }> {
  const hub = spawn(process.execPath, [TEPAT, 'start'], { env });
  return { hub, output: await outputUntil(hub, /Tepat is running[\s\S]*Press Ctrl\+C/) };
}

function stopHub(hub: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    hub.on('exit', (code) => resolve(code));
    hub.kill('SIGTERM');
  });
}

/** One operation to the gateway (with a token) or to a subgraph (with the caller the gateway would forward). */
async function graphql(port: number, query: string) {
  const gateway = port === Number(env.TEPAT_PORT);
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: gateway ? await headersAs(env.TEPAT_DATA_DIR!, AUDITOR) : await forwardedHeaders(env.TEPAT_DATA_DIR!, AUDITOR),
    body: JSON.stringify({ query }),
  });
  return res.json();
}

beforeAll(async () => {
  env.TEPAT_PORT = String(await getPort({ host: '127.0.0.1' }));
  env.TEPAT_ANALYTICS_PORT = String(await getPort({ host: '127.0.0.1' }));
  for (const name of SUBGRAPH_NAMES) {
    ports[name] = await getPort({ host: '127.0.0.1' });
    env[`TEPAT_${envSuffix(name)}_PORT`] = String(ports[name]);
    const serverUrl = testServerUrl(name);
    if (serverUrl) {
      const { url, drop } = await createServerTestDatabase(serverUrl, name);
      env[`DATABASE_URL_${envSuffix(name)}`] = url;
      drops.push(drop);
    }
  }
});
afterAll(async () => {
  for (const drop of drops) await drop();
});

describe('the hub', () => {
  it('migrates, serves every subgraph, refuses a second hub on the same data, and restarts on its data', async () => {
    const migrated = spawnSync(process.execPath, [TEPAT, 'migrate', 'population', 'dtks'], { env, encoding: 'utf8' });
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toMatch(/population: applied 20261123000000_init, 20261123000100_name_search/);

    const first = await startHub();
    try {
      expect(first.output).toContain(`The endpoint: http://127.0.0.1:${env.TEPAT_PORT}/graphql`);
      expect(first.output).toContain(`The app: http://127.0.0.1:${env.TEPAT_PORT}/app/`);
      // One query through the gateway reaches every subgraph.
      expect(
        await graphql(Number(env.TEPAT_PORT), '{ person(nik: "5101010101800001") { nik dtks { decile } } programs { code } }'),
      ).toEqual({ data: { person: null, programs: [] } });
      for (const name of SUBGRAPH_NAMES) {
        expect(first.output).toContain(`http://127.0.0.1:${ports[name]}/graphql`);
        expect((await fetch(`http://127.0.0.1:${ports[name]}/ready`)).status).toBe(200);
      }
      expect(await graphql(ports.population, '{ person(nik: "5101010101800001") { nik } }')).toEqual({ data: { person: null } });
      expect(await graphql(ports['aid-history'], '{ programs { code } }')).toEqual({ data: { programs: [] } });
      // Everything the running hub keeps on disk is its owner's alone (issue 16 §4).
      expect(notOwnerOnly(env.TEPAT_DATA_DIR!)).toEqual([]);

      if (!testServerUrl('population')) {
        const second = spawnSync(process.execPath, [TEPAT, 'serve', 'population'], {
          env: { ...env, TEPAT_POPULATION_PORT: String(await getPort({ host: '127.0.0.1' })) },
          encoding: 'utf8',
        });
        expect(second.status).not.toBe(0);
        expect(second.stderr).toMatch(/data directory .*population is in use by another Tepat process/);
      }
    } finally {
      expect(await stopHub(first.hub)).toBe(0);
    }

    const again = await startHub();
    try {
      // Nothing left to migrate on the second start.
      expect(again.output).not.toMatch(/applied migrations/);
      expect((await fetch(`http://127.0.0.1:${ports.dtks}/health`)).status).toBe(200);
    } finally {
      await stopHub(again.hub);
    }
  }, 480_000);

  it('stops, saying which service, when a port is held by something that never answers', async () => {
    // The hub found a port taken in CI once and waited for it without end; a silent listener is the worst case.
    const silent = createServer().listen(ports.vaccination, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const hub = spawn(process.execPath, [TEPAT, 'start'], { env });
      let output = '';
      for (const stream of [hub.stdout, hub.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const [code] = (await once(hub, 'exit')) as [number | null];
      expect({ code, output }).toEqual({ code: 1, output: expect.stringMatching(/\[records\] .*vaccination: .*EADDRINUSE[\s\S]*\[records\] stopped unexpectedly/) });
    } finally {
      silent.close();
    }
  }, 300_000);

  it('names an unknown subgraph', () => {
    const res = spawnSync(process.execPath, [TEPAT, 'serve', 'payroll'], { env, encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Unknown subgraph "payroll"');
  });

  it('runs the gateway and analytics alone, and each subgraph of a process once', () => {
    const withGateway = spawnSync(process.execPath, [TEPAT, 'serve', 'population', 'gateway'], { env, encoding: 'utf8' });
    expect({ status: withGateway.status, stderr: withGateway.stderr }).toEqual({
      status: 1,
      stderr: expect.stringContaining('The gateway runs in a process of its own: tepat serve gateway.'),
    });
    const twice = spawnSync(process.execPath, [TEPAT, 'serve', 'dtks', 'dtks'], { env, encoding: 'utf8' });
    expect({ status: twice.status, stderr: twice.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('A subgraph is named twice: dtks dtks.') });
  });
});
