// A teacher's item upload, all or nothing: parse every item, check the upload as a whole
// (known skills, ids unique in the upload and new to the course unless replacing), then
// store the import and every item in one transaction. Any error → nothing is stored and
// the whole report comes back, so the teacher fixes everything in one pass.
import type { Database } from '../../db/database';
import { quoted } from './content';
import { parseCsvItems } from './csv';
import { looksLikeXml, parseQtiItem, type QtiVersion } from './qti';
import { IMPORT_LIMITS, type ImportError, type ImportFormat, type ParsedItem } from './types';

export interface ImportScope {
  platformId: string;
  /** course_context.id: imported items belong to this course. */
  contextId: string;
  userId: string | null;
}

export interface QtiFile {
  filename: string;
  xml: string;
  /** Skill for this file; wins over the item's own label="skill:…". */
  skill?: string;
}

export interface ImportInput {
  format: ImportFormat | 'auto';
  filename?: string;
  /** One QTI item, or a whole CSV file. */
  content?: string;
  /** Several QTI items (a "package" without the zip). */
  items?: QtiFile[];
  /** For items that name no skill themselves. */
  defaultSkill?: string;
  /** Update items whose id was already imported in this course instead of reporting them. */
  replace?: boolean;
}

export type ImportResult = { ok: true; importId: string; count: number } | { ok: false; errors: ImportError[] };

const MAX_REPORTED = 500;

type Parsed = { format: ImportFormat | null; items: ParsedItem[]; errors: ImportError[] };

function parseQtiFiles(files: QtiFile[], expect: QtiVersion | 'auto'): Parsed {
  const errors: ImportError[] = [];
  const total = files.reduce((n, f) => n + Buffer.byteLength(f.xml, 'utf8'), 0);
  if (files.length === 0) errors.push({ item: 'upload', path: 'items', code: 'no_items', message: 'the upload has no items' });
  if (files.length > IMPORT_LIMITS.items) errors.push({ item: 'upload', path: 'items', code: 'too_many_items', message: `${files.length} items; at most ${IMPORT_LIMITS.items} per upload` });
  if (total > IMPORT_LIMITS.uploadBytes) errors.push({ item: 'upload', path: 'items', code: 'upload_too_large', message: `the items total ${(total / 1048576).toFixed(1)} MB; the limit is ${IMPORT_LIMITS.uploadBytes / 1048576} MB` });
  if (errors.length > 0) return { format: null, items: [], errors };

  let format: QtiVersion | null = expect === 'auto' ? null : expect;
  const items: ParsedItem[] = [];
  files.forEach((file, i) => {
    const source = file.filename || `items[${i}]`;
    const result = parseQtiItem(file.xml, { source, expect: format ?? 'auto' });
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    // item_import has one format: after the first item, another version is a format_mismatch.
    format ??= result.version;
    items.push({ ...result.item, skill: file.skill ?? result.item.skill });
  });
  return { format, items, errors };
}

function parseUpload(input: ImportInput): Parsed {
  const hasContent = typeof input.content === 'string';
  if (hasContent === Boolean(input.items)) {
    return { format: null, items: [], errors: [{ item: 'upload', code: 'missing_content', message: 'send either content (one QTI item or a CSV file) or items (QTI files)' }] };
  }
  if (input.items) {
    if (input.format === 'csv') return { format: null, items: [], errors: [{ item: 'upload', path: 'format', code: 'format_mismatch', message: 'a CSV upload is sent as content, not items' }] };
    return parseQtiFiles(input.items, input.format);
  }
  const content = input.content!;
  const format = input.format === 'auto' ? (looksLikeXml(content) ? 'auto' : 'csv') : input.format;
  if (format === 'csv') {
    const result = parseCsvItems(content);
    return result.ok ? { format: 'csv', items: result.value, errors: [] } : { format: 'csv', items: [], errors: result.errors };
  }
  return parseQtiFiles([{ filename: input.filename ?? 'content', xml: content }], format);
}

