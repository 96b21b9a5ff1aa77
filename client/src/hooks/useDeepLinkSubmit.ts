import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeepLinkItemInput } from '../../../server/http/contract';
import { ApiError, postDeepLinkResponse, toApiError } from '../api';

export type DeepLinkSubmitState =
  | { status: 'idle' }
  /** Saving the picks, then handing the signed response to the LMS (the page navigates away). */
  | { status: 'sending' }
  | { status: 'error'; error: ApiError; attempt: number };

/** Sends the picks to Trellis, then form-posts the signed JWT to the LMS (Deep Linking 2.0). */
export function useDeepLinkSubmit() {
  const [state, setState] = useState<DeepLinkSubmitState>({ status: 'idle' });
  // A ref, not state: a double click must not send twice before React re-renders.
  const busy = useRef(false);
  const attempts = useRef(0);

  const submit = useCallback(async (items: DeepLinkItemInput[]) => {
    if (busy.current) return;
    busy.current = true;
    attempts.current += 1;
    setState({ status: 'sending' });
    try {
      const { returnUrl, jwt } = await postDeepLinkResponse(items);
      postToPlatform(returnUrl, jwt);
      // Stay "sending": the browser is on its way back to the LMS.
    } catch (error) {
      busy.current = false;
      setState({ status: 'error', error: toApiError(error), attempt: attempts.current });
    }
  }, []);

  const reset = useCallback(() => {
    if (!busy.current) setState({ status: 'idle' });
  }, []);

  // Coming back with the browser's Back button restores this page from cache mid-"sending".
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      busy.current = false;
      setState({ status: 'idle' });
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);

  return { state, submit, reset };
}

/** The LTI form_post: a hidden form with the JWT, submitted to the LMS's return URL. */
function postToPlatform(returnUrl: string, jwt: string): void {
  const url = new URL(returnUrl, window.location.href);
  // Only web addresses: a javascript: or data: "return URL" must never be navigated to.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiError('invalid_return_url', 0, 'The platform return URL is not http(s)');
  }
  const form = document.createElement('form');
  form.method = 'post';
  form.action = url.href;
  form.hidden = true;
  const input = document.createElement('input');
  input.type = 'hidden';
  input.name = 'JWT';
  input.value = jwt;
  form.append(input);
  document.body.append(form);
  form.submit();
}
