// Platform storage, platform side (1EdTech "LTI Client Side postMessages" and "OIDC login
// with LTI Client Side postMessages"): the course page (or a hidden frame in it) keeps small
// values for the tool in the LMS's own window, so a tool in a cross-site iframe can prove a
// launch comes back to the browser that started its login without third-party cookies.
//
// Answers lti.capabilities, lti.put_data and lti.get_data with their `.response` messages
// (same message_id; `error: { code, message }` on failure), only for messages from the
// tool's origin, and only ever to that origin. Values are kept per tool origin.
import { escapeHtml, inlineJson } from './html';

/** Where a simulated platform keeps tools' data: off, the course page itself (true or '_parent'), or a storage frame. */
export type PlatformStorageMode = boolean | '_parent' | 'frame';

/** The hidden frame of the course page that answers storage messages in 'frame' mode. */
export const STORAGE_FRAME_NAME = 'lti_storage_frame';

/** lti_storage_target for a storage mode, or undefined when storage is off. */
export function storageTargetFor(mode: PlatformStorageMode | undefined): string | undefined {
  if (!mode) return undefined;
  return mode === 'frame' ? STORAGE_FRAME_NAME : '_parent';
}

/**
 * The message handler. `window.ltiPlatformStorage` ({ [toolOrigin]: { [key]: value } }) and
 * `window.ltiPlatformStorageLog` (every request received) are left visible on purpose: tests
 * read and tamper with them, as a simulator should allow.
 */
export function platformStorageScript(opts: { toolOrigin: string; capabilities: boolean; data: boolean; frame?: string }): string {
  return `(function(){
var toolOrigin=${inlineJson(opts.toolOrigin)},answerCapabilities=${opts.capabilities},answerData=${opts.data},frame=${inlineJson(opts.frame ?? null)};
var store=window.ltiPlatformStorage=window.ltiPlatformStorage||{};
var log=window.ltiPlatformStorageLog=window.ltiPlatformStorageLog||[];
function reply(e,m){e.source.postMessage(m,e.origin)}
window.addEventListener('message',function(e){
if(e.origin!==toolOrigin||!e.source)return;
var d=e.data;if(typeof d==='string'){try{d=JSON.parse(d)}catch(_){return}}
if(!d||typeof d!=='object'||typeof d.subject!=='string')return;
var r={subject:d.subject+'.response',message_id:d.message_id};
if(d.subject==='lti.capabilities'&&answerCapabilities){
log.push({subject:d.subject,origin:e.origin});
var m=[{subject:'lti.capabilities'},{subject:'lti.put_data'},{subject:'lti.get_data'}];
if(frame){m[1].frame=frame;m[2].frame=frame}
r.supported_messages=m;reply(e,r);return;
}
if(!answerData)return;
if(d.subject==='lti.put_data'){
log.push({subject:d.subject,key:d.key,origin:e.origin});
if(typeof d.key!=='string'||!d.key||typeof d.value!=='string'){r.error={code:'bad_request',message:'key and value must be non-empty strings'};reply(e,r);return}
(store[e.origin]=store[e.origin]||{})[d.key]=d.value;
r.key=d.key;r.value=d.value;reply(e,r);return;
}
if(d.subject==='lti.get_data'){
log.push({subject:d.subject,key:d.key,origin:e.origin});
var own=store[e.origin]||{};r.key=d.key;
if(typeof d.key==='string'&&Object.prototype.hasOwnProperty.call(own,d.key))r.value=own[d.key];
else r.error={code:'bad_request',message:'nothing is stored under this key'};
reply(e,r);
}
});
})();`;
}

/** The hidden storage frame's document ('frame' mode). */
export function renderStorageFramePage(toolOrigin: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml('LTI platform storage')}</title></head>
<body>
<script>${platformStorageScript({ toolOrigin, capabilities: false, data: true })}</script>
</body>
</html>
`;
}
