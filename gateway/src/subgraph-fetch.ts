/**
 * How the gateway reaches the subgraphs: undici's `request` over one connection pool per
 * subgraph, given to @apollo/gateway as its fetcher (and used for the access log's writes). The WHATWG `fetch` it replaces, with an
 * `AbortSignal.timeout` per call, cost about four times the CPU per subgraph call, and a
 * person query makes one call per source (bench/fetch.ts; issue 20: the gateway at least as
 * fast as its peer).
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request } from 'undici';

/** @apollo/gateway's fetcher and what it returns. */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * A fetcher whose calls give up when a subgraph sends no response headers within `timeoutMs`,
 * or goes quiet that long in the middle of its body, so one slow subgraph cannot hold a request.
 */
export function subgraphFetcher(timeoutMs: number): Fetcher {
  const pool = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connect: { timeout: timeoutMs } });
  return async (url, init = {}) => {
    const res = await request(url, {
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      headers: init.headers,
      body: init.body,
      dispatcher: pool,
    });
    return fetcherResponse(url, res);
  };
}

type UndiciResponse = Awaited<ReturnType<typeof request>>;

/** The part of a WHATWG Response @apollo/gateway reads: status, headers and the body once. */
function fetcherResponse(url: string, res: UndiciResponse): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return {
    url,
    status: res.statusCode,
    ok: res.statusCode >= 200 && res.statusCode < 300,
    statusText: res.statusText,
    redirected: false,
    headers,
    get bodyUsed() {
      return res.body.bodyUsed;
    },
    text: () => res.body.text(),
    json: () => res.body.json(),
    arrayBuffer: () => res.body.arrayBuffer(),
    clone() {
      throw new Error('A subgraph response is read once; it cannot be cloned.');
    },
  };
}
