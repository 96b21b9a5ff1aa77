// CPU time of the PostgreSQL backends serving the bench database, from /proc (the server
// runs on this machine: the bench refuses a non-loopback database).
import fs from 'node:fs';
import type { Client } from 'pg';
import { cpuMs } from '../launch/procfs';

export class PgCpu {
  constructor(
    private readonly admin: Client,
    private readonly dbName: string,
  ) {}

  /** pid → CPU ms of every backend connected to the bench database now. */
  async sample(): Promise<Map<number, number>> {
    const { rows } = await this.admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [this.dbName]);
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = cpuMs(pid);
      if (ms !== null) out.set(pid, ms);
    }
    return out;
  }

  /**
   * CPU used between two samples. Backends that appeared in between count from zero;
   * backends that ended in between are lost (the pool keeps its connections during a round).
   */
  static between(before: Map<number, number>, after: Map<number, number>): number {
    let total = 0;
    for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
    return total;
  }
}

/** CPU time the whole machine spent busy (all processes, all CPUs), ms, from /proc/stat. */
export function machineBusyMs(): number | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const busy = f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!;
    return (busy * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
