// A student's download of everything Trellis holds about them on their platform, as JSON
// (one object, a key per table) or CSV (one section per table).
//
// Every per-student table is listed once, in OWN_DATA_SECTIONS, with the SQL that reads
// the student's rows; a table that names a user but is deliberately left out is in
// NOT_EXPORTED with the reason. A test compares both lists with the schema, so a table
// added later that references app_user fails the build until it is placed in one of them.
//
// Decisions:
// - Teacher notes and flag overrides about the student are included. They are education
//   records under FERPA (shared with the course's staff, so not "sole possession" notes),
//   which students and parents have the right to inspect. Authors appear by name.
// - Audit events are those about the student (who looked at or exported their records,
//   by role, and their own downloads).
// - Launch sessions: never tokens (Trellis stores none); not the mentee list or the
//   deep-linking settings, which describe other people or the LMS, not the student.
// - Scores in the outbox are found by the student's sub in their payload; group plans by
//   the student's id in the saved groups, without the other members.
// - CSV: a `# table` line, a header and the rows, a blank line between sections, so it
//   reads like the JSON; written by the shared CSV writer, which prefixes cells a
//   spreadsheet would run as a formula with an apostrophe.
import type { Queryable } from '../db/database';
import { toCsv, type CsvCell } from './csv';
import { displayNameSql } from '../db/user-display-name';

export interface OwnDataSection {
  /** The table the rows come from: the JSON key and the CSV `# table` line. */
  table: string;
  /** The column that names the student; null when found another way (`via`). */
  userColumn: string | null;
  via?: string;
  /** Exactly what the SQL returns, in order (the CSV header). */
  columns: readonly string[];
  /** $1 = the student's app_user.id, $2 = their platform id. */
  sql: string;
}

const IN_PLATFORM_COURSE = (alias: string) =>
  `EXISTS (SELECT 1 FROM course_context c JOIN deployment d ON d.id = c.deployment_id WHERE c.id = ${alias}.context_id AND d.platform_id = $2)`;
const IN_PLATFORM_LINK = (alias: string) =>
  `EXISTS (SELECT 1 FROM resource_link l JOIN deployment d ON d.id = l.deployment_id WHERE l.id = ${alias}.resource_link_id AND d.platform_id = $2)`;
const AUTHOR = `(SELECT ${displayNameSql('a')} FROM app_user a WHERE a.id = t.author_id)`;

