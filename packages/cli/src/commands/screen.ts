/**
 * `tepat screen --rule-set CODE --in niks.csv --out decisions.csv [--as-of D] [--batch N]`:
 * screens a file of any size through the gateway's eligibilityBatch, a few batches in flight
 * (each batch passes through several processes in turn, so one batch alone leaves cores
 * idle), writing one row per NIK in input order. Interrupted, it resumes after the last
 * complete row of the output (same rule set and as-of date), so a million NIKs never start
 * over.
 */
import { dateArg, isSixteenDigits, todayInJakarta } from '@tepat/core';
import { readHubEnv } from '@tepat/subgraph-kit';
import { createReadStream, existsSync, openSync, readFileSync, statSync, truncateSync, writeSync, closeSync, fsyncSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileProgress } from '../import/progress.js';

const HEADER = 'nik,decision,rule_set,rule_set_version,as_of,failed_checks,unknown_checks,program';
const MAX_BATCH = 10_000;
const MAX_CONCURRENCY = 8;

interface ScreenOptions {
  ruleSet: string;
  /** The programme the screening is for (RULES.md, Programme context). */
  program?: string;
  in: string;
  out: string;
  asOf?: string;
  batch?: string;
  token?: string;
  purpose?: string;
  concurrency?: string;
}

interface Result {
  nik: string;
  decision: string;
  ruleSet: string;
  ruleSetVersion: number;
  program: string | null;
  asOf: string;
  checks: { code: string; status: string }[];
}

export async function screenCommand(options: ScreenOptions): Promise<void> {
  const batchSize = Number(options.batch ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) throw new Error(`--batch must be from 1 to ${MAX_BATCH}.`);
  const concurrency = Number(options.concurrency ?? 2);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new Error(`--concurrency must be from 1 to ${MAX_CONCURRENCY}.`);
  }
  if (!existsSync(options.in)) throw new Error(`--in ${options.in} does not exist.`);
  const resumed = readDone(options.out, options.ruleSet, options.program ?? '');
  const asOf = options.asOf ? dateArgOrExit(options.asOf) : (resumed?.asOf ?? todayInJakarta());
  if (resumed?.asOf && resumed.asOf !== asOf) {
    throw new Error(`${options.out} was screened as of ${resumed.asOf}; resume with --as-of ${resumed.asOf} or write to another file.`);
  }
  const done = resumed?.rows ?? 0;
  const { gatewayUrl } = readHubEnv();
  const token = options.token ?? process.env.TEPAT_TOKEN;
  if (!token) throw new Error('tepat screen needs a bearer token: --token or TEPAT_TOKEN (make one with tepat token --role AUDITOR, for example).');
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  if (options.purpose) headers['x-tepat-purpose'] = options.purpose;

  const out = openSync(options.out, 'a');
  if (done === 0 && statSync(options.out).size === 0) writeSync(out, HEADER + '\n');
  if (done > 0) console.error(`Resuming after ${done} NIKs already in ${options.out}.`);
  const progress = fileProgress(`screen ${options.ruleSet}`, statSync(options.in).size);
  let seen = 0;
  let bytes = 0;
  let batch: string[] = [];
  const started = Date.now();
  // Batches asked for, oldest first; each is written only after every batch before it.
  const inFlight: Promise<Result[]>[] = [];
  const writeOldest = async () => {
    const results = await inFlight.shift()!;
    writeSync(out, results.map(row).join(''));
    // On disk before more is asked for: a kill loses at most the batches in flight.
    fsyncSync(out);
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const request = screenBatch(gatewayUrl, headers, batch, options.ruleSet, asOf, options.program);
    // Its failure is reported when its turn to be written comes, not as an unhandled rejection.
    request.catch(() => {});
    inFlight.push(request);
    batch = [];
    if (inFlight.length >= concurrency) await writeOldest();
  };
  try {
    const lines = createInterface({ input: createReadStream(options.in).on('data', (c) => (bytes += c.length)), crlfDelay: Infinity });
    let first = true;
    for await (const line of lines) {
      const nik = line.split(',')[0]!.trim().replace(/^"|"$/g, '');
      if (first && !isSixteenDigits(nik)) {
        first = false; // a header such as `nik`
        continue;
      }
      first = false;
      if (nik === '') continue;
      if (seen++ < done) continue;
      if (!isSixteenDigits(nik)) throw new Error(`${options.in}: "${nik.slice(0, 20)}" (NIK number ${seen}) is not 16 digits.`);
      batch.push(nik);
      if (batch.length >= batchSize) {
        await flush();
        progress.update(seen, bytes);
      }
    }
    await flush();
    while (inFlight.length > 0) await writeOldest();
  } finally {
    progress.stop();
    closeSync(out);
  }
  const screened = seen - done;
  const seconds = (Date.now() - started) / 1000;
  const context = options.program ? ` for ${options.program}` : '';
  console.log(`Screened ${screened} NIKs under ${options.ruleSet}${context} as of ${asOf} in ${seconds.toFixed(1)} s (${Math.round(screened / Math.max(seconds, 0.001))} NIKs/s): ${options.out}`);
}

