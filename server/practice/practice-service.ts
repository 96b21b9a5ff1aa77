// The student's practice loop: serve an item, give hints, take an attempt (check it, update
// mastery, choose and serve the next item, move the score toward the LMS) — each attempt in
// one transaction, so an answer is counted once and its score is never lost or invented.
import type { Database, Queryable } from '../db/database';
import type {
  AssignmentSettings,
  AttemptInput,
  AttemptResultView,
  HintView,
  PracticeStateView,
  SelectionExplanation,
} from '../http/contract';
import { AppError } from '../http/errors';
import { authorize } from '../http/policies';
import { enqueueScore } from '../grades/enqueue-score';
import type { LaunchContext } from '../lti/launch-context';
import { AGS_SCOPE } from '../lti/services/ags';
import { checkAnswer, expectedAnswerText } from './answers/check-answer';
import type { ItemContent, Locale } from './content/item';
import type { ItemRef, ItemSource } from './item-source';
import { updateKnown } from './model/bkt';
import {
  findAttempt,
  findOpenItem,
  findServedItem,
  incrementHints,
  insertServedItem,
  loadSnapshot,
  lockServedItem,
  recordScore,
  servedAuthoredItems,
  touchSession,
  writeAttempt,
  type NewServedItem,
  type ServedRow,
  type StudentScope,
  type StudentSnapshot,
} from './practice-store';
import { presentItem, presentProgress } from './present';
import { renderRichText } from './render';
import { assignmentScore } from './scoring';
import { DEFAULT_SELECTION_POLICY, prerequisitesMastered, selectSkill, type SelectionPolicy, type SkillState } from './selection/select-skill';
import { modelFrom, type SkillCatalog, type SkillGraph, type SkillModel } from './skill-catalog';
import { replayEstimates } from './replay-estimates';

/** What one launch practises: resolved once per launch session and cached. */
interface PracticeTarget {
  scope: StudentScope;
  sessionId: string;
  settings: AssignmentSettings | null;
  targets: string[];
  /** Targets plus their prerequisites: the estimates a decision reads. */
  relevant: string[];
  resourceLinkId: string | null;
  hasGradebook: boolean;
  graph: SkillGraph;
}

export interface PracticeServiceOptions {
  db: Database;
  catalog: SkillCatalog;
  items: ItemSource;
  policy?: SelectionPolicy;
  /** Called after a transaction that queued a score commits (wakes the outbox worker). */
  onScoreQueued?: () => void;
  /** 'replay' recomputes mastery from every past attempt: the benchmark's baseline. */
  masteryMode?: 'incremental' | 'replay';
}

export class PracticeService {
  private readonly policy: SelectionPolicy;
  private readonly targets = new Map<string, { at: number; target: Promise<PracticeTarget> }>();

  constructor(private readonly opts: PracticeServiceOptions) {
    this.policy = opts.policy ?? DEFAULT_SELECTION_POLICY;
  }

  async state(launch: LaunchContext): Promise<PracticeStateView> {
    const t = await this.resolve(launch);
    const models = await this.opts.catalog.models();
    const snapshot = await this.snapshot(this.opts.db, t, models);
    let open = t.targets.length > 0 ? await findOpenItem(this.opts.db, t.scope) : null;
    if (!open && t.targets.length > 0) {
      const authored = await this.opts.items.authoredIndex(t.scope);
      const next = await this.chooseNext(this.opts.db, t, snapshot, models, authored, launch.locale, new Date());
      open = await insertServedItem(this.opts.db, t.scope, next);
    }
    const item = open ? presentItem(open, await this.content(open), t.graph, open.locale) : null;
    return { item, progress: this.progress(t, snapshot, models, launch.locale) };
  }

  async hint(launch: LaunchContext, servedItemId: string): Promise<HintView> {
    const t = await this.resolve(launch);
    const served = await findServedItem(this.opts.db, t.scope, servedItemId);
    if (!served) throw new AppError('item_not_served', 409, 'practice.itemNotServed');
    if (served.answered_at) throw new AppError('already_answered', 409, 'practice.alreadyAnswered');
    const content = await this.content(served);
    const shown = await incrementHints(this.opts.db, t.scope, servedItemId, content.hints.length);
    if (shown === null) throw new AppError('no_more_hints', 409, 'practice.noMoreHints');
    return { hint: renderRichText(content.hints[shown - 1]!), hintsShown: shown, hintsAvailable: content.hints.length };
  }

