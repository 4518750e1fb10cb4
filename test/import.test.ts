// End to end: `npm start` on an empty data directory loads the demo data set, `tepat import`
// goes through a running hub without touching its directory, and an import killed with -9
// half-way through a large file leaves the database exactly as it was. The README's own
// order (import, then analytics refresh with no hub, then start) works on a fresh directory.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { databaseTarget, envSuffix, openDatabase, readSubgraphEnv, SUPERGRAPH_NAMES } from '@tepat/subgraph-kit';
import { createTestHubEnv, notOwnerOnly, testServerUrl } from '@tepat/subgraph-kit/testing';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Manifest } from '@tepat/generator';
import { AUDITOR, headersAs } from './support/tokens.js';
import getPort from 'get-port';
import { outputUntil } from './support/processes.js';

const TEPAT = new URL('../packages/cli/bin/tepat.js', import.meta.url).pathname;
const onServer = testServerUrl('population') !== undefined;

let hub: Awaited<ReturnType<typeof createTestHubEnv>>;
beforeEach(async () => {
  hub = await createTestHubEnv();
  hub.env.NODE_OPTIONS = '';
});
afterEach(() => hub.cleanup());

/** Runs a tepat command to its end; one that hangs is killed, and its output shows in the failure. */
function tepat(...args: string[]) {
  return spawnSync(process.execPath, [TEPAT, ...args], { env: hub.env, encoding: 'utf8', timeout: 300_000, killSignal: 'SIGKILL' });
}


const PERSONS_HEADER = 'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date\n';

