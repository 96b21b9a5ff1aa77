// Where an item's content comes from: a built-in template regenerated from its seed, or
// a teacher-authored item. Served items store only (template, seed) or the authored id,
// so the same item can be shown again, checked and explained without storing its text.
import type { Database } from '../db/database';
import type { ContentBank } from './content/content-bank';
import type { ItemContent, Locale } from './content/item';
import { createRng, randomSeed } from './content/rng';

export interface ItemRef {
  templateKey: string | null;
  seed: number | null;
  authoredItemId: string | null;
}

export interface RecentItem {
  skill: string;
  templateKey: string | null;
  authoredItemId: string | null;
}

export class ItemSource {
  /** Authored items per platform+course and skill; small, and changed only by imports. */
  private authoredCache = new Map<string, { at: number; bySkill: Promise<Map<string, string[]>> }>();
  private authoredContent = new Map<string, Promise<ItemContent | null>>();

  constructor(
    private readonly db: Database,
    private readonly bank: ContentBank,
    private readonly ttlMs = 60_000,
  ) {}

  async content(ref: ItemRef, locale: Locale): Promise<ItemContent> {
    if (ref.templateKey !== null && ref.seed !== null) {
      const template = this.bank.template(ref.templateKey);
      if (!template) throw new Error(`unknown item template ${ref.templateKey}`);
      return template.generate(createRng(ref.seed), locale);
    }
    const content = ref.authoredItemId ? await this.authored(ref.authoredItemId) : null;
    if (!content) throw new Error(`authored item ${ref.authoredItemId} is gone`);
    return content;
  }

  /**
   * Picks an item for a skill: the course's authored items the student hasn't seen come
   * first (the teacher wrote them for this class), then generated items, rotating templates
   * so two items in a row don't share a shape. `authoredIndex` is the scope's index, loaded
   * by the caller before any transaction (a cache refill must not wait for a pooled connection
   * while the caller's transaction holds one); `served` says which authored items were seen.
   */
  async choose(
    authoredIndex: ReadonlyMap<string, string[]>,
    skill: string,
    recent: readonly RecentItem[],
    served: (authoredIds: string[]) => Promise<Set<string>>,
  ): Promise<ItemRef> {
    const authored = authoredIndex.get(skill) ?? [];
    if (authored.length > 0) {
      const seen = await served(authored);
      const fresh = authored.find((id) => !seen.has(id));
      if (fresh) return { templateKey: null, seed: null, authoredItemId: fresh };
    }
    const templates = this.bank.templatesFor(skill);
    if (templates.length === 0) {
      // An imported skill with authored items only: reuse the one seen longest ago.
      const lastSeen = new Map(recent.map((r, i) => [r.authoredItemId, i] as const));
      const oldest = [...authored].sort((a, b) => (lastSeen.get(b) ?? Infinity) - (lastSeen.get(a) ?? Infinity))[0];
      if (!oldest) throw new Error(`no items for skill ${skill}`);
      return { templateKey: null, seed: null, authoredItemId: oldest };
    }
    const lastTemplate = recent.find((r) => r.skill === skill && r.templateKey)?.templateKey;
    const options = templates.length > 1 ? templates.filter((t) => t.key !== lastTemplate) : templates;
    const template = options[Math.floor(Math.random() * options.length)]!;
    return { templateKey: template.key, seed: randomSeed(), authoredItemId: null };
  }

  /** Skills with at least one item (built-in template or authored item in scope). */
  async practicable(scope: { platformId: string; contextId: string }, skills: readonly string[]): Promise<string[]> {
    const authored = await this.authoredIndex(scope);
    return skills.filter((s) => this.bank.templatesFor(s).length > 0 || (authored.get(s)?.length ?? 0) > 0);
  }

  /** After an import: new items appear and replaced items show their new content. */
  invalidate(): void {
    this.authoredCache.clear();
    this.authoredContent.clear();
  }

  /** Authored item ids by skill for a platform and course (cached; pass it to choose). */
  authoredIndex(scope: { platformId: string; contextId: string }): Promise<Map<string, string[]>> {
    const key = `${scope.platformId}:${scope.contextId}`;
    const cached = this.authoredCache.get(key);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.bySkill;
    const bySkill = this.db
      .query<{ skill_code: string; ids: string[] }>(
        `SELECT skill_code, array_agg(id ORDER BY created_at, external_id) AS ids FROM authored_item
          WHERE platform_id = $1 AND (context_id = $2 OR context_id IS NULL) GROUP BY skill_code`,
        [scope.platformId, scope.contextId],
      )
      .then((rows) => new Map(rows.map((r) => [r.skill_code, r.ids])));
    this.authoredCache.set(key, { at: Date.now(), bySkill });
    bySkill.catch(() => this.authoredCache.delete(key));
    return bySkill;
  }

  private authored(id: string): Promise<ItemContent | null> {
    let content = this.authoredContent.get(id);
    if (!content) {
      content = this.db
        .query<{ content: ItemContent }>(`SELECT content FROM authored_item WHERE id = $1`, [id])
        .then((rows) => rows[0]?.content ?? null);
      if (this.authoredContent.size > 10_000) this.authoredContent.clear();
      this.authoredContent.set(id, content);
      content.then((c) => c === null && this.authoredContent.delete(id)).catch(() => this.authoredContent.delete(id));
    }
    return content;
  }
}
