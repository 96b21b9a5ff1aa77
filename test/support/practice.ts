// Helpers for practice tests: place an assignment through the real Deep Linking round
// trip, launch a student on it, and compute a served item's correct answer from the item
// bank (the test's oracle is the content itself, never a hard-coded answer).
import request from 'supertest';
import type { AttemptResultView, DeepLinkItemInput, PracticeStateView } from '../../server/http/contract';
import type { AnswerSpec } from '../../server/practice/content/item';
import { builtinBank } from '../../server/practice/content/builtin-bank';
import { createRng } from '../../server/practice/content/rng';
import { DEFAULT_COURSE_ID } from '../platform';
import { ROLE } from '../platform/lti-vocab';
import { bootDataOf, fullLaunch, type Harness } from './harness';

/** Enrols more students in the simulated LMS's default course. */
export function addStudents(h: Harness, subs: string[]): void {
  for (const sub of subs) h.platform.addMember(DEFAULT_COURSE_ID, { sub, name: `Student ${sub}`, roles: [ROLE.learner] });
}

/** A teacher places the assignments through Deep Linking; returns the LMS-created link ids. */
export async function placeAssignments(h: Harness, items: DeepLinkItemInput[], teacher = 'tch-kim'): Promise<string[]> {
  const dl = await fullLaunch(h, { userSub: teacher, messageType: 'LtiDeepLinkingRequest' });
  if (dl.status !== 200) throw new Error(`deep-linking launch failed: ${dl.status}`);
  const res = await request(h.app).post('/api/deep-linking/response').set('Authorization', `Bearer ${bootDataOf(dl.text).token}`).send({ items });
  if (res.status !== 201) throw new Error(`deep-linking response failed: ${res.status} ${res.text}`);
  const lms = await fetch(res.body.returnUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ JWT: res.body.jwt }),
  });
  if (lms.status !== 200) throw new Error(`the LMS refused the deep-linking response: ${lms.status}`);
  return h.platform.deepLinkReturns.at(-1)!.created.map((c) => c.resourceLinkId);
}

/** A student's launch token for a link. */
export async function studentToken(h: Harness, userSub: string, resourceLinkId?: string, locale?: string): Promise<string> {
  const res = await fullLaunch(h, { userSub, resourceLinkId, ...(locale ? { locale } : {}) });
  if (res.status !== 200) throw new Error(`student launch failed: ${res.status} ${res.text.slice(0, 200)}`);
  return bootDataOf(res.text).token;
}

export const api = (h: Harness, token: string) => ({
  state: () => request(h.app).get('/api/practice').set('Authorization', `Bearer ${token}`),
  hint: (itemId: string) => request(h.app).post(`/api/practice/items/${itemId}/hints`).set('Authorization', `Bearer ${token}`).send({}),
  attempt: (itemId: string, body: unknown) =>
    request(h.app).post(`/api/practice/items/${itemId}/attempts`).set('Authorization', `Bearer ${token}`).send(body as object),
});

/** The answer spec of a served item, regenerated from its template and seed. */
export async function answerSpecOf(h: Harness, servedItemId: string): Promise<AnswerSpec> {
  const [row] = await h.tdb.db.query<ServedTemplate>(`SELECT template_key, seed, locale FROM served_item WHERE id = $1`, [servedItemId]);
  return specOf(row!);
}

export interface ServedTemplate {
  template_key: string;
  seed: number;
  locale: 'en' | 'es';
}

export function specOf(row: ServedTemplate): AnswerSpec {
  return builtinBank.template(row.template_key)!.generate(createRng(row.seed), row.locale).answer;
}

export function correctAnswer(spec: AnswerSpec): string | string[] {
  switch (spec.kind) {
    case 'choice':
      return spec.correct;
    case 'text':
      return spec.accepted[0]!;
    default:
      return spec.value;
  }
}

/** An answer that is certainly wrong but readable. */
export function wrongAnswer(spec: AnswerSpec, choices: string[] = []): string | string[] {
  switch (spec.kind) {
    case 'choice':
      return [choices.find((c) => !spec.correct.includes(c))!];
    case 'text':
      return `${spec.accepted[0]}zz`;
    case 'expression':
      return `${spec.value} + 1`;
    default: {
      // Fractions: a whole number far outside any K-8 item's answer.
      const n = Number(spec.value);
      return Number.isFinite(n) ? String(n + 1) : '123457';
    }
  }
}

export async function answerCurrent(
  h: Harness,
  token: string,
  state: PracticeStateView,
  correct: boolean,
  key: string = crypto.randomUUID(),
): Promise<AttemptResultView> {
  const item = state.item!;
  const spec = await answerSpecOf(h, item.id);
  const answer = correct ? correctAnswer(spec) : wrongAnswer(spec, item.choices?.map((c) => c.id));
  const res = await api(h, token).attempt(item.id, { answer, idempotencyKey: key, timeOnTaskMs: 4_000 });
  if (res.status !== 200) throw new Error(`attempt failed: ${res.status} ${res.text}`);
  return res.body as AttemptResultView;
}
