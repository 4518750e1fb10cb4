/**
 * Every error code the hub gives a caller (STYLE.md), in one list the subgraphs and the
 * gateway share: an error carrying one of these codes was raised on purpose, with a message
 * written for the caller, and reaches the client as it is (issue 16). Any other error is
 * unexpected and is masked as INTERNAL_SERVER_ERROR.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  // Raised by the hub's resolvers.
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  /** Kept for a record a caller names that does not exist; today a missing record is null (API.md). */
  NOT_FOUND: 'NOT_FOUND',
  /** A metric asked before any analytics build exists (API.md). */
  ANALYTICS_NOT_BUILT: 'ANALYTICS_NOT_BUILT',
  // Raised by the gateway around execution.
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  PERSISTED_QUERY_NOT_TRUSTED: 'PERSISTED_QUERY_NOT_TRUSTED',
  ACCESS_LOG_UNAVAILABLE: 'ACCESS_LOG_UNAVAILABLE',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
  // Apollo Server's own, for requests it cannot run.
  BAD_REQUEST: 'BAD_REQUEST',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** The one code that is not deliberate: what every unexpected error becomes, its message generic. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Whether an error's code says it was raised on purpose, so its message may be shown as written. */
export function isDeliberateCode(code: unknown): code is Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'> {
  return typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR && Object.hasOwn(ErrorCode, code);
}

/** An argument the caller got wrong; the message names the argument and what is expected. */
export function badInput(argument: string, problem: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}" ${problem}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
  });
}