function dateArgOrExit(value: string): string {
  try {
    return dateArg('asOf', value);
  } catch {
    throw new Error(`--as-of must be a date YYYY-MM-DD that exists; got "${value.slice(0, 20)}".`);
  }
}

function row(r: Result): string {
  const codes = (status: string) => r.checks.filter((c) => c.status === status).map((c) => c.code).join(';');
  return `${r.nik},${r.decision},${r.ruleSet},${r.ruleSetVersion},${r.asOf},${codes('FAIL')},${codes('UNKNOWN')},${r.program ?? ''}\n`;
}

/**
 * What an earlier run left: complete rows (a line cut by a kill is removed), and their
 * as-of date; refuses an output of another rule set or programme.
 */
function readDone(path: string, ruleSet: string, program: string): { rows: number; asOf: string | null } | undefined {
  if (!existsSync(path) || statSync(path).size === 0) return undefined;
  const text = readFileSync(path, 'utf8');
  if (!text.startsWith(HEADER)) throw new Error(`${path} exists and is not a screen output; choose another --out.`);
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, complete)));
  const rows = text.slice(0, complete).split('\n').slice(1, -1);
  const first = rows[0]?.split(',');
  if (first && first[2] !== ruleSet) throw new Error(`${path} holds decisions under ${first[2]}, not ${ruleSet}; choose another --out.`);
  if (first && first[7] !== program) {
    throw new Error(`${path} holds decisions for ${first[7] || 'no programme'}, not ${program || 'no programme'}; choose another --out.`);
  }
  return { rows: rows.length, asOf: first?.[4] ?? null };
}

async function screenBatch(
  gatewayUrl: string,
  headers: Record<string, string>,
  niks: string[],
  ruleSet: string,
  asOf: string,
  program: string | undefined,
): Promise<Result[]> {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      query: `query Screen($niks: [String!]!, $ruleSet: String!, $asOf: String, $program: String) {
        eligibilityBatch(niks: $niks, ruleSet: $ruleSet, asOf: $asOf, program: $program) { nik decision ruleSet ruleSetVersion program asOf checks { code status } }
      }`,
      variables: { niks, ruleSet, asOf, program },
    }),
  }).catch(() => {
    throw new Error(`The gateway at ${gatewayUrl} could not be reached; start the hub (npm start) and run the same command again to resume.`);
  });
  const body = (await res.json()) as { data?: { eligibilityBatch: Result[] } | null; errors?: { message: string }[] };
  if (!body.data?.eligibilityBatch) throw new Error(`The gateway refused the batch: ${body.errors?.map((e) => e.message).join('; ')}`);
  return body.data.eligibilityBatch;
}
