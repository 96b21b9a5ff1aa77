import { useEffect } from 'react';

/**
 * LMSs embed Trellis in an iframe of fixed height; the LTI `lti.frameResize` message asks
 * the platform to fit the frame to our content so there is no inner scrollbar.
 */
export function postFrameHeight(): void {
  if (window.parent === window) return; // not framed: nobody to tell
  window.parent.postMessage({ subject: 'lti.frameResize', height: document.documentElement.scrollHeight }, '*');
}

/** Posts after the first render, on window resize and whenever the content changes size. */
export function useFrameResize(): void {
  useEffect(() => {
    postFrameHeight();
    window.addEventListener('resize', postFrameHeight);
    // Content that arrives later (e.g. the class list) changes height without a resize event.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(postFrameHeight);
    observer?.observe(document.body);
    return () => {
      window.removeEventListener('resize', postFrameHeight);
      observer?.disconnect();
    };
  }, []);
}