  async attempt(launch: LaunchContext, servedItemId: string, input: AttemptInput): Promise<AttemptResultView> {
    const t = await this.resolve(launch);
    // Cached reads (which may refill through the pool) and the CPU work (regenerating the
    // item, checking the answer) happen before the transaction, so a pooled connection is
    // held only for its statements and never waits on another one.
    const models = await this.opts.catalog.models();
    const authored = await this.opts.items.authoredIndex(t.scope);
    const checked = await this.checkBeforeRecording(t, servedItemId, input);
    const outcome = await this.opts.db.transaction((tx) => this.recordAttempt(tx, t, { models, authored }, servedItemId, input, checked));
    if (outcome.kind === 'replay') return this.replayResult(t, models, outcome.attemptId, servedItemId, launch.locale);
    if (outcome.scoreQueued) this.opts.onScoreQueued?.();
    const { served, content, check, before, after, snapshot, next } = outcome;
    const nextContent = next ? await this.content(next) : null;
    return {
      attemptId: outcome.attemptId,
      correct: check.correct,
      feedback: check.feedback,
      expected: renderRichText(expectedAnswerText(content.answer, served.locale)),
      solution: content.solution.map(renderRichText),
      mastery: {
        skill: served.skill_code,
        before,
        after,
        mastered: after >= this.policy.masteryThreshold,
        justMastered: before < this.policy.masteryThreshold && after >= this.policy.masteryThreshold,
      },
      progress: this.progress(t, snapshot, models, launch.locale),
      next: next && nextContent ? presentItem(next, nextContent, t.graph, next.locale) : null,
    };
  }

  /**
   * Reads the served item (scoped to the student) and checks the answer against it. Null
   * when there is nothing to check: unknown item, or already answered (the locked read in
   * recordAttempt then says which error or replay applies).
   */
  private async checkBeforeRecording(t: PracticeTarget, servedItemId: string, input: AttemptInput) {
    const served = await findServedItem(this.opts.db, t.scope, servedItemId);
    if (!served || served.answered_at) return null;
    const content = await this.content(served);
    assertAnswerShape(content, input.answer);
    const check = checkAnswer(content.answer, input.answer, served.locale);
    if (check.feedback === 'unreadable') throw new AppError('answer_unreadable', 400, unreadableMessage(content));
    return { content, check };
  }

  private async recordAttempt(
    tx: Queryable,
    t: PracticeTarget,
    { models, authored }: { models: Map<string, SkillModel>; authored: ReadonlyMap<string, string[]> },
    servedItemId: string,
    input: AttemptInput,
    checked: { content: ItemContent; check: ReturnType<typeof checkAnswer> } | null,
  ) {
    const served = await lockServedItem(tx, t.scope, servedItemId, input.idempotencyKey);
    if (!served) throw new AppError('item_not_served', 409, 'practice.itemNotServed');
    if (served.attempt_id) {
      if (served.attempt_key === input.idempotencyKey) return { kind: 'replay' as const, attemptId: served.attempt_id };
      throw new AppError('already_answered', 409, 'practice.alreadyAnswered');
    }
    if (served.key_served_item_id) throw new AppError('idempotency_key_reused', 409, 'practice.keyReused');
    // Answered between the unlocked read and the lock by another request with another key.
    if (!checked) throw new AppError('already_answered', 409, 'practice.alreadyAnswered');
    const { content, check } = checked;

    const now = new Date();
    const snapshot = await this.snapshot(tx, t, models);
    const states = statesOf(snapshot, models, t.relevant);
    const skill = served.skill_code;
    const model = modelFrom(models, skill);
    const previous = states.get(skill)!;
    const after = updateKnown(previous.pKnown, check.correct, model.params);
    const mastered = after >= this.policy.masteryThreshold;
    const wasReview = previous.pKnown >= this.policy.masteryThreshold;
    states.set(skill, {
      pKnown: after,
      evidence: previous.evidence + 1,
      lastPracticedAt: now,
      reviewCount: wasReview && mastered ? previous.reviewCount + 1 : mastered ? previous.reviewCount : 0,
    });
    const updated: StudentSnapshot = {
      ...snapshot,
      estimates: upsertEstimate(snapshot, skill, after, check.correct, model.version, mastered, now),
      progress: snapshot.progress
        ? { ...snapshot.progress, items_answered: snapshot.progress.items_answered + 1, items_correct: snapshot.progress.items_correct + (check.correct ? 1 : 0) }
        : t.scope.assignmentId
          ? { items_answered: 1, items_correct: check.correct ? 1 : 0, score_given: null, score_maximum: null, score_outbox_id: null, score_status: null }
          : null,
    };
    const next = await this.chooseNext(tx, t, updated, models, authored, served.locale, now, states);
    const written = await writeAttempt(tx, t.scope, {
      servedItemId: served.id,
      sessionId: t.sessionId,
      skill,
      idempotencyKey: input.idempotencyKey,
      answer: check.normalized.slice(0, 200) || String(input.answer).slice(0, 200),
      correct: check.correct,
      feedback: check.feedback,
      hintsUsed: served.hints_shown,
      timeOnTaskMs: input.timeOnTaskMs,
      pKnownBefore: previous.pKnown,
      pKnownAfter: after,
      modelVersion: model.version,
      mastered,
      wasReview,
      next,
    });
    const scoreQueued = await this.updateScore(tx, t, updated, models, now);
    if (scoreQueued !== null && updated.progress) {
      updated.progress = { ...updated.progress, score_outbox_id: scoreQueued, score_status: 'pending' };
    }
    return {
      kind: 'recorded' as const,
      attemptId: written.attemptId,
      served,
      content,
      check,
      before: previous.pKnown,
      after,
      snapshot: updated,
      next: written.next,
      scoreQueued: scoreQueued !== null,
    };
  }

