// Skills and their model parameters, as the practice hot path needs them: cached per
// process (content changes rarely; a refit or an import invalidates) so serving an item
// costs no catalog queries. The built-in bank is written to the database at start so
// other modules (insights, transparency, exports) can join on it.
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import type { ContentBank } from './content/content-bank';
import type { Locale } from './content/item';
import { DEFAULT_BKT_PARAMS, type BktParams } from './model/bkt';

export const BUILTIN_SKILL_SET = 'trellis-k8-math';

export interface SkillInfo {
  code: string;
  standard: string;
  grade: number;
  domain: string;
  name: Partial<Record<Locale, string>> & { en: string };
  prerequisites: string[];
  /** In the built-in bank (items can be generated) rather than an imported graph. */
  builtin: boolean;
}

/** A skill as stored (built-in or imported): what the graph needs, nothing about items. */
export type SkillRecord = Omit<SkillInfo, 'builtin'>;

export interface SkillGraph {
  skill(code: string): SkillInfo | undefined;
  prerequisitesOf(code: string): string[];
  /** Assignment entries are skill codes or standard codes; returns skill codes in graph order. */
  expand(codesOrStandards: readonly string[]): { skills: string[]; unknown: string[] };
  all(): readonly SkillInfo[];
}

export interface SkillModel {
  version: number;
  params: BktParams;
}

export function skillName(skill: SkillInfo, locale: Locale): string {
  return skill.name[locale] ?? skill.name.en;
}

