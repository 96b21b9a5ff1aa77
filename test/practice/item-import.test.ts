// Teacher item import over HTTP on real PostgreSQL: all or nothing, with a per-item report.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Database } from '../../server/db/database';
import { importItems } from '../../server/practice/import/import-items';
import { bootDataOf, fullLaunch, startHarness, type Harness } from '../support/harness';

const KNOWN = new Set(['g3.mult-facts-2-5', 'g6.ratios']);
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/import', name), 'utf8');

let h: Harness;
let app: Harness['app'];
beforeAll(async () => {
  h = await startHarness();
  h.platform.courses.set('hist-8', { id: 'hist-8', title: 'Grade 8 History', label: 'HIST8' });
  app = h.app;
});
afterAll(() => h.close());

async function launchAs(userSub: string, courseId?: string) {
  const res = await fullLaunch(h, { userSub, ...(courseId ? { courseId } : {}) });
  if (res.status !== 200) throw new Error(`launch failed: ${res.status}`);
  const boot = bootDataOf(res.text);
  return { token: boot.token, courseId: boot.session.course!.id };
}

const importTo = (who: { token: string; courseId: string }, body: unknown, courseId = who.courseId) =>
  request(app).post(`/api/courses/${courseId}/items/import`).set('Authorization', `Bearer ${who.token}`).send(body as object);

async function counts() {
  const [row] = await h.tdb.db.query<{ imports: number; items: number }>(
    `SELECT (SELECT count(*)::int FROM item_import) AS imports, (SELECT count(*)::int FROM authored_item) AS items`,
  );
  return row!;
}

async function storedItems(courseId: string) {
  return h.tdb.db.query<{ id: string; external_id: string; skill_code: string; import_id: string; content: { answer: { kind: string } } }>(
    `SELECT id, external_id, skill_code, import_id, content FROM authored_item WHERE context_id = $1 ORDER BY external_id`,
    [courseId],
  );
}

