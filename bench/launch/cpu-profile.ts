// Summarises a V8 .cpuprofile (node --cpu-prof) by self time: per package / source file
// and per function, so a profiled bench run can say where a server's CPU goes.
// Usage on its own: tsx bench/launch/cpu-profile.ts <file.cpuprofile> [top]
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const ROOT = path.resolve(__dirname, '../..');
const META = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Where a frame's code lives: an npm package, a repo file, node internals, or a V8 bucket. */
function bucketOf(frame: ProfileNode['callFrame']): string {
  if (META.has(frame.functionName) && !frame.url) return frame.functionName;
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return '(native / V8 builtins)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return `npm:${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  return path.relative(ROOT, url) || url;
}

export interface ProfileSummary {
  file: string;
  /** Sampled time that was not idle, ms. */
  busyMs: number;
  byBucket: { name: string; ms: number; share: number }[];
  byFunction: { name: string; ms: number; share: number }[];
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    busyUs += us;
    const bucket = bucketOf(node.callFrame);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const f = node.callFrame;
    const where = f.url ? `${bucketOf(f)}:${f.lineNumber + 1}` : '';
    const fname = `${f.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
    functions.set(fname, (functions.get(fname) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busyUs ? us / busyUs : 0 }));
  return { file, busyMs: busyUs / 1000, byBucket: rank(buckets), byFunction: rank(functions) };
}

export function formatProfileSummary(label: string, s: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `### CPU profile: ${label} (${s.busyMs.toFixed(0)} ms busy, self time)`,
    '',
    `Profile: ${s.file}`,
    '',
    '| Where (package / file) | Self time | Share of busy |',
    '|---|---:|---:|',
    ...s.byBucket.map((b) => `| ${b.name} | ${b.ms.toFixed(0)} ms | ${pct(b.share)} |`),
    '',
    '| Function | Self time | Share of busy |',
    '|---|---:|---:|',
    ...s.byFunction.map((f) => `| \`${f.name.replace(/\|/g, '\\|')}\` | ${f.ms.toFixed(0)} ms | ${pct(f.share)} |`),
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx bench/launch/cpu-profile.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(formatProfileSummary(path.basename(file), summarizeProfile(file, Number(top ?? 20))) + '\n');
}
