/**
 * The `requestId` every workflow mutation carries (API.md, Workflows): chosen by the client,
 * new for each submission, the same for a retry of that submission, so a double tap or a
 * resend after a lost answer gives the first answer and files nothing twice. A submission is
 * what was filled in: sending the same values again reuses the id, changed values get a new
 * one (the hub refuses an id reused for another request), and `renew` starts afresh after an
 * answer was received and the form is filled again.
 */
import { useCallback, useRef } from 'react';

/** A random UUID; `crypto.randomUUID` exists only in secure contexts (https, localhost), so plain http on a LAN falls back to the same from getRandomValues. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `idFor(values)`: the request id for a submission of these values; `renew()`: the next submission is a new one whatever its values. */
export function useRequestId() {
  const last = useRef<{ key: string; id: string } | undefined>(undefined);
  const idFor = useCallback((values: unknown) => {
    const key = JSON.stringify(values);
    if (last.current?.key !== key) last.current = { key, id: newRequestId() };
    return last.current.id;
  }, []);
  const renew = useCallback(() => {
    last.current = undefined;
  }, []);
  return { idFor, renew };
}
