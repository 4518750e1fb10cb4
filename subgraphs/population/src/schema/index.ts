/** The population subgraph schema: every type file registers itself on the builder. */
import { FEDERATION_LINK } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import './family.js';
import './person.js';
import './region.js';
import './search.js';

builder.queryType({ description: 'Population (Dukcapil): the civil registry.' });

export const schema = builder.toSubGraphSchema(FEDERATION_LINK);
