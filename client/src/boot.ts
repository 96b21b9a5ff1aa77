import type { BootData, Panel } from '../../server/http/contract';

const PANELS: readonly Panel[] = ['student', 'teacher', 'mentor', 'admin', 'deep-linking', 'no-role'];

/**
 * Reads the launch data the server embeds as <script id="trellis-boot" type="application/json">.
 * Returns null when the page was opened directly (no launch) or the data is unusable, so the
 * app can show a friendly "open Trellis from your course" page instead of crashing.
 */
export function readBootData(doc: Document = document): BootData | null {
  const text = doc.getElementById('trellis-boot')?.textContent;
  if (!text) return null;
  try {
    const data: unknown = JSON.parse(text);
    return isBootData(data) ? data : null;
  } catch {
    return null;
  }
}

// A shallow check: the server owns the shape (contract.ts); this only guards against a
// missing or half-written boot block, not a hostile one.
function isBootData(value: unknown): value is BootData {
  if (!isObject(value) || typeof value.token !== 'string' || !isObject(value.session)) return false;
  const { panel, locale, platform } = value.session;
  return (
    typeof panel === 'string' &&
    (PANELS as readonly string[]).includes(panel) &&
    (locale === 'en' || locale === 'es') &&
    isObject(platform)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
