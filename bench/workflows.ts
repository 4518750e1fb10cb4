/**
 * Benchmark: the people's workflows on the whole hub (issues 17 and 18). `tepat start` on a
 * fresh demo, then through the gateway at 16 clients:
 *
 *   1. on the demo of N persons (default 100,000): `recipientCheck` as the public (every
 *      request another person, the right name) and `submitApplication` (every request another
 *      applicant and a new requestId, so every one is a decision of eligibility, in the
 *      programme's context, and a case written with its history);
 *   2. on a demo of M persons (default 1,000,000): an operator's screen, `searchPersons` by a
 *      common given name in its region plus a page of its `caseQueue`, after a few thousand
 *      reports were filed in that region.
 *
 *   npx tsx bench/workflows.ts [--persons N] [--operator-persons M] [--seconds S] [--max-wait W] [--skip-citizen] [--skip-operator] [--keep]
 *
 * Before each measurement it waits up to W seconds (default 600) for the 1-minute load
 * average to fall below 1.5, and says so when it measured anyway.
 *
 * Aims (issues 17, 18): p99 under 50 ms for a check, under 200 ms for an application, under
 * 100 ms for an operator's search and queue page, on this 2-core machine. Figures depend on
 * the machine; nothing is asserted.
 */
import { parseArgs } from 'node:util';
import { demoPersons, type DemoPerson } from './support/demo-persons.js';
import { oneDecimal, whole } from './support/format.js';
import { describeCpu } from './support/cpu.js';
import { hubSetup, startHub, type BenchHub } from './support/hub.js';
import { runLoad, type LoadResult } from './support/load.js';
import { positiveInteger } from './support/options.js';
import { waitForQuiet } from './support/quiet.js';
import { printTable } from './support/table.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    'operator-persons': { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '30' },
    'max-wait': { type: 'string', default: '600' },
    'skip-citizen': { type: 'boolean', default: false },
    'skip-operator': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const PERSONS = positiveInteger('persons', values.persons);
const OPERATOR_PERSONS = positiveInteger('operator-persons', values['operator-persons']);
const SECONDS = positiveInteger('seconds', values.seconds);
const MAX_WAIT = positiveInteger('max-wait', values['max-wait']);
const CLIENTS = 16;
const WARM_UP_SECONDS = 5;

const answered = (status: number, body: string) => status === 200 && !body.includes('"errors"');
const rows: (string | number)[][] = [];
const summary: string[] = [];

function record(label: string, aimMs: number, r: LoadResult, load: number) {
  rows.push([label, CLIENTS, whole(r.requests), whole(r.rps), oneDecimal(r.p50), oneDecimal(r.p99), oneDecimal(r.max), whole(r.errors), load.toFixed(2)]);
  summary.push(`${label}: p99 ${oneDecimal(r.p99)} ms against an aim of ${aimMs} ms: ${r.p99 < aimMs ? 'met' : 'not met'}${r.errors ? ` (${r.errors} errors; first: ${r.firstError})` : ''}`);
  // Which process the path is bound by: one at 100 % of a core is the limit, whatever the others do.
  summary.push(`  ${describeCpu(r.cpu)}`);
}

async function measure(label: string, aimMs: number, hub: BenchHub, options: Omit<Parameters<typeof runLoad>[0], 'seconds' | 'connections' | 'ok' | 'processes'>) {
  // A short run first: the first answers warm the gateway's plans and the services' caches.
  await runLoad({ ...options, connections: CLIENTS, seconds: WARM_UP_SECONDS, ok: answered });
  const load = await waitForQuiet(label, { maxSeconds: MAX_WAIT });
  record(label, aimMs, await runLoad({ ...options, connections: CLIENTS, seconds: SECONDS, ok: answered, processes: hub.services() }), load);
}

