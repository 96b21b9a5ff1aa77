// ISO-8601 timestamps compared at full precision: AGS timestamps may carry more than
// millisecond digits, and two scores a microsecond apart must still be ordered.
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** Nanoseconds since the epoch, or null when the value is not an ISO-8601 date-time with offset. */
export function isoToNanos(value: unknown): bigint | null {
  if (typeof value !== 'string') return null;
  const m = ISO.exec(value);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return null;
  const fraction = (m[2] ?? '').padEnd(9, '0').slice(0, 9);
  return BigInt(ms) * 1_000_000n + BigInt(fraction);
}

export function isIsoDateTime(value: unknown): value is string {
  return isoToNanos(value) !== null;
}
