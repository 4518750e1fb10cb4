/** What each part of the eligibility bench works with: the running hub, its callers, the NIKs and the options. */
import type { BenchHub } from '../support/hub.js';
import type { Callers } from './callers.js';

export interface Context {
  hub: BenchHub;
  callers: Callers;
  /** The demo population's NIKs. */
  niks: string[];
  /** Cycles through `niks`: every request another NIK. */
  nextNik: () => string;
  /** Where data, decisions and profiles go. */
  scratch: string;
  /** Per measured load. */
  seconds: number;
  /** Longest wait for a quiet machine before a measurement, s. */
  maxWait: number;
}

/** Fresh processes answer at half speed until the JIT has seen enough requests. */
export const WARM_UP_SECONDS = 20;
