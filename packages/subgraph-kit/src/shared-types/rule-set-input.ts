/**
 * The `RuleSetInput` an ADMIN saves (eligibility's `saveRuleSet`) and an analyst simulates
 * first (analytics' `simulateRuleSet`), defined once so that both subgraphs print the same
 * input type and composition keeps every field.
 */
import type { RuleSetInput } from '@tepat/rules';
import type { CallerContext, SharedTypesBuilder } from '../builder.js';

export function ruleSetInputType<Context extends CallerContext>(builder: SharedTypesBuilder<Context>) {
  return builder.inputRef<RuleSetInput>('RuleSetInput').implement({
    description: 'A rule set to save or simulate: a new code, or a new version of an existing one.',
    fields: (t) => ({
      code: t.string({ required: true, description: 'The rule set code, [A-Z0-9_]+.' }),
      name: t.string({ required: true, description: 'What it is for.' }),
      region: t.string({ description: 'A province, regency or district code; needed by RESIDENT.' }),
      checks: t.stringList({ required: true, description: 'Check codes in order, starting with IDENTITY.' }),
      decileThreshold: t.int({ description: 'Needed by WELFARE_DECILE: 1 to 10.' }),
      familyLookbackDays: t.int({ description: 'Needed by FAMILY_NOT_RECEIVING: days, 1 to 3660.' }),
    }),
  });
}
