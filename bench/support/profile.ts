/**
 * A V8 CPU profile (`node --cpu-prof`) summarised over the samples of a measured window: self
 * time per function and per package, and this repository's functions by inclusive time.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { whole } from './format.js';
import { ROOT } from './processes.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a script belongs: an npm package, Node itself, or this repository. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:internal/deps/undici')) return 'node: undici (fetch, the client side)';
  if (/^node:(_http_|http$|internal\/http)/.test(url)) return 'node: http (the server side)';
  if (/^node:(net$|stream$|internal\/stream|internal\/streams)/.test(url)) return 'node: net and streams';
  if (/^node:(internal\/abort_controller|internal\/worker\/js_transferable|timers$|internal\/timers)/.test(url)) return 'node: AbortSignal and timers';
  if (url.startsWith('node:')) return 'node: other internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const [first, second] = url.slice(nm + '/node_modules/'.length).split('/');
    return first!.startsWith('@') ? `${first}/${second}` : first!;
  }
  if (url.includes(ROOT) || url.startsWith('file://')) return 'tepat (this repository)';
  return url;
}

const shortUrl = (url: string) => {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  return url.replace(pathToFileURL(ROOT).href, '').replace(/^file:\/\//, '');
};

// tsx runs this repository's TypeScript as transformed code, whose line numbers mean nothing here.
const whereOf = (url: string, lineNumber: number) => (url.endsWith('.ts') ? shortUrl(url) : `${shortUrl(url)}:${lineNumber + 1}`);

export interface ProfileSummary {
  name: string;
  windowed: boolean;
  totalMs: number;
  idleMs: number;
  top: { fn: string; where: string; ms: number }[];
  areas: { area: string; ms: number }[];
  /** This repository's functions by inclusive time (synchronous stacks only: time after an await is its own stack). */
  ours: { fn: string; where: string; ms: number }[];
}

/** Self time per function and per package, over the samples taken between `fromUs` and `toUs` (monotonic µs). */
export function summariseProfile(name: string, path: string, fromUs: number, toUs: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByNode = new Map<number, number>();
  let at = profile.startTime;
  let windowed = true;
  const inWindow: [number, number][] = [];
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    const duration = profile.timeDeltas[i + 1] ?? 0;
    if (at >= fromUs && at <= toUs) inWindow.push([profile.samples[i]!, duration]);
  }
  let samples = inWindow;
  if (samples.length === 0) {
    // The clocks did not line up: fall back to the whole profile.
    windowed = false;
    samples = profile.samples.map((id, i) => [id, profile.timeDeltas[i + 1] ?? 0]);
  }
  for (const [id, us] of samples) selfByNode.set(id, (selfByNode.get(id) ?? 0) + us);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const isOurs = (url: string) => url.startsWith(pathToFileURL(ROOT).href) && !url.includes('/node_modules/') && !url.includes('/generated/');
  const inclusive = new Map<string, { fn: string; where: string; ms: number }>();
  for (const [id, us] of selfByNode) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = nodes.get(at)!.callFrame;
      if (!isOurs(url)) continue;
      const where = whereOf(url, lineNumber);
      const key = `${functionName}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? { fn: functionName || '(anonymous)', where, ms: 0 };
      entry.ms += us / 1000;
      inclusive.set(key, entry);
    }
  }
  const byFunction = new Map<string, { fn: string; where: string; ms: number }>();
  const byArea = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const [id, us] of selfByNode) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const msSpent = us / 1000;
    totalMs += msSpent;
    if (functionName === '(idle)') {
      idleMs += msSpent;
      continue;
    }
    const fn = functionName || '(anonymous)';
    const where = url ? whereOf(url, lineNumber) : '';
    const key = `${fn}@${where}`;
    const entry = byFunction.get(key) ?? { fn, where, ms: 0 };
    entry.ms += msSpent;
    byFunction.set(key, entry);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + msSpent);
  }
  return {
    name,
    windowed,
    totalMs,
    idleMs,
    top: [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, 15),
    areas: [...byArea.entries()].map(([area, msSpent]) => ({ area, ms: msSpent })).sort((a, b) => b.ms - a.ms).slice(0, 12),
    ours: [...inclusive.values()].sort((a, b) => b.ms - a.ms).slice(0, 8),
  };
}

export function printProfile(p: ProfileSummary): void {
  const busy = p.totalMs - p.idleMs;
  console.log(
    `\n  ${p.name}: ${whole(busy)} ms on the CPU of ${whole(p.totalMs)} ms sampled (${Math.round((busy / Math.max(p.totalMs, 1)) * 100)} % busy)` +
      (p.windowed ? ', samples during the load only' : ', WHOLE profile (start-up included: the load window could not be matched)'),
  );
  console.log('  by package (self time, % of busy):');
  for (const a of p.areas) console.log(`    ${((a.ms / busy) * 100).toFixed(1).padStart(5)} %  ${a.area}`);
  console.log('  top functions (self time, % of busy):');
  for (const f of p.top) console.log(`    ${((f.ms / busy) * 100).toFixed(1).padStart(5)} %  ${f.fn}  ${f.where}`);
  console.log("  this repository's functions (inclusive time of their synchronous stacks, % of busy):");
  for (const f of p.ours) console.log(`    ${((f.ms / busy) * 100).toFixed(1).padStart(5)} %  ${f.fn}  ${f.where}`);
}

