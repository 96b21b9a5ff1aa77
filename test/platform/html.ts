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

export interface DeepLinkResultView {
  ok: boolean;
  reason?: string;
  courseTitle?: string;
  /** Titles of the resource links the platform created. */
  created: { title: string; resourceLinkId: string; lineItem: boolean }[];
  /** The tool's msg / errormsg claims, shown to the user as the spec suggests. */
  msg?: string;
  errormsg?: string;
  header?: unknown;
  payload?: unknown;
}

/** What the browser sees after the tool posts its deep linking response. */
export function renderDeepLinkResult(view: DeepLinkResultView): string {
  const toolMsg = [view.msg, view.errormsg]
    .filter((m): m is string => !!m)
    .map((m) => `<p>Message from the tool: ${escapeHtml(m)}</p>`)
    .join('\n');
  if (!view.ok) {
    const decoded = view.payload
      ? `<h2>JWT header</h2><pre>${escapeHtml(JSON.stringify(view.header, null, 2))}</pre>
<h2>JWT payload (not trusted)</h2><pre>${escapeHtml(JSON.stringify(view.payload, null, 2))}</pre>`
      : '';
    return page(
      'Content not added',
      `<main>
<h1>Content not added</h1>
<p role="alert"><code>invalid_deep_linking_response</code>: ${escapeHtml(view.reason ?? 'rejected')}</p>
${toolMsg}
${decoded}
</main>`,
    );
  }
  const items = view.created.length
    ? `<ul>\n${view.created
        .map((c) => `<li>${escapeHtml(c.title)} <small>(${escapeHtml(c.resourceLinkId)}${c.lineItem ? ', graded' : ''})</small></li>`)
        .join('\n')}\n</ul>`
    : '<p>Nothing was selected.</p>';
  const where = view.courseTitle ? ` to ${escapeHtml(view.courseTitle)}` : '';
  return page(
    'Content added',
    `<main>
<h1>Content added${where}</h1>
<p role="status">${view.created.length} item(s) added.</p>
${items}
${toolMsg}
</main>`,
  );
}