async function citizenPaths() {
  console.log(`Starting the hub on a demo of ${whole(PERSONS)} persons ...`);
  const hub = await startHub(await hubSetup({ persons: PERSONS }), { keep: values.keep });
  try {
    const persons = demoPersons(hub.demoFolder);
    let next = 0;
    const person = () => persons[next++ % persons.length]!;
    await measure('recipientCheck (public)', 50, hub, {
      url: hub.gatewayUrl,
      headers: () => ({}),
      body: () => {
        const p = person();
        return JSON.stringify({
          query: 'query ($nik: String!, $name: String!) { recipientCheck(nik: $nik, name: $name) { matched period programs { program amount } familyPrograms { program amount } } }',
          variables: { nik: p.nik, name: p.name },
        });
      },
    });
    // Each application another applicant and requestId: one decision and one case each.
    let applications = 0;
    await measure('submitApplication (public, BLT)', 200, hub, {
      url: hub.gatewayUrl,
      headers: () => ({}),
      body: () => {
        const p = persons[applications++ % persons.length]!;
        return JSON.stringify({
          query: 'mutation ($nik: String!, $name: String!, $id: String!) { submitApplication(program: "BLT", nik: $nik, name: $name, requestId: $id) { receipt status reasons } }',
          variables: { nik: p.nik, name: p.name, id: `bench-${applications}-${p.nik}` },
        });
      },
    });
    if (applications > persons.length) summary.push('  (more applications than persons: later ones were refused as a second open application)');
  } finally {
    await hub.stop();
  }
}

async function operatorScreen() {
  console.log(`Starting the hub on a demo of ${whole(OPERATOR_PERSONS)} persons (generating and importing takes minutes) ...`);
  const hub = await startHub(await hubSetup({ persons: OPERATOR_PERSONS }), { keep: values.keep });
  try {
    const persons = demoPersons(hub.demoFolder);
    // The operator's region: the regency with the most people, as a large kabupaten's office.
    const byRegency = new Map<string, DemoPerson[]>();
    for (const p of persons) {
      const regency = p.village.slice(0, 5);
      byRegency.set(regency, [...(byRegency.get(regency) ?? []), p]);
    }
    const [region, people] = [...byRegency.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const facilitator = await hub.token({ role: 'FACILITATOR', region, subject: 'bench-facilitator' });
    const operator = await hub.token({ role: 'OPERATOR', region, subject: 'bench-operator' });
    console.log(`  region ${region}: ${whole(people.length)} persons; filing reports for ${Math.min(2000, people.length)} of them ...`);
    const filing = performance.now();
    for (const [i, p] of people.slice(0, 2000).entries()) {
      await fetch(hub.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitator}` },
        body: JSON.stringify({
          query: 'mutation ($nik: String!, $name: String!, $id: String!) { submitReport(nik: $nik, name: $name, reason: "bench", requestId: $id) { status } }',
          variables: { nik: p.nik, name: p.name, id: `bench-report-${i}` },
        }),
      });
    }
    summary.push(`filing ${Math.min(2000, people.length)} reports one at a time (a family check each) took ${oneDecimal((performance.now() - filing) / 1000)} s`);
    // Given names people search by, taken from the region's own people.
    const given = [...new Set(people.slice(0, 500).map((p) => p.name.split(' ')[0]!))];
    let n = 0;
    await measure(`operator: searchPersons + caseQueue page (${region})`, 100, hub, {
      url: hub.gatewayUrl,
      headers: () => ({ authorization: `Bearer ${operator}` }),
      body: () => {
        n++;
        return JSON.stringify({
          query: `query ($name: String!, $offset: Int!) {
            searchPersons(name: $name, first: 20) { persons { nik fullName villageCode } }
            caseQueue(first: 20, offset: $offset) { total cases { receipt kind caseStatus filedAt overdue } }
          }`,
          variables: { name: given[n % given.length], offset: (n * 20) % 1000 },
        });
      },
    });
  } finally {
    await hub.stop();
  }
}

if (!values['skip-citizen']) await citizenPaths();
if (!values['skip-operator']) await operatorScreen();
console.log('');
printTable(['path', 'clients', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'load before'], rows);
for (const line of summary) console.log(line);
