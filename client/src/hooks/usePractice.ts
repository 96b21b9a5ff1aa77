import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AttemptResultView,
  PracticeItemView,
  PracticeProgressView,
  RenderedText,
} from '../../../server/http/contract';
import { getPractice, requestHint, submitAttempt, toApiError, type ApiError } from '../api';

/** A typed answer, or the chosen choice ids. */
export type AnswerValue = string | string[];

/** The practice on screen once loaded: the open item, its hints and (after a submit) the result. */
export interface PracticeSession {
  item: PracticeItemView | null;
  /** Changes with every item shown, so the item's component (and its draft answer) starts fresh. */
  serial: number;
  /** "Question 4": counted when the item appears, so it doesn't change once this one is answered. */
  itemNumber: number;
  progress: PracticeProgressView;
  hints: RenderedText[];
  hintsAvailable: number;
  /** The checked answer for `item`; the item stays on screen with its feedback until "Next". */
  result: AttemptResultView | null;
  /** Move focus to the item's heading when it appears (the student moved on, not the first load). */
  focusItem: boolean;
}

export type PracticeState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | ({ status: 'ready' } & PracticeSession);

/** `attempt` re-keys the message so the same error after another try is announced again. */
export type RequestState = { status: 'idle' } | { status: 'sending' } | { status: 'error'; error: ApiError; attempt: number };

export interface PracticeApi {
  state: PracticeState;
  submitState: RequestState;
  hintState: RequestState;
  /** Loads the open item again (after a load error or a conflict); `focusItem` as in PracticeSession. */
  reload: (focusItem?: boolean) => void;
  submit: (itemId: string, answer: AnswerValue) => Promise<void>;
  showHint: (itemId: string) => Promise<void>;
  /** After a result: shows the item the server served with it. */
  next: () => void;
}

/** Longest time on task we report: a tab left open overnight is not two days of work. */
const MAX_TIME_ON_TASK_MS = 2 * 60 * 60 * 1000;

/**
 * The student's practice: loads the open item, asks for hints, checks answers and moves on.
 * Every attempt carries an idempotency key that is kept until the server gives a definite
 * answer, so a resend after a network error or a server failure counts once.
 */
export function usePractice(): PracticeApi {
  const [state, setState] = useState<PracticeState>({ status: 'loading' });
  const [submitState, setSubmitState] = useState<RequestState>({ status: 'idle' });
  const [hintState, setHintState] = useState<RequestState>({ status: 'idle' });
  const [loadCount, setLoadCount] = useState(0);
  const focusAfterLoad = useRef(false);

  // Refs, not state: a double click must not send twice before React re-renders.
  const submitBusy = useRef(false);
  const hintBusy = useRef(false);
  const requestCount = useRef(0);
  const serial = useRef(0);
  /** When the current item appeared, for time on task. */
  const shownAt = useRef(0);
  /** The key of an attempt whose outcome we never learned; reused by the resend. */
  const pendingAttempt = useRef<{ itemId: string; key: string } | null>(null);

  const show = useCallback((item: PracticeItemView | null, progress: PracticeProgressView, focusItem: boolean) => {
    shownAt.current = performance.now();
    setSubmitState({ status: 'idle' });
    setHintState({ status: 'idle' });
    setState({
      status: 'ready',
      item,
      serial: ++serial.current,
      itemNumber: progress.itemsAnswered + 1,
      progress,
      hints: item?.hintsShown ?? [],
      hintsAvailable: item?.hintsAvailable ?? 0,
      result: null,
      focusItem,
    });
  }, []);

  useEffect(() => {
    // Abort on unmount or reload so a slow old response can't replace a newer one.
    const controller = new AbortController();
    setState({ status: 'loading' });
    getPractice({ signal: controller.signal }).then(
      (view) => show(view.item, view.progress, focusAfterLoad.current),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [loadCount, show]);

  const reload = useCallback((focusItem = false) => {
    focusAfterLoad.current = focusItem;
    setLoadCount((n) => n + 1);
  }, []);

  const submit = useCallback(async (itemId: string, answer: AnswerValue) => {
    if (submitBusy.current) return;
    submitBusy.current = true;
    const attempt = ++requestCount.current;
    setSubmitState({ status: 'sending' });
    const kept = pendingAttempt.current;
    const pending = kept && kept.itemId === itemId ? kept : { itemId, key: newIdempotencyKey() };
    pendingAttempt.current = pending;
    const timeOnTaskMs = Math.min(MAX_TIME_ON_TASK_MS, Math.max(0, Math.round(performance.now() - shownAt.current)));
    try {
      const result = await submitAttempt(itemId, { answer, idempotencyKey: pending.key, timeOnTaskMs });
      pendingAttempt.current = null;
      setState((prev) =>
        prev.status === 'ready' && prev.item?.id === itemId
          ? { ...prev, result, progress: result.progress, focusItem: false }
          : prev,
      );
      setSubmitState({ status: 'idle' });
    } catch (error) {
      const apiError = toApiError(error);
      // A 4xx is the server's definite "no": nothing was recorded, so the next try is a new
      // attempt. No response or a 5xx may have been recorded: keep the key for the resend.
      if (apiError.status >= 400 && apiError.status < 500) pendingAttempt.current = null;
      setSubmitState({ status: 'error', error: apiError, attempt });
    } finally {
      submitBusy.current = false;
    }
  }, []);

  const showHint = useCallback(async (itemId: string) => {
    if (hintBusy.current) return;
    hintBusy.current = true;
    const attempt = ++requestCount.current;
    setHintState({ status: 'sending' });
    try {
      const view = await requestHint(itemId);
      setState((prev) =>
        prev.status === 'ready' && prev.item?.id === itemId
          ? { ...prev, hints: [...prev.hints, view.hint], hintsAvailable: view.hintsAvailable }
          : prev,
      );
      setHintState({ status: 'idle' });
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'no_more_hints') {
        // Another tab opened the rest: stop offering a hint we can't give.
        setState((prev) =>
          prev.status === 'ready' && prev.item?.id === itemId ? { ...prev, hintsAvailable: prev.hints.length } : prev,
        );
      }
      setHintState({ status: 'error', error: apiError, attempt });
    } finally {
      hintBusy.current = false;
    }
  }, []);

  const next = useCallback(() => {
    if (state.status !== 'ready' || !state.result) return;
    show(state.result.next, state.progress, true);
  }, [state, show]);

  return { state, submitState, hintState, reload, submit, showHint, next };
}

/** A v4 UUID; crypto.randomUUID needs a secure context, which a plain-http dev frame is not. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Errors that mean the item on screen is no longer the one to answer: load the open one. */
export function isItemConflict(error: ApiError): boolean {
  return error.code === 'item_not_served' || error.code === 'already_answered' || error.code === 'idempotency_key_reused';
}
