/**
 * Waiting for a quiet machine before measuring: on 2 cores another process's work shows in
 * every figure, so each measurement waits, up to a limit, until a gauge of the machine's
 * business falls below its mark, and what was measured anyway is kept for the summary.
 */
import { loadavg } from 'node:os';
import { cpuBetween, sampleCpu } from './cpu.js';

/** How busy the machine is, and the words a bench prints about it. */
export interface Gauge {
  /** The figure now; may take a while to read (a CPU window). */
  read(): Promise<number>;
  /** Quiet below this. */
  below: number;
  /** Pause between readings, ms. */
  pauseMs: number;
  waiting(figure: number, what: string): string;
  quietAfter(seconds: number): string;
  anyway(figure: number, maxSeconds: number, what: string): string;
  /** For the summary's list of what was measured anyway. */
  noted(figure: number, what: string): string;
}

/** The 1-minute load average below 1.5 (it lags: a load that just ended still shows). */
export const LOAD_AVERAGE: Gauge = {
  read: async () => loadavg()[0]!,
  below: 1.5,
  pauseMs: 5000,
  waiting: (load, what) => `  waiting for the 1-minute load average (${load.toFixed(2)}) to fall below 1.5 before ${what}...`,
  quietAfter: (seconds) => `  load ${loadavg()[0]!.toFixed(2)} after ${seconds} s`,
  anyway: (load, maxSeconds, what) => `  the 1-minute load average is still ${load.toFixed(2)} after ${maxSeconds} s: measuring ${what} anyway`,
  noted: (load, what) => `${what} (load ${load.toFixed(2)})`,
};

const NO_PROCESSES = new Map<string, number>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every process but this one together under a quarter of one core over 3 s: unlike the load
 * average it does not lag, and it counts this script's own children (a server still draining
 * the requests a load abandoned) as others.
 */
export const OTHERS_CPU: Gauge = {
  async read() {
    const before = await sampleCpu(NO_PROCESSES);
    await sleep(3000);
    return cpuBetween(before, await sampleCpu(NO_PROCESSES)).others;
  },
  below: 25,
  pauseMs: 0,
  waiting: (busy, what) => `  waiting for the machine to be quiet before ${what} (other processes use ${Math.round(busy)} % of a core)...`,
  quietAfter: (seconds) => `  quiet after ${seconds} s`,
  anyway: (busy, maxSeconds, what) => `  other processes still use ${Math.round(busy)} % of a core after ${maxSeconds} s: measuring ${what} anyway`,
  noted: (busy, what) => `${what} (${Math.round(busy)} % of a core busy)`,
};

/** What was measured although the machine was not quiet, in order. */
export const measuredAnyway: string[] = [];

/** Waits until `gauge` reads quiet, at most `maxSeconds`; returns the 1-minute load average then. */
export async function waitForQuiet(what: string, options: { maxSeconds: number; gauge?: Gauge }): Promise<number> {
  const gauge = options.gauge ?? LOAD_AVERAGE;
  const started = Date.now();
  let announced = false;
  for (;;) {
    const figure = await gauge.read();
    if (figure < gauge.below) {
      if (announced) console.log(gauge.quietAfter(Math.round((Date.now() - started) / 1000)));
      return loadavg()[0]!;
    }
    if (Date.now() - started > options.maxSeconds * 1000) {
      console.log(gauge.anyway(figure, options.maxSeconds, what));
      measuredAnyway.push(gauge.noted(figure, what));
      return loadavg()[0]!;
    }
    if (!announced) {
      console.log(gauge.waiting(figure, what));
      announced = true;
    }
    await sleep(gauge.pauseMs);
  }
}
