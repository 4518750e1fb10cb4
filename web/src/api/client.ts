/**
 * The app's one door to the hub: the public GraphQL endpoint of the origin that served it,
 * with the signed-in user's token and, for auditors, the case being worked on. The server
 * decides what each caller may read; an answer with any error is a refusal, never a partial
 * screen.
 */
import { print } from '@0no-co/graphql.web';
import type { TadaDocumentNode } from 'gql.tada';
import { ApiError, type Refusal } from './api-error.ts';

export const ENDPOINT = '/graphql';

/** Who asks: the bearer token (none for the public), and the purpose header auditors send. */
export interface Credentials {
  token?: string;
  purpose?: string;
}

interface GraphQLBody<Data> {
  data?: Data | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/** Sends one typed document; resolves with its data or rejects with an ApiError. */
export async function request<Data, Variables>(
  document: TadaDocumentNode<Data, Variables>,
  variables: Variables,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<Data> {
  return send<Data>(print(document), variables, credentials, signal);
}

async function send<Data>(query: string, variables: unknown, { token, purpose }: Credentials, signal?: AbortSignal): Promise<Data> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  // HTTP header values are Latin-1: a case reference typed with other characters is sent percent-encoded.
  if (purpose) headers['x-tepat-purpose'] = /^[\x20-\x7e]*$/.test(purpose) ? purpose : encodeURIComponent(purpose);
  let response: Response;
  try {
    response = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError([{ code: 'NETWORK', message: 'The hub could not be reached.' }]);
  }
  const body = (await response.json().catch(() => undefined)) as GraphQLBody<Data> | undefined;
  if (!body) throw new ApiError([{ code: `HTTP_${response.status}`, message: `The hub answered ${response.status} without a GraphQL body.` }], response.status);
  if (body.errors?.length) {
    const refusals: Refusal[] = body.errors.map((e) => ({ message: e.message ?? '', code: e.extensions?.code ?? 'ERROR' }));
    throw new ApiError(refusals, response.status);
  }
  if (!body.data) throw new ApiError([{ code: 'NO_DATA', message: 'The hub answered without data.' }], response.status);
  return body.data;
}
