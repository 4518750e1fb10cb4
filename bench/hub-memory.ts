/**
 * The whole hub's resident memory (issue 20's memory aim): `tepat start` on a demo of N
 * persons, each of its processes' resident memory (VmRSS, and of it what is the process's own
 * (RssAnon) and what are mapped files such as libraries (RssFile)) SECONDS after the banner;
 * with `--screen M`, again right after `tepat screen` of M NIKs (the demo's NIKs repeated, rule
 * set DTKS, batches of 10,000, as bench/eligibility.ts screens) and SECONDS after that. The
 * data directory may be given to reuse a demo already imported (the first start generates and
 * imports it).
 *
 *   npx tsx bench/hub-memory.ts [--persons 20000] [--data-dir DIR] [--seconds 10] [--screen M]
 *
 * Figures depend on the machine; nothing is asserted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AS_OF, BATCH, RULE_SET_CODE } from './eligibility/checks.js';
import { demoPersons } from './support/demo-persons.js';
import { whole } from './support/format.js';
import { hubSetup, startHub, TEPAT, type BenchHub } from './support/hub.js';
import { positiveInteger } from './support/options.js';
import { spawnNode } from './support/processes.js';
import { printTable } from './support/table.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    'data-dir': { type: 'string' },
    seconds: { type: 'string', default: '10' },
    screen: { type: 'string' },
  },
});
const persons = positiveInteger('persons', values.persons);
const seconds = positiveInteger('seconds', values.seconds);
const screen = values.screen === undefined ? 0 : positiveInteger('screen', values.screen);

/** VmRSS, RssAnon and RssFile of a live process, MB (zeros when it is gone). */
function residentOf(pid: number): { rss: number; anon: number; file: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rss: 0, anon: 0, file: 0 };
  }
  const mb = (field: string) => Math.round(Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024);
  return { rss: mb('VmRSS'), anon: mb('RssAnon'), file: mb('RssFile') };
}

function printResident(hub: BenchHub, title: string): void {
  const rows = [...hub.services()].map(([name, pid]) => ({ name, ...residentOf(pid) }));
  const sum = (key: 'rss' | 'anon' | 'file') => rows.reduce((total, row) => total + row[key], 0);
  console.log(`\n${title}:`);
  printTable(
    ['process', 'resident MB', 'own (anon) MB', 'files MB'],
    [...rows.map((r) => [r.name, whole(r.rss), whole(r.anon), whole(r.file)]), ['the whole hub', whole(sum('rss')), whole(sum('anon')), whole(sum('file'))]],
  );
}

const pause = () => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

async function screenThrough(hub: BenchHub, count: number): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'tepat-hub-memory-'));
  try {
    const niks = demoPersons(hub.demoFolder).map((p) => p.nik);
    const niksFile = join(scratch, 'niks.csv');
    writeFileSync(niksFile, `nik\n${Array.from({ length: count }, (_, i) => niks[i % niks.length]).join('\n')}\n`);
    const token = await hub.token({ role: 'ADMIN', subject: 'bench' });
    const args = ['screen', '--rule-set', RULE_SET_CODE, '--in', niksFile, '--out', join(scratch, 'decisions.csv'), '--batch', String(BATCH), '--as-of', AS_OF, '--token', token];
    const child = spawnNode([TEPAT, ...args], { env: { ...hub.env, TEPAT_GATEWAY_URL: hub.gatewayUrl } });
    const code = await child.exited;
    if (code !== 0) throw new Error(`tepat screen failed (exit code ${code}):\n${child.tail()}`);
    console.log(`\n${child.tail().trim().split('\n').at(-1)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const hub = await startHub(await hubSetup({ persons, dataDir: values['data-dir'] }), { keep: Boolean(values['data-dir']) });
try {
  await pause();
  printResident(hub, `${whole(persons)} demo persons, ${seconds} s after the banner`);
  if (screen > 0) {
    await screenThrough(hub, screen);
    printResident(hub, `right after the screening of ${whole(screen)} NIKs`);
    await pause();
    printResident(hub, `${seconds} s later`);
  }
} finally {
  await hub.stop();
}
