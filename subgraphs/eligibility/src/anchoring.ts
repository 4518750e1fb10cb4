/**
 * The eligibility service anchors its logs by itself: at start and every hour, each log's
 * last link of every complete day (Asia/Jakarta) goes to the anchors file (log-chain.ts), so
 * there is a head to hand out for every day the hub ran, without anyone remembering to.
 */
import type { PrismaClient } from './db.js';
import { anchorDays, lastCompleteDay } from './log-chain.js';

const HOUR_MS = 60 * 60 * 1000;

/** Starts the hourly anchoring; returns its stop. A failed round is logged and tried again the next hour. */
export function anchorEveryHour(prisma: PrismaClient, file: string): () => void {
  const round = () =>
    anchorDays((text, params = []) => prisma.$queryRawUnsafe(text, ...params), file, lastCompleteDay()).catch((error: Error) =>
      console.error(`Anchoring the logs in ${file} failed: ${error.message}`),
    );
  void round();
  const timer = setInterval(() => void round(), HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