/** A folder with a million valid persons: NIKs of Jembrana, one per birth day and sequence number. */
async function largePersonsFolder(dir: string): Promise<string> {
  mkdirSync(join(dir, 'population'), { recursive: true });
  const out = createWriteStream(join(dir, 'population/persons.csv'));
  out.write(PERSONS_HEADER);
  const day0 = Date.UTC(1950, 0, 1);
  for (let i = 0; i < 1_000_000; i++) {
    const birth = new Date(day0 + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
    const ddmmyy = birth.slice(8, 10) + birth.slice(5, 7) + birth.slice(2, 4);
    const seq = String(2 + Math.floor(i / 20_000)).padStart(4, '0');
    if (!out.write(`510101${ddmmyy}${seq},5101010101${String(i).padStart(6, '0')},Orang ${i},L,${birth},HEAD,51.01.01.2001,\n`)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return dir;
}

/** Starts `tepat import DIR`, kills it with -9 once it reports progress on a file; returns its output. */
async function killImportHalfWay(dir: string): Promise<string> {
  const importing = spawn(process.execPath, [TEPAT, 'import', dir], { env: hub.env });
  // Plain progress lines come every few seconds: the first one means rows are being loaded.
  const output = await outputUntil(importing, /population\/persons.csv: \d+ rows, \d+%/);
  importing.kill('SIGKILL');
  await once(importing, 'exit');
  return output;
}

async function personName(port: number, nik: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: await headersAs(hub.dataDir, AUDITOR),
    body: JSON.stringify({ query: `{ person(nik: "${nik}") { fullName } }` }),
  });
  return ((await res.json()) as { data: { person: { fullName: string } | null } }).data.person?.fullName;
}

async function usePorts() {
  for (const name of SUPERGRAPH_NAMES) hub.env[`TEPAT_${envSuffix(name)}_PORT`] = String(await getPort({ host: '127.0.0.1' }));
  hub.env.TEPAT_PORT = String(await getPort({ host: '127.0.0.1' }));
}

describe('loading data into the hub', () => {
  // Generate, import, refresh and start the whole hub: minutes when CI runs another hub beside it.
  it('imports, refreshes analytics with no hub running, then starts and serves that build (the README\'s order)', async () => {
    await usePorts();
    const folder = join(hub.dataDir, 'agency-files');
    expect(tepat('generate', '--persons', '400', '--seed', '7', '--out', folder)).toMatchObject({ status: 0 });
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    expect(tepat('import', folder)).toMatchObject({ status: 0 });
    // No import brings eligibility's rule sets: its database is created, migrated and seeded on the way.
    const refreshed = tepat('analytics', 'refresh');
    expect(refreshed.stderr).toBe('');
    expect(refreshed.stdout).toMatch(/Analytics refreshed in .* eligibility\/rule-sets\.csv 4/);

    // Ports asked for again just before the start: those asked for minutes ago, before the
    // import, may meanwhile be the local port of a connection of another test (on a PostgreSQL
    // server, there are hundreds), and a service that cannot listen stops the hub.
    await usePorts();
    const started = spawn(process.execPath, [TEPAT, 'start'], { env: hub.env });
    try {
      // The directory held data, so no demo was loaded over it.
      expect(await outputUntil(started, /Tepat is running/)).not.toMatch(/loading a demo/);
      const [program, { months }] = Object.entries(manifest.programs)[0]!;
      const [period, expected] = Object.entries(months).at(-1)!;
      const res = await fetch(`http://127.0.0.1:${hub.env.TEPAT_PORT}/graphql`, {
        method: 'POST',
        // An admin: 400 generated people leave national figures an analyst would read withheld (small cells).
        headers: await headersAs(hub.dataDir, { role: 'ADMIN', subject: 'first-run' }),
        body: JSON.stringify({
          query: 'query ($p: String!, $t: String!) { targetingAccuracy(program: $p, period: $t) { recipients eligible } }',
          variables: { p: program, t: period },
        }),
      });
      expect(await res.json()).toEqual({ data: { targetingAccuracy: { recipients: expected.recipients, eligible: expected.eligible } } });
    } finally {
      started.kill('SIGTERM');
      await once(started, 'exit');
    }
  }, 900_000);

  it('loads the demo into an empty data directory on start, then imports through the running hub', async () => {
    await usePorts();
    hub.env.TEPAT_DEMO_PERSONS = '2000';
    const demo = join(hub.dataDir, 'demo-data');
    if (onServer) {
      // The demo is for embedded storage only; a server hub is loaded by hand.
      expect(tepat('generate', '--persons', '2000', '--seed', '1', '--out', demo)).toMatchObject({ status: 0 });
      expect(tepat('import', demo)).toMatchObject({ status: 0 });
    }
    const started = spawn(process.execPath, [TEPAT, 'start'], { env: hub.env });
    try {
      const output = await outputUntil(started, /Press Ctrl\+C/);
      if (!onServer) {
        expect(output).toMatch(/empty: loading a demo data set of 2000 generated persons first[\s\S]*persons.csv: 2000 rows read, 2000 new/);
        // The demo's analytics are refreshed once the hub runs, so dashboards have figures at once.
        expect(output).toMatch(/\[analytics\] serving tepat_build_/);
      }

      // Through the gateway, as an auditor would read it.
      const port = Number(hub.env.TEPAT_PORT);
      const [, first] = readFileSync(join(demo, 'population/persons.csv'), 'utf8').split('\n');
      const [nik, , name] = first!.split(',');
      expect(await personName(port, nik!)).toBe(name);

      // Change one name and import again while the hub holds the databases.
      const changed = join(hub.dataDir, 'changed');
      cpSync(demo, changed, { recursive: true });
      const persons = join(changed, 'population/persons.csv');
      writeFileSync(persons, readFileSync(persons, 'utf8').replace(`,${name},`, ',Nama Baru,'));
      const imported = tepat('import', changed);
      expect(imported.stderr).not.toMatch(/in use/);
      expect(imported).toMatchObject({ status: 0 });
      expect(imported.stdout).toMatch(/population\/persons.csv: 2000 rows read, 0 new, 1 updated, 1999 unchanged, 0 rejected/);
      expect(await personName(port, nik!)).toBe('Nama Baru');

      // Analytics refreshes through the running hub, reading again only what the import changed.
      const refreshed = tepat('analytics', 'refresh');
      expect(refreshed).toMatchObject({ status: 0 });
      expect(refreshed.stdout).toContain('refreshing through the analytics service');
      if (!onServer) {
        expect(refreshed.stdout).toMatch(/staged population\/persons.csv: 2000 rows/);
        expect(refreshed.stdout).toMatch(/kept aid\/disbursements.csv: \d+ rows, unchanged/);
      }
      expect(tepat('analytics', 'refresh', '--full').stdout).not.toMatch(/kept /);

      // An import client killed mid-upload loads nothing, and the service goes on serving.
      const large = await largePersonsFolder(join(hub.dataDir, 'large'));
      expect(await killImportHalfWay(large)).not.toMatch(/rows read/);
      expect(await personName(port, '5101010101500002')).toBeUndefined();
      expect(await personName(port, nik!)).toBe('Nama Baru');
      expect(tepat('import', changed).stdout).toMatch(/persons.csv: 2000 rows read, 0 new, 0 updated, 2000 unchanged/);
    } finally {
      started.kill('SIGTERM');
      await once(started, 'exit');
    }
  }, 480_000);

  it('leaves the database exactly as before when an import is killed with -9 half-way through a large file', async () => {
    const small = join(hub.dataDir, 'small');
    mkdirSync(join(small, 'population'), { recursive: true });
    writeFileSync(join(small, 'population/persons.csv'), PERSONS_HEADER + '5101011203850001,5101011203100001,I Made Sutama,L,1985-03-12,HEAD,51.01.01.2001,\n');
    expect(tepat('import', small)).toMatchObject({ status: 0 });
    // What the import created and wrote is its owner's alone (issue 16 §4); `small` is this test's.
    expect(readdirSync(hub.dataDir).filter((entry) => entry !== 'small').flatMap((entry) => notOwnerOnly(join(hub.dataDir, entry)))).toEqual([]);

    const large = await largePersonsFolder(join(hub.dataDir, 'large'));

    expect(await killImportHalfWay(large)).not.toMatch(/rows read/); // killed before it finished

    const db = await openDatabase(databaseTarget('population', readSubgraphEnv('population', hub.env)));
    try {
      expect(await db.sql.query('SELECT nik, full_name FROM person')).toEqual([{ nik: '5101011203850001', full_name: 'I Made Sutama' }]);
      // The table and its indexes agree (an index rebuilt half-way would not).
      expect(await db.sql.query("SELECT count(*)::int AS n FROM person WHERE full_name ILIKE '%sutama%'")).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  }, 300_000);
});
