/**
 * How the hub's services call each other over HTTP: undici's `request` over one connection
 * pool per timeout, the pool giving up on a call whose response headers do not come within
 * the timeout or whose body stalls that long. The WHATWG `fetch` with an
 * `AbortSignal.timeout` per call cost about four times the CPU per call (bench/fetch.ts;
 * issue 20). The hub's services answer with headers once the whole answer is ready, so the
 * headers timeout bounds a call as a total timeout would.
 */
import { Agent, errors, request } from 'undici';

const pools = new Map<number, Agent>();

function poolFor(timeoutMs: number): Agent {
  let pool = pools.get(timeoutMs);
  if (!pool) {
    pool = new Agent({
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connect: { timeout: timeoutMs },
      // The client, not the server, ends an idle connection: 10 s against the hub's servers' 60
      // (http-server.ts), so a call never goes out on a connection the server is closing.
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 10_000,
    });
    pools.set(timeoutMs, pool);
  }
  return pool;
}

export type TimedResponse = Awaited<ReturnType<typeof request>>;

/** One POST of a text body; the response's body must be read (or dumped) by the caller. */
export function postTimed(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<TimedResponse> {
  return request(url, { method: 'POST', headers, body, dispatcher: poolFor(timeoutMs) });
}

/** One GET; the response's body must be read (or dumped) by the caller. */
export function getTimed(url: string, headers: Record<string, string>, timeoutMs: number): Promise<TimedResponse> {
  return request(url, { method: 'GET', headers, dispatcher: poolFor(timeoutMs) });
}

/** Whether a call failed because the pool's timeout ran out (rather than, say, a refused connection). */
export function timedOut(error: unknown): boolean {
  return (
    error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError || error instanceof errors.ConnectTimeoutError
  );
}
