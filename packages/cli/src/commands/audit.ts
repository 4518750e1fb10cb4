/**
 * `tepat audit verify`, `anchor` and `rederive` (issue 21): the decision and access logs'
 * hash chains checked row by row and against the published anchors, anchors written, and
 * stored decisions decided again from their evidence.
 * Both open eligibility's database themselves; while an embedded hub holds it, verify asks
 * the running hub instead (`logChains`, with a short ADMIN token made from this hub's key).
 */
import { issueToken, userTokenKeys } from '@tepat/auth';
import { dateArg } from '@tepat/core';
import { DataDirInUseError, databaseTarget, openAndMigrate, readHubEnv, readSubgraphEnv } from '@tepat/subgraph-kit';
import { resolve } from 'node:path';
import { subgraphs } from '../subgraphs.js';

interface Report {
  log: string;
  rows: number;
  headSeq: string;
  headHash: string;
  anchorsChecked: number;
  broken: { problem: string; message: string } | null;
}

export async function auditVerifyCommand(options: { anchors?: string }): Promise<void> {
  const reports = await withEligibility(
    async (eligibility, query, anchorsFile) => {
      const anchors = eligibility.readAnchors(options.anchors ? resolve(options.anchors) : anchorsFile);
      const out: Report[] = [];
      for (const log of eligibility.CHAINED_LOGS) {
        const r = await eligibility.verifyChain(query, log, anchors);
        out.push({ log, rows: r.rows, headSeq: r.head.seq, headHash: r.head.hash, anchorsChecked: r.anchorsChecked, broken: r.broken });
      }
      return out;
    },
    async () => {
      if (options.anchors) throw new Error('the hub is running and checks its own anchors file; stop it to verify against --anchors.');
      return askHub();
    },
  );
  for (const r of reports) {
    const state = r.broken ? `BROKEN (${r.broken.problem}): ${r.broken.message}` : 'intact';
    console.log(`${r.log} log: ${r.rows} rows, head ${r.headSeq} ${r.headHash}, ${r.anchorsChecked} anchors checked: ${state}`);
  }
  if (reports.some((r) => r.broken)) process.exitCode = 1;
}

export async function auditAnchorCommand(options: { through?: string; anchors?: string }): Promise<void> {
  const through = options.through ? dateArg('--through', options.through) : (await import('@tepat/eligibility')).lastCompleteDay();
  const written = await withEligibility(
    async (eligibility, query, anchorsFile) => {
      const file = options.anchors ? resolve(options.anchors) : anchorsFile;
      const anchors = await eligibility.anchorDays(query, file, through);
      return { file, anchors };
    },
    () => {
      throw new Error('the hub is running and anchors every complete day itself, hourly; stop it to anchor on demand.');
    },
  );
  for (const a of written.anchors) console.log(`${a.log} ${a.day}: position ${a.seq} ${a.hash}`);
  console.log(`${written.anchors.length} anchors written to ${written.file} (days through ${through}).`);
}

export async function auditRederiveCommand(options: { from?: string; to?: string }): Promise<void> {
  const span = { from: options.from ? dateArg('--from', options.from) : undefined, to: options.to ? dateArg('--to', options.to) : undefined };
  const started = Date.now();
  const report = await withEligibility(
    (eligibility, query) => eligibility.rederiveDecisions(query, span),
    () => {
      throw new Error("the hub is running and holds eligibility's embedded database; stop it to rederive.");
    },
  );
  for (const e of report.examples) {
    console.log(`decision ${e.id} (${e.ruleSet} v${e.ruleSetVersion}): stored ${e.stored}, its evidence gives ${e.again}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${report.checked} decisions decided again from their evidence in ${seconds} s: ${report.differing} differ.`);
  if (report.differing > 0) process.exitCode = 1;
}

type Eligibility = typeof import('@tepat/eligibility');

/** Runs `work` on eligibility's database, or `whileServed` when a running hub holds it. */
async function withEligibility<T>(
  work: (eligibility: Eligibility, query: import('@tepat/eligibility').Query, anchorsFile: string) => Promise<T>,
  whileServed: () => Promise<T> | T,
): Promise<T> {
  const eligibility = await import('@tepat/eligibility');
  let opened;
  try {
    opened = await openAndMigrate(await subgraphs.eligibility(), databaseTarget('eligibility', readSubgraphEnv('eligibility')));
  } catch (error) {
    if (error instanceof DataDirInUseError) return whileServed();
    throw error;
  }
  try {
    return await work(eligibility, (text, params) => opened.db.sql.query(text, params), eligibility.readEligibilityEnv().anchorsFile);
  } finally {
    await opened.db.close();
  }
}

async function askHub(): Promise<Report[]> {
  const hub = readHubEnv();
  const keys = userTokenKeys(hub.auth);
  if (keys.kind !== 'secret') throw new Error('the hub holds the database and accepts tokens from TEPAT_JWKS_URL only: ask it for logChains as AUDITOR or ADMIN.');
  const token = await issueToken({ role: 'ADMIN', subject: 'tepat audit verify', ttl: '5m' }, keys.secret);
  const res = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ logChains { log rows headSeq headHash anchorsChecked broken { problem message } } }' }),
  });
  const body = (await res.json()) as { data?: { logChains: Report[] }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`the hub did not verify the logs: ${body.errors?.[0]?.message ?? res.status}`);
  return body.data.logChains;
}