describe('item import', () => {
  it('stores a QTI 3.0 package and a QTI 2.1 package with skills from labels, per-file choices and the default', async () => {
    const teacher = await launchAs('tch-kim');
    const v3 = await importTo(teacher, {
      format: 'qti3',
      filename: 'unit-2.json',
      items: [
        { filename: 'qti3-choice.xml', xml: fixture('qti3-choice.xml') },
        { filename: 'qti3-text-entry.xml', xml: fixture('qti3-text-entry.xml') },
      ],
      defaultSkill: 'g3.mult-facts-2-5',
    });
    expect(v3.status).toBe(201);
    expect(v3.body).toEqual({ importId: expect.any(String), count: 2 });

    const v21 = await importTo(teacher, {
      format: 'auto',
      items: [
        { filename: 'qti21-choice.xml', xml: fixture('qti21-choice.xml'), skill: 'g3.mult-facts-2-5' },
        { filename: 'qti21-text-entry.xml', xml: fixture('qti21-text-entry.xml') },
      ],
    });
    expect(v21.status).toBe(201);

    const imports = await h.tdb.db.query<{ id: string; format: string; filename: string | null; item_count: number; created_by: string | null }>(
      `SELECT id, format, filename, item_count, created_by FROM item_import WHERE context_id = $1 ORDER BY created_at`,
      [teacher.courseId],
    );
    expect(imports).toEqual([
      { id: v3.body.importId, format: 'qti3', filename: 'unit-2.json', item_count: 2, created_by: expect.any(String) },
      { id: v21.body.importId, format: 'qti21', filename: null, item_count: 2, created_by: expect.any(String) },
    ]);
    const items = await storedItems(teacher.courseId);
    expect(items.map((i) => [i.external_id, i.skill_code, i.content.answer.kind])).toEqual([
      ['even-products', 'g3.mult-facts-2-5', 'choice'],
      ['mult-facts-7', 'g3.mult-facts-2-5', 'number'],
      ['ratio-table-1', 'g6.ratios', 'choice'],
      ['ratio-word', 'g6.ratios', 'text'],
    ]);
  });

  it('stores a CSV upload (format auto) and lists the course items for the teacher', async () => {
    const teacher = await launchAs('tch-kim');
    const res = await importTo(teacher, { format: 'auto', filename: 'items-good.csv', content: fixture('items-good.csv'), defaultSkill: 'g6.ratios' });
    expect(res.status).toBe(201);
    expect(res.body.count).toBe(5);

    const list = await request(app).get(`/api/courses/${teacher.courseId}/items`).set('Authorization', `Bearer ${teacher.token}`);
    expect(list.status).toBe(200);
    const mf2 = list.body.items.find((i: { externalId: string }) => i.externalId === 'mf-2');
    expect(mf2).toEqual({
      id: expect.any(String),
      externalId: 'mf-2',
      skill: 'g6.ratios', // blank skill cell → the default
      type: 'choice',
      prompt: 'Which is equal to 3 \\times 4?',
      importId: res.body.importId,
      createdAt: expect.any(String),
    });
    expect(list.body.items).toHaveLength(9);
  });

  it('stores nothing when any item has an error, and reports every problem by row and column', async () => {
    const teacher = await launchAs('tch-kim');
    const before = await counts();
    const res = await importTo(teacher, { format: 'csv', content: fixture('items-errors.csv') });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({ code: 'import_invalid', message: '4 problems found; nothing was imported.' });
    expect(res.body.report.map((e: { item: string; path?: string; code: string }) => [e.item, e.path, e.code])).toEqual([
      ['row 3', 'type', 'invalid_type'],
      ['row 4', 'answer', 'not_a_number'],
      ['row 5', 'answer', 'unknown_choice'],
      ['row 6', 'id', 'invalid_id'],
    ]);
    expect(await counts()).toEqual(before);

    // Rows that parse can still fail the upload-wide checks: unknown skill, duplicate id.
    const upload = fixture('items-errors.csv').split('\n').filter((line, i) => i === 0 || /^(ok-1|bad-skill),/.test(line)).join('\n');
    const second = await importTo(teacher, { format: 'csv', content: upload });
    expect(second.status).toBe(422);
    expect(second.body.report).toEqual([
      { item: 'row 3', path: 'skill', code: 'unknown_skill', message: '"g9.unknown" is not a known skill code' },
      { item: 'row 4', path: 'id', code: 'duplicate_id', message: 'the id "ok-1" is also used by row 2' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('one bad file in a QTI package stores none of the package', async () => {
    const teacher = await launchAs('tch-kim');
    const before = await counts();
    const res = await importTo(teacher, {
      format: 'qti3',
      items: [
        { filename: 'good.xml', xml: fixture('qti3-choice.xml').replace('ratio-table-1', 'fresh-1') },
        { filename: 'qti3-invalid.xml', xml: fixture('qti3-invalid.xml') },
        { filename: 'v21.xml', xml: fixture('qti21-text-entry.xml') },
        { filename: 'no-skill.xml', xml: fixture('qti3-text-entry.xml').replace('mult-facts-7', 'fresh-2') },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.report.map((e: { item: string; code: string }) => `${e.item}: ${e.code}`)).toEqual([
      'qti3-invalid.xml: unsupported_interaction',
      'qti3-invalid.xml: unsupported_content',
      'qti3-invalid.xml: unknown_choice',
      'v21.xml: format_mismatch',
      'no-skill.xml: missing_skill',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses ids already imported in the course unless replacing, which updates the same rows', async () => {
    const teacher = await launchAs('tch-kim');
    const body = { format: 'qti3', filename: 'qti3-choice.xml', content: fixture('qti3-choice.xml') };
    const again = await importTo(teacher, body);
    expect(again.status).toBe(422);
    expect(again.body.report).toEqual([{ item: 'qti3-choice.xml', path: 'id', code: 'already_imported', message: expect.stringContaining('"ratio-table-1"') }]);

    const [old] = (await storedItems(teacher.courseId)).filter((i) => i.external_id === 'ratio-table-1');
    const replaced = await importTo(teacher, { ...body, content: body.content.replace('<qti-value>B</qti-value>', '<qti-value>C</qti-value>'), replace: true });
    expect(replaced.status).toBe(201);
    const [now] = (await storedItems(teacher.courseId)).filter((i) => i.external_id === 'ratio-table-1');
    expect(now).toMatchObject({ id: old!.id, import_id: replaced.body.importId, content: { answer: { kind: 'choice', correct: ['C'] } } });
  });

  it('rolls the whole import back when an insert fails (an id stored by a concurrent upload)', async () => {
    const teacher = await launchAs('tch-kim');
    const [platform] = await h.tdb.db.query<{ platform_id: string }>(`SELECT platform_id FROM authored_item WHERE context_id = $1 LIMIT 1`, [teacher.courseId]);
    // The pre-check sees no existing ids, as if another upload committed right after it.
    const blind: Database = { ...h.tdb.db, query: async () => [] as never[], transaction: (fn) => h.tdb.db.transaction(fn) };
    const before = await counts();
    const result = await importItems(
      blind,
      { platformId: platform!.platform_id, contextId: teacher.courseId, userId: null },
      { format: 'csv', content: 'id,skill,type,prompt,answer\nbrand-new,g6.ratios,text,New,a\nmf-1,g6.ratios,text,Again,a\n' },
      KNOWN,
    );
    expect(result).toEqual({ ok: false, errors: [{ item: 'upload', path: 'id', code: 'already_imported', message: expect.stringContaining('nothing was imported') }] });
    expect(await counts()).toEqual(before);
  });

  it('rejects DTDs (XXE, billion laughs) with a report, storing nothing', async () => {
    const teacher = await launchAs('tch-kim');
    const before = await counts();
    for (const name of ['xxe.xml', 'billion-laughs.xml']) {
      const res = await importTo(teacher, { format: 'auto', filename: name, content: fixture(name), defaultSkill: 'g6.ratios' });
      expect(res.status).toBe(422);
      expect(res.body.report).toEqual([{ item: name, code: 'xml_doctype', message: expect.any(String) }]);
      expect(res.text).not.toContain('root:');
    }
    expect(await counts()).toEqual(before);
  });

  it('accepts uploads beyond the API-wide 100 kB body limit, up to its own', async () => {
    const teacher = await launchAs('tch-kim');
    const long = 'x'.repeat(900);
    const rows = Array.from({ length: 300 }, (_, i) => `big-${i},g6.ratios,text,Question ${i}: ${long},,,,,,a`);
    const content = `id,skill,type,prompt,choice_a,choice_b,choice_c,choice_d,choice_e,answer\n${rows.join('\n')}\n`;
    expect(content.length).toBeGreaterThan(250_000);
    const res = await importTo(teacher, { format: 'csv', content });
    expect(res.status).toBe(201);
    expect(res.body.count).toBe(300);

    const huge = await importTo(teacher, { format: 'csv', content: 'x'.repeat(7 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('is for the course teacher only', async () => {
    const student = await launchAs('stu-ana');
    const body = { format: 'csv', content: fixture('items-good.csv') };
    expect((await importTo(student, body)).status).toBe(403);
    expect((await request(app).get(`/api/courses/${student.courseId}/items`).set('Authorization', `Bearer ${student.token}`)).status).toBe(403);

    const teacher = await launchAs('tch-kim');
    const otherCourse = await launchAs('tch-kim', 'hist-8');
    const res = await importTo(teacher, body, otherCourse.courseId);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('course_mismatch');

    expect((await request(app).post(`/api/courses/${teacher.courseId}/items/import`).send(body)).status).toBe(401);
  });

  it('answers a malformed request with 400 naming the field', async () => {
    const teacher = await launchAs('tch-kim');
    const res = await importTo(teacher, { format: 'csv', items: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.message).toContain('format');
  });
});
