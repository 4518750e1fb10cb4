#!/usr/bin/env node
// The tepat command runs straight from TypeScript through tsx: no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
