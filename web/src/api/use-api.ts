/**
 * Typed documents through TanStack Query: answers cached per document, variables and
 * caller (a token change never shows another caller's answer), refusals not retried
 * (the hub would refuse again), the previous answer kept on screen while the next loads.
 */
import { keepPreviousData, useMutation, useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { TadaDocumentNode } from 'gql.tada';
import { useSession } from '../session/session.tsx';
import { ApiError } from './api-error.ts';
import { request, type Credentials } from './client.ts';

function operationName(document: TadaDocumentNode<unknown, unknown>): string {
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  return (operation && 'name' in operation && operation.name?.value) || 'anonymous';
}

/** One answer's place in the cache: the operation, its variables and who asked. */
function queryKey(document: TadaDocumentNode<unknown, unknown>, variables: unknown, credentials: Credentials) {
  return [operationName(document), variables, credentials.token ?? null, credentials.purpose ?? null];
}

const STALE_MS = 60_000;

export function useApiQuery<Data, Variables>(
  document: TadaDocumentNode<Data, Variables>,
  variables: Variables,
  options: { enabled?: boolean; keepPrevious?: boolean } = {},
): UseQueryResult<Data, Error> {
  const { credentials } = useSession();
  return useQuery({
    queryKey: queryKey(document as TadaDocumentNode<unknown, unknown>, variables, credentials),
    queryFn: ({ signal }) => request(document, variables, credentials, signal),
    enabled: options.enabled ?? true,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    staleTime: STALE_MS,
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
  });
}

/** Asks for an answer before the screen that shows it has loaded; the screen's `useApiQuery` then finds it. */
export function prefetchApiQuery<Data, Variables>(client: QueryClient, document: TadaDocumentNode<Data, Variables>, variables: Variables, credentials: Credentials) {
  void client.prefetchQuery({
    queryKey: queryKey(document as TadaDocumentNode<unknown, unknown>, variables, credentials),
    queryFn: ({ signal }) => request(document, variables, credentials, signal),
    staleTime: STALE_MS,
  });
}

/**
 * A workflow call (a form's submission, an operator's move): sent once per submit, its
 * refusal shown by the form. `onDone` runs after the hub answered or refused (a refusal may
 * mean someone else moved the case first), e.g. to ask the lists that show the case again.
 */
export function useApiMutation<Data, Variables>(document: TadaDocumentNode<Data, Variables>, options: { onDone?: (data: Data | undefined, error: Error | null) => void } = {}) {
  const { credentials } = useSession();
  return useMutation<Data, Error, Variables>({ mutationFn: (variables) => request(document, variables, credentials), onSettled: options.onDone });
}

/** Asks again every cached answer of these operations (after a change the hub made), e.g. ['OperatorQueue', 'PersonRecord']. */
export function invalidateOperations(client: QueryClient, operations: string[]) {
  return client.invalidateQueries({ predicate: (query) => operations.includes(query.queryKey[0] as string) });
}
