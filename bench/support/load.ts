/**
 * Load on a GraphQL endpoint with autocannon: N clients for S seconds, every request its own
 * body and headers, each answer judged; latencies into an HDR histogram for the quantiles, and
 * the CPU each named process, this script and the rest of the machine used meanwhile.
 */
import autocannon from 'autocannon';
import { build } from 'hdr-histogram-js';
import { cpuBetween, sampleCpu, type CpuUse } from './cpu.js';
import { oneDecimal, whole } from './format.js';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** The body of the next request (a new NIK, a new requestId). */
  body: () => string;
  /** Per request, besides content-type (a token may be renewed during a run). */
  headers: () => Record<string, string>;
  /** Whether an answer is what the run wants; anything else counts as an error. */
  ok: (status: number, body: string) => boolean;
  /** Among the answers that are ok, those counted apart (eligibility's UNDETERMINED). */
  flag?: (body: string) => boolean;
  /** Processes whose CPU the result reports, name to pid (the server under load). */
  processes?: ReadonlyMap<string, number>;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** Answers `flag` picked out. */
  flagged: number;
  firstError: string | null;
  bytesPerAnswer: number;
  cpu: CpuUse;
}

const NO_PROCESSES = new Map<string, number>();

/** The columns every table of loads shows, in this order, and their cells for one load. */
export const LOAD_COLUMNS = ['requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'];
export const loadCells = (r: LoadResult) => [whole(r.requests), whole(r.rps), oneDecimal(r.p50), oneDecimal(r.p95), oneDecimal(r.p99), oneDecimal(r.max), whole(r.errors)];

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  // In microseconds: autocannon gives milliseconds with fractions.
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  let errors = 0;
  let flagged = 0;
  let firstError: string | null = null;
  const processes = options.processes ?? NO_PROCESSES;
  const before = await sampleCpu(processes);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 60,
        method: 'POST',
        requests: [
          {
            setupRequest: (request) => ({ ...request, headers: { 'content-type': 'application/json', ...options.headers() }, body: options.body() }),
            onResponse: (status, body) => {
              if (!options.ok(status, body)) {
                errors++;
                firstError ??= `${status} ${body.slice(0, 300)}`;
              } else if (options.flag?.(body)) {
                flagged++;
              }
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // autocannon 9 emits (client, statusCode, bytes, milliseconds); the typings omit the client.
    instance.on('response', ((_client: unknown, _status: number, _bytes: number, milliseconds: number) => {
      histogram.recordValue(Math.max(1, Math.round(milliseconds * 1000)));
    }) as never);
  });
  const cpu = cpuBetween(before, await sampleCpu(processes));
  const requests = histogram.totalCount;
  // No answer in the time given (a slow query, a short run) has no latencies, not zero ones.
  const ms = (us: number) => (requests ? us / 1000 : NaN);
  // A percentile is the top of its bucket (3 significant digits), which can pass the largest value recorded.
  const at = (percentile: number) => ms(Math.min(histogram.getValueAtPercentile(percentile), histogram.maxValue));
  return {
    requests,
    rps: requests / result.duration,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: ms(histogram.maxValue),
    // Connection errors and timeouts never reach onResponse.
    errors: errors + result.errors,
    flagged,
    firstError: firstError ?? (result.errors ? `${result.errors} connection errors/timeouts` : null),
    bytesPerAnswer: result.throughput.total / Math.max(requests, 1),
    cpu,
  };
}