  /** Queues the assignment score when it changed; returns the outbox id, or null if nothing was sent. */
  private async updateScore(tx: Queryable, t: PracticeTarget, snapshot: StudentSnapshot, models: Map<string, SkillModel>, now: Date): Promise<string | null> {
    const score = this.score(t, snapshot, models);
    if (!score || !t.scope.assignmentId || !snapshot.progress) return null;
    const previous = snapshot.progress;
    if (previous.score_given === score.given && previous.score_maximum === score.maximum) return null;
    // A first 0 would show as a failing grade in most gradebooks before any skill is mastered.
    if (previous.score_given === null && score.given === 0) return null;
    let outboxId: string | null = null;
    if (t.hasGradebook && t.resourceLinkId) {
      outboxId = await enqueueScore(tx, {
        platformId: t.scope.platformId,
        resourceLinkId: t.resourceLinkId,
        userId: t.scope.userId,
        score: {
          scoreGiven: score.given,
          scoreMaximum: score.maximum,
          activityProgress: score.complete ? 'Completed' : 'InProgress',
          gradingProgress: 'FullyGraded',
          submittedAt: now,
        },
      });
    }
    await recordScore(tx, t.scope, { given: score.given, maximum: score.maximum, outboxId, complete: score.complete });
    return outboxId;
  }

  private score(t: PracticeTarget, snapshot: StudentSnapshot, models: Map<string, SkillModel>) {
    if (!t.settings) return null;
    const states = statesOf(snapshot, models, t.targets);
    const masteredCount = t.targets.filter((c) => states.get(c)!.pKnown >= this.policy.masteryThreshold).length;
    return assignmentScore(t.settings, { targetCount: t.targets.length, masteredCount, itemsAnswered: snapshot.progress?.items_answered ?? 0 });
  }

  private async chooseNext(
    db: Queryable,
    t: PracticeTarget,
    snapshot: StudentSnapshot,
    models: Map<string, SkillModel>,
    authored: ReadonlyMap<string, string[]>,
    locale: Locale,
    now: Date,
    states = statesOf(snapshot, models, t.relevant),
  ): Promise<NewServedItem> {
    const explanation: SelectionExplanation = selectSkill({
      targets: t.targets,
      prerequisitesOf: (code) => t.graph.prerequisitesOf(code),
      states,
      priorOf: (code) => modelFrom(models, code).params.pInit,
      modelVersionOf: (code) => modelFrom(models, code).version,
      recent: snapshot.recent.map((r) => ({ skill: r.skill_code, rule: r.rule })),
      now,
      // The teacher may turn spaced review off for an assignment.
      policy: { ...this.policy, spacedReview: this.policy.spacedReview && t.settings?.spacedReview !== false },
    });
    const ref: ItemRef = await this.opts.items.choose(
      authored,
      explanation.skill,
      snapshot.recent.map((r) => ({ skill: r.skill_code, templateKey: r.template_key, authoredItemId: r.authored_item_id })),
      (ids) => servedAuthoredItems(db, t.scope, ids),
    );
    return { ref, skill: explanation.skill, locale, explanation, resourceLinkId: t.resourceLinkId, sessionId: t.sessionId };
  }

