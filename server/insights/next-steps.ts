// What a teacher could do next, each with the data behind it (the client words it):
// skills most of the class is ready for, skills where many learners are stuck, and the
// students the early-warning model (or the teacher) flagged. Pure over CourseData.
import type { FlagView, NextStepView } from '../http/contract';
import { MASTERY_THRESHOLD } from '../practice/model/bkt';
import { prerequisitesMastered } from '../practice/selection/select-skill';
import type { CourseData } from './course-data';

export const NEXT_STEP_RULES = {
  /** "Most of the class": more than this share of the students is ready. */
  readyShare: 0.5,
  /** Stuck: at least this much evidence and p(known) still below `stuckBelow`. */
  stuckMinEvidence: 3,
  stuckBelow: 0.5,
  /** Reteach when at least this share of those practising is stuck, and at least `stuckMinStudents` students. */
  stuckShare: 0.3,
  stuckMinStudents: 2,
  /** Skill steps per kind (check-ins are never cut: every flagged student is listed). */
  maxPerKind: 3,
} as const;

type Data = Pick<CourseData, 'students' | 'skills' | 'assignments' | 'byStudent'>;

export function nextSteps(data: Data, flags: readonly FlagView[]): NextStepView[] {
  return [...readyToLearn(data), ...reteach(data), ...checkIns(flags)];
}

/**
 * Assigned skills the class is ready for: not mastered, prerequisites mastered (without
 * assignments, every overview skill). As in selection, a prerequisite outside the
 * assignments counts only once the student has evidence on it (the teacher chose the
 * scope; we don't assume gaps we haven't seen).
 */
function readyToLearn(data: Data): NextStepView[] {
  const targets = new Set(data.assignments.length ? data.assignments.flatMap((a) => a.skills) : data.skills.map((s) => s.code));
  const of = data.students.length;
  const steps: { code: string; ready: number; order: number }[] = [];
  data.skills.forEach((skill, order) => {
    if (!targets.has(skill.code)) return;
    let ready = 0;
    for (const student of data.students) {
      const mine = data.byStudent.get(student.userId);
      const mastered = (code: string) => (mine?.get(code)?.pKnown ?? 0) >= MASTERY_THRESHOLD;
      if (!mastered(skill.code) && prerequisitesMastered(skill.prerequisites, targets, (pre) => mine?.get(pre), MASTERY_THRESHOLD)) ready++;
    }
    if (of > 0 && ready > of * NEXT_STEP_RULES.readyShare) steps.push({ code: skill.code, ready, order });
  });
  return steps
    .sort((a, b) => b.ready - a.ready || a.order - b.order)
    .slice(0, NEXT_STEP_RULES.maxPerKind)
    .map((s) => ({ kind: 'ready-to-learn', subject: s.code, evidence: { ready: s.ready, of } }));
}

/** Skills where a real share of those practising keeps missing despite evidence: reteach to a group. */
function reteach(data: Data): NextStepView[] {
  const r = NEXT_STEP_RULES;
  const steps: { code: string; stuck: number; practising: number; order: number }[] = [];
  data.skills.forEach((skill, order) => {
    let practising = 0;
    let stuck = 0;
    for (const student of data.students) {
      const e = data.byStudent.get(student.userId)?.get(skill.code);
      if (!e || e.evidence === 0) continue;
      practising++;
      if (e.evidence >= r.stuckMinEvidence && e.pKnown < r.stuckBelow) stuck++;
    }
    if (stuck >= r.stuckMinStudents && stuck >= practising * r.stuckShare) steps.push({ code: skill.code, stuck, practising, order });
  });
  return steps
    .sort((a, b) => b.stuck / b.practising - a.stuck / a.practising || b.stuck - a.stuck || a.order - b.order)
    .slice(0, r.maxPerKind)
    .map((s) => ({
      kind: 'reteach',
      subject: s.code,
      evidence: { stuck: s.stuck, practising: s.practising, minEvidence: r.stuckMinEvidence, below: r.stuckBelow },
    }));
}

export const isFlagged = (f: FlagView) => f.status === 'flagged' || f.status === 'teacher-flagged';

/** Flagged students, highest score first, each with the reason that weighed most. */
function checkIns(flags: readonly FlagView[]): NextStepView[] {
  return flags
    .filter(isFlagged)
    .sort((a, b) => b.score - a.score)
    .map((f) => {
      const top = [...f.reasons].sort((a, b) => b.points - a.points)[0];
      const evidence: Record<string, number | string> = { score: f.score, status: f.status };
      if (top) {
        evidence.reason = top.feature;
        evidence.points = top.points;
        if (top.value !== null) evidence.value = top.value;
      } else {
        evidence.reason = 'teacher-flagged';
      }
      return { kind: 'check-in', subject: f.userId, evidence };
    });
}
