/**
 * The gateway's side of the access log: every answer with personal data for an AUDITOR,
 * OPERATOR or FACILITATOR (and the public workflows' for anyone), refused attempts included,
 * is recorded by the audit service (mutation `recordAccess`, hidden from the public API)
 * before it leaves. No record, no answer.
 *
 * A call per read was a request, a signed caller and a commit in the audit service for every
 * answer; reads answered together now share them (the kit's group commit; bench/README.md,
 * Measured choices). Each answer still waits for its own read's commit.
 */
import { FORWARDED_CALLER_HEADER, SERVICE_ROLE, signForwardedCaller, type AccessRead, type AccessRecord, type Caller } from '@tepat/auth';
import { groupCommit, postTimed } from '@tepat/subgraph-kit';

const RECORD_ACCESS = `mutation RecordAccess($reads: [AccessInput!]!) { recordAccess(reads: $reads) }`;

/** Reads in one call at most (the audit service takes up to 256). */
const MAX_READS_PER_CALL = 64;

/** The log keeps this much of an operation's name or root fields. */
const MAX_OPERATION_LENGTH = 500;

export interface AccessLogWriter {
  record(caller: Caller, read: AccessRead): Promise<void>;
}

export function accessLogWriter(auditUrl: string, internalKey: Uint8Array, timeoutMs: number): AccessLogWriter {
  const calls = groupCommit<AccessRecord, void>(
    async (reads) => {
      const res = await postTimed(
        auditUrl,
        {
          'content-type': 'application/json',
          [FORWARDED_CALLER_HEADER]: await signForwardedCaller({ role: SERVICE_ROLE, subject: 'gateway' }, internalKey),
        },
        JSON.stringify({ query: RECORD_ACCESS, variables: { reads } }),
        timeoutMs,
      );
      const body = (await res.body.json()) as { data?: { recordAccess?: boolean }; errors?: { message: string }[] };
      if (body.data?.recordAccess !== true) throw new Error(`the access log refused the record: ${body.errors?.[0]?.message ?? res.statusCode}`);
      return reads.map(() => undefined);
    },
    { maxPerWrite: MAX_READS_PER_CALL },
  );
  return {
    record(caller, read) {
      return calls.add({
        ...read,
        callerRole: caller.role,
        callerSubject: caller.subject ?? null,
        callerRegion: caller.region ?? null,
        purpose: caller.purpose ?? null,
        // What the log keeps of it; a longer operation name would be over recordAccess's string limit.
        operation: read.operation.slice(0, MAX_OPERATION_LENGTH),
        // A name is logged as asked, save what no text column holds (NUL and other control characters) and past the limit.
        names: read.names.map((name) => name.replace(/\p{Cc}/gu, '\uFFFD').slice(0, MAX_OPERATION_LENGTH)),
        // Only what can be a KK identifies a family; anything else was refused as BAD_USER_INPUT.
        kks: read.kks.filter((kk) => /^\d{16}$/.test(kk)),
      });
    },
  };
}
