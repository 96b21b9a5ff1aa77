// The admin's "register a tool by URL" page (LTI Dynamic Registration): the tool's
// registration UI runs in an iframe; when it posts {subject:'org.imsglobal.lti.close'} the
// page announces completion in a live region and moves focus to it.
import { escapeHtml, inlineJson } from './html';

export const REGISTRATION_FRAME_NAME = 'registration-frame';

export interface RegistrationPageModel {
  platformName: string;
  toolUrl: string;
  /** startDynamicRegistration(toolUrl): tool URL + openid_configuration + registration_token. */
  frameSrc: string;
  /** Only this origin may close the registration. */
  toolOrigin: string;
  basePath: string;
}

function script(toolOrigin: string): string {
  return `(function(){
var frame=document.querySelector('iframe[name="${REGISTRATION_FRAME_NAME}"]');var origin=${inlineJson(toolOrigin)};
var status=document.getElementById('registration-status');
window.addEventListener('message',function(e){
if(e.source!==frame.contentWindow||e.origin!==origin)return;
var d=e.data;if(typeof d==='string'){try{d=JSON.parse(d)}catch(_){return}}
if(!d||d.subject!=='org.imsglobal.lti.close')return;
status.textContent='Registration complete';frame.hidden=true;status.focus();
});
})();`;
}

export function renderRegistrationPage(m: RegistrationPageModel): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Register a tool · ${escapeHtml(m.platformName)}</title>
<style>body{margin:0;padding:1.5rem;font:16px/1.5 system-ui,sans-serif;color:#1f2933;background:#fff}
a{color:#0b5cad}:focus-visible{outline:3px solid #b45309;outline-offset:2px}
#registration-status{font-weight:700;color:#14532d}#registration-status:focus{outline:none}
iframe{display:block;width:100%;height:560px;border:1px solid #d5dbe3;border-radius:6px}
[hidden]{display:none!important}</style>
</head>
<body>
<main id="main">
<h1>Register a tool</h1>
<p>${escapeHtml(m.platformName)} is registering <code>${escapeHtml(m.toolUrl)}</code> with LTI Dynamic Registration.</p>
<p id="registration-status" role="status" aria-live="polite" tabindex="-1">Waiting for the tool to finish registering…</p>
<iframe name="${REGISTRATION_FRAME_NAME}" title="Tool registration" src="${escapeHtml(m.frameSrc)}"></iframe>
<p><a href="${escapeHtml(m.basePath)}/">Back to the course</a></p>
</main>
<script>${script(m.toolOrigin)}</script>
</body>
</html>
`;
}
