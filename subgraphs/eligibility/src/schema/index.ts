/** The eligibility subgraph schema. */
import { FEDERATION_LINK } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import './json.js';
import './eligibility.js';
import './rule-set.js';
import './decision.js';
import './subjects.js';

builder.queryType({ description: 'Eligibility: rule sets, explained decisions, and their log.' });
builder.mutationType({ description: 'Changes to rule sets.' });

export const schema = builder.toSubGraphSchema(FEDERATION_LINK);
