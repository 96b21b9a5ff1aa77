// Purposeful grouping, as pure functions: suggested small groups on the skills a teacher
// picks and peer-tutor pairs, each with its rationale as data. Deterministic: the same
// input gives the same groups (no randomness; ties keep the input order, which the routes
// pass as the roster order: name, then id). A suggestion only: the teacher edits it.
import type { GroupView, PeerPairView } from '../http/contract';
import { MASTERY_THRESHOLD } from '../practice/model/bkt';

export interface SkillEvidence {
  pKnown: number;
  evidence: number;
}

export interface GroupingStudent {
  userId: string;
  /** Estimates by skill code; a skill without a row (or with no evidence) is "not started". */
  estimates?: ReadonlyMap<string, SkillEvidence>;
}

export interface GroupingInput {
  students: readonly GroupingStudent[];
  /** The picked skills, in the teacher's order (ties between needs go to the earlier one). */
  skills: readonly string[];
  mode: 'similar' | 'mixed';
  maxSize: number;
}

export interface GroupSuggestion {
  groups: GroupView[];
  pairs: PeerPairView[];
}

export function suggestGrouping(input: GroupingInput): GroupSuggestion {
  const groups = input.mode === 'similar' ? similarGroups(input) : mixedGroups(input);
  return {
    groups: groups.map((g, i) => ({ name: `Group ${i + 1}`, userIds: g.userIds, rationale: g.rationale })),
    pairs: peerPairs(input.students, input.skills),
  };
}

type Unnamed = Omit<GroupView, 'name'>;

interface Ranked {
  userId: string;
  /** Input position: the tie-break everywhere. */
  index: number;
}

/** p(known) of a skill with evidence, else null ("not started"). */
function started(s: GroupingStudent, skill: string): number | null {
  const e = s.estimates?.get(skill);
  return e && e.evidence > 0 ? e.pKnown : null;
}

const mastered = (p: number | null) => p !== null && p >= MASTERY_THRESHOLD;

/** Means are a summary for display, so they are rounded; estimates are passed as they are. */
const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000);

/**
 * n items into ceil(n / max) contiguous chunks of near-equal size (7 with max 4 → 4 + 3,
 * never 4 + 2 + 1): a group of one is no group, and a lone small group is not a plan.
 */
