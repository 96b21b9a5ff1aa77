// Cookie-free launches with the LMS's platform storage (1EdTech "LTI Client Side
// postMessages" and "OIDC login with LTI Client Side postMessages"). Two small pages share
// one script, served from our own origin because the CSP allows no inline JavaScript:
//
//  - login: lti.put_data `state_<state>` → state and `nonce_<nonce>` → nonce into the frame
//    the platform named (lti_storage_target), wait for both lti.put_data.response (or a
//    timeout), then go on to the platform's authorization URL. If storage fails, the page
//    tells Trellis (POST /lti/login/no-storage) and goes on anyway: the login is then a
//    cookie login as before (the cookie set with the page binds it when the browser keeps it).
//  - launch: lti.get_data `state_<state>`; only a browser that stored this state at login can
//    read it back. The page then posts the value with its one-time confirmation code to
//    /lti/launch/confirm, which answers with the panel (and its launch token).
//
// Messages go only to, and answers are accepted only from, the origin of the platform's
// authorization URL; every request has its own message_id.
import { escapeHtml, inlineJson } from '../http/html';
import type { Locale, MessageKey } from '../i18n/catalog';
import { translate } from '../i18n/catalog';

export const STORAGE_SCRIPT_PATH = '/lti/storage.js';
export const LAUNCH_CONFIRM_PATH = '/lti/launch/confirm';
export const LOGIN_NO_STORAGE_PATH = '/lti/login/no-storage';
/** How long the login page waits for put_data answers before it falls back to the cookie. */
export const LOGIN_STORAGE_TIMEOUT_MS = 3000;
/**
 * How long the launch page waits for get_data. Storage worked at login, so only a slow
 * browser gets here; waiting longer costs nothing in the normal case and failing means an error page.
 */
export const LAUNCH_STORAGE_TIMEOUT_MS = 8000;
const DATA_ELEMENT_ID = 'trellis-storage';

export interface StorageLoginPageData {
  mode: 'login';
  target: string;
  platformOrigin: string;
  state: string;
  nonce: string;
  redirectUrl: string;
  /** Where the page reports that storage failed (the login becomes a cookie login). */
  noStorageUrl: string;
  timeoutMs: number;
}

export interface StorageLaunchPageData {
  mode: 'launch';
  target: string;
  platformOrigin: string;
  state: string;
  code: string;
  confirmUrl: string;
  timeoutMs: number;
}

export type StoragePageData = StorageLoginPageData | StorageLaunchPageData;

export const PLATFORM_STORAGE_SCRIPT = `(function () {
  'use strict';
  var node = document.getElementById('${DATA_ELEMENT_ID}');
  if (!node) return;
  var cfg;
  try { cfg = JSON.parse(node.textContent || ''); } catch (e) { return; }

  // lti_storage_target: "_parent" is the window that embeds us (or opened us); any other
  // value names a frame inside that window.
  function storageWindow() {
    var host = window.parent !== window ? window.parent : window.opener;
    if (!host) return null;
    if (cfg.target === '_parent') return host;
    try { return host.frames[cfg.target] || null; } catch (e) { return null; }
  }

  function messageId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var out = '';
    for (var i = 0; i < bytes.length; i++) out += ('0' + bytes[i].toString(16)).slice(-2);
    return out;
  }

  // One request; resolves with the platform's response, or null on an error response, no
  // answer within the timeout, or no storage frame at all.
  function send(subject, fields) {
    return new Promise(function (resolve) {
      var target = storageWindow();
      if (!target) { resolve(null); return; }
      var id = messageId();
      var timer = setTimeout(function () { finish(null); }, cfg.timeoutMs);
      function finish(value) {
        clearTimeout(timer);
        window.removeEventListener('message', onMessage);
        resolve(value);
      }
      function onMessage(event) {
        if (event.origin !== cfg.platformOrigin) return;
        var data = event.data;
        if (typeof data === 'string') { try { data = JSON.parse(data); } catch (e) { return; } }
        if (!data || typeof data !== 'object' || data.subject !== subject + '.response' || data.message_id !== id) return;
        finish(data.error ? null : data);
      }
      window.addEventListener('message', onMessage);
      var message = { subject: subject, message_id: id };
      for (var k in fields) message[k] = fields[k];
      try { target.postMessage(message, cfg.platformOrigin); } catch (e) { finish(null); }
    });
  }

  // Storage failed: Trellis treats this login as a cookie login; then go on regardless.
  function abandonStorage() {
    var report = window.fetch(cfg.noStorageUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'state=' + encodeURIComponent(cfg.state)
    });
    var giveUp = new Promise(function (resolve) { setTimeout(resolve, cfg.timeoutMs); });
    return Promise.race([report, giveUp]);
  }

  if (cfg.mode === 'login') {
    var proceed = function () { window.location.replace(cfg.redirectUrl); };
    Promise.all([
      send('lti.put_data', { key: 'state_' + cfg.state, value: cfg.state }),
      send('lti.put_data', { key: 'nonce_' + cfg.nonce, value: cfg.nonce })
    ]).then(function (answers) {
      if (answers[0] && answers[1]) return proceed();
      abandonStorage().then(proceed, proceed);
    }, proceed);
  } else if (cfg.mode === 'launch') {
    send('lti.get_data', { key: 'state_' + cfg.state }).then(function (answer) {
      var value = answer && typeof answer.value === 'string' ? answer.value : '';
      // Only the browser that stored this state at login reads it back; anything else is
      // posted as empty and the server answers with its state_mismatch page.
      var form = document.createElement('form');
      form.method = 'post';
      form.action = cfg.confirmUrl;
      var fields = { code: cfg.code, state: value === cfg.state ? value : '' };
      for (var name in fields) {
        var input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = fields[name];
        form.appendChild(input);
      }
      document.body.appendChild(form);
      form.submit();
    });
  }
})();
`;

export function renderStoragePage(opts: { locale: Locale; data: StoragePageData }): string {
  const t = (key: MessageKey) => escapeHtml(translate(opts.locale, key));
  const { data } = opts;
  const noscript =
    data.mode === 'login'
      ? `<p>${t('storage.noscript')}</p><p><a href="${escapeHtml(data.redirectUrl)}">${t('storage.continue')}</a></p>`
      : `<p>${t('storage.noscript')}</p>`;
  return `<!doctype html>
<html lang="${opts.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('storage.title')}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 1.5rem; color: #1b1b1b; background: #fff; line-height: 1.5; }
  main { max-width: 40rem; margin: 0 auto; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  a { color: #0b5394; }
</style>
</head>
<body>
<main>
  <h1>${t('storage.title')}</h1>
  <p role="status">${t(data.mode === 'login' ? 'storage.login' : 'storage.launch')}</p>
  <noscript>${noscript}</noscript>
</main>
<script id="${DATA_ELEMENT_ID}" type="application/json">${inlineJson(data)}</script>
<script src="${STORAGE_SCRIPT_PATH}"></script>
</body>
</html>`;
}
