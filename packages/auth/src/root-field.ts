/**
 * What a root field's answer is, declared on the field itself as federation `@tag`s
 * (`tag: ROOT_FIELD.PERSONAL` in a Pothos field) and read by the gateway from the composed
 * supergraph (gateway/src/personal-data.ts, response-cache.ts): whether it carries personal
 * data, is logged whoever asks, is a public workflow under the stricter limit, or depends on
 * the analytics build alone. A new field thus says what it is where it is written, and the
 * gateway test fails for a root field that says neither personal nor impersonal.
 */
export const FIELD_TAGS = {
  /** Answers carry personal data: logged for AUDITOR and OPERATOR, and AUDITOR states a purpose (UU PDP 27/2022). */
  personal: 'tepat/personal',
  /** Answers carry no person: counts, sums, reference data. */
  impersonal: 'tepat/impersonal',
  /** Logged whoever asks, PUBLIC included (API.md, Workflows: "audited like other personal reads"). */
  audited: 'tepat/audited',
  /** The public's workflows, held to a stricter per-address limit than other PUBLIC calls (API.md, Workflows). */
  publicWorkflow: 'tepat/public-workflow',
  /** The answer depends on the served analytics build and the request alone, so the gateway may keep it per build. */
  buildAnswered: 'tepat/build-answered',
} as const;

/** The tag sets a root field takes, one per kind of field. */
export const ROOT_FIELD = {
  PERSONAL: [FIELD_TAGS.personal],
  AUDITED: [FIELD_TAGS.personal, FIELD_TAGS.audited],
  PUBLIC_WORKFLOW: [FIELD_TAGS.personal, FIELD_TAGS.audited, FIELD_TAGS.publicWorkflow],
  IMPERSONAL: [FIELD_TAGS.impersonal],
  BUILD_ANSWERED: [FIELD_TAGS.impersonal, FIELD_TAGS.buildAnswered],
} satisfies Record<string, string[]>;
