/** The JSON scalar of API.md (`Check.evidence`), from graphql-scalars. */
import { JSONResolver } from 'graphql-scalars';
import { builder } from '../builder.js';

builder.addScalarType('JSON', JSONResolver);
