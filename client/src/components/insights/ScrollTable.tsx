import type { ReactNode } from 'react';

/**
 * A wide table scrolls inside its own box, never the page (320 px frames). The box is a
 * labelled, focusable region so keyboard users can scroll it with the arrow keys.
 */
export function ScrollTable({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
