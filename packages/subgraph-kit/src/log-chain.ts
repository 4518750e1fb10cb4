/**
 * The hash chains of the decision log (eligibility's database) and the access log (audit's)
 * (issue 21: logs an auditor can prove). Each database links every row on insert (its
 * migrations' `chain_link` trigger): position `chain_seq`, the previous row's hash, and
 * sha256 over that hash and the row's content.
 * This module checks the chains and writes and checks anchors: each log's head hash per day,
 * kept in a file an operator can publish or hand to BPK or the Inspektorat, so that even a
 * chain rewritten from some row onwards (hashes recomputed) is caught against what was
 * handed out.
 */
import { todayInJakarta } from '@tepat/core';
import { daysBefore } from '@tepat/rules';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SubgraphName } from './services.js';
import type { Sql } from './sql.js';

/** The database a log is read from: the kit's `Sql`, or a service's Prisma client through `prismaDatabase`. */
export type LogDatabase = Pick<Sql, 'query'>;

/** A Prisma client's raw statements as a `LogDatabase`. */
export function prismaDatabase(prisma: { $queryRawUnsafe<T = unknown>(text: string, ...values: unknown[]): Promise<T> }): LogDatabase {
  return { query: <Row,>(text: string, params: unknown[] = []) => prisma.$queryRawUnsafe<Row[]>(text, ...params) };
}

/**
 * Each chained log: the service whose database keeps it, its time column, and its tables, each
 * with the SQL function giving a row's content. The decision log's links are single decisions
 * and batch rows (an eligibilityBatch call's decisions in one row), their ids from one sequence.
 */
const LOGS = {
  decision: {
    service: 'eligibility',
    time: 'decided_at',
    tables: [
      { table: 'decision', content: 'decision_content' },
      { table: 'decision_batch', content: 'decision_batch_content' },
    ],
  },
  access: { service: 'audit', time: 'accessed_at', tables: [{ table: 'access', content: 'access_content' }] },
} as const satisfies Record<string, { service: SubgraphName; time: string; tables: readonly { table: string; content: string }[] }>;

/**
 * A log's links from all its tables: id, chain_seq, prev_hash, hash, logged_at, and with
 * `recompute`, the hash each row's content gives now (`recomputed`). The hash is taken here,
 * row by row, so that what the chain is then sorted by carries 64 characters, not a batch
 * row's megabytes of content.
 */
function linksOf(log: ChainedLog, recompute = false): string {
  const { tables, time } = LOGS[log];
  const recomputed = (content: string) => `, encode(sha256(convert_to(coalesce(r.prev_hash, '') || ${content}(r), 'UTF8')), 'hex') AS recomputed`;
  return tables
    .map((t) => `SELECT id, chain_seq, prev_hash, hash, ${time} AS logged_at${recompute ? recomputed(t.content) : ''} FROM ${t.table} r`)
    .join(' UNION ALL ');
}

export type ChainedLog = keyof typeof LOGS;
export const CHAINED_LOGS = Object.keys(LOGS) as ChainedLog[];

/** The logs one service's database keeps. */
export function logsKeptBy(service: SubgraphName): ChainedLog[] {
  return CHAINED_LOGS.filter((log) => LOGS[log].service === service);
}

/** The hash the first row of a chain links to. */
const GENESIS = '0'.repeat(64);

/** What is wrong at the first row where a chain breaks. */
export type ChainProblem =
  /** The row's content no longer gives its hash. */
  | 'ALTERED'
  /** Positions before this row are missing (or, at the end, after it). */
  | 'REMOVED'
  /** The row was not linked by the database: written around its trigger. */
  | 'INSERTED'
  /** The row does not link to the row before it: that row was rewritten with a new hash, or one was slipped in between. */
  | 'RELINKED'
  /** The chain disagrees with a published anchor. */
  | 'ANCHOR';

export interface ChainBreak {
  problem: ChainProblem;
  /** The row (the log's `id`) where the break shows; null when rows at the end are missing. */
  id: string | null;
  /** Its position in the chain, when it has one. */
  seq: string | null;
  message: string;
}

export interface ChainReport {
  log: ChainedLog;
  rows: number;
  /** The last position and hash; a receipt for the whole log so far. */
  head: { seq: string; hash: string };
  anchorsChecked: number;
  /** The first break, in chain order; null when the chain holds. */
  broken: ChainBreak | null;
}