export const OWN_DATA_SECTIONS: readonly OwnDataSection[] = [
  {
    table: 'app_user',
    userColumn: 'id',
    columns: ['id', 'sub', 'name', 'given_name', 'family_name', 'email', 'created_at', 'updated_at'],
    sql: `SELECT id, sub, name, given_name, family_name, email, created_at, updated_at FROM app_user WHERE id = $1 AND platform_id = $2`,
  },
  {
    table: 'enrolment',
    userColumn: 'user_id',
    columns: ['context_id', 'course_title', 'course_label', 'roles', 'status', 'source', 'last_launch_at'],
    sql: `SELECT t.context_id, c.title AS course_title, c.label AS course_label, t.roles, t.status, t.source, t.last_launch_at
            FROM enrolment t JOIN course_context c ON c.id = t.context_id
           WHERE t.user_id = $1 AND ${IN_PLATFORM_COURSE('t')} ORDER BY c.title, t.context_id`,
  },
  {
    table: 'resource_link_member',
    userColumn: 'user_id',
    columns: ['resource_link_id', 'link_title'],
    sql: `SELECT t.resource_link_id, l.title AS link_title FROM resource_link_member t JOIN resource_link l ON l.id = t.resource_link_id
           WHERE t.user_id = $1 AND ${IN_PLATFORM_LINK('t')} ORDER BY l.title, t.resource_link_id`,
  },
  {
    table: 'launch_session',
    userColumn: 'user_id',
    columns: ['id', 'context_id', 'resource_link_id', 'message_type', 'roles', 'panel', 'locale', 'created_at', 'expires_at'],
    sql: `SELECT id, context_id, resource_link_id, message_type, roles, panel, locale, created_at, expires_at
            FROM launch_session WHERE user_id = $1 AND platform_id = $2 ORDER BY created_at, id`,
  },
  {
    table: 'practice_session',
    userColumn: 'user_id',
    columns: ['id', 'context_id', 'assignment_id', 'started_at', 'last_activity_at'],
    sql: `SELECT id, context_id, assignment_id, started_at, last_activity_at
            FROM practice_session WHERE user_id = $1 AND platform_id = $2 ORDER BY started_at, id`,
  },
  {
    table: 'served_item',
    userColumn: 'user_id',
    columns: [
      'id', 'context_id', 'assignment_id', 'resource_link_id', 'session_id', 'skill_code', 'template_key', 'seed', 'authored_item_id',
      'locale', 'hints_shown', 'explanation', 'served_at', 'answered_at',
    ],
    sql: `SELECT id, context_id, assignment_id, resource_link_id, session_id, skill_code, template_key, seed, authored_item_id,
                 locale, hints_shown, explanation, served_at, answered_at
            FROM served_item WHERE user_id = $1 AND platform_id = $2 ORDER BY served_at, id`,
  },
  {
    table: 'attempt',
    userColumn: 'user_id',
    columns: [
      'id', 'served_item_id', 'context_id', 'assignment_id', 'session_id', 'skill_code', 'idempotency_key', 'answer', 'correct', 'feedback',
      'hints_used', 'time_on_task_ms', 'p_known_before', 'p_known_after', 'model_version', 'created_at',
    ],
    sql: `SELECT id, served_item_id, context_id, assignment_id, session_id, skill_code, idempotency_key, answer, correct, feedback,
                 hints_used, time_on_task_ms, p_known_before, p_known_after, model_version, created_at
            FROM attempt WHERE user_id = $1 AND platform_id = $2 ORDER BY created_at, id`,
  },
  {
    table: 'mastery_estimate',
    userColumn: 'user_id',
    columns: [
      'context_id', 'skill_code', 'p_known', 'evidence_count', 'correct_count', 'model_version', 'mastered_at', 'review_count',
      'last_practiced_at', 'updated_at',
    ],
    sql: `SELECT t.context_id, t.skill_code, t.p_known, t.evidence_count, t.correct_count, t.model_version, t.mastered_at, t.review_count,
                 t.last_practiced_at, t.updated_at
            FROM mastery_estimate t WHERE t.user_id = $1 AND ${IN_PLATFORM_COURSE('t')} ORDER BY t.context_id, t.skill_code`,
  },
  {
    table: 'assignment_progress',
    userColumn: 'user_id',
    columns: [
      'assignment_id', 'assignment_title', 'context_id', 'items_answered', 'items_correct', 'score_given', 'score_maximum',
      'score_outbox_id', 'completed_at', 'updated_at',
    ],
    sql: `SELECT t.assignment_id, a.title AS assignment_title, t.context_id, t.items_answered, t.items_correct, t.score_given, t.score_maximum,
                 t.score_outbox_id, t.completed_at, t.updated_at
            FROM assignment_progress t JOIN assignment a ON a.id = t.assignment_id
           WHERE t.user_id = $1 AND ${IN_PLATFORM_COURSE('t')} ORDER BY t.updated_at, t.assignment_id`,
  },
  {
    table: 'outbox',
    userColumn: null,
    via: "score payloads name the student's sub (payload.userSub)",
    columns: ['id', 'kind', 'status', 'attempts', 'payload', 'created_at', 'delivered_at'],
    sql: `SELECT id, kind, status, attempts, payload, created_at, delivered_at FROM outbox
           WHERE platform_id = $2 AND kind = 'score'
             AND payload->>'userSub' = (SELECT sub FROM app_user WHERE id = $1 AND platform_id = $2)
           ORDER BY id`,
  },
  {
    table: 'lms_result',
    userColumn: 'user_id',
    columns: ['resource_link_id', 'link_title', 'result_score', 'result_maximum', 'read_at'],
    sql: `SELECT t.resource_link_id, l.title AS link_title, t.result_score, t.result_maximum, t.read_at
            FROM lms_result t JOIN resource_link l ON l.id = t.resource_link_id
           WHERE t.user_id = $1 AND ${IN_PLATFORM_LINK('t')} ORDER BY t.read_at, t.resource_link_id`,
  },
  {
    table: 'teacher_note',
    userColumn: 'student_id',
    columns: ['id', 'context_id', 'body', 'author', 'created_at'],
    sql: `SELECT t.id, t.context_id, t.body, ${AUTHOR} AS author, t.created_at
            FROM teacher_note t WHERE t.student_id = $1 AND ${IN_PLATFORM_COURSE('t')} ORDER BY t.created_at, t.id`,
  },
  {
    table: 'flag_override',
    userColumn: 'student_id',
    columns: ['id', 'context_id', 'action', 'reasons', 'note', 'evidence_until', 'model_version', 'author', 'created_at'],
    sql: `SELECT t.id, t.context_id, t.action, t.reasons, t.note, t.evidence_until, t.model_version, ${AUTHOR} AS author, t.created_at
            FROM flag_override t WHERE t.student_id = $1 AND ${IN_PLATFORM_COURSE('t')} ORDER BY t.created_at, t.id`,
  },
  {
    table: 'audit_event',
    userColumn: 'subject_user_id',
    columns: ['id', 'action', 'actor_roles', 'context_id', 'detail', 'created_at'],
    sql: `SELECT id, action, actor_roles, context_id, detail, created_at
            FROM audit_event WHERE subject_user_id = $1 AND platform_id = $2 ORDER BY created_at, id`,
  },
  {
    table: 'group_plan',
    userColumn: null,
    via: "saved groups and peer pairs name the student's id in their jsonb",
    // Only the student's own group and role; never the other members or a peer's mastery.
    columns: ['plan_id', 'context_id', 'title', 'kind', 'group_name', 'skill', 'rationale', 'created_at'],
    sql: `SELECT t.id AS plan_id, t.context_id, t.title, 'group' AS kind, g->>'name' AS group_name, g->'rationale'->>'skill' AS skill,
                 g->'rationale' AS rationale, t.created_at
            FROM group_plan t
            CROSS JOIN LATERAL jsonb_array_elements(CASE jsonb_typeof(t.groups) WHEN 'array' THEN t.groups ELSE '[]'::jsonb END) g
           WHERE ${IN_PLATFORM_COURSE('t')} AND jsonb_typeof(g->'userIds') = 'array' AND g->'userIds' ? ($1::uuid)::text
          UNION ALL
          SELECT t.id, t.context_id, t.title, CASE WHEN p->>'tutor' = ($1::uuid)::text THEN 'pair-tutor' ELSE 'pair-learner' END,
                 NULL, p->>'skill', NULL, t.created_at
            FROM group_plan t
            CROSS JOIN LATERAL jsonb_array_elements(CASE jsonb_typeof(t.pairs) WHEN 'array' THEN t.pairs ELSE '[]'::jsonb END) p
           WHERE ${IN_PLATFORM_COURSE('t')} AND (p->>'tutor' = ($1::uuid)::text OR p->>'learner' = ($1::uuid)::text)
          ORDER BY created_at, plan_id, kind, group_name`,
  },
];

