/**
 * One of the hub's own services asking the gateway, as itself (role SERVICE, a token signed
 * with the internal key): eligibility gathering facts, intake deciding cases. Facts come
 * through the supergraph, never from another service's database (STYLE.md).
 */
import { postTimed, timedOut } from './http-client.js';

/** Where the gateway is and how the service presents itself to it. */
export interface GatewaySource {
  gatewayUrl: string;
  /** How long one operation may take before it is given up. */
  timeoutMs: number;
  /** The service token, renewed before it expires (`serviceTokens` of @tepat/auth). */
  token: () => Promise<string>;
}

export interface GatewayError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; serviceName?: string; argument?: string };
}

/** A GraphQL answer as the gateway gave it: data, errors, or both. */
export interface GatewayAnswer<Data> {
  data?: Data | null;
  errors?: GatewayError[];
}

/** The gateway did not answer: unreachable, or not within `timeoutMs`. */
export class GatewayUnavailable extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? 'the gateway did not answer in time' : 'the gateway could not be reached');
  }
}

/** Sends one operation; throws GatewayUnavailable when no answer came, else gives the answer, errors included. */
export async function askGateway<Data>(source: GatewaySource, query: string, variables: Record<string, unknown>): Promise<GatewayAnswer<Data>> {
  try {
    const res = await postTimed(
      source.gatewayUrl,
      { 'content-type': 'application/json', authorization: `Bearer ${await source.token()}` },
      JSON.stringify({ query, variables }),
      source.timeoutMs,
    );
    return (await res.body.json()) as GatewayAnswer<Data>;
  } catch (error) {
    throw new GatewayUnavailable(timedOut(error));
  }
}

/**
 * A gateway source whose address and timeout are read at the first question rather than at
 * start: where the gateway is may be known only after the service started (tests start the
 * gateway last), and read once, not per request.
 */
export function lazyGatewaySource(token: () => Promise<string>, config: () => { gatewayUrl: string; timeoutMs: number }): GatewaySource {
  let read: { gatewayUrl: string; timeoutMs: number } | undefined;
  const get = () => (read ??= config());
  return {
    get gatewayUrl() {
      return get().gatewayUrl;
    },
    get timeoutMs() {
      return get().timeoutMs;
    },
    token,
  };
}
