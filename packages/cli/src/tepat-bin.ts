/** The `tepat` executable, for commands that run another `tepat` command as a child process. */
import { fileURLToPath } from 'node:url';

export const TEPAT_BIN = fileURLToPath(new URL('../bin/tepat.js', import.meta.url));
