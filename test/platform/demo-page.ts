// The fake LMS course page for the demo: a Canvas-like "Grade 6 Math" page whose launch
// links load Trellis into an iframe on the same page, as a real platform embeds a tool.
// With platform storage on, the page (or a hidden frame in it) also keeps the tool's
// login state for cookie-free launches (see platform-storage.ts).
import { escapeHtml, inlineJson } from './html';
import { platformStorageScript, STORAGE_FRAME_NAME, type PlatformStorageMode } from './platform-storage';
import type { SimCourse } from './seed';

export const TOOL_FRAME_NAME = 'tool-frame';

export interface DemoLaunchLink {
  /** Key for GET /launch?as=… */
  as: string;
  label: string;
  href: string;
  kind: 'launch' | 'deep-link';
}

export interface CoursePageModel {
  platformName: string;
  course: SimCourse;
  /** Path the platform router is mounted at (the issuer's path), e.g. "/lms". */
  basePath: string;
  activityTitle: string;
  launches: DemoLaunchLink[];
  /** Preloaded iframe URL (GET /launch?as=…); null shows a placeholder. */
  frameSrc: string | null;
  activeAs: string | null;
  /** Only this origin may resize the iframe via lti.frameResize. */
  toolOrigin: string;
  /** Platform storage for the tool (launch links then carry lti_storage_target). Default off. */
  storage?: PlatformStorageMode;
  /** Where the hidden storage frame is served ('frame' mode); default `${basePath}/storage-frame`. */
  storageFrameSrc?: string;
}

