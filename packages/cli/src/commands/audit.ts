/**
 * `tepat audit verify`, `anchor`, `rederive` and `move-access-log` (issue 21): the decision
 * log's (eligibility) and the access log's (audit) hash chains checked row by row and against
 * the published anchors, anchors written, stored decisions decided again from their evidence,
 * and the access log moved out of eligibility's database where an older hub kept it.
 * They open the services' databases themselves; while an embedded hub holds them, verify asks
 * the running hub instead (`decisionLogChain`, `accessLogChain`, with a short ADMIN token
 * made from this hub's key).
 */
import { moveAccessLog } from '@tepat/audit';
import { issueToken, userTokenKeys } from '@tepat/auth';
import { dateArg } from '@tepat/core';
import {
  anchorDays,
  anchorsFile,
  DataDirInUseError,
  databaseTarget,
  embeddedDatabaseMissing,
  lastCompleteDay,
  logsKeptBy,
  openAndMigrate,
  readAnchors,
  readHubEnv,
  readSubgraphEnv,
  verifyChain,
  type Sql,
} from '@tepat/subgraph-kit';
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

/** The services whose databases keep a chained log. */
const KEEPERS = ['eligibility', 'audit'] as const;
type Keeper = (typeof KEEPERS)[number];

export async function auditVerifyCommand(options: { anchors?: string }): Promise<void> {
  const reports = await withKeepers(
    async (sql) => {
      const anchors = readAnchors(options.anchors ? resolve(options.anchors) : anchorsFile());
      const out: Report[] = [];
      for (const keeper of KEEPERS) {
        for (const log of logsKeptBy(keeper)) {
          const r = await verifyChain(sql[keeper], log, anchors);
          out.push({ log, rows: r.rows, headSeq: r.head.seq, headHash: r.head.hash, anchorsChecked: r.anchorsChecked, broken: r.broken });
        }
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
  const through = options.through ? dateArg('--through', options.through) : lastCompleteDay();
  const file = options.anchors ? resolve(options.anchors) : anchorsFile();
  const written = await withKeepers(
    async (sql) => {
      const out = [];
      for (const keeper of KEEPERS) out.push(...(await anchorDays(sql[keeper], logsKeptBy(keeper), file, through)));
      return out;
    },
    () => {
      throw new Error('the hub is running and anchors every complete day itself, hourly; stop it to anchor on demand.');
    },
  );
  for (const a of written) console.log(`${a.log} ${a.day}: position ${a.seq} ${a.hash}`);
  console.log(`${written.length} anchors written to ${file} (days through ${through}).`);
}

export async function auditRederiveCommand(options: { from?: string; to?: string }): Promise<void> {
  const span = { from: options.from ? dateArg('--from', options.from) : undefined, to: options.to ? dateArg('--to', options.to) : undefined };
  const started = Date.now();
  const { rederiveDecisions } = await import('@tepat/eligibility');
  const report = await withKeepers(
    (sql) => rederiveDecisions(sql.eligibility, span),
    () => {
      throw new Error("the hub is running and holds eligibility's embedded database; stop it to rederive.");
    },
    ['eligibility'],
  );
  for (const e of report.examples) {
    console.log(`decision ${e.id} (${e.ruleSet} v${e.ruleSetVersion}): stored ${e.stored}, its evidence gives ${e.again}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${report.checked} decisions decided again from their evidence in ${seconds} s: ${report.differing} differ.`);
  if (report.differing > 0) process.exitCode = 1;
}

/** `tepat audit move-access-log`; `tepat start` runs the same before it starts the services. */
export async function auditMoveAccessLogCommand(): Promise<void> {
  const result = await withKeepers(
    (sql) => moveAccessLog(sql.eligibility, sql.audit),
    () => {
      throw new Error("the hub is running and holds the services' embedded databases; stop it to move the access log.");
    },
  );
  console.log(
    result.moved
      ? `The access log (${result.rows} rows, head ${result.head.seq} ${result.head.hash}) moved from eligibility's database to audit's.`
      : "Eligibility's database holds no access log: nothing to move.",
  );
}

/**
 * `tepat start`, before the services: a hub that kept its access log in eligibility's
 * database has it moved on the first start with an audit service (an embedded audit database
 * not made yet, or a server). A refusal is reported and the hub starts: the older log stays
 * where it is for an auditor, and reads from now on are logged by the audit service.
 */
export async function moveAccessLogBeforeStart(): Promise<void> {
  const eligibility = databaseTarget('eligibility', readSubgraphEnv('eligibility'));
  const audit = databaseTarget('audit', readSubgraphEnv('audit'));
  // (The audit directory may exist before its database: the anchors file is kept there.)
  if (embeddedDatabaseMissing(eligibility) || ('dir' in audit && !embeddedDatabaseMissing(audit))) return;
  try {
    // A hub already running holds the databases; starting another fails on its own, saying so.
    const result = await withKeepers((sql) => moveAccessLog(sql.eligibility, sql.audit), () => null);
    if (result?.moved) console.log(`[audit] The access log (${result.rows} rows) moved from eligibility's database to audit's, hashes unchanged.`);
  } catch (error) {
    console.error(`[audit] The access log stays in eligibility's database (access_before_audit): ${(error as Error).message}`);
  }
}

/** Runs `work` on the keepers' databases (opened and migrated), or `whileServed` when a running hub holds one of them. */
async function withKeepers<T>(
  work: (sql: Record<Keeper, Sql>) => Promise<T>,
  whileServed: () => Promise<T> | T,
  keepers: readonly Keeper[] = KEEPERS,
): Promise<T> {
  const opened: { name: Keeper; close(): Promise<void>; sql: Sql }[] = [];
  try {
    for (const name of keepers) {
      const { db } = await openAndMigrate(await subgraphs[name](), databaseTarget(name, readSubgraphEnv(name)));
      opened.push({ name, close: () => db.close(), sql: db.sql });
    }
  } catch (error) {
    await Promise.all(opened.map((o) => o.close()));
    if (error instanceof DataDirInUseError) return whileServed();
    throw error;
  }
  try {
    return await work(Object.fromEntries(opened.map((o) => [o.name, o.sql])) as Record<Keeper, Sql>);
  } finally {
    await Promise.all(opened.map((o) => o.close()));
  }
}

async function askHub(): Promise<Report[]> {
  const hub = readHubEnv();
  const keys = userTokenKeys(hub.auth);
  if (keys.kind !== 'secret') {
    throw new Error('the hub holds the databases and accepts tokens from TEPAT_JWKS_URL only: ask it for decisionLogChain and accessLogChain as AUDITOR or ADMIN.');
  }
  const token = await issueToken({ role: 'ADMIN', subject: 'tepat audit verify', ttl: '5m' }, keys.secret);
  const chain = 'log rows headSeq headHash anchorsChecked broken { problem message }';
  const res = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: `{ decisionLogChain { ${chain} } accessLogChain { ${chain} } }` }),
  });
  const body = (await res.json()) as { data?: { decisionLogChain: Report; accessLogChain: Report }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`the hub did not verify the logs: ${body.errors?.[0]?.message ?? res.status}`);
  return [body.data.decisionLogChain, body.data.accessLogChain];
}
