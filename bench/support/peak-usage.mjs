// Loaded into a child with `node --import` (support/memory.ts): on exit the child writes its
// own peak RSS and CPU time to BENCH_PEAK_FILE, figures only the process itself can give.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  try {
    const usage = process.resourceUsage();
    writeFileSync(process.env.BENCH_PEAK_FILE, JSON.stringify({ maxRss: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
  } catch {}
});
