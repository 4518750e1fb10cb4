#!/usr/bin/env node
// The tepat command runs straight from TypeScript through tsx: no build step to forget.
import { register } from 'tsx/esm/api';

// graphql-js checks every type test against copies of itself from other realms unless told it
// runs in production: a tenth of the gateway's time on a large answer. Set before anything
// loads graphql; Apollo Server's defaults that also read it are set explicitly.
process.env.NODE_ENV ??= 'production';
// What the hub writes under TEPAT_DATA_DIR (databases, analytics' ClickHouse files, exports,
// reports) is its owner's alone: 0700 directories, 0600 files (issue 16 §4). Child processes
// inherit it; files a library sets modes on itself (PGlite's) are set by the subgraph kit.
process.umask(0o077);
register();
await import('../src/main.ts');
