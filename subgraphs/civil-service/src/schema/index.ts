/** The civil-service subgraph schema: it adds to Person and has no root fields of its own. */
import { FEDERATION_LINK } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import './person.js';

export const schema = builder.toSubGraphSchema(FEDERATION_LINK);