  private async replayResult(t: PracticeTarget, models: Map<string, SkillModel>, attemptId: string, servedItemId: string, locale: Locale): Promise<AttemptResultView> {
    const [attempt, served] = [await findAttempt(this.opts.db, t.scope, attemptId), await findServedItem(this.opts.db, t.scope, servedItemId)];
    if (!attempt || !served) throw new AppError('item_not_served', 409, 'practice.itemNotServed');
    const content = await this.content(served);
    const snapshot = await this.snapshot(this.opts.db, t, models);
    const open = await findOpenItem(this.opts.db, t.scope);
    const threshold = this.policy.masteryThreshold;
    return {
      attemptId: attempt.id,
      correct: attempt.correct,
      feedback: attempt.feedback as AttemptResultView['feedback'],
      expected: renderRichText(expectedAnswerText(content.answer, served.locale)),
      solution: content.solution.map(renderRichText),
      mastery: {
        skill: attempt.skill_code,
        before: attempt.p_known_before,
        after: attempt.p_known_after,
        mastered: attempt.p_known_after >= threshold,
        justMastered: attempt.p_known_before < threshold && attempt.p_known_after >= threshold,
      },
      progress: this.progress(t, snapshot, models, locale),
      next: open ? presentItem(open, await this.content(open), t.graph, open.locale) : null,
    };
  }

  private progress(t: PracticeTarget, snapshot: StudentSnapshot, models: Map<string, SkillModel>, locale: Locale) {
    const states = statesOf(snapshot, models, t.relevant);
    const threshold = this.policy.masteryThreshold;
    const targetSet = new Set(t.targets);
    const ready = (code: string) => prerequisitesMastered(t.graph.prerequisitesOf(code), targetSet, (pre) => states.get(pre), threshold);
    return presentProgress({
      targets: t.targets,
      graph: t.graph,
      locale,
      state: (code) => states.get(code)!,
      ready,
      threshold,
      settings: t.settings,
      progress: snapshot.progress ?? (t.scope.assignmentId ? null : openPracticeCounts(snapshot)),
      score: this.score(t, snapshot, models),
      hasGradebook: t.hasGradebook,
    });
  }

  private snapshot(db: Queryable, t: PracticeTarget, models: Map<string, SkillModel>): Promise<StudentSnapshot> {
    if (this.opts.masteryMode === 'replay') return replayEstimates(db, t.scope, t.relevant, models);
    return loadSnapshot(db, t.scope, t.relevant);
  }

  private content(served: ServedRow): Promise<ItemContent> {
    return this.opts.items.content(
      { templateKey: served.template_key, seed: served.seed, authoredItemId: served.authored_item_id },
      served.locale,
    );
  }

  /** The launch's scope, assignment and targets; cached per launch session for a minute. */
  private resolve(launch: LaunchContext): Promise<PracticeTarget> {
    authorize(launch, 'practise');
    if (!launch.courseId || !launch.userId) throw new AppError('forbidden', 403, 'api.forbidden');
    const cached = this.targets.get(launch.sessionId);
    if (cached && Date.now() - cached.at < 60_000) return cached.target;
    if (this.targets.size > 5_000) this.targets.clear();
    const target = this.loadTarget(launch, launch.courseId, launch.userId);
    this.targets.set(launch.sessionId, { at: Date.now(), target });
    target.catch(() => this.targets.delete(launch.sessionId));
    return target;
  }

