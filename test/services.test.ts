// One service per process, as a real deployment runs them: every subgraph and the gateway
// started alone with `tepat serve`, addresses from the environment. A subgraph process
// killed with -9 makes its checks UNKNOWN until it is started again; the decision log
// survives its own process being killed; `tepat screen` resumes where it stopped.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { envSuffix, SUBGRAPH_NAMES, SUPERGRAPH_NAMES, type SubgraphName } from '@tepat/subgraph-kit';
import { createTestHubEnv } from '@tepat/subgraph-kit/testing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, AUDITOR, headersAs, type Claims } from './support/tokens.js';
import getPort from 'get-port';

const TEPAT = new URL('../packages/cli/bin/tepat.js', import.meta.url).pathname;
const JOKO = '3301010101900001'; // DTKS decile 3, active: eligible under DTKS
const SARI = '3301014202920002'; // not in DTKS

let hub: Awaited<ReturnType<typeof createTestHubEnv>>;
const services = new Map<string, ChildProcess>();


/** Starts `tepat serve <name>` and resolves once it serves. */
async function serve(name: SubgraphName | 'gateway'): Promise<void> {
  const child = spawn(process.execPath, [TEPAT, 'serve', name], { env: hub.env });
  services.set(name, child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/serving http/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
}

async function kill(name: SubgraphName): Promise<void> {
  const child = services.get(name)!;
  child.kill('SIGKILL');
  await once(child, 'exit');
}

/** One operation through the gateway; as ADMIN unless said, whose reads are not access-logged. */
async function gateway<Data = any>(query: string, as: Claims = ADMIN): Promise<{ data?: Data; errors?: any[] }> {
  const res = await fetch(`http://127.0.0.1:${hub.env.TEPAT_PORT}/graphql`, {
    method: 'POST',
    headers: await headersAs(hub.dataDir, as),
    body: JSON.stringify({ query }),
  });
  return res.json() as never;
}

const decide = async (nik: string) =>
  (await gateway(`{ eligibility(nik: "${nik}", ruleSet: "DTKS", asOf: "2025-06-30") { decision checks { code status reason } } }`)).data!
    .eligibility as { decision: string; checks: { code: string; status: string; reason: string | null }[] };

/**
 * The decision once every service has answered a first time: a process just started (or
 * started again) may miss the timeout on its first questions while it warms up, which is the
 * UNDETERMINED the hub should give then; the tests below are about what comes after.
 */
async function decideWhenWarm(nik: string) {
  for (let attempt = 1; ; attempt++) {
    const answer = await decide(nik);
    if (answer.decision !== 'UNDETERMINED' || attempt === 5) return answer;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function tepat(...args: string[]) {
  return spawnSync(process.execPath, [TEPAT, ...args], { env: hub.env, encoding: 'utf8' });
}

beforeAll(async () => {
  hub = await createTestHubEnv();
  hub.env.NODE_OPTIONS = '';
  hub.env.TEPAT_PORT = String(await getPort({ host: '127.0.0.1' }));
  // Short, so a subgraph that hangs is given up on within the test; above what a cold or
  // busy (CI runs two suites at once) service takes to answer its first questions.
  hub.env.TEPAT_SUBGRAPH_TIMEOUT_MS = '4000';
  for (const name of SUPERGRAPH_NAMES) hub.env[`TEPAT_${envSuffix(name)}_PORT`] = String(await getPort({ host: '127.0.0.1' }));
  await Promise.all(SUBGRAPH_NAMES.map(serve));
  await serve('gateway');

  const data = join(hub.dataDir, 'data');
  mkdirSync(join(data, 'population'), { recursive: true });
  mkdirSync(join(data, 'dtks'), { recursive: true });
  writeFileSync(
    join(data, 'population/persons.csv'),
    'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date\n' +
      `${JOKO},3301010101100001,Joko,L,1990-01-01,HEAD,33.01.01.2001,\n` +
      `${SARI},3301010101100001,Sari,P,1992-02-02,SPOUSE,33.01.01.2001,\n`,
  );
  writeFileSync(join(data, 'dtks/members.csv'), `nik,kk,decile,status,status_reason,updated_on\n${JOKO},3301010101100001,3,ACTIVE,,2024-01-01\n`);
  mkdirSync(join(data, 'aid'), { recursive: true });
  writeFileSync(join(data, 'aid/programs.csv'), 'code,name,unit,rule_set\nBLT,Bantuan Langsung Tunai,PERSON,DTKS\n');
  // Into the running services: their embedded databases are theirs alone.
  const imported = tepat('import', data);
  expect(imported.stderr).not.toMatch(/in use/);
  expect(imported.status).toBe(0);
}, 300_000);

afterAll(async () => {
  for (const child of services.values()) {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  await hub.cleanup();
});

describe('services in separate processes', () => {
  it('answer through the gateway, fail closed while dtks is killed, and recover when it is back', async () => {
    expect((await decideWhenWarm(JOKO)).decision).toBe('ELIGIBLE');

    await kill('dtks');
    const down = await decide(JOKO);
    expect(down.decision).toBe('UNDETERMINED');
    expect(down.checks.filter((c) => c.status === 'UNKNOWN').map((c) => c.code)).toEqual(['IN_DTKS', 'WELFARE_DECILE']);
    expect(down.checks.find((c) => c.code === 'IN_DTKS')!.reason).toMatch(/dtks service could not answer/);

    await serve('dtks');
    expect((await decideWhenWarm(JOKO)).decision).toBe('ELIGIBLE');
  }, 120_000);

  it('gives up on a subgraph slower than its timeout, and uses it again once it answers', async () => {
    const civil = services.get('civil-service')!;
    civil.kill('SIGSTOP'); // hangs: connections are accepted but nothing answers
    try {
      const started = Date.now();
      const slow = await decide(JOKO);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(slow.decision).toBe('UNDETERMINED');
      expect(slow.checks.find((c) => c.code === 'NOT_CIVIL_SERVANT')).toMatchObject({ status: 'UNKNOWN', reason: expect.stringMatching(/civil-service/) });
    } finally {
      civil.kill('SIGCONT');
    }
    expect((await decideWhenWarm(JOKO)).decision).toBe('ELIGIBLE');
  }, 60_000);

  it('keeps the decision log when the eligibility process is killed with -9', async () => {
    await decide(SARI);
    await kill('eligibility');
    await serve('eligibility');
    const log = await gateway(`{ decisions(nik: "${SARI}") { nik decision ruleSet } }`);
    expect(log.data.decisions).toContainEqual({ nik: SARI, decision: 'INELIGIBLE', ruleSet: 'DTKS' });
  }, 120_000);

  it('keeps the access log when the audit process is killed with -9 right after a read', async () => {
    const read = await gateway(`{ person(nik: "${JOKO}") { fullName } }`, { ...AUDITOR, subject: 'auditor-kill', purpose: 'case kill-9' });
    expect(read.data.person.fullName).toBe('Joko');
    await kill('audit');
    await serve('audit');
    const log = await gateway('{ accessLog(subject: "auditor-kill") { callerRole purpose niks } }');
    expect(log.data.accessLog).toEqual([{ callerRole: 'AUDITOR', purpose: 'case kill-9', niks: [JOKO] }]);
  }, 120_000);

  it('refuses a request sent straight to a subgraph process', async () => {
    const res = await fetch(`http://127.0.0.1:${hub.env.TEPAT_POPULATION_PORT}/graphql`, {
      method: 'POST',
      headers: await headersAs(hub.dataDir, AUDITOR),
      body: JSON.stringify({ query: `{ person(nik: "${JOKO}") { fullName } }` }),
    });
    expect(res.status).toBe(401);
  });

  it('screens a file through the gateway and resumes an interrupted run where it stopped', async () => {
    // The tests above started eligibility again: warm, so the screen's first batch meets no cold service.
    await decideWhenWarm(JOKO);
    const input = join(hub.dataDir, 'niks.csv');
    // 2,500 NIKs: the two people, then well-formed NIKs population does not know.
    const niks = [JOKO, SARI, ...Array.from({ length: 2_498 }, (_, i) => `33010107079${String(i).padStart(5, '0')}`)];
    writeFileSync(input, 'nik\n' + niks.join('\n') + '\n');
    const out = join(hub.dataDir, 'decisions.csv');
    hub.env.TEPAT_TOKEN = (await headersAs(hub.dataDir, ADMIN)).authorization!.slice('Bearer '.length);
    const full = tepat('screen', '--rule-set', 'DTKS', '--in', input, '--out', out, '--as-of', '2025-06-30', '--batch', '1000');
    expect(full.status).toBe(0);
    const complete = readFileSync(out, 'utf8');
    const rows = complete.trim().split('\n');
    expect(rows[0]).toBe('nik,decision,rule_set,rule_set_version,as_of,failed_checks,unknown_checks,program');
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(niks);
    expect(rows[1]).toBe(`${JOKO},ELIGIBLE,DTKS,1,2025-06-30,,,`);
    expect(rows[2]).toBe(`${SARI},INELIGIBLE,DTKS,1,2025-06-30,IN_DTKS;WELFARE_DECILE,,`);
    expect(rows[3]).toMatch(/^330101070790000\d,INELIGIBLE,DTKS,1,2025-06-30,IDENTITY,,$/);

    // As a kill leaves it: 1,200 rows and half of the next one.
    writeFileSync(out, rows.slice(0, 1201).join('\n') + '\n' + rows[1201]!.slice(0, 9));
    const resumed = tepat('screen', '--rule-set', 'DTKS', '--in', input, '--out', out, '--batch', '1000');
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming after 1200 NIKs/);
    expect(readFileSync(out, 'utf8')).toBe(complete);
    // Another programme's context is another screening: not resumed into this file.
    const mixed = tepat('screen', '--rule-set', 'DTKS', '--program', 'BLT', '--in', input, '--out', out);
    expect(mixed.status).toBe(1);
    expect(mixed.stderr).toMatch(/holds decisions for no programme, not BLT/);
  }, 180_000);

  it('screens in a programme\'s context with --program, and refuses a programme the hub does not know', async () => {
    const input = join(hub.dataDir, 'two.csv');
    writeFileSync(input, `${JOKO}\n${SARI}\n`);
    const out = join(hub.dataDir, 'blt.csv');
    const run = tepat('screen', '--rule-set', 'DTKS', '--program', 'BLT', '--in', input, '--out', out, '--as-of', '2025-06-30');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/under DTKS for BLT/);
    expect(readFileSync(out, 'utf8').trim().split('\n').slice(1)).toEqual([`${JOKO},ELIGIBLE,DTKS,1,2025-06-30,,,BLT`, `${SARI},INELIGIBLE,DTKS,1,2025-06-30,IN_DTKS;WELFARE_DECILE,,BLT`]);
    const unknown = tepat('screen', '--rule-set', 'DTKS', '--program', 'NOPE', '--in', input, '--out', join(hub.dataDir, 'nope.csv'));
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Argument "program" names no known programme/);
  }, 60_000);
});
