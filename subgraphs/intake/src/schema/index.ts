/** The intake subgraph schema: what people file through the hub (API.md, Workflows). */
import { FEDERATION_LINK } from '@tepat/subgraph-kit';
import { JSONResolver } from 'graphql-scalars';
import { builder } from '../builder.js';
import './case.js';
import './recipient-check.js';
import './application.js';
import './report.js';
import './complaint.js';
import './usul-sanggah.js';
import './queue.js';

builder.addScalarType('JSON', JSONResolver);
builder.queryType({ description: 'Intake: the recipient check, and cases followed by receipt or worked from a queue.' });
builder.mutationType({ description: 'Applications, community reports and complaints, filed and worked.' });

export const schema = builder.toSubGraphSchema(FEDERATION_LINK);
