/**
 * The services keeping a chained log anchor it by themselves: at start and every hour, each
 * log's last link of every complete day (Asia/Jakarta) goes to the anchors file
 * (log-chain.ts), so there is a head to hand out for every day the hub ran, without anyone
 * remembering to.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseEnv, readHubEnv } from './env.js';
import { anchorDays, lastCompleteDay, readAnchors, verifyChain, type ChainedLog, type ChainReport, type LogDatabase } from './log-chain.js';

const HOUR_MS = 60 * 60 * 1000;

/** Where each log's daily head hash is written and checked against: `TEPAT_AUDIT_ANCHORS`, else `audit/anchors.jsonl` in the data directory. */
export function anchorsFile(env: NodeJS.ProcessEnv = process.env): string {
  const { TEPAT_AUDIT_ANCHORS } = parseEnv(z.object({ TEPAT_AUDIT_ANCHORS: z.string().min(1).optional() }), env, 'the log anchors');
  return resolve(TEPAT_AUDIT_ANCHORS ?? join(readHubEnv(env).dataDir, 'audit', 'anchors.jsonl'));
}

/** Starts the hourly anchoring of `logs`; returns its stop. A failed round is logged and tried again the next hour. */
export function anchorEveryHour(db: LogDatabase, logs: readonly ChainedLog[], file: string): () => void {
  const round = () =>
    anchorDays(db, logs, file, lastCompleteDay()).catch((error: Error) => console.error(`Anchoring the ${logs.join(' and ')} log in ${file} failed: ${error.message}`));
  void round();
  const timer = setInterval(() => void round(), HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** One log checked against its chain, its head and the anchors in the hub's anchors file: what `decisionLogChain` and `accessLogChain` answer. */
export function verifyAgainstAnchors(db: LogDatabase, log: ChainedLog): Promise<ChainReport> {
  return verifyChain(db, log, readAnchors(anchorsFile()));
}
