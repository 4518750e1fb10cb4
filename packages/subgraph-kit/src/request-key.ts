/**
 * Idempotency by the caller's requestId (API.md, Workflows: "the same request twice gives the
 * same answer and changes nothing more"). A service stores the key of each request it
 * answered beside the change, in the same transaction; the fingerprint keeps a requestId to
 * the one request it named.
 */
import { badInput } from '@tepat/core';
import { createHash } from 'node:crypto';

export interface RequestKey {
  requestId: string;
  /** SHA-256 of the operation and its arguments. */
  fingerprint: string;
}

/** The key of an operation; the requestId is the caller's: 1 to 100 of A-Z a-z 0-9 . _ : - (a UUID will do). */
export function requestKey(operation: string, requestId: string, args: unknown): RequestKey {
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(requestId)) {
    throw badInput('requestId', 'must be 1 to 100 letters, digits, dots, underscores, colons or dashes (a UUID will do).');
  }
  return { requestId, fingerprint: createHash('sha256').update(JSON.stringify([operation, args])).digest('hex') };
}

/** The answer to a requestId stored for another request. */
export function requestIdReused() {
  return badInput('requestId', 'was already used for a different request; give each new request its own requestId.');
}
