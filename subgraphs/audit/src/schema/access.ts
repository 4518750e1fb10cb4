/**
 * The access log (UU PDP): every read of personal data by an AUDITOR or OPERATOR, with who,
 * when, whose data (every NIK asked about or answered, KKs and names asked for), which
 * operation, the stated purpose, and whether it was answered: refused attempts count too.
 * The gateway writes it through `recordAccess` (not part of the public API) before the answer
 * leaves; ADMIN reads it. The table refuses updates and deletes.
 */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, kkArg, nikArg } from '@tepat/core';
import { jakartaDays, logPage } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import type { AccessRow } from '../db.js';

const MAX_ENTRIES = 100_000;

const AccessRecord = builder.objectRef<AccessRow>('AccessRecord').implement({
  description: 'One read of personal data by an auditor or operator.',
  fields: (t) => ({
    id: t.string({ description: 'Position in the log.', resolve: (a) => a.id.toString() }),
    accessedAt: t.string({ description: 'When (ISO 8601, UTC).', resolve: (a) => a.accessedAt.toISOString() }),
    callerRole: t.exposeString('callerRole', { description: 'AUDITOR or OPERATOR.' }),
    callerSubject: t.exposeString('callerSubject', { nullable: true, description: 'Who, as the token names them.' }),
    callerRegion: t.exposeString('callerRegion', { nullable: true, description: "An operator's region." }),
    purpose: t.exposeString('purpose', { nullable: true, description: 'The case or purpose stated in X-Tepat-Purpose.' }),
    operation: t.exposeString('operation', { description: 'The operation name as the caller gave it, or its root fields.' }),
    rootFields: t.exposeStringList('rootFields', { description: 'The root fields the operation selected, whatever the caller named it.' }),
    niks: t.exposeStringList('niks', { description: 'Every NIK asked about or whose data the answer carried, whatever the query selected.' }),
    kks: t.exposeStringList('kks', { description: 'Family card numbers asked for.' }),
    names: t.exposeStringList('names', { description: 'Names searched for or given with a NIK.' }),
    answered: t.exposeBoolean('answered', { description: 'False when the read was refused or found no one: attempts are on record too.' }),
  }),
});

const AccessInput = builder.inputType('AccessInput', {
  description: 'One read, as the gateway saw it.',
  inaccessible: true,
  fields: (t) => ({
    callerRole: t.string({ required: true, description: 'AUDITOR or OPERATOR.' }),
    callerSubject: t.string({ description: 'Who, as the token names them.' }),
    callerRegion: t.string({ description: "An operator's region." }),
    purpose: t.string({ description: 'The case or purpose stated in X-Tepat-Purpose.' }),
    operation: t.string({ required: true, description: 'The operation name as the caller gave it, or its root fields.' }),
    rootFields: t.stringList({ required: true, description: 'The root fields the operation selected.' }),
    niks: t.stringList({ required: true, description: 'Every NIK asked about or whose data the answer carried.' }),
    kks: t.stringList({ required: true, description: 'Family card numbers asked for.' }),
    names: t.stringList({ required: true, description: 'Names searched for or given with a NIK.' }),
    answered: t.boolean({ required: true, description: 'False when the read was refused or found no one.' }),
  }),
});

/** Reads one call may append: the gateway's group of reads that arrived together. */
const MAX_READS = 256;

builder.mutationField('recordAccess', (t) =>
  t.boolean({
    description: 'Appends reads to the access log, in the order given, all or none; true once committed. For the gateway only.',
    inaccessible: true,
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.recordAccess },
    args: { reads: t.arg({ type: [AccessInput], required: true, description: 'The reads, one row each.' }) },
    resolve: async (_root, { reads }, ctx) => {
      if (reads.length === 0 || reads.length > MAX_READS) throw badInput('reads', `holds ${reads.length} reads; give 1 to ${MAX_READS}.`);
      for (const [i, read] of reads.entries()) {
        for (const list of ['niks', 'kks', 'names', 'rootFields'] as const) {
          if (read[list].length > MAX_ENTRIES) throw badInput(`reads[${i}].${list}`, `holds over ${MAX_ENTRIES} entries.`);
        }
      }
      const rows = reads.map((read) => ({
        caller_role: read.callerRole,
        caller_subject: read.callerSubject ?? null,
        caller_region: read.callerRegion ?? null,
        purpose: read.purpose ?? null,
        operation: read.operation.slice(0, 500),
        root_fields: read.rootFields,
        niks: read.niks,
        kks: read.kks,
        names: read.names,
        answered: read.answered,
      }));
      // One durable statement for the group: the gateway waits for the commit before any of
      // its callers is answered (group commit, access-log.ts there). The rows go as one JSON
      // document, in the order given (ORDER BY ord), so their chain positions follow it; as
      // the decision log does, through the kit's Sql, not Prisma (bench/README.md, Measured
      // choices).
      await ctx.sql.query(
        `INSERT INTO access (caller_role, caller_subject, caller_region, purpose, operation, root_fields, niks, kks, names, answered)
         SELECT caller_role, caller_subject, caller_region, purpose, operation, root_fields, niks, kks, names, answered
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
                caller_role text, caller_subject text, caller_region text, purpose text, operation text,
                root_fields text[], niks text[], kks text[], names text[], answered boolean
              )) WITH ORDINALITY AS r(caller_role, caller_subject, caller_region, purpose, operation, root_fields, niks, kks, names, answered, ord)
         ORDER BY ord`,
        [JSON.stringify(rows)],
      );
      return true;
    },
  }),
);

builder.queryField('accessLog', (t) =>
  t.field({
    type: [AccessRecord],
    description: 'Reads of personal data by auditors and operators, newest first, by NIK, subject and time (inclusive dates, Asia/Jakarta).',
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.readAccessLog },
    args: {
      nik: t.arg.string({ description: 'Only reads that touched this NIK.' }),
      kk: t.arg.string({ description: 'Only reads that asked for this family card number.' }),
      subject: t.arg.string({ description: 'Only reads by this token subject.' }),
      from: t.arg.string({ description: 'On or after this day, YYYY-MM-DD.' }),
      to: t.arg.string({ description: 'On or before this day, YYYY-MM-DD.' }),
      first: t.arg.int({ required: true, defaultValue: 100, description: 'At most this many (1 to 1000).' }),
    },
    resolve: (_root, args, ctx) => {
      return ctx.prisma.access.findMany({
        where: {
          ...(args.nik == null ? {} : { niks: { has: nikArg('nik', args.nik) } }),
          ...(args.kk == null ? {} : { kks: { has: kkArg('kk', args.kk) } }),
          ...(args.subject == null ? {} : { callerSubject: args.subject }),
          accessedAt: jakartaDays(args.from, args.to),
        },
        orderBy: { id: 'desc' },
        take: logPage(args.first),
      });
    },
  }),
);
