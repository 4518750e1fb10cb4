/**
 * The analytics bench's options, for the parent and each child alike (a child is this script
 * again with --child), and where each size's data and engine go.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { positiveInteger } from '../support/options.js';

export const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'demo,1,5,20' },
    seconds: { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
    scratch: { type: 'string', default: join(tmpdir(), 'tepat-bench-analytics') },
    keep: { type: 'boolean', default: false },
    'skip-serve': { type: 'boolean', default: false },
    'max-wait': { type: 'string', default: '600' },
    // Internal: what a child process of this script does (`prepare`, or `size` with --size),
    // and what the parent measures through the gateway a size child serves (--serve metrics,simulation).
    child: { type: 'string' },
    size: { type: 'string' },
    serve: { type: 'string', default: '' },
  },
});
/** Sizes in millions of disbursements, copies of the base; DEMO (0) is the demo-sized base of its own. */
export const DEMO = 0;
export const SIZES = [...new Set(values.sizes.split(',').map((s) => (s.trim() === 'demo' ? DEMO : Number(s.trim()))))].sort((a, b) => a - b);
if (SIZES.length === 0 || SIZES.some((s) => s !== DEMO && (!Number.isInteger(s) || s < 1 || s > 99))) {
  throw new Error(`--sizes must be demo and whole numbers of millions from 1 to 99, e.g. demo,1,5,20, not ${values.sizes}`);
}
export const SECONDS = positiveInteger('seconds', values.seconds);
export const SEED = Number(values.seed);
if (!Number.isInteger(SEED)) throw new Error(`--seed must be an integer, not ${values.seed}`);
export const SCRATCH = values.scratch;
export const MAX_WAIT = Number(values['max-wait']);
if (!Number.isInteger(MAX_WAIT) || MAX_WAIT < 0) throw new Error(`--max-wait must be a whole number of seconds, not ${values['max-wait']}`);

// About 3.53 disbursements per person (seed 1): a base of about 1.0 M, so size k is k copies.
export const BASE_PERSONS = 283_000;
/** TEPAT_DEMO_PERSONS' default (packages/cli): what `tepat start` generates. */
export const DEMO_PERSONS = 100_000;
/** Clients of the metric query load. */
export const CONNECTIONS = 16;

export const baseDir = join(SCRATCH, 'data', `base-p${BASE_PERSONS}-s${SEED}`);
export const demoDir = join(SCRATCH, 'data', `base-p${DEMO_PERSONS}-s${SEED}`);
export const folderOf = (copies: number) => (copies === DEMO ? demoDir : copies === 1 ? baseDir : `${baseDir}-x${copies}`);
export const engineDirOf = (copies: number) => join(SCRATCH, `engine-${copies === DEMO ? 'demo' : copies}`);
export const sizeLabel = (copies: number) => (copies === DEMO ? 'demo' : `${copies} M`);
