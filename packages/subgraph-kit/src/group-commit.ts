/**
 * Group commit for the hub's append-only logs (issue 20): entries that arrive while a write is
 * under way wait for it to end, then share the next one (one statement, or one request to the
 * service that keeps the log, and one commit for all of them). Each entry still waits until
 * its own write is durable before its caller goes on, so nothing is answered before it is on
 * record. A write pays a fixed cost whatever its entries (a round trip and a commit; in
 * embedded PGlite several times the cost of a row), so under load a log costs less per entry
 * instead of queueing one commit per request (bench/README.md, eligibility and workflows).
 *
 * DataLoader does the grouping; what it lacks, waiting for the write under way, is
 * `batchScheduleFn` below. Each entry's outcome is handed back wrapped, not as DataLoader's
 * "an Error in the results rejects": that test is `instanceof Error`, which an error made in
 * another realm (Node's own, for a refused connection, when run under jest's VM) fails, and
 * the failed write would be taken for a result.
 */
import DataLoader from 'dataloader';

export interface GroupCommit<Entry, Result> {
  /** Resolves with the entry's own result once the write that held it is durable. */
  add(entry: Entry): Promise<Result>;
}

type Outcome<Result> = { result: Result } | { error: unknown };

/**
 * `write` stores the entries in one go and gives each one's result, in the order given. When
 * it fails, each entry of the group is written on its own, so an entry that cannot be written
 * fails alone and the others are still written once.
 */
export function groupCommit<Entry, Result>(
  write: (entries: readonly Entry[]) => Promise<Result[]>,
  options: { maxPerWrite: number },
): GroupCommit<Entry, Result> {
  /** The write under way, which the next group waits for. */
  let writing: Promise<unknown> | null = null;

  async function writeGroup(entries: readonly Entry[]): Promise<Outcome<Result>[]> {
    const written = write(entries);
    const settled = (writing = written.catch(() => undefined));
    try {
      return (await written).map((result) => ({ result }));
    } catch (error) {
      if (entries.length === 1) return [{ error }];
      return Promise.all(entries.map((entry) => write([entry]).then(([result]) => ({ result: result as Result }), (e: unknown) => ({ error: e }))));
    } finally {
      // The next group may already be writing (it starts as this write ends).
      if (writing === settled) writing = null;
    }
  }

  const groups = new DataLoader<Entry, Outcome<Result>>(writeGroup, {
    cache: false,
    maxBatchSize: options.maxPerWrite,
    // A group opens with its first entry and is written once the write before it ends or, when
    // none is under way, after the entries already arrived in this turn of the event loop.
    batchScheduleFn: (start) => {
      if (writing) void writing.finally(start);
      else setImmediate(start);
    },
  });
  return {
    add: async (entry) => {
      const outcome = await groups.load(entry);
      if ('error' in outcome) throw outcome.error;
      return outcome.result;
    },
  };
}
