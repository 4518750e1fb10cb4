/**
 * Typed documents through TanStack Query: answers cached per document, variables and
 * caller (a token change never shows another caller's answer), refusals not retried
 * (the hub would refuse again), the previous answer kept on screen while the next loads.
 */
import { keepPreviousData, useMutation, useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { TadaDocumentNode } from 'gql.tada';
import { useSession } from '../session/session.tsx';
import { ApiError } from './api-error.ts';
import { request, requestText, type Credentials } from './client.ts';

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

/** A workflow call (a form's submission): sent once per submit, its refusal shown by the form. */
export function useApiMutation<Data, Variables>(document: TadaDocumentNode<Data, Variables>) {
  const { credentials } = useSession();
  return useMutation<Data, Error, Variables>({ mutationFn: (variables) => request(document, variables, credentials) });
}

/** The same for a pending document (web/pending/): text the typed build does not hold yet. */
export function usePendingMutation<Data, Variables>(query: string) {
  const { credentials } = useSession();
  return useMutation<Data, Error, Variables>({ mutationFn: (variables) => requestText<Data>(query, variables, credentials) });
}