export class SkillCatalog {
  private graphs = new Map<string, { at: number; graph: Promise<SkillGraph> }>();
  private modelCache: { at: number; models: Promise<Map<string, SkillModel>> } | null = null;
  private synced: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    readonly bank: ContentBank,
    private readonly ttlMs = 60_000,
  ) {}

  /** The built-in bank is in the database (written once per process, on first use or at start). */
  ready(): Promise<void> {
    if (!this.synced) {
      this.synced = this.syncBuiltin();
      this.synced.catch(() => (this.synced = null));
    }
    return this.synced;
  }

  /** Writes the built-in skill graph (a new version when its content changed) and v1 default models. */
  private async syncBuiltin(): Promise<void> {
    const skills = this.bank.skills;
    const hash = contentHash(skills);
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('skill_set:' || $1))`, [BUILTIN_SKILL_SET]);
      const [latest] = await tx.query<{ version: number; content_hash: string }>(
        `SELECT version, content_hash FROM skill_set WHERE key = $1 AND platform_id IS NULL ORDER BY version DESC LIMIT 1`,
        [BUILTIN_SKILL_SET],
      );
      if (latest?.content_hash !== hash) {
        await insertSkillSet(tx, {
          key: BUILTIN_SKILL_SET,
          version: (latest?.version ?? 0) + 1,
          title: 'Trellis K-8 math',
          platformId: null,
          source: 'builtin',
          hash,
          skills,
        });
      }
      await ensureDefaultModels(tx, skills.map((s) => s.code));
    });
    this.graphs.clear();
    this.modelCache = null;
  }

  /** The skills a platform can use: the built-in bank plus graphs imported for it. */
  graphFor(platformId: string): Promise<SkillGraph> {
    const cached = this.graphs.get(platformId);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.graph;
    const graph = this.loadGraph(platformId);
    this.graphs.set(platformId, { at: Date.now(), graph });
    graph.catch(() => this.graphs.delete(platformId));
    return graph;
  }

  /** Latest BKT parameters per skill; skills without a row use the defaults as version 1. */
  async model(code: string): Promise<SkillModel> {
    return modelFrom(await this.models(), code);
  }

  models(): Promise<Map<string, SkillModel>> {
    if (this.modelCache && Date.now() - this.modelCache.at < this.ttlMs) return this.modelCache.models;
    const models = this.loadModels();
    this.modelCache = { at: Date.now(), models };
    models.catch(() => (this.modelCache = null));
    return models;
  }

  invalidate(): void {
    this.graphs.clear();
    this.modelCache = null;
  }

  private async loadModels(): Promise<Map<string, SkillModel>> {
    await this.ready();
    const rows = await this.db.query<{
      skill_code: string; version: number; p_init: number; p_learn: number; p_guess: number; p_slip: number; p_forget: number;
    }>(
      `SELECT DISTINCT ON (skill_code) skill_code, version, p_init, p_learn, p_guess, p_slip, p_forget
         FROM skill_model ORDER BY skill_code, version DESC`,
    );
    return new Map(
      rows.map((r) => [
        r.skill_code,
        { version: r.version, params: { pInit: r.p_init, pLearn: r.p_learn, pGuess: r.p_guess, pSlip: r.p_slip, pForget: r.p_forget } },
      ]),
    );
  }

  private async loadGraph(platformId: string): Promise<SkillGraph> {
    await this.ready();
    const builtin: SkillInfo[] = this.bank.skills.map((s) => ({ ...s, builtin: true }));
    const imported = await this.db.query<SkillRecord>(
      `SELECT s.code, s.standard, s.grade, s.domain, s.name, s.prerequisites
         FROM skill s
         JOIN (SELECT DISTINCT ON (key) id FROM skill_set WHERE platform_id = $1 ORDER BY key, version DESC) latest
           ON latest.id = s.skill_set_id
        ORDER BY s.position`,
      [platformId],
    );
    return buildGraph([...builtin, ...imported.map((s) => ({ ...s, builtin: false }))]);
  }
}

/** A skill's model from a loaded set: skills without a row use the defaults as version 1. */
export function modelFrom(models: ReadonlyMap<string, SkillModel>, code: string): SkillModel {
  return models.get(code) ?? { version: 1, params: DEFAULT_BKT_PARAMS };
}

export function buildGraph(skills: SkillInfo[]): SkillGraph {
  const byCode = new Map<string, SkillInfo>();
  // A platform's imported skill replaces a built-in one with the same code.
  for (const skill of skills) byCode.set(skill.code, skill);
  const ordered = [...byCode.values()];
  const position = new Map(ordered.map((s, i) => [s.code, i]));
  return {
    skill: (code) => byCode.get(code),
    prerequisitesOf: (code) => byCode.get(code)?.prerequisites.filter((p) => byCode.has(p)) ?? [],
    all: () => ordered,
    expand(entries) {
      const found = new Set<string>();
      const unknown: string[] = [];
      for (const entry of entries) {
        if (byCode.has(entry)) found.add(entry);
        else {
          const aligned = ordered.filter((s) => s.standard === entry);
          if (aligned.length === 0) unknown.push(entry);
          for (const s of aligned) found.add(s.code);
        }
      }
      return { skills: [...found].sort((a, b) => position.get(a)! - position.get(b)!), unknown };
    },
  };
}

export async function insertSkillSet(
  tx: Queryable,
  set: {
    key: string; version: number; title: string; platformId: string | null; source: 'builtin' | 'file' | 'case'; hash: string;
    skills: readonly SkillRecord[];
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO skill_set (key, version, title, platform_id, source, content_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [set.key, set.version, set.title, set.platformId, set.source, set.hash],
  );
  await tx.query(
    `INSERT INTO skill (skill_set_id, code, standard, grade, domain, name, prerequisites, position)
     SELECT $1, s.code, s.standard, s.grade, s.domain, s.name, ARRAY(SELECT jsonb_array_elements_text(s.prerequisites)), s.position
       FROM jsonb_to_recordset($2::jsonb) AS s(code text, standard text, grade int, domain text, name jsonb, prerequisites jsonb, position int)`,
    [row!.id, JSON.stringify(set.skills.map((s, position) => ({ ...s, position })))],
  );
  return row!.id;
}

export async function ensureDefaultModels(tx: Queryable, codes: string[]): Promise<void> {
  const p = DEFAULT_BKT_PARAMS;
  await tx.query(
    `INSERT INTO skill_model (skill_code, version, p_init, p_learn, p_guess, p_slip, p_forget, method)
     SELECT code, 1, $2, $3, $4, $5, $6, 'default' FROM unnest($1::text[]) AS code
     ON CONFLICT (skill_code, version) DO NOTHING`,
    [codes, p.pInit, p.pLearn, p.pGuess, p.pSlip, p.pForget],
  );
}

export function contentHash(skills: readonly SkillRecord[]): string {
  const canonical = skills.map((s) => [s.code, s.standard, s.grade, s.domain, s.name, s.prerequisites]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
