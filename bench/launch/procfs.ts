// Linux /proc readers for the launch benchmark: which process really listens on a port
// (tsx runs the server in a child node process), its peak RSS, and CPU time.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

let clockTicks: number | null = null;
/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (almost always 100). */
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

function readStat(pid: number): string[] | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) may contain spaces and parentheses: split after the last ')'.
    const rest = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return rest; // rest[0] is field 3 (state)
  } catch {
    return null;
  }
}

/** User + system CPU time of one process, in milliseconds (null if it is gone). */
export function cpuMs(pid: number): number | null {
  const f = readStat(pid);
  if (!f) return null;
  // fields 14 (utime) and 15 (stime) → indexes 11 and 12 of `rest`
  return ((Number(f[11]) + Number(f[12])) * 1000) / ticksPerSecond();
}

function parentOf(pid: number): number | null {
  const f = readStat(pid);
  return f ? Number(f[1]) : null;
}

/** pid and all its descendants (scans /proc; /proc/<pid>/task/<tid>/children may be absent). */
export function descendants(root: number): number[] {
  const all = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const children = new Map<number, number[]>();
  for (const pid of all) {
    const ppid = parentOf(pid);
    if (ppid === null) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(pid);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Socket inodes listening on TCP `port` (IPv4 and IPv6 tables). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const local = cols[1]!;
      const state = cols[3];
      if (state === '0A' && local.endsWith(`:${hexPort}`)) inodes.add(cols[9]!);
    }
  }
  return inodes;
}

/**
 * The process (root or one of its descendants) holding the listening socket on `port`:
 * the real server, not a tsx/npx wrapper. null if none is listening yet.
 */
export function listeningPid(root: number, port: number): number | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const pid of descendants(root)) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1]!)) return pid;
      } catch {
        // fd closed while we looked
      }
    }
  }
  return null;
}

export interface MemoryStatus {
  /** Peak resident set size (VmHWM), MiB. */
  peakRssMiB: number;
  /** Current resident set size (VmRSS), MiB. */
  rssMiB: number;
}

export function memoryStatus(pid: number): MemoryStatus | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { peakRssMiB: kb('VmHWM') / 1024, rssMiB: kb('VmRSS') / 1024 };
}

export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '?';
  }
}
