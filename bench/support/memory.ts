/**
 * Memory of the processes a bench starts: the peak (VmHWM) and current RSS of a live one from
 * /proc (pidusage gives the current RSS only), and the peak and CPU a child reports of itself
 * when it ends (peak-usage.mjs, loaded with --import).
 */
import { existsSync, readFileSync } from 'node:fs';

/** Node arguments that load the hook; the child's environment then names its file in BENCH_PEAK_FILE. */
export const PEAK_HOOK_ARGS = ['--import', new URL('./peak-usage.mjs', import.meta.url).href];

/** What a child wrote through the hook: peak RSS in kB, CPU in µs; null if it died before it could. */
export function readPeak(file: string): { maxRss: number; cpuUs: number } | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { maxRss: number; cpuUs: number }) : null;
}

/** Peak and current resident memory of a live process, MB; null when it is gone. */
export function memoryOf(pid: number | undefined): { hwm: number; rss: number } | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { hwm: Math.round(kb('VmHWM') / 1024), rss: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return null;
  }
}

/** This process's peak RSS so far, bytes (maxRSS only grows: a bench measures each size in a child of its own). */
export const ownPeakRss = () => process.resourceUsage().maxRSS * 1024;

/** This process's RSS high point while it runs `work`, sampled every 100 ms (chdb's async calls leave the event loop free). */
export async function withRssHigh<T>(work: () => Promise<T>): Promise<{ value: T; rssHigh: number }> {
  let high = process.memoryUsage.rss();
  const timer = setInterval(() => (high = Math.max(high, process.memoryUsage.rss())), 100);
  try {
    const value = await work();
    return { value, rssHigh: Math.max(high, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}
