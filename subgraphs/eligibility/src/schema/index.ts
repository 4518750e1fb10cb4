/** The eligibility subgraph schema. */
import { FEDERATION_LINK } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import './json.js';
import './eligibility.js';
import './rule-set.js';
import './decision.js';
import './subjects.js';
import './access.js';
import './log-chains.js';

builder.queryType({ description: "Eligibility: rule sets, explained decisions, and the hub's decision and access logs." });
builder.mutationType({ description: 'Changes to rule sets, and the access log the gateway writes.' });

export const schema = builder.toSubGraphSchema(FEDERATION_LINK);
