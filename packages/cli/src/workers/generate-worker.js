// Runs `generate` in a worker thread whose heap is capped (see commands/generate.ts). Plain
// JavaScript, since a worker starts without the parent's TypeScript loader and registers its own.
import { register } from 'tsx/esm/api';
import { parentPort, workerData } from 'node:worker_threads';

register();
const { generate } = await import('@tepat/generator');
const manifest = await generate({ ...workerData, onProgress: (message) => parentPort.postMessage({ progress: message }) });
parentPort.postMessage({ manifest });
