#!/usr/bin/env node
// The tepat command runs straight from TypeScript through tsx: no build step to forget.
import { register } from 'tsx/esm/api';

// graphql-js checks every type test against copies of itself from other realms unless told it
// runs in production: a tenth of the gateway's time on a large answer. Set before anything
// loads graphql; Apollo Server's defaults that also read it are set explicitly.
process.env.NODE_ENV ??= 'production';
register();
await import('../src/main.ts');