export function balancedChunks<T>(items: readonly T[], max: number): T[][] {
  if (items.length === 0) return [];
  const count = Math.ceil(items.length / max);
  const small = Math.floor(items.length / count);
  const bigger = items.length % count; // the first `bigger` chunks get one more
  const chunks: T[][] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const size = small + (i < bigger ? 1 : 0);
    chunks.push(items.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/**
 * The student's need among the picked skills: the weakest one they are working on
 * (evidence, p < 0.95; ties to the earlier skill). With none, the first picked skill they
 * have not started — so a student with no evidence at all needs the first skill, "not
 * started" — and null when every picked skill is mastered (ready to extend).
 */
export function needOf(s: GroupingStudent, skills: readonly string[]): { skill: string; pKnown: number | null } | null {
  let weakest: { skill: string; pKnown: number } | null = null;
  for (const skill of skills) {
    const p = started(s, skill);
    if (p !== null && !mastered(p) && (weakest === null || p < weakest.pKnown)) weakest = { skill, pKnown: p };
  }
  if (weakest) return weakest;
  const notStarted = skills.find((skill) => started(s, skill) === null);
  return notStarted === undefined ? null : { skill: notStarted, pKnown: null };
}

/**
 * Shared need: one bucket per (need skill, started or not), in skill order, working before
 * not started; each bucket sorted by p(known) on that skill so similar levels sit together,
 * then split into balanced groups. Students who mastered every picked skill come last, as
 * "ready to extend" group(s).
 */
function similarGroups({ students, skills, maxSize }: GroupingInput): Unnamed[] {
  const buckets = new Map<string, { skill: string; members: (Ranked & { pKnown: number | null })[] }>();
  for (const skill of skills) {
    buckets.set(`${skill}|working`, { skill, members: [] });
    buckets.set(`${skill}|not-started`, { skill, members: [] });
  }
  const ready: (Ranked & { level: number })[] = [];
  students.forEach((s, index) => {
    const need = needOf(s, skills);
    if (need === null) ready.push({ userId: s.userId, index, level: levelOf(s, skills) });
    else buckets.get(`${need.skill}|${need.pKnown === null ? 'not-started' : 'working'}`)!.members.push({ userId: s.userId, index, pKnown: need.pKnown });
  });

  const groups: Unnamed[] = [];
  for (const { skill, members } of buckets.values()) {
    members.sort((a, b) => (a.pKnown ?? 0) - (b.pKnown ?? 0) || a.index - b.index);
    for (const chunk of balancedChunks(members, maxSize)) {
      const ps = chunk.flatMap((m) => (m.pKnown === null ? [] : [m.pKnown]));
      groups.push({ userIds: chunk.map((m) => m.userId), rationale: { kind: 'shared-need', skill, meanPKnown: mean(ps) } });
    }
  }
  ready.sort((a, b) => a.level - b.level || a.index - b.index);
  for (const chunk of balancedChunks(ready, maxSize)) {
    groups.push({ userIds: chunk.map((m) => m.userId), rationale: { kind: 'ready-to-extend', skill: null, meanPKnown: mean(chunk.map((m) => m.level)) } });
  }
  return groups;
}

/**
 * A student's level over the picked skills: mean p(known), a skill not started counting
 * as 0 (nothing shown yet), so "mastered one of two, never tried the other" sits mid-way.
 */
export function levelOf(s: GroupingStudent, skills: readonly string[]): number {
  return skills.reduce((sum, skill) => sum + (started(s, skill) ?? 0), 0) / skills.length;
}

/**
 * Mixed levels: ceil(n / maxSize) groups filled by a snake draft down the students ranked
 * by level (1, 2, 3, 3, 2, 1, 1, …), so every group gets strong and developing students
 * and group sizes differ by at most one.
 */
function mixedGroups({ students, skills, maxSize }: GroupingInput): Unnamed[] {
  const ranked = students
    .map((s, index) => ({ userId: s.userId, index, level: levelOf(s, skills), any: skills.some((k) => started(s, k) !== null) }))
    .sort((a, b) => b.level - a.level || a.index - b.index);
  if (ranked.length === 0) return [];
  const count = Math.ceil(ranked.length / maxSize);
  const members: (typeof ranked)[] = Array.from({ length: count }, () => []);
  ranked.forEach((r, i) => {
    const round = Math.floor(i / count);
    const at = i % count;
    members[round % 2 === 0 ? at : count - 1 - at]!.push(r);
  });
  return members.map((m) => ({
    userIds: m.map((r) => r.userId),
    // A group where nobody has evidence has no level to report.
    rationale: { kind: 'mixed-levels', skill: null, meanPKnown: m.some((r) => r.any) ? mean(m.map((r) => r.level)) : null },
  }));
}

/**
 * Peer tutors, skill by skill in the teacher's order: tutors mastered the skill, learners
 * are working on it (evidence, p < 0.95; not-started students need instruction first).
 * The strongest tutor pairs with the weakest learner, the next with the next; a student
 * is in at most one pair across all skills, so earlier skills get first pick.
 */
export function peerPairs(students: readonly GroupingStudent[], skills: readonly string[]): PeerPairView[] {
  const used = new Set<string>();
  const pairs: PeerPairView[] = [];
  for (const skill of skills) {
    const tutors: (Ranked & { p: number })[] = [];
    const learners: (Ranked & { p: number })[] = [];
    students.forEach((s, index) => {
      const p = started(s, skill);
      if (p === null || used.has(s.userId)) return;
      (mastered(p) ? tutors : learners).push({ userId: s.userId, index, p });
    });
    tutors.sort((a, b) => b.p - a.p || a.index - b.index);
    learners.sort((a, b) => a.p - b.p || a.index - b.index);
    for (let i = 0; i < Math.min(tutors.length, learners.length); i++) {
      const [t, l] = [tutors[i]!, learners[i]!];
      pairs.push({ tutor: t.userId, learner: l.userId, skill, tutorPKnown: t.p, learnerPKnown: l.p });
      used.add(t.userId).add(l.userId);
    }
  }
  return pairs;
}