// Colours all meet 4.5:1 on their backgrounds.
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;background:#fff}
a{color:#0b5cad}
:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;background:#fff;color:#0b5cad;padding:.5rem 1rem;z-index:1}
.skip:focus{top:.5rem}
.top{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;background:#1d3557;color:#fff;padding:.75rem 1.25rem}
.top .brand{font-weight:700;font-size:1.125rem}
.top :focus-visible{outline-color:#fbbf24}
.layout{display:grid;grid-template-columns:13rem minmax(0,1fr);min-height:calc(100vh - 3rem)}
nav{background:#f3f5f8;border-right:1px solid #d5dbe3;padding:1rem}
nav ul{list-style:none;margin:0;padding:0}
nav a{display:block;padding:.5rem .75rem;border-radius:4px;text-decoration:none}
nav a[aria-current="page"]{background:#fff;font-weight:700;border-left:4px solid #0b5cad}
main{padding:1rem 1.5rem 2rem;min-width:0}
main:focus{outline:none}
.label{margin:0;color:#4a5563;font-size:.875rem;letter-spacing:.05em}
h1{margin:.25rem 0 1rem;font-size:1.75rem}
h2{font-size:1.25rem;margin:1.5rem 0 .75rem}
h3{font-size:1.0625rem;margin:0;padding:.75rem 1rem;background:#f3f5f8;border-bottom:1px solid #d5dbe3}
.modules{list-style:none;margin:0;padding:0}
.module{border:1px solid #d5dbe3;border-radius:6px;margin-bottom:1rem;overflow:hidden}
.items{list-style:none;margin:0;padding:0}
.items>li{padding:.75rem 1rem;border-top:1px solid #e5e9ef}
.items>li:first-child{border-top:0}
.tag{display:inline-block;margin-left:.5rem;padding:0 .5rem;border-radius:999px;background:#e6f0ea;color:#14532d;font-size:.8125rem}
.launches{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:.5rem 0 0;padding:0}
.launches a{display:inline-block;padding:.5rem .875rem;border-radius:4px;background:#0b5cad;color:#fff;text-decoration:none}
.launches a:hover{background:#084a8c}
.launches a[aria-current="true"]{background:#14532d}
.launches a.secondary{background:#fff;color:#0b5cad;border:2px solid #0b5cad}
.launches a.secondary[aria-current="true"]{background:#e6f0ea;color:#14532d;border-color:#14532d}
.hint{color:#4a5563;margin:.25rem 0 0}
iframe{display:block;width:100%;height:640px;border:1px solid #d5dbe3;border-radius:6px;background:#fff}
@media (max-width:720px){
.layout{grid-template-columns:1fr}
nav{border-right:0;border-bottom:1px solid #d5dbe3;padding:.5rem}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem}
main{padding:1rem}
.launches>li{flex:1 1 100%}
.launches a{display:block;text-align:center}
}`;

// Tiny, dependency-free: marks the chosen launch, focuses the tool, and honours lti.frameResize
// (Canvas accepts the message as an object or a JSON string) from the tool frame only.
function script(toolOrigin: string): string {
  return `(function(){
var frame=document.querySelector('iframe[name="${TOOL_FRAME_NAME}"]');var origin=${inlineJson(toolOrigin)};
window.addEventListener('message',function(e){
if(e.source!==frame.contentWindow||e.origin!==origin)return;
var d=e.data;if(typeof d==='string'){try{d=JSON.parse(d)}catch(_){return}}
if(!d||d.subject!=='lti.frameResize')return;
var h=parseInt(String(d.height),10);if(h>0&&h<=20000)frame.style.height=h+'px';
});
document.addEventListener('click',function(e){
var a=e.target&&e.target.closest&&e.target.closest('a[target="${TOOL_FRAME_NAME}"]');if(!a)return;
document.querySelectorAll('a[target="${TOOL_FRAME_NAME}"][aria-current]').forEach(function(x){x.removeAttribute('aria-current')});
a.setAttribute('aria-current','true');frame.focus();
});
})();`;
}

// Shown in the frame until a launch is chosen; a full document so it has a language and title.
const PLACEHOLDER = `<!doctype html><html lang="en"><head><title>No launch yet</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;color:#1f2933;padding:1rem">
<p>Choose a launch above to open Trellis here.</p></body></html>`;

// 'frame' mode: a hidden frame (display:none still loads) answers put/get; the page answers
// lti.capabilities and names that frame. '_parent' mode: the page answers everything. Both
// come before the tool frame, so they listen before the tool's login page can ask.
function storageFrame(m: CoursePageModel): string {
  if (m.storage !== 'frame') return '';
  const src = m.storageFrameSrc ?? `${m.basePath}/storage-frame`;
  const onload = 'window.ltiStorageFrameReady=true;if(window.ltiStartTool)window.ltiStartTool()';
  return `<iframe name="${STORAGE_FRAME_NAME}" title="Platform storage" src="${escapeHtml(src)}" hidden onload="${onload}"></iframe>\n`;
}

// Runs at the end of the page and from the storage frame's onload, whichever is last starts the tool.
const START_DEFERRED_TOOL = `window.ltiStartTool=function(){var t=document.querySelector('iframe[name="${TOOL_FRAME_NAME}"][data-src]');
if(t){t.src=t.getAttribute('data-src');t.removeAttribute('data-src')}};
if(window.ltiStorageFrameReady)window.ltiStartTool();`;

function storageScript(m: CoursePageModel): string {
  if (!m.storage) return '';
  const frame = m.storage === 'frame';
  return `\n<script>${platformStorageScript({ toolOrigin: m.toolOrigin, capabilities: true, data: !frame, frame: frame ? STORAGE_FRAME_NAME : undefined })}</script>`;
}

function launchLink(l: DemoLaunchLink, activeAs: string | null): string {
  const current = l.as === activeAs ? ' aria-current="true"' : '';
  const cls = l.kind === 'deep-link' ? ' class="secondary"' : '';
  return `<li><a href="${escapeHtml(l.href)}" target="${TOOL_FRAME_NAME}"${cls}${current}>${escapeHtml(l.label)}</a></li>`;
}

export function renderCoursePage(m: CoursePageModel): string {
  const base = escapeHtml(m.basePath);
  const launches = m.launches.filter((l) => l.kind === 'launch').map((l) => launchLink(l, m.activeAs));
  const deepLinks = m.launches.filter((l) => l.kind === 'deep-link').map((l) => launchLink(l, m.activeAs));
  // With a storage frame, a preloaded launch waits for it: a tool asking before the frame
  // listens would get no answer (what a real platform must avoid too).
  const deferTool = m.storage === 'frame' && m.frameSrc !== null;
  const frame = m.frameSrc
    ? `${deferTool ? 'data-src' : 'src'}="${escapeHtml(m.frameSrc)}"`
    : `srcdoc="${escapeHtml(PLACEHOLDER)}"`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(m.course.title)} · ${escapeHtml(m.platformName)}</title>
<style>${CSS}</style>${storageScript(m)}
</head>
<body>
${storageFrame(m)}<a class="skip" href="#main">Skip to main content</a>
<header class="top">
<span class="brand">${escapeHtml(m.platformName)}</span>
<span>Demo platform for trying Trellis launches</span>
</header>
<div class="layout">
<nav aria-label="Course">
<ul>
<li><a href="${base}/" aria-current="page">Home</a></li>
<li><a href="#modules">Modules</a></li>
<li><a href="#tool">Trellis</a></li>
</ul>
</nav>
<main id="main" tabindex="-1">
<p class="label">${escapeHtml(m.course.label)}</p>
<h1>${escapeHtml(m.course.title)}</h1>
<section id="modules" aria-labelledby="modules-heading">
<h2 id="modules-heading">Modules</h2>
<ol class="modules">
<li class="module">
<h3>Module 1: Fractions</h3>
<ul class="items">
<li>Reading: Equivalent fractions</li>
<li>
<span>${escapeHtml(m.activityTitle)}</span><span class="tag">Trellis</span>
<ul class="launches" aria-label="Launch ${escapeHtml(m.activityTitle)}">
${launches.join('\n')}
</ul>
</li>
</ul>
</li>
<li class="module">
<h3>Module 2: Ratios</h3>
<ul class="items">
<li>Reading: What is a ratio?</li>
<li>
<span>Add a Trellis activity to this module</span>
<ul class="launches" aria-label="Add content">
${deepLinks.join('\n')}
</ul>
<p class="hint">Opens the Trellis content picker (LTI deep linking).</p>
</li>
</ul>
</li>
</ol>
</section>
<section id="tool" aria-labelledby="tool-heading">
<h2 id="tool-heading">Trellis</h2>
<iframe name="${TOOL_FRAME_NAME}" title="Trellis" ${frame} allow="clipboard-write; fullscreen"></iframe>
</section>
</main>
</div>
<script>${script(m.toolOrigin)}</script>${deferTool ? `\n<script>${START_DEFERRED_TOOL}</script>` : ''}
</body>
</html>
`;
}
