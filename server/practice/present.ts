// Turns stored practice state into the views the student panel shows.
import type {
  AssignmentSettings,
  PracticeItemView,
  PracticeProgressView,
  LmsScoreStatus,
  SkillProgressView,
} from '../http/contract';
import type { ItemContent, Locale } from './content/item';
import type { ProgressRow, ServedRow } from './practice-store';
import { renderRichText } from './render';
import { skillName, type SkillGraph } from './skill-catalog';
import type { SkillState } from './selection/select-skill';

export function presentItem(served: ServedRow, content: ItemContent, graph: SkillGraph, locale: Locale): PracticeItemView {
  const skill = graph.skill(served.skill_code);
  const answer = content.answer;
  return {
    id: served.id,
    skill: { code: served.skill_code, name: skill ? skillName(skill, locale) : served.skill_code, standard: skill?.standard ?? '' },
    prompt: renderRichText(content.prompt),
    answerKind: answer.kind,
    choices: content.choices?.map((c) => ({ id: c.id, content: renderRichText(c.content) })) ?? null,
    multiple: answer.kind === 'choice' && answer.correct.length > 1,
    answerFormat: content.answerFormat ? renderRichText(content.answerFormat) : null,
    hintsAvailable: content.hints.length,
    hintsShown: content.hints.slice(0, served.hints_shown).map(renderRichText),
    why: served.explanation,
    servedAt: new Date(served.served_at).toISOString(),
  };
}

export function presentProgress(opts: {
  targets: readonly string[];
  graph: SkillGraph;
  locale: Locale;
  state: (code: string) => SkillState;
  ready: (code: string) => boolean;
  threshold: number;
  settings: Pick<AssignmentSettings, 'goal'> | null;
  progress: ProgressRow | null;
  score: { given: number; maximum: number; rule: 'skills-mastered' | 'items-completed'; complete: boolean } | null;
  hasGradebook: boolean;
}): PracticeProgressView {
  const skills: SkillProgressView[] = opts.targets.map((code) => {
    const s = opts.state(code);
    const info = opts.graph.skill(code);
    const mastered = s.pKnown >= opts.threshold;
    return {
      code,
      name: info ? skillName(info, opts.locale) : code,
      standard: info?.standard ?? '',
      pKnown: s.pKnown,
      mastered,
      evidence: s.evidence,
      status: mastered ? 'mastered' : s.evidence > 0 ? 'learning' : opts.ready(code) ? 'ready' : 'not-ready',
    };
  });
  const statusOrder = { mastered: 0, learning: 1, ready: 2, 'not-ready': 3 } as const;
  skills.sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
  const masteredCount = skills.filter((s) => s.mastered).length;
  const p = opts.progress;
  return {
    goal: opts.settings?.goal ?? { kind: 'mastery' },
    skills,
    masteredCount,
    targetCount: skills.length,
    itemsAnswered: p?.items_answered ?? 0,
    itemsCorrect: p?.items_correct ?? 0,
    complete: opts.score?.complete ?? (skills.length > 0 && masteredCount === skills.length),
    score: opts.score
      ? { given: opts.score.given, maximum: opts.score.maximum, rule: opts.score.rule, lms: lmsStatus(p, opts.hasGradebook) }
      : null,
  };
}

function lmsStatus(progress: ProgressRow | null, hasGradebook: boolean): LmsScoreStatus {
  if (!hasGradebook) return 'no-gradebook';
  if (!progress?.score_outbox_id || !progress.score_status) return 'not-sent';
  return progress.score_status;
}
