// Skill graphs as files: a district's own graph imported for its platform (a new version
// whenever its content changes), and the built-in graph exported in the same format.
// Validation is whole-file: any problem rejects the file and nothing is stored.
import { z } from 'zod';
import type { Database } from '../db/database';
import type { ContentBank } from './content/content-bank';
import { contentHash, ensureDefaultModels, insertSkillSet, type SkillCatalog } from './skill-catalog';

const DOMAINS = ['place-value', 'multiplication', 'fractions', 'decimals', 'ratios', 'percent', 'integers', 'expressions', 'equations', 'geometry', 'statistics'] as const;

export const SkillGraphFile = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'lowercase letters, digits, ".", "_" or "-"'),
  title: z.string().trim().min(1).max(200),
  skills: z
    .array(
      z.object({
        code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, ".", "_" or "-"'),
        standard: z.string().trim().min(1).max(100),
        grade: z.number().int().min(0).max(12),
        domain: z.enum(DOMAINS).or(z.string().trim().min(1).max(50)),
        name: z.object({ en: z.string().trim().min(1).max(200), es: z.string().trim().min(1).max(200).optional() }),
        prerequisites: z.array(z.string()).max(20).default([]),
      }),
    )
    .min(1)
    .max(2_000),
});
export type SkillGraphFile = z.infer<typeof SkillGraphFile>;

export type SkillGraphImport =
  | { ok: true; version: number; created: boolean; skills: number }
  | { ok: false; errors: string[] };

/** Checks a parsed file against itself and the built-in graph; returns every problem found. */
export function validateSkillGraph(raw: unknown, builtin: ContentBank): { file: SkillGraphFile | null; errors: string[] } {
  const parsed = SkillGraphFile.safeParse(raw);
  if (!parsed.success) return { file: null, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`) };
  const file = parsed.data;
  const errors: string[] = [];
  const codes = new Set<string>();
  file.skills.forEach((s, i) => {
    if (codes.has(s.code)) errors.push(`skills.${i}.code: "${s.code}" appears twice`);
    codes.add(s.code);
  });
  file.skills.forEach((s, i) => {
    for (const pre of s.prerequisites) {
      if (!codes.has(pre) && !builtin.skill(pre)) errors.push(`skills.${i}.prerequisites: "${pre}" is neither in this file nor a built-in skill`);
      if (pre === s.code) errors.push(`skills.${i}.prerequisites: "${s.code}" cannot be its own prerequisite`);
    }
  });
  const cycle = findCycle(file.skills);
  if (cycle) errors.push(`prerequisites form a cycle: ${cycle.join(' → ')}`);
  return { file: errors.length ? null : file, errors };
}

export async function importSkillGraph(
  deps: { db: Database; catalog: SkillCatalog },
  raw: unknown,
  platformId: string,
): Promise<SkillGraphImport> {
  const { file, errors } = validateSkillGraph(raw, deps.catalog.bank);
  if (!file) return { ok: false, errors };
  const hash = contentHash(file.skills);
  const result = await deps.db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('skill_set:' || $1 || ':' || $2))`, [file.key, platformId]);
    const [latest] = await tx.query<{ version: number; content_hash: string }>(
      `SELECT version, content_hash FROM skill_set WHERE key = $1 AND platform_id = $2 ORDER BY version DESC LIMIT 1`,
      [file.key, platformId],
    );
    if (latest?.content_hash === hash) return { ok: true as const, version: latest.version, created: false, skills: file.skills.length };
    const version = (latest?.version ?? 0) + 1;
    await insertSkillSet(tx, { key: file.key, version, title: file.title, platformId, source: 'file', hash, skills: file.skills });
    await ensureDefaultModels(tx, file.skills.map((s) => s.code));
    return { ok: true as const, version, created: true, skills: file.skills.length };
  });
  deps.catalog.invalidate();
  return result;
}

/** The built-in graph in the import format (a starting point for a district's own). */
export function exportBuiltinGraph(bank: ContentBank): SkillGraphFile {
  return {
    key: 'trellis-k8-math',
    title: 'Trellis K-8 math',
    skills: bank.skills.map((s) => ({ code: s.code, standard: s.standard, grade: s.grade, domain: s.domain, name: s.name, prerequisites: s.prerequisites })),
  };
}

function findCycle(skills: SkillGraphFile['skills']): string[] | null {
  const prereqs = new Map(skills.map((s) => [s.code, s.prerequisites]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (code: string, path: string[]): string[] | null => {
    if (state.get(code) === 'done') return null;
    if (state.get(code) === 'visiting') return [...path.slice(path.indexOf(code)), code];
    state.set(code, 'visiting');
    for (const pre of prereqs.get(code) ?? []) {
      const cycle = visit(pre, [...path, code]);
      if (cycle) return cycle;
    }
    state.set(code, 'done');
    return null;
  };
  for (const s of skills) {
    const cycle = visit(s.code, []);
    if (cycle) return cycle;
  }
  return null;
}
