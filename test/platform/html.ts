// Small HTML helpers and the platform's non-course pages (form_post, errors, deep-link return).

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe to inline in a <script> element (no "</script>" or "<!--" breakouts). */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#1f2933;background:#fff;margin:0;padding:1.5rem}
pre{white-space:pre-wrap;word-break:break-all;background:#f3f5f8;padding:1rem;border-radius:4px}
button{font:inherit;padding:.5rem 1rem;color:#fff;background:#0b5cad;border:0;border-radius:4px;cursor:pointer}
:focus-visible{outline:3px solid #b45309;outline-offset:2px}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * OIDC response_mode=form_post: the browser carries id_token and state to the tool.
 * The one-line script submits at once; <noscript> keeps it usable without JavaScript.
 */
export function renderFormPost(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return page(
    'Opening Trellis…',
    `<main>
<h1>Opening Trellis…</h1>
<form method="post" action="${escapeHtml(action)}" enctype="application/x-www-form-urlencoded">
${inputs}
<noscript><p>JavaScript is turned off. Press Continue to open the tool.</p><button type="submit">Continue</button></noscript>
</form>
</main>
<script>document.forms[0].submit()</script>`,
  );
}

export function renderErrorPage(heading: string, code: string, description: string): string {
  return page(
    heading,
    `<main>
<h1>${escapeHtml(heading)}</h1>
<p><code>${escapeHtml(code)}</code>: ${escapeHtml(description)}</p>
</main>`,
  );
}

export interface DeepLinkReturnView {
  method: string;
  jwt: string | null;
  header: unknown;
  payload: unknown;
  decodeError: string | null;
}

/** Placeholder until deep-linking responses are verified: shows what arrived. */
export function renderDeepLinkReturn(view: DeepLinkReturnView): string {
  const details = view.jwt
    ? view.decodeError
      ? `<p>The JWT could not be decoded: ${escapeHtml(view.decodeError)}</p>`
      : `<h2>JWT header</h2><pre>${escapeHtml(JSON.stringify(view.header, null, 2))}</pre>
<h2>JWT payload (not verified yet)</h2><pre>${escapeHtml(JSON.stringify(view.payload, null, 2))}</pre>`
    : '<p>No <code>JWT</code> parameter was sent.</p>';
  return page(
    'Deep linking response',
    `<main>
<h1>Deep linking response received</h1>
<p>Method: ${escapeHtml(view.method)}</p>
${details}
</main>`,
  );
}
