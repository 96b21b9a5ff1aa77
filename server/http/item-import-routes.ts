// Teachers import their own items (QTI 3.0/2.1, CSV) into their course and list them.
// Uploads are larger than other API bodies, so this router brings its own 6 MB JSON parser
// for the import route (5 MB of content plus JSON escaping). It must run after
// authentication and BEFORE api.ts's 100 kB parser: a body-parser skips a request whose
// body was already read, but the 100 kB one would reject an upload with 413 first.
import express, { Router } from 'express';
import { z } from 'zod';
import { translate } from '../i18n/catalog';
import type { ItemContent } from '../practice/content/item';
import { plainText } from '../practice/content/rich';
import type { Database } from '../db/database';
import { importItems } from '../practice/import/import-items';
import { courseParam } from './params';
import { authorize } from './policies';
import { launchOf } from './require-launch';
import { parseBody } from './validate';

export const ITEM_IMPORT_PATH = '/api/courses/:courseId/items/import';
export const ITEM_LIST_PATH = '/api/courses/:courseId/items';

const skillCode = z.string().trim().min(1).max(100);
const common = {
  filename: z.string().max(255).optional(),
  defaultSkill: skillCode.optional(),
  replace: z.boolean().optional(),
};
const ContentBody = z.strictObject({ format: z.enum(['qti3', 'qti21', 'csv', 'auto']), content: z.string(), ...common });
const ItemsBody = z.strictObject({
  format: z.enum(['qti3', 'qti21', 'auto']),
  items: z.array(z.strictObject({ filename: z.string().max(255), xml: z.string(), skill: skillCode.optional() })),
  ...common,
});
// Picked by shape rather than z.union, so a 400 names the bad field.
const importBody = (body: unknown) => parseBody(body && typeof body === 'object' && 'items' in body ? ItemsBody : ContentBody, body);

export interface ImportedItemView {
  id: string;
  externalId: string;
  skill: string;
  type: ItemContent['answer']['kind'];
  prompt: string;
  importId: string;
  createdAt: string;
}

export interface ItemImportDeps {
  db: Database;
  /** Skill codes items may name; skill graphs can differ per platform, so it gets the launch's. */
  knownSkills: (platformId: string) => Set<string> | Promise<Set<string>>;
  /** After a successful import (e.g. so practice sees the new items at once). */
  onImported?: (scope: { platformId: string; courseId: string }) => void;
}

export function itemImportRoutes(deps: ItemImportDeps): Router {
  const router = Router();

  router.post(ITEM_IMPORT_PATH, express.json({ limit: '6mb' }), async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'manage-course-grades', { courseId });
    const input = importBody(req.body);
    const result = await importItems(deps.db, { platformId: launch.platformId, contextId: courseId, userId: launch.userId }, input, await deps.knownSkills(launch.platformId));
    if (!result.ok) {
      const key = result.errors.length === 1 ? 'api.importInvalidOne' : 'api.importInvalidOther';
      res.status(422).json({
        error: { code: 'import_invalid', message: translate(launch.locale, key, { count: String(result.errors.length) }) },
        report: result.errors,
      });
      return;
    }
    deps.onImported?.({ platformId: launch.platformId, courseId });
    res.status(201).json({ importId: result.importId, count: result.count });
  });

  router.get(ITEM_LIST_PATH, async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'manage-course-grades', { courseId });
    const rows = await deps.db.query<{ id: string; external_id: string; skill_code: string; content: ItemContent; import_id: string; created_at: Date }>(
      `SELECT id, external_id, skill_code, content, import_id, created_at FROM authored_item
        WHERE platform_id = $1 AND context_id = $2
        ORDER BY skill_code, external_id LIMIT 5000`,
      [launch.platformId, courseId],
    );
    const items: ImportedItemView[] = rows.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      skill: r.skill_code,
      type: r.content.answer.kind,
      prompt: plainText(r.content.prompt),
      importId: r.import_id,
      createdAt: new Date(r.created_at).toISOString(),
    }));
    res.json({ items });
  });

  return router;
}
