/**
 * @apollo/gateway's fetcher for the subgraphs, over the kit's pooled, timed HTTP client
 * (http-client.ts), so one slow subgraph cannot hold a request.
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { postTimed, type TimedResponse } from '@tepat/subgraph-kit';

/** @apollo/gateway's fetcher and what it returns. */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

export function subgraphFetcher(timeoutMs: number): Fetcher {
  return async (url, init = {}) => {
    if (init.method && init.method !== 'POST') throw new Error(`The gateway only POSTs to subgraphs, not ${init.method}.`);
    return fetcherResponse(url, await postTimed(url, init.headers ?? {}, String(init.body ?? ''), timeoutMs));
  };
}

/** The part of a WHATWG Response @apollo/gateway reads: status, headers and the body once. */
function fetcherResponse(url: string, res: TimedResponse): FetcherResponse {
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