/** Skills must be known codes; an item without one takes the upload's default. */
function resolveSkills(items: ParsedItem[], defaultSkill: string | undefined, knownSkills: Set<string>): ImportError[] {
  if (defaultSkill !== undefined && !knownSkills.has(defaultSkill)) {
    return [{ item: 'upload', path: 'defaultSkill', code: 'unknown_skill', message: `${quoted(defaultSkill)} is not a known skill code` }];
  }
  const errors: ImportError[] = [];
  for (const item of items) {
    item.skill ??= defaultSkill ?? null;
    if (item.skill === null) {
      errors.push({ item: item.source, path: 'skill', code: 'missing_skill', message: 'the item names no skill (QTI label="skill:CODE" or the CSV skill column) and the upload has no default skill' });
    } else if (!knownSkills.has(item.skill)) {
      errors.push({ item: item.source, path: 'skill', code: 'unknown_skill', message: `${quoted(item.skill)} is not a known skill code` });
    }
  }
  return errors;
}

function duplicateIds(items: ParsedItem[]): ImportError[] {
  const firstSeen = new Map<string, string>();
  const errors: ImportError[] = [];
  for (const item of items) {
    const first = firstSeen.get(item.externalId);
    if (first) errors.push({ item: item.source, path: 'id', code: 'duplicate_id', message: `the id ${quoted(item.externalId)} is also used by ${first}` });
    else firstSeen.set(item.externalId, item.source);
  }
  return errors;
}

async function alreadyImported(db: Database, scope: ImportScope, items: ParsedItem[]): Promise<ImportError[]> {
  const rows = await db.query<{ external_id: string }>(
    `SELECT external_id FROM authored_item
      WHERE platform_id = $1 AND context_id = $2 AND external_id IN (SELECT jsonb_array_elements_text($3::jsonb))`,
    [scope.platformId, scope.contextId, JSON.stringify(items.map((i) => i.externalId))],
  );
  const existing = new Set(rows.map((r) => r.external_id));
  return items
    .filter((i) => existing.has(i.externalId))
    .map((i) => ({ item: i.source, path: 'id', code: 'already_imported', message: `an item with the id ${quoted(i.externalId)} was already imported in this course (import again with replace to update it)` }));
}

// Element names and file names come from the upload: keep each entry (and so the report) small.
const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

function report(errors: ImportError[]): ImportResult {
  const listed = errors.slice(0, MAX_REPORTED).map((e) => ({ ...e, item: clip(e.item), ...(e.path ? { path: clip(e.path) } : {}), message: clip(e.message) }));
  if (errors.length > MAX_REPORTED) listed.push({ item: 'upload', code: 'too_many_errors', message: `${errors.length - MAX_REPORTED} more problems not listed` });
  return { ok: false, errors: listed };
}

export async function importItems(db: Database, scope: ImportScope, input: ImportInput, knownSkills: Set<string>): Promise<ImportResult> {
  const { format, items, errors } = parseUpload(input);
  errors.push(...resolveSkills(items, input.defaultSkill, knownSkills), ...duplicateIds(items));
  if (errors.length > 0 || !format) return report(errors);
  if (!input.replace) {
    const existing = await alreadyImported(db, scope, items);
    if (existing.length > 0) return report(existing);
  }

  const rows = JSON.stringify(items.map((i) => ({ externalId: i.externalId, skill: i.skill, content: i.content })));
  try {
    const importId = await db.transaction(async (tx) => {
      const [created] = await tx.query<{ id: string }>(
        `INSERT INTO item_import (platform_id, context_id, format, filename, item_count, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [scope.platformId, scope.contextId, format, input.filename ?? null, items.length, scope.userId],
      );
      // Replacing updates rows in place: served items and attempts keep pointing at them.
      await tx.query(
        `INSERT INTO authored_item (platform_id, context_id, import_id, external_id, skill_code, content)
         SELECT $1, $2, $3, e->>'externalId', e->>'skill', e->'content' FROM jsonb_array_elements($4::jsonb) AS e
         ${input.replace ? `ON CONFLICT (platform_id, coalesce(context_id, '00000000-0000-0000-0000-000000000000'::uuid), external_id)
           DO UPDATE SET import_id = EXCLUDED.import_id, skill_code = EXCLUDED.skill_code, content = EXCLUDED.content` : ''}`,
        [scope.platformId, scope.contextId, created!.id, rows],
      );
      return created!.id;
    });
    return { ok: true, importId, count: items.length };
  } catch (err) {
    // Another upload stored one of these ids between our check and the insert.
    if ((err as { code?: string }).code === '23505') {
      return report([{ item: 'upload', path: 'id', code: 'already_imported', message: 'another import stored some of these ids just now; nothing was imported, try again' }]);
    }
    throw err;
  }
}
