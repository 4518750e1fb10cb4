/**
 * The access log's move out of eligibility's database (issue 21). Eligibility's migration
 * 20261204150100_access_log_moved keeps a log that had rows as `access_before_audit`, with its
 * chain head; this copies it into the audit database and drops it there.
 *
 * The rows go in with their ids, in chain order, through audit's own chain trigger, so their
 * hashes are derived again from their content: the copy is accepted only when it ends on
 * exactly the head eligibility's database held. A log altered, cut or added to around its
 * trigger would end elsewhere; it is then left where it is, and the copy rolled back, for an
 * auditor to look at with `tepat audit verify` before anything is moved. Anchors already
 * handed out stay valid, since positions and hashes are unchanged.
 */
import type { Sql } from '@tepat/subgraph-kit';

/** Rows per statement: a page of JSON of a few megabytes. */
const PAGE = 5_000;

export type AccessLogMove =
  /** Eligibility's database has no access log left (a new hub, or moved before). */
  | { moved: false; reason: 'NOTHING_TO_MOVE' }
  | { moved: true; rows: number; head: { seq: string; hash: string } };

interface Head {
  seq: string;
  hash: string;
}

/** Moves eligibility's access log, if it still has one, into the audit database. Safe to run again. */
export async function moveAccessLog(eligibility: Sql, audit: Sql): Promise<AccessLogMove> {
  const [legacy] = await eligibility.query<{ table: string | null }>(`SELECT to_regclass('access_before_audit')::text AS table`);
  if (!legacy.table) return { moved: false, reason: 'NOTHING_TO_MOVE' };
  const [head] = await eligibility.query<Head>(`SELECT seq::text AS seq, hash FROM log_chain_head WHERE log = 'access'`);
  if (!head) throw new Error("eligibility's database holds access_before_audit but no chain head for it: the access log cannot be proved, so it is left where it is.");
  const [{ rows, unlinked }] = await eligibility.query<{ rows: number; unlinked: number }>(
    `SELECT count(*)::int AS rows, count(*) FILTER (WHERE chain_seq IS NULL)::int AS unlinked FROM access_before_audit`,
  );
  if (unlinked > 0) {
    throw new Error(`${unlinked} rows of eligibility's access log (access_before_audit) were written around its chain; it is left where it is for an auditor (tepat audit verify).`);
  }

  const [auditHead] = await audit.query<Head>(`SELECT seq::text AS seq, hash FROM log_chain_head WHERE log = 'access'`);
  if (!auditHead) throw new Error('the audit database has no chain head for the access log: is it migrated?');
  if (auditHead.seq === head.seq && auditHead.hash === head.hash) {
    // Copied before; only dropping it from eligibility's database was left undone.
  } else if (auditHead.seq !== '0') {
    throw new Error(
      `the audit database's access log already holds ${auditHead.seq} rows written since; eligibility's older log (${rows} rows, ` +
        `access_before_audit) cannot go before them and is left where it is.`,
    );
  } else {
    await copyInChainOrder(eligibility, audit, head);
  }

  await eligibility.transaction(async (tx) => {
    await tx.exec(`DROP FUNCTION access_content(access_before_audit);
      DROP TABLE access_before_audit;
      ALTER TABLE log_chain_head DISABLE TRIGGER log_chain_head_no_delete;
      DELETE FROM log_chain_head WHERE log = 'access';
      ALTER TABLE log_chain_head ENABLE TRIGGER log_chain_head_no_delete;`);
  });
  return { moved: true, rows, head };
}

async function copyInChainOrder(eligibility: Sql, audit: Sql, head: Head): Promise<void> {
  await audit.transaction(async (tx) => {
    let after = '0';
    for (;;) {
      const [page] = await eligibility.query<{ rows: string | null; last: string | null }>(
        `SELECT json_agg(p ORDER BY p.chain_seq)::text AS rows, max(p.chain_seq)::text AS last
         FROM (SELECT * FROM access_before_audit WHERE chain_seq > $1::bigint ORDER BY chain_seq LIMIT ${PAGE}) p`,
        [after],
      );
      if (!page.rows || !page.last) break;
      await tx.query(
        `INSERT INTO access (id, accessed_at, caller_role, caller_subject, caller_region, purpose, operation, niks, answered, kks, names, root_fields)
         SELECT id, accessed_at, caller_role, caller_subject, caller_region, purpose, operation, niks, answered, kks, names, root_fields
         FROM json_populate_recordset(null::access, $1::json) ORDER BY chain_seq`,
        [page.rows],
      );
      after = page.last;
    }
    const [copied] = await tx.query<Head>(`SELECT seq::text AS seq, hash FROM log_chain_head WHERE log = 'access'`);
    if (copied.seq !== head.seq || copied.hash !== head.hash) {
      throw new Error(
        `eligibility's access log does not end on its own chain head (position ${head.seq}) when its rows are linked again ` +
          `(position ${copied.seq}): it was altered or cut, and is left where it is for an auditor (tepat audit verify). Nothing was copied.`,
      );
    }
    await tx.query(`SELECT setval(pg_get_serial_sequence('access', 'id'), (SELECT max(id) FROM access))`);
  });
}