/** Columns that reference a user but are not exported for that user, and why. */
export const NOT_EXPORTED: readonly { table: string; column: string; reason: string }[] = [
  { table: 'audit_event', column: 'actor_user_id', reason: "what the user did to others' records names those others; events about the user are exported" },
  { table: 'teacher_note', column: 'author_id', reason: 'notes are written by staff; notes about the student are exported' },
  { table: 'flag_override', column: 'author_id', reason: 'overrides are written by staff; overrides about the student are exported' },
  { table: 'assignment', column: 'created_by', reason: 'assignments are placed by staff through deep linking, not by students' },
  { table: 'item_import', column: 'created_by', reason: 'item imports are made by staff, not students' },
  { table: 'group_plan', column: 'created_by', reason: "plans are saved by staff; the student's place in them is exported" },
];

export interface OwnData {
  exportedAt: string;
  tables: Record<string, Record<string, unknown>[]>;
}

// 64-bit ids (bigserial) can arrive as bigint, which JSON cannot carry: sent as text.
const plain = (v: unknown): unknown => (v === undefined ? null : typeof v === 'bigint' ? v.toString() : v);

export async function collectOwnData(db: Queryable, who: { userId: string; platformId: string }, now = new Date()): Promise<OwnData> {
  const tables: OwnData['tables'] = {};
  for (const section of OWN_DATA_SECTIONS) {
    const rows = await db.query<Record<string, unknown>>(section.sql, [who.userId, who.platformId]);
    // Only the declared columns, in order, so the JSON and the CSV header agree.
    tables[section.table] = rows.map((r) => Object.fromEntries(section.columns.map((c) => [c, plain(r[c])])));
  }
  return { exportedAt: now.toISOString(), tables };
}

/** A stored value as CSV text: dates as ISO, arrays and objects as JSON; numbers stay numbers. */
function cellOf(value: unknown): CsvCell {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One section per table: `# table`, the header, the rows; a blank line between sections. */
export function ownDataCsv(data: OwnData): string {
  const rows: CsvCell[][] = [];
  for (const section of OWN_DATA_SECTIONS) {
    if (rows.length) rows.push([]);
    rows.push([`# ${section.table}`], [...section.columns]);
    for (const row of data.tables[section.table] ?? []) rows.push(section.columns.map((c) => cellOf(row[c])));
  }
  // The BOM makes spreadsheet programs read UTF-8 (accented names) correctly.
  return `\uFEFF${toCsv(rows)}`;
}
