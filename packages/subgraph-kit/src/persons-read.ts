/**
 * Whom an answer was about, told by the service that answered (issue 21: "the sources know
 * which persons they returned; carry that to the gateway"). The gateway's access log cannot
 * learn it from the answer alone: `searchPersons { persons { fullName } }` carries no NIK.
 *
 * When the gateway will log a request it asks each subgraph, with a header, to report the
 * NIK of every object a field was resolved on (a Person, a DTKS record, a decision, a case);
 * the subgraph answers them in a response extension, which the gateway keeps and does not
 * pass on. Requests the gateway does not log pay nothing: the field hook is not installed.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** Set (to "1") by the gateway on subgraph requests whose answer goes to the access log. */
export const REPORT_PERSONS_HEADER = 'x-tepat-report-persons';

/** The response extension listing the NIKs whose data the subgraph's answer carried. */
export const PERSONS_READ_EXTENSION = 'tepatPersonsRead';

const NIK = /^\d{16}$/;

export function personsReadPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      if (request.http?.headers.get(REPORT_PERSONS_HEADER) !== '1') return;
      const niks = new Set<string>();
      return {
        async executionDidStart() {
          return {
            willResolveField({ source }) {
              const nik = (source as { nik?: unknown } | null | undefined)?.nik;
              if (typeof nik === 'string' && NIK.test(nik)) niks.add(nik);
            },
          };
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || niks.size === 0) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [PERSONS_READ_EXTENSION]: [...niks] };
        },
      };
    },
  };
}

/** The NIKs a subgraph reported in its answer's extensions; empty when it reported none. */
export function personsReadIn(extensions: Record<string, unknown> | undefined): string[] {
  const reported = extensions?.[PERSONS_READ_EXTENSION];
  return Array.isArray(reported) ? reported.filter((nik): nik is string => typeof nik === 'string' && NIK.test(nik)) : [];
}
