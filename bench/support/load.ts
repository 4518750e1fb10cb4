/**
 * Load on a GraphQL endpoint with autocannon: N clients for S seconds, every request its own
 * body, each answer judged; latencies into an HDR histogram for the quantiles.
 */
import autocannon from 'autocannon';
import { build } from 'hdr-histogram-js';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** The body of the next request (a new NIK, a new requestId). */
  body: () => string;
  headers: () => Record<string, string>;
  /** Whether an answer is what the run wants; anything else counts as an error. */
  ok: (status: number, body: string) => boolean;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  firstError: string | null;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  // In microseconds: autocannon gives milliseconds with fractions.
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  let errors = 0;
  let firstError: string | null = null;
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
              if (options.ok(status, body)) return;
              errors++;
              firstError ??= `${status} ${body.slice(0, 300)}`;
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
  const requests = histogram.totalCount;
  return {
    requests,
    rps: requests / result.duration,
    p50: histogram.getValueAtPercentile(50) / 1000,
    p99: histogram.getValueAtPercentile(99) / 1000,
    max: histogram.maxValue / 1000,
    errors: errors + result.errors,
    firstError: firstError ?? (result.errors ? `${result.errors} connection errors or timeouts` : null),
  };
}