  private async loadTarget(launch: LaunchContext, contextId: string, userId: string): Promise<PracticeTarget> {
    const scope: StudentScope = { platformId: launch.platformId, contextId, userId, assignmentId: launch.assignmentId };
    const [row] = await this.opts.db.query<{ settings: AssignmentSettings | null; lineitem: string | null; lineitems: string | null; scopes: string[] | null }>(
      `SELECT a.settings, rl.ags_lineitem_url AS lineitem, rl.ags_lineitems_url AS lineitems, rl.ags_scopes AS scopes
         FROM (SELECT 1) one
         LEFT JOIN launch_session ls ON ls.id = $1 AND ls.user_id = $2 AND ls.context_id = $3
         LEFT JOIN resource_link rl ON rl.id = ls.resource_link_id
         LEFT JOIN assignment a ON a.id = $4 AND a.deployment_id = $5`,
      [launch.sessionId, userId, contextId, launch.assignmentId, launch.deploymentId],
    );
    const { resourceLinkId } = await touchSession(this.opts.db, scope, launch.sessionId);
    const graph = await this.opts.catalog.graphFor(launch.platformId);
    const wanted = row?.settings ? graph.expand(row.settings.skills).skills : graph.all().map((s) => s.code);
    const targets = await this.opts.items.practicable({ platformId: scope.platformId, contextId }, wanted);
    const relevant = [...new Set([...targets, ...targets.flatMap((c) => graph.prerequisitesOf(c))])];
    return {
      scope,
      sessionId: launch.sessionId,
      settings: row?.settings ?? null,
      targets,
      relevant,
      resourceLinkId,
      hasGradebook: Boolean(row?.scopes?.includes(AGS_SCOPE.score) && (row.lineitem || row.lineitems)),
      graph,
    };
  }
}

/** Open practice (no assignment) counts every answer in the course, from the estimates. */
function openPracticeCounts(snapshot: StudentSnapshot): StudentSnapshot['progress'] {
  const sum = (f: (e: StudentSnapshot['estimates'][number]) => number) => snapshot.estimates.reduce((n, e) => n + f(e), 0);
  return {
    items_answered: sum((e) => e.evidence_count),
    items_correct: sum((e) => e.correct_count),
    score_given: null,
    score_maximum: null,
    score_outbox_id: null,
    score_status: null,
  };
}


function statesOf(snapshot: StudentSnapshot, models: Map<string, SkillModel>, codes: readonly string[]): Map<string, SkillState> {
  const states = new Map<string, SkillState>();
  for (const code of codes) states.set(code, { pKnown: modelFrom(models, code).params.pInit, evidence: 0, lastPracticedAt: null, reviewCount: 0 });
  for (const e of snapshot.estimates) {
    states.set(e.skill_code, {
      pKnown: e.p_known,
      evidence: e.evidence_count,
      lastPracticedAt: e.last_practiced_at ? new Date(e.last_practiced_at) : null,
      reviewCount: e.review_count,
    });
  }
  return states;
}

function upsertEstimate(snapshot: StudentSnapshot, skill: string, pKnown: number, correct: boolean, version: number, mastered: boolean, now: Date) {
  const others = snapshot.estimates.filter((e) => e.skill_code !== skill);
  const old = snapshot.estimates.find((e) => e.skill_code === skill);
  return [
    ...others,
    {
      skill_code: skill,
      p_known: pKnown,
      evidence_count: (old?.evidence_count ?? 0) + 1,
      correct_count: (old?.correct_count ?? 0) + (correct ? 1 : 0),
      model_version: version,
      mastered_at: mastered ? (old?.mastered_at ?? now.toISOString()) : null,
      review_count: old?.review_count ?? 0,
      last_practiced_at: now.toISOString(),
    },
  ];
}

/** A choice answer for a typed item (or the reverse), or choices the item doesn't have: 400. */
function assertAnswerShape(content: ItemContent, answer: string | string[]): void {
  const isChoice = content.answer.kind === 'choice';
  if (isChoice !== Array.isArray(answer)) throw new AppError('invalid_answer', 400, isChoice ? 'practice.chooseOption' : 'practice.typeAnswer');
  if (Array.isArray(answer)) {
    const ids = new Set(content.choices?.map((c) => c.id));
    if (answer.length === 0 || answer.some((id) => !ids.has(id)) || new Set(answer).size !== answer.length) {
      throw new AppError('invalid_answer', 400, 'practice.chooseOption');
    }
  }
}

function unreadableMessage(content: ItemContent) {
  switch (content.answer.kind) {
    case 'expression':
      return 'practice.unreadableExpression' as const;
    case 'equation-solution':
      return 'practice.unreadableEquation' as const;
    case 'text':
    case 'choice':
      return 'practice.typeAnswer' as const;
    default:
      return 'practice.unreadableNumber' as const;
  }
}