/** One published head: the last link of a log on a day (Asia/Jakarta). */
export interface Anchor {
  log: ChainedLog;
  day: string;
  seq: string;
  hash: string;
}

/** Checks one log's chain row by row, its head, and the anchors given for it. */
export async function verifyChain(db: LogDatabase, log: ChainedLog, anchors: readonly Anchor[] = []): Promise<ChainReport> {
  const { service } = LOGS[log];
  const [head] = await db.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM log_chain_head WHERE log = $1`, [log]);
  if (!head) throw new Error(`The ${log} log has no chain head: is the ${service} database migrated?`);
  // One pass in chain order (rows written around the trigger have no position: they sort last).
  const [first] = await db.query<{ id: string; seq: string | null; previous_id: string | null; previous_seq: string | null; problem: ChainProblem }>(
    `WITH chain AS (
       SELECT t.id, t.chain_seq, t.prev_hash, t.hash,
              t.recomputed,
              lag(t.hash) OVER w AS previous_hash, lag(t.chain_seq) OVER w AS previous_seq, lag(t.id) OVER w AS previous_id
       FROM (${linksOf(log, true)}) t WINDOW w AS (ORDER BY t.chain_seq NULLS LAST, t.id)
     ), judged AS (
       SELECT id, chain_seq, previous_id, previous_seq, CASE
                WHEN chain_seq IS NULL OR hash IS NULL OR prev_hash IS NULL THEN 'INSERTED'
                WHEN chain_seq > coalesce(previous_seq, 0) + 1 THEN 'REMOVED'
                WHEN chain_seq > $1::bigint THEN 'INSERTED'
                WHEN prev_hash <> coalesce(previous_hash, $2) THEN 'RELINKED'
                WHEN recomputed <> hash THEN 'ALTERED'
              END AS problem
       FROM chain
     )
     SELECT id::text, chain_seq::text AS seq, previous_id::text, previous_seq::text, problem
     FROM judged WHERE problem IS NOT NULL ORDER BY judged.chain_seq NULLS LAST, judged.id LIMIT 1`,
    [head.seq, GENESIS],
  );
  const [{ rows, last }] = await db.query<{ rows: number; last: string | null }>(
    `SELECT count(*)::int AS rows, max(chain_seq)::text AS last FROM (${linksOf(log)}) t`,
  );
  let broken: ChainBreak | null = first ? describe(log, first) : null;
  if (!broken && BigInt(last ?? 0) < BigInt(head.seq)) {
    broken = {
      problem: 'REMOVED',
      id: null,
      seq: null,
      message: `${log} log: positions ${BigInt(last ?? 0) + 1n} to ${head.seq} are missing at the end of the chain.`,
    };
  }
  const mine = anchors.filter((a) => a.log === log);
  if (!broken) broken = await checkAnchors(db, log, mine);
  return { log, rows, head, anchorsChecked: mine.length, broken };
}

function describe(log: ChainedLog, row: { id: string; seq: string | null; previous_id: string | null; previous_seq: string | null; problem: ChainProblem }): ChainBreak {
  const at = `${log} log, row ${row.id}${row.seq ? ` (position ${row.seq})` : ''}`;
  const after = row.previous_id ? `row ${row.previous_id}` : 'the start of the chain';
  const messages: Record<ChainProblem, string> = {
    ALTERED: `${at}: its content no longer matches its hash; it was altered.`,
    REMOVED: `${at}: positions ${BigInt(row.previous_seq ?? 0) + 1n} to ${BigInt(row.seq ?? 0) - 1n} before it are missing; rows were removed.`,
    INSERTED: `${at}: it was not linked into the chain when written; it was inserted around the log.`,
    RELINKED: `${at}: it does not link to ${after}; that row was rewritten, or a row was slipped in between.`,
    ANCHOR: `${at}: it disagrees with a published anchor.`,
  };
  return { problem: row.problem, id: row.id, seq: row.seq, message: messages[row.problem] };
}

async function checkAnchors(db: LogDatabase, log: ChainedLog, anchors: readonly Anchor[]): Promise<ChainBreak | null> {
  if (anchors.length === 0) return null;
  const found = await db.query<{ seq: string; id: string; hash: string | null }>(
    `SELECT chain_seq::text AS seq, id::text, hash FROM (${linksOf(log)}) t WHERE chain_seq = ANY($1::bigint[])`,
    [anchors.map((a) => a.seq)],
  );
  const bySeq = new Map(found.map((r) => [r.seq, r]));
  for (const anchor of [...anchors].sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)))) {
    const row = bySeq.get(anchor.seq);
    if (row?.hash === anchor.hash) continue;
    return {
      problem: 'ANCHOR',
      id: row?.id ?? null,
      seq: anchor.seq,
      message: row
        ? `${log} log, row ${row.id} (position ${anchor.seq}): its hash differs from the anchor published for ${anchor.day}; the chain was rewritten up to there.`
        : `${log} log: position ${anchor.seq}, anchored for ${anchor.day}, is missing; the chain was cut back.`,
    };
  }
  return null;
}

/** Asia/Jakarta is UTC+7 all year (no daylight saving), so a day there is a fixed shift of UTC. */
const JAKARTA_DAY = (column: string) => `to_char(${column} AT TIME ZONE 'UTC' + interval '7 hours', 'YYYY-MM-DD')`;

/**
 * The last link of every day up to `through` (Asia/Jakarta, inclusive) of each of `logs` that
 * `known` does not hold yet, oldest first.
 */
export async function newAnchors(db: LogDatabase, logs: readonly ChainedLog[], through: string, known: readonly Anchor[]): Promise<Anchor[]> {
  const out: Anchor[] = [];
  for (const log of logs) {
    const have = new Set(known.filter((a) => a.log === log).map((a) => a.day));
    const heads = await db.query<{ day: string; seq: string; hash: string }>(
      `SELECT DISTINCT ON (day) day, chain_seq::text AS seq, hash
       FROM (SELECT ${JAKARTA_DAY('logged_at')} AS day, chain_seq, hash FROM (${linksOf(log)}) t WHERE chain_seq IS NOT NULL) days
       WHERE day <= $1 ORDER BY day, chain_seq DESC`,
      [through],
    );
    for (const head of heads) if (!have.has(head.day)) out.push({ log, ...head });
  }
  return out;
}

/** The anchors in a file (JSON lines); none when it does not exist. A line that is not an anchor is an error naming it. */
export function readAnchors(file: string): Anchor[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      let anchor: Partial<Anchor>;
      try {
        anchor = JSON.parse(line) as Partial<Anchor>;
      } catch {
        throw new Error(`${file}, line ${i + 1}: not JSON.`);
      }
      const valid =
        (CHAINED_LOGS as string[]).includes(anchor.log ?? '') &&
        /^\d{4}-\d{2}-\d{2}$/.test(anchor.day ?? '') &&
        /^\d+$/.test(anchor.seq ?? '') &&
        /^[0-9a-f]{64}$/.test(anchor.hash ?? '');
      if (!valid) throw new Error(`${file}, line ${i + 1}: not an anchor ({"log","day","seq","hash"}).`);
      return [anchor as Anchor];
    });
}

/**
 * Appends anchors to the file (created owner-only, as everything under the data directory).
 * Eligibility and audit share the file: each appends its own log's lines in one write to a
 * file opened for appending, which the kernel never interleaves with another such write.
 */
export function appendAnchors(file: string, anchors: readonly Anchor[]): void {
  if (anchors.length === 0) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, anchors.map((a) => JSON.stringify({ log: a.log, day: a.day, seq: a.seq, hash: a.hash }) + '\n').join(''), { mode: 0o600 });
}

/** Yesterday in Asia/Jakarta: the last day no more links can be written on. */
export function lastCompleteDay(): string {
  return daysBefore(todayInJakarta(), 1);
}

/**
 * Anchors every day of `logs` up to `through` (usually yesterday in Asia/Jakarta, the last
 * complete day) not yet in the file; returns those written. The services keeping the logs run
 * it hourly while they serve (log-anchoring.ts), and `tepat audit anchor` on demand.
 */
export async function anchorDays(db: LogDatabase, logs: readonly ChainedLog[], file: string, through: string): Promise<Anchor[]> {
  const fresh = await newAnchors(db, logs, through, readAnchors(file));
  appendAnchors(file, fresh);
  return fresh;
}
