/*
 * Temas live chat widget. One tag on any page:
 *   <script src="https://temas.example.com/chat/widget.js" data-entry-point="web-sohbet" async></script>
 * Options: data-entry-point (required), data-language (tr|az|en), data-position (right|left).
 * Plain ES2018, no dependencies. Everything lives in a shadow root with its own styles; every
 * word shown comes from the server's texts for the entry point (GET /chat/v1/entry-points/{code}),
 * and everything from the server is rendered with textContent.
 */
(function () {
  'use strict';

  var LANGS = ['tr', 'az', 'en'];
  var script = document.currentScript || (function () {
    var all = document.querySelectorAll('script[src]');
    for (var i = all.length - 1; i >= 0; i--) {
      if (/\/chat\/widget\.js(\?|#|$)/.test(all[i].src)) return all[i];
    }
    return null;
  })();
  if (!script) return;
  var entry = script.getAttribute('data-entry-point');
  if (!entry) { console.warn('Temas chat: data-entry-point is missing'); return; }
  var srcUrl = new URL(script.src, location.href);
  var BASE = srcUrl.origin + srcUrl.pathname.replace(/\/chat\/widget\.js$/, '');
  var API = BASE + '/chat/v1';
  var KEY = 'temas-chat:' + entry;
  var LANG_KEY = 'temas-chat-language:' + entry;
  var OPEN_KEY = 'temas-chat-open:' + entry;
  window.__temasChat = window.__temasChat || {};
  if (window.__temasChat[entry]) return;
  window.__temasChat[entry] = true;

  // ---------- storage (private mode or blocked storage falls back to memory) ----------
  var memory = {};
  function store(area) {
    return {
      get: function (k) {
        try { var v = window[area].getItem(k); return v == null ? null : JSON.parse(v); } catch (e) { return memory[area + k] || null; }
      },
      set: function (k, v) {
        try { if (v == null) window[area].removeItem(k); else window[area].setItem(k, JSON.stringify(v)); } catch (e) { memory[area + k] = v; }
      }
    };
  }
  var local = store('localStorage');
  var sessionStore = store('sessionStorage');

  // ---------- state ----------
  var cfg = null;            // entry point configuration with texts
  var texts = {};
  var lang = pickLanguage();
  var saved = local.get(KEY); // {sessionId, token, lastId, pending:[{clientId,text}]}
  var session = saved && saved.sessionId && saved.token ? saved : null;
  var knownUpTo = (session && Number(saved.lastId)) || 0; // events up to here were seen before this page
  var contact = { email: '', phone: '' };
  var seen = new Set();      // event ids drawn on this page
  var lastId = 0;            // highest event id seen on this page
  var pending = [];          // messages not yet confirmed by the server: {clientId, text, el, sent, id}
  var ended = false;
  var rated = false;         // the visitor already rated this chat
  var transport = { mode: 'ws', ws: null, es: null, failures: 0, everOpened: false, delay: 1000, timer: 0, live: false, generation: 0 };
  var lastTypingSent = 0;
  var typingTimer = 0;
  var activeActions = null;
  var bindings = [];

  function pickLanguage() {
    var chosen = local.get(LANG_KEY);
    if (LANGS.indexOf(chosen) >= 0) return chosen;
    var attr = (script.getAttribute('data-language') || '').toLowerCase();
    if (LANGS.indexOf(attr) >= 0) return attr;
    var page = (document.documentElement.getAttribute('lang') || '').toLowerCase().split('-')[0];
    return LANGS.indexOf(page) >= 0 ? page : 'tr';
  }

  function t(key, arg) {
    var s = texts[key];
    if (s == null) return '';
    return arg == null ? s : s.replace(/\{0\}/g, String(arg));
  }

  function save() {
    if (!session) { local.set(KEY, null); return; }
    local.set(KEY, {
      sessionId: session.sessionId, token: session.token, lastId: lastId,
      pending: pending.filter(function (p) { return !p.failed; }).map(function (p) { return { clientId: p.clientId, text: p.text }; })
    });
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---------- DOM helpers ----------
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v == null || v === false) return;
        if (k === 'text') e.textContent = v;
        else if (k === 'class') e.className = v;
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : v);
      });
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  /** Ties an element's text or attribute to a text key, so a language switch redraws it. */
  function bind(e, key, attr, arg) {
    bindings.push([e, key, attr, arg]);
    apply(e, key, attr, arg);
    return e;
  }
  function apply(e, key, attr, arg) {
    var v = typeof arg === 'function' ? t(key, arg()) : t(key, arg);
    if (attr) e.setAttribute(attr, v); else e.textContent = v;
  }
  function applyTexts() {
    bindings.forEach(function (b) { apply(b[0], b[1], b[2], b[3]); });
  }
  var idCounter = 0;
  function nextId(prefix) { idCounter += 1; return 'tc-' + prefix + '-' + idCounter; }

  var ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  var ICON_CLOSE = 'M6 6l12 12M18 6L6 18';
  var ICON_SEND = 'M3 20l18-8L3 4v6l12 2-12 2z';
  var ICON_CLIP = 'M16.5 6.5l-8 8a2.5 2.5 0 0 0 3.5 3.5l8.5-8.5a4.5 4.5 0 0 0-6.4-6.4L5.6 11.6a6.5 6.5 0 0 0 9.2 9.2L20 15.6';
  function icon(path, filled) {
    var ns = 'http://www.w3.org/2000/svg';
    var s = document.createElementNS(ns, 'svg');
    s.setAttribute('viewBox', '0 0 24 24');
    s.setAttribute('aria-hidden', 'true');
    s.setAttribute('focusable', 'false');
    var p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path);
    p.setAttribute('class', filled ? 'fill' : 'stroke');
    s.appendChild(p);
    return s;
  }

  var CSS = [
    ':host{all:initial;--tc-brand:var(--temas-chat-brand,#0b6e74);--tc-ink:#1d2330;--tc-muted:#5f6b7a;--tc-line:#dde1e7;--tc-soft:#e3f2f2;--tc-bad:#b91c1c;--tc-focus:#f59e0b}',
    '*{box-sizing:border-box}',
    '.root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:15px;line-height:1.45;color:var(--tc-ink)}',
    '[hidden]{display:none!important}',
    'button,input,textarea{font:inherit;color:inherit}',
    'button{cursor:pointer}',
    ':focus-visible{outline:3px solid var(--tc-focus);outline-offset:2px}',
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    'svg{width:24px;height:24px}.stroke{fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}.fill{fill:currentColor}',
    '.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;background:var(--tc-brand);color:#fff;display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.25)}',
    '.left .launcher{right:auto;left:20px}',
    '.launcher svg{width:28px;height:28px}',
    '.launcher .dot{position:absolute;top:6px;right:6px;width:14px;height:14px;border-radius:50%;background:#c2410c;border:2px solid #fff}',
    '.panel{position:fixed;bottom:92px;right:20px;z-index:2147483001;width:380px;max-width:calc(100vw - 40px);height:600px;max-height:calc(100vh - 112px);display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 10px 40px rgba(0,0,0,.3);overflow:hidden}',
    '.left .panel{right:auto;left:20px}',
    'header{background:var(--tc-brand);color:#fff;padding:10px 12px;display:flex;flex-wrap:wrap;align-items:center;gap:6px}',
    'h2{margin:0;font-size:17px;font-weight:600;flex:1 1 auto}',
    '.hint{flex:1 0 100%;margin:0;font-size:13px;opacity:.95}',
    '.langs{display:flex;gap:2px}',
    '.langs button,.hbtn{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.5);border-radius:6px;padding:2px 6px;font-size:12px;min-height:28px}',
    '.langs button[aria-pressed=true]{background:#fff;color:var(--tc-brand);font-weight:600}',
    '.close{background:transparent;border:0;color:#fff;padding:4px;display:flex;border-radius:6px;min-width:32px;min-height:32px;align-items:center;justify-content:center}',
    '.status{margin:0;padding:4px 12px;font-size:13px;background:#fff7ed;color:#9a3412}',
    '.status:empty{display:none}',
    '.scroll{flex:1 1 auto;overflow-y:auto;padding:12px;background:#f5f6f8}',
    '.log{display:flex;flex-direction:column;gap:8px}',
    '.msg{max-width:85%;padding:8px 10px;border-radius:10px;background:#fff;border:1px solid var(--tc-line);white-space:pre-wrap;overflow-wrap:anywhere}',
    '.msg.customer{align-self:flex-end;background:var(--tc-brand);color:#fff;border-color:var(--tc-brand)}',
    '.msg.agent{background:var(--tc-soft)}',
    '.who{display:block;font-size:12px;font-weight:600;color:var(--tc-muted)}',
    '.customer .who{color:#e6f3f3}',
    '.msg time{display:block;font-size:11px;opacity:.75;margin-top:2px}',
    '.pending{opacity:.7}.failed{background:#fef2f2;color:var(--tc-bad);border-color:#fecaca}',
    '.note,.file{font-size:11px;display:block}.file{font-size:13px;margin-top:2px}',
    '.system{align-self:center;text-align:center;font-size:13px;color:var(--tc-muted);max-width:95%;white-space:pre-wrap}',
    '.notice{align-self:stretch;background:#fffbeb;border:1px solid #fde68a;border-radius:10px;padding:8px 10px;white-space:pre-wrap}',
    '.articles{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-direction:column;gap:6px}',
    '.articles a{display:block;padding:6px 8px;border:1px solid var(--tc-line);border-radius:8px;background:#fff;color:var(--tc-brand);font-weight:600;text-decoration:none;white-space:normal}',
    '.articles a:hover{text-decoration:underline}',
    '.articles span{display:block;color:var(--tc-muted);font-weight:400;font-size:13px}',
    '.articles .snippet{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}',
    'mark{background:#fef3c7;color:inherit;padding:0 1px}',
    '.actions{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px;white-space:normal}',
    '.btn{border:1px solid var(--tc-brand);background:#fff;color:var(--tc-brand);border-radius:8px;padding:6px 12px;min-height:36px}',
    '.btn.primary{background:var(--tc-brand);color:#fff}',
    '.btn:disabled{opacity:.5;cursor:default}',
    'form{margin:0}',
    '.card{background:#fff;border:1px solid var(--tc-line);border-radius:10px;padding:10px;display:flex;flex-direction:column;gap:6px;white-space:normal}',
    '.card h3,.card p,p.card{margin:0}',
    'label{font-weight:600;font-size:13px}',
    '.opt{font-weight:400;color:var(--tc-muted)}',
    'input[type=text],input[type=email],input[type=tel],textarea{width:100%;padding:8px;border:1px solid #b8c0cc;border-radius:6px;background:#fff}',
    '[aria-invalid=true]{border-color:var(--tc-bad)!important}',
    '.err{color:var(--tc-bad);font-size:13px;margin:0}',
    '.err:empty{display:none}',
    'fieldset{border:0;margin:0;padding:0}legend{font-weight:600;font-size:13px;padding:0;margin-bottom:4px}',
    '.slots{display:flex;flex-direction:column;gap:4px;max-height:180px;overflow:auto}.slots label{font-weight:400;display:flex;gap:6px;align-items:center}',
    '.stars{display:flex;gap:2px}',
    '.stars input{position:absolute;opacity:0;width:1px;height:1px}',
    '.stars label{font-size:28px;line-height:1;color:#c4cad3;cursor:pointer;padding:0 2px;border-radius:4px}',
    '.stars label.on,.stars label:hover{color:#f59e0b}',
    '.stars input:focus-visible+label{outline:3px solid var(--tc-focus);outline-offset:1px}',
    '.typing{margin:0;padding:2px 12px;font-size:13px;color:var(--tc-muted);min-height:20px;background:#f5f6f8}',
    '.alert{margin:0;padding:6px 12px;font-size:13px;color:var(--tc-bad);background:#fef2f2}',
    '.alert:empty{display:none}',
    '.composer{display:flex;align-items:flex-end;gap:6px;padding:8px;border-top:1px solid var(--tc-line);background:#fff}',
    '.composer textarea{flex:1 1 auto;resize:none;height:42px;max-height:120px}',
    '.icon{border:0;background:transparent;color:var(--tc-muted);border-radius:8px;min-width:40px;min-height:42px;display:flex;align-items:center;justify-content:center}',
    '.icon.send{background:var(--tc-brand);color:#fff}',
    '.icon:disabled{opacity:.5;cursor:default}',
    '@media (max-width:480px){.panel{inset:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0}.open .launcher{display:none}.msg{max-width:92%}}',
    '@media (prefers-reduced-motion:no-preference){.panel{transition:opacity .15s}}'
  ].join('\n');

  // ---------- building the UI ----------
  var host, root, ui = {};

  function mount() {
    host = document.createElement('temas-chat');
    host.setAttribute('data-entry-point', entry);
    var shadow = host.attachShadow({ mode: 'open' });
    var sheetOk = false;
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
      sheetOk = true;
    } catch (e) { /* older browsers: a style element below */ }
    if (!sheetOk) shadow.appendChild(el('style', { text: CSS }));
    root = el('div', { class: 'root' + (script.getAttribute('data-position') === 'left' ? ' left' : '') });
    shadow.appendChild(root);
    document.body.appendChild(host);
  }

  function build() {
    ui.launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', onclick: function () { toggle(); } }, [icon(ICON_CHAT, true)]);
    bind(ui.launcher, 'open', 'aria-label');
    ui.dot = el('span', { class: 'dot', hidden: true });
    ui.launcher.appendChild(ui.dot);

    ui.title = el('h2', { id: nextId('title') });
    bind(ui.title, 'title');
    ui.hint = el('p', { class: 'hint' });
    ui.langs = el('div', { class: 'langs', role: 'group' });
    bind(ui.langs, 'language', 'aria-label');
    LANGS.forEach(function (code) {
      var b = el('button', { type: 'button', lang: code, 'aria-pressed': String(code === lang), text: code.toUpperCase(), onclick: function () { switchLanguage(code); } });
      bind(b, 'language.' + code, 'aria-label');
      ui.langs.appendChild(b);
    });
    ui.end = el('button', { type: 'button', class: 'hbtn', hidden: true, onclick: endChat });
    bind(ui.end, 'end');
    ui.close = el('button', { type: 'button', class: 'close', onclick: close }, [icon(ICON_CLOSE)]);
    bind(ui.close, 'close', 'aria-label');
    var header = el('header', null, [ui.title, ui.langs, ui.end, ui.close, ui.hint]);

    ui.status = el('p', { class: 'status', role: 'status' });
    ui.log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    bind(ui.log, 'log', 'aria-label');
    ui.events = el('div', { class: 'log' });
    ui.pendingBox = el('div', { class: 'log' });
    ui.log.appendChild(ui.events);
    ui.log.appendChild(ui.pendingBox);
    ui.greeting = el('div', { class: 'msg bot' });
    bind(ui.greeting, 'greeting');
    ui.prechat = el('div');
    ui.after = el('div', { class: 'log' });
    ui.scroll = el('div', { class: 'scroll' }, [ui.greeting, ui.log, ui.prechat, ui.after]);
    ui.typing = el('p', { class: 'typing', 'aria-live': 'polite' });
    ui.alert = el('p', { class: 'alert', role: 'alert' });

    ui.file = el('input', { type: 'file', class: 'sr', tabindex: '-1', 'aria-hidden': 'true', onchange: uploadChosen });
    ui.attach = el('button', { type: 'button', class: 'icon', onclick: function () { ui.file.click(); } }, [icon(ICON_CLIP)]);
    bind(ui.attach, 'attach', 'aria-label');
    bind(ui.attach, 'attach', 'title');
    var inputId = nextId('input');
    var label = el('label', { class: 'sr', for: inputId });
    bind(label, 'message');
    ui.input = el('textarea', { id: inputId, rows: '1', maxlength: '4000', onkeydown: composerKey, oninput: typed });
    bind(ui.input, 'placeholder', 'placeholder');
    ui.send = el('button', { type: 'submit', class: 'icon send' }, [icon(ICON_SEND, true)]);
    bind(ui.send, 'send', 'aria-label');
    bind(ui.send, 'send', 'title');
    ui.composer = el('form', { class: 'composer', novalidate: true, onsubmit: function (e) { e.preventDefault(); sendTyped(); } },
      [ui.attach, ui.file, label, ui.input, ui.send]);

    ui.panel = el('section', { class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': ui.title.id, hidden: true, lang: lang, onkeydown: panelKey },
      [header, ui.status, ui.scroll, ui.typing, ui.alert, ui.composer]);
    root.appendChild(ui.panel);
    root.appendChild(ui.launcher);
  }

  function refreshHeader() {
    ui.panel.setAttribute('lang', lang);
    Array.prototype.forEach.call(ui.langs.children, function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('lang') === lang)); });
    var back = cfg && cfg.open === false ? formatTime(cfg.backAt, true) : '';
    ui.hint.textContent = cfg && cfg.open === false ? (back ? t('closed', back) : t('closed.later')) : t('subtitle');
    ui.end.hidden = !session || ended;
  }

  function formatTime(iso, withDay) {
    if (!iso) return '';
    var d = new Date(iso);
    if (isNaN(d)) return '';
    try {
      var o = withDay ? { weekday: 'long', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
      return new Intl.DateTimeFormat(lang, o).format(d);
    } catch (e) { return d.toLocaleTimeString(); }
  }

  // ---------- opening and closing ----------
  function isOpen() { return !ui.panel.hidden; }
  function toggle() { if (isOpen()) close(); else open(); }

  /** Opens the panel; a panel reopened after a reload leaves the page's focus alone. */
  function open(restoring) {
    ui.panel.hidden = false;
    root.classList.add('open');
    ui.launcher.setAttribute('aria-expanded', 'true');
    bindings = bindings.filter(function (b) { return b[0] !== ui.launcher; });
    bind(ui.launcher, 'close', 'aria-label');
    ui.dot.hidden = true;
    sessionStore.set(OPEN_KEY, true);
    render();
    if (restoring !== true) focusFirst();
    scrollDown(true);
  }

  function close() {
    ui.panel.hidden = true;
    root.classList.remove('open');
    ui.launcher.setAttribute('aria-expanded', 'false');
    bindings = bindings.filter(function (b) { return b[0] !== ui.launcher; });
    bind(ui.launcher, 'open', 'aria-label');
    sessionStore.set(OPEN_KEY, false);
    ui.launcher.focus();
  }

  function focusFirst() {
    var target = ui.prechat.querySelector('input') || (!ui.composer.hidden && ui.input) || ui.after.querySelector('input,button') || ui.close;
    target.focus();
  }

  function panelKey(e) {
    if (e.key === 'Escape') { e.preventDefault(); close(); }
  }

  function composerKey(e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendTyped(); }
  }

  /** Whether the visitor reads the end of the chat (then new events keep it in view), not something further up. */
  function atBottom() {
    var s = ui.scroll;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
  }

  function scrollDown(force) {
    if (force || atBottom()) ui.scroll.scrollTop = ui.scroll.scrollHeight;
  }

  function setAlert(text) { ui.alert.textContent = text || ''; }
  function setStatus(key) { ui.status.textContent = key ? t(key) : ''; }

  /** Which part shows: the pre-chat form (no session yet), the composer (chatting) or the after-chat forms. */
  function render() {
    refreshHeader();
    var needForm = !session && cfg && hasPrechatFields();
    ui.prechat.hidden = !needForm;
    if (needForm && !ui.prechat.firstChild) buildPrechat();
    ui.composer.hidden = !!needForm || ended;
    ui.attach.hidden = !session || cfg.maxFileBytes === 0;
    ui.after.hidden = !ended;
    ui.greeting.hidden = !!session; // a chat's own greeting is its first event
  }

  // ---------- pre-chat form ----------
  function hasPrechatFields() {
    var p = cfg.prechat || {};
    return ['name', 'email', 'phone'].some(function (f) { return p[f] === 'optional' || p[f] === 'required'; });
  }

  function field(form, name, type, autocomplete, mode) {
    var id = nextId(name);
    var errId = id + '-err';
    var label = el('label', { for: id }, [bindText('prechat.' + name)]);
    if (mode === 'optional') label.appendChild(el('span', { class: 'opt' }, [' ', bindText('optional')]));
    var input = el('input', { id: id, name: name, type: type, autocomplete: autocomplete, required: mode === 'required', 'aria-required': mode === 'required' ? 'true' : null, 'aria-describedby': errId, maxlength: name === 'name' ? '200' : '254' });
    var err = el('p', { class: 'err', id: errId });
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(err);
    return { input: input, err: err, mode: mode, name: name };
  }
  function bindText(key) { return bind(el('span'), key); }

  function buildPrechat() {
    var p = cfg.prechat || {};
    var form = el('form', { class: 'card', novalidate: true });
    var intro = el('p', { class: 'opt' });
    bind(intro, 'prechat.intro');
    form.appendChild(intro);
    var fields = [];
    if (p.name === 'optional' || p.name === 'required') fields.push(field(form, 'name', 'text', 'name', p.name));
    if (p.email === 'optional' || p.email === 'required') fields.push(field(form, 'email', 'email', 'email', p.email));
    if (p.phone === 'optional' || p.phone === 'required') fields.push(field(form, 'phone', 'tel', 'tel', p.phone));
    var start = el('button', { type: 'submit', class: 'btn primary' });
    bind(start, 'prechat.start');
    form.appendChild(start);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var values = {};
      var firstBad = null;
      fields.forEach(function (f) {
        var v = f.input.value.trim();
        var problem = validate(f.name, v, f.mode === 'required');
        f.err.textContent = problem ? t(problem) : '';
        f.input.setAttribute('aria-invalid', problem ? 'true' : 'false');
        if (problem && !firstBad) firstBad = f.input;
        values[f.name] = v || null;
      });
      if (firstBad) { firstBad.focus(); return; }
      start.disabled = true;
      startSession(values).then(function () {
        ui.prechat.textContent = '';
        render();
        ui.input.focus();
      }, function () { start.disabled = false; });
    });
    ui.prechat.appendChild(form);
  }

  function validate(kind, v, required) {
    if (!v) return required ? 'error.required' : null;
    if (kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'error.email';
    if (kind === 'phone' && !/^\+?[0-9][0-9 ().-]{5,22}$/.test(v)) return 'error.phone';
    return null;
  }

  // ---------- HTTP ----------
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  /** Calls the API; 429 waits Retry-After and tries again; refusals reject with {status, title}. */
  function call(method, path, body, tries) {
    tries = tries || 0;
    var headers = {};
    if (session && session.token) headers.Authorization = 'Bearer ' + session.token;
    var init = { method: method, headers: headers, mode: 'cors', credentials: 'omit' };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) { headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(API + path, init).then(function (r) {
      if (r.status === 429 && tries < 5) {
        var wait = Math.min(60, Math.max(1, parseInt(r.headers.get('Retry-After'), 10) || 2));
        setAlert(t('error.rate', wait));
        return sleep(wait * 1000).then(function () { setAlert(''); return call(method, path, body, tries + 1); });
      }
      if (r.ok) return r.status === 204 ? null : r.json().catch(function () { return null; });
      return r.json().catch(function () { return {}; }).then(function (p) {
        var err = new Error(p.title || String(r.status));
        err.status = r.status;
        err.type = String(p.type || '').replace('urn:temas:problem:', '');
        err.field = p.field;
        throw err;
      });
    }, function (e) { e.network = true; throw e; });
  }

  /**
   * A refusal as the visitor reads it, always in the widget's own words: the server's titles and
   * details are English, for developers; its problem type and field say which words fit.
   */
  var PROBLEM_TEXTS = {
    'chat-file-size': 'error.fileSize', 'chat-file-type': 'error.fileType', 'chat-files-after-handoff': 'error.filesLater',
    'chat-flood': 'error.wait', 'busy': 'error.wait', 'conflict': 'error.conflict'
  };
  function problemText(e) {
    if (!e) return t('error.generic');
    if (e.network) return t('error.network');
    if (e.type === 'chat-file-size') return t('error.fileSize', size(cfg.maxFileBytes || 0));
    if (PROBLEM_TEXTS[e.type]) return t(PROBLEM_TEXTS[e.type]);
    if (e.field === 'email' || e.field === 'phone') return t('error.' + e.field);
    if (e.field === 'text' && e.status === 400) return t('error.tooLong');
    return t('error.generic');
  }

  function loadConfig() {
    return fetch(API + '/entry-points/' + encodeURIComponent(entry) + '?lang=' + lang, { mode: 'cors', credentials: 'omit' })
      .then(function (r) {
        if (!r.ok) throw new Error('entry point ' + entry + ': HTTP ' + r.status);
        return r.json();
      }).then(function (c) {
        cfg = c;
        texts = c.texts || {};
        applyTexts();
        if (ui.panel) render();
        return c;
      });
  }

  function switchLanguage(code) {
    if (code === lang) return;
    lang = code;
    local.set(LANG_KEY, code);
    loadConfig().then(function () {
      var chosen = ui.langs.querySelector('[lang=' + code + ']');
      if (chosen) chosen.focus();
    }, function () {});
  }

  function startSession(values) {
    setAlert('');
    contact.email = values.email || contact.email;
    contact.phone = values.phone || contact.phone;
    return call('POST', '/sessions', {
      entryPoint: entry, name: values.name || null, email: values.email || null, phone: values.phone || null, language: lang
    }).then(function (s) {
      session = { sessionId: s.sessionId, token: s.token };
      lastId = 0;
      seen = new Set();
      ended = false;
      save();
      connect(true);
      return s;
    }, function (e) { setAlert(problemText(e)); throw e; });
  }

  function sessionPath(rest) { return '/sessions/' + encodeURIComponent(session.sessionId) + rest; }

  function forgetSession() {
    disconnect();
    session = null;
    ended = false;
    rated = false;
    pending = [];
    seen = new Set();
    lastId = 0;
    activeActions = null;
    local.set(KEY, null);
    ui.events.textContent = '';
    ui.pendingBox.textContent = '';
    ui.after.textContent = '';
    ui.prechat.textContent = '';
    ui.typing.textContent = '';
    setStatus(null);
    render();
  }

  // ---------- transport: WebSocket first, then server-sent events ----------
  function connect(fresh) {
    if (!session) return;
    clearTimeout(transport.timer);
    var gen = ++transport.generation;
    var after = fresh ? 0 : lastId;
    setStatus(transport.live ? null : 'connecting');
    if (!window.WebSocket) transport.mode = 'sse';
    if (transport.mode === 'ws') openSocket(gen, after); else openEvents(gen, after);
  }

  function disconnect() {
    transport.generation++;
    clearTimeout(transport.timer);
    transport.live = false;
    if (transport.ws) { try { transport.ws.close(1000); } catch (e) { /* closed */ } transport.ws = null; }
    if (transport.es) { transport.es.close(); transport.es = null; }
  }

  function wentLive() {
    transport.live = true;
    transport.delay = 1000;
    setStatus(null);
    flush();
  }

  function lost(gen, neverOpened) {
    if (gen !== transport.generation) return;
    transport.live = false;
    transport.ws = null;
    if (transport.es) { transport.es.close(); transport.es = null; }
    if (!session || ended) return;
    setStatus('reconnecting');
    var delay = transport.delay;
    transport.delay = Math.min(30000, transport.delay * 2);
    var check = neverOpened ? checkSession() : Promise.resolve(true);
    check.then(function (alive) {
      if (!alive || gen !== transport.generation) return;
      transport.timer = setTimeout(function () { connect(false); }, delay);
    });
  }

  /** After a failed connection: is the session still ours? 401/404 forget it (the visitor starts anew). */
  function checkSession() {
    if (!session) return Promise.resolve(false);
    return call('GET', sessionPath('')).then(function (s) {
      if (s && s.state === 'ended' && !ended) { /* the ended event arrives with the history */ }
      return true;
    }, function (e) {
      if (e.status === 401 || e.status === 404) { forgetSession(); return false; }
      return true;
    });
  }

  function openSocket(gen, after) {
    var url = API.replace(/^http/, 'ws') + sessionPath('/socket') + '?token=' + encodeURIComponent(session.token) + '&after=' + after;
    var ws, opened = false;
    try { ws = new WebSocket(url); } catch (e) { transport.mode = 'sse'; openEvents(gen, after); return; }
    transport.ws = ws;
    var ping = 0;
    ws.onopen = function () {
      if (gen !== transport.generation) return;
      opened = true;
      transport.everOpened = true;
      wentLive();
      ping = setInterval(function () { if (ws.readyState === 1) ws.send('{"type":"ping"}'); }, 25000);
    };
    ws.onmessage = function (m) {
      if (gen !== transport.generation) return;
      var data;
      try { data = JSON.parse(m.data); } catch (e) { return; }
      if (data.type === 'error') socketError(data); else receive(data);
    };
    ws.onclose = function () {
      clearInterval(ping);
      if (gen !== transport.generation) return;
      transport.failures += 1;
      if (!transport.everOpened || transport.failures >= 2) {
        // The socket cannot open here (a proxy, a firewall) or keeps failing: events and POST from now on.
        transport.mode = 'sse';
        if (!transport.everOpened) { transport.ws = null; openEvents(++transport.generation, after); return; }
      }
      lost(gen, !opened);
    };
  }

  function socketError(data) {
    var status = data.status;
    if (status === 429) {
      setAlert(t('error.rate', 3));
      // Whatever was not stored goes again; the clientId keeps what was stored from being stored twice.
      pending.forEach(function (x) { x.sent = 0; });
      setTimeout(function () { setAlert(''); flush(); }, 3000);
      return;
    }
    // A refused message frame names its message; without a name, the oldest message sent is the one refused.
    var p = data.clientId
      ? pending.filter(function (x) { return x.clientId === data.clientId; })[0]
      : pending.filter(function (x) { return x.sent; })[0];
    var text = problemText({ status: status, type: data.problem, field: data.field });
    if (p) fail(p, text);
    else setAlert(text);
  }

  function openEvents(gen, after) {
    if (!window.EventSource) { setAlert(t('error.network')); return; }
    var url = API + sessionPath('/events') + '?after=' + after + '&token=' + encodeURIComponent(session.token);
    var es = new EventSource(url);
    transport.es = es;
    var handler = function (m) {
      if (gen !== transport.generation) return;
      try { receive(JSON.parse(m.data)); } catch (e) { /* not ours */ }
    };
    es.onmessage = handler;
    flush(); // POST does not wait for the stream
    ['typing', 'handoff', 'ended', 'notice'].forEach(function (name) { es.addEventListener(name, handler); });
    var opened = false;
    es.onopen = function () { if (gen !== transport.generation) return; opened = true; wentLive(); };
    // Reconnects are ours (backoff, resuming from the last id), not EventSource's own.
    es.onerror = function () { es.close(); lost(gen, !opened); };
  }

  // ---------- events ----------
  function receive(ev) {
    if (!ev || !ev.type) return;
    if (ev.type === 'typing') { if (ev.from !== 'customer') showTyping(ev.agent); return; }
    if (ev.id != null) {
      var id = Number(ev.id);
      if (seen.has(id)) return;
      seen.add(id);
      if (id > lastId) lastId = id;
    }
    draw(ev);
    save();
    if (!isOpen() && ev.from !== 'customer' && Number(ev.id) > knownUpTo) ui.dot.hidden = false;
  }

  function draw(ev) {
    var stick = atBottom();
    if (activeActions && !(ev.type === 'message' && ev.from === 'customer')) retireActions();
    if (ev.type === 'ended') removeLasting();
    if (ev.type === 'message') {
      if (ev.from === 'customer') { confirm(ev); scrollDown(true); return; }
      if (ev.from === 'agent') hideTyping();
      var m = bubble(ev.from === 'agent' ? 'agent' : 'bot', ev.text, ev.at, ev.from === 'agent' ? ev.agent : null, ev.file);
      articles(m, ev.articles);
      actions(m, ev.actions);
      ui.events.appendChild(m);
    } else if (ev.type === 'notice') {
      var n = el('div', { class: 'notice' }, [ev.text || '']);
      actions(n, ev.actions);
      ui.events.appendChild(n);
    } else if (ev.type === 'handoff') {
      ui.events.appendChild(el('div', { class: 'system', text: ev.text || t('handoff') }));
    } else if (ev.type === 'ended') {
      hideTyping();
      ui.events.appendChild(el('div', { class: 'system', text: ev.text || t('ended') }));
      showEnded(ev.actions || []);
    } else {
      return;
    }
    scrollDown(stick);
  }

  function size(bytes) {
    return bytes >= 1048576 ? Math.round(bytes / 104857.6) / 10 + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
  }

  function bubble(kind, text, at, name, file) {
    var who = el('span', { class: 'who' });
    if (kind === 'agent' && name) who.textContent = name; else bind(who, 'from.' + kind);
    var m = el('div', { class: 'msg ' + kind }, [who, el('span', { text: text || '' })]);
    if (file && file.name) m.appendChild(el('span', { class: 'file', text: '\uD83D\uDCCE ' + file.name + (file.size ? ' (' + size(file.size) + ')' : '') }));
    if (at) m.appendChild(el('time', { datetime: at, text: formatTime(at, false) }));
    return m;
  }

  function articles(m, list) {
    var ul = el('ul', { class: 'articles' });
    (list || []).forEach(function (a) {
      var href;
      try { href = new URL(a.url, BASE + '/'); } catch (e) { return; }
      if ((href.protocol !== 'https:' && href.protocol !== 'http:') || ul.childNodes.length >= 2) return;
      var link = el('a', { href: href.href, target: '_blank', rel: 'noopener noreferrer' }, [a.title || href.href]);
      if (a.snippet) link.appendChild(snippet(a.snippet));
      var nt = el('span', { class: 'sr' });
      bind(nt, 'newTab');
      link.appendChild(nt);
      ul.appendChild(el('li', null, [link]));
    });
    if (ul.childNodes.length) m.appendChild(ul);
  }

  /**
   * A search snippet may come with highlight markup (<mark>) and entities. It is parsed in an inert
   * document and rebuilt from its text alone, keeping only the highlights; no parsed node is inserted.
   */
  function snippet(html) {
    var out = el('span', { class: 'snippet' });
    var doc;
    try { doc = new DOMParser().parseFromString('<body>' + html, 'text/html'); } catch (e) { out.textContent = html; return out; }
    (function copy(node, into) {
      Array.prototype.forEach.call(node.childNodes, function (c) {
        if (c.nodeType === 3) into.appendChild(document.createTextNode(c.nodeValue));
        else if (c.nodeType === 1 && c.nodeName === 'MARK') copy(c, into.appendChild(el('mark')));
        else if (c.nodeType === 1 && !/^(SCRIPT|STYLE|TEMPLATE)$/.test(c.nodeName)) copy(c, into);
      });
    })(doc.body, out);
    return out;
  }

  function actions(m, list) {
    if (!list || !list.length) return;
    var box = el('div', { class: 'actions' });
    if (list.indexOf('answered') >= 0) {
      var q = el('span', { class: 'opt' });
      bind(q, 'answered.question');
      box.appendChild(el('div', null, [q]));
      box.appendChild(actionButton('answered.yes', function () { answered(true); }));
      box.appendChild(actionButton('answered.no', function () { answered(false); }));
    }
    if (list.indexOf('continue-by-email') >= 0) box.appendChild(actionButton('offhours.email', function () { askContact('email'); }));
    if (list.indexOf('callback') >= 0) box.appendChild(actionButton('offhours.callback', function () { askContact('phone'); }));
    if (!box.childNodes.length) return;
    m.appendChild(box);
    // An offer of a call stands while the visitor waits (later events do not take it away); other questions go stale.
    if (list.length === 1 && list[0] === 'callback') box.classList.add('lasting');
    else activeActions = box;
  }

  function actionButton(key, handler) {
    var b = el('button', { type: 'button', class: 'btn', onclick: handler });
    bind(b, key);
    return b;
  }

  /** A later event makes an earlier offer stale: its question and buttons go. */
  function retireActions() {
    if (!activeActions) return;
    activeActions.remove();
    activeActions = null;
    var form = ui.events.querySelector('.offer');
    if (form) form.remove();
  }

  function removeLasting() {
    Array.prototype.forEach.call(ui.events.querySelectorAll('.actions.lasting'), function (b) { b.remove(); });
  }

  function answered(yes) {
    var box = activeActions;
    if (box) Array.prototype.forEach.call(box.querySelectorAll('button'), function (b) { b.disabled = true; });
    call('POST', sessionPath('/answered'), { answered: yes }).then(function () {
      if (box === activeActions) retireActions();
      ui.input.focus();
    }, function (e) {
      setAlert(problemText(e));
      if (box) Array.prototype.forEach.call(box.querySelectorAll('button'), function (b) { b.disabled = false; });
    });
  }

  /**
   * The visitor leaves an e-mail address (we write back) or a phone number (we call): for a call, at one of the
   * times the call centre offers when there are any, else as soon as it can.
   */
  function askContact(kind) {
    var old = ui.events.querySelector('.offer');
    if (old) old.remove();
    if (kind !== 'email') {
      var wait = el('p', { class: 'system offer' });
      bind(wait, 'callback.loading');
      ui.events.appendChild(wait);
      call('GET', sessionPath('/callback-slots')).then(function (r) { wait.remove(); contactForm(kind, (r && r.slots) || []); },
        function () { wait.remove(); contactForm(kind, []); });
      return;
    }
    contactForm(kind, []);
  }

  function contactForm(kind, slots) {
    var isMail = kind === 'email';
    var form = el('form', { class: 'card offer', novalidate: true });
    var id = nextId(kind);
    var label = el('label', { for: id });
    bind(label, isMail ? 'offhours.emailPrompt' : 'offhours.phonePrompt');
    var input = el('input', { id: id, type: isMail ? 'email' : 'tel', autocomplete: isMail ? 'email' : 'tel', required: true, 'aria-describedby': id + '-err', value: isMail ? contact.email : contact.phone });
    var err = el('p', { class: 'err', id: id + '-err' });
    var submit = el('button', { type: 'submit', class: 'btn primary' });
    bind(submit, 'submit');
    var cancel = el('button', { type: 'button', class: 'btn', onclick: function () { form.remove(); ui.input.focus(); } });
    bind(cancel, 'cancel');
    var picker = null;
    if (slots.length) {
      picker = el('fieldset', { class: 'slots', 'aria-describedby': id + '-err' });
      var legend = el('legend');
      bind(legend, 'callback.when');
      picker.appendChild(legend);
      slots.forEach(function (slot, i) {
        var sid = id + '-s' + i;
        picker.appendChild(el('label', { for: sid }, [el('input', { type: 'radio', name: id + '-slot', id: sid, value: slot.start }),
          document.createTextNode(slot.label)]));
      });
      form.appendChild(picker);
    }
    form.appendChild(label); form.appendChild(input); form.appendChild(err);
    form.appendChild(el('div', { class: 'actions' }, [submit, cancel]));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var v = input.value.trim();
      var problem = validate(kind, v, true);
      err.textContent = problem ? t(problem) : '';
      input.setAttribute('aria-invalid', problem ? 'true' : 'false');
      if (problem) { input.focus(); return; }
      var chosen = picker && picker.querySelector('input[type=radio]:checked');
      if (picker && !chosen) { err.textContent = t('callback.pick'); picker.querySelector('input').focus(); return; }
      submit.disabled = true;
      var body = isMail ? { email: v } : { phone: v, slot: chosen ? chosen.value : null };
      call('POST', sessionPath(isMail ? '/continue-by-email' : '/callback'), body).then(function () {
        if (isMail) contact.email = v; else contact.phone = v;
        retireActions();
        if (chosen) removeLasting();
        form.remove();
        // A booked time is confirmed by the chat itself; otherwise say what happens next.
        if (!chosen) ui.events.appendChild(el('div', { class: 'system', text: t(isMail ? 'offhours.emailDone' : 'offhours.callbackDone', v) }));
        scrollDown(true);
      }, function (ex) { submit.disabled = false; err.textContent = problemText(ex); });
    });
    ui.events.appendChild(form);
    scrollDown(true);
    input.focus();
  }

  function showTyping(name) {
    ui.typing.textContent = name ? t('typing', name) : t('typing.someone');
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, 4000);
  }
  function hideTyping() { clearTimeout(typingTimer); ui.typing.textContent = ''; }

  // ---------- sending ----------
  function sendTyped() {
    var text = ui.input.value.trim();
    if (!text || ended) return;
    setAlert('');
    if (text.length > 4000) { setAlert(t('error.tooLong')); return; }
    ui.input.value = '';
    var item = { clientId: uuid(), text: text, sent: 0 };
    addPending(item);
    save();
    if (!session) {
      // Nothing to ask first: the first message starts the chat and is sent once it has started.
      startSession({}).then(null, function (e) { fail(item, problemText(e)); });
      return;
    }
    flush();
  }

  function addPending(item) {
    var m = bubble('customer', item.text, null, null);
    m.classList.add('pending');
    var note = el('span', { class: 'note' });
    bind(note, 'pending');
    m.appendChild(note);
    item.el = m;
    item.note = note;
    pending.push(item);
    ui.pendingBox.appendChild(m);
    scrollDown(true);
  }

  /** Sends what is pending: over an open socket, or by POST once the socket is given up for events. */
  function flush() {
    if (!session || ended) return;
    var socket = transport.ws && transport.ws.readyState === 1;
    if (!socket && transport.mode !== 'sse') return;
    pending.forEach(function (item) {
      if (item.failed || item.inFlight || item.stored) return;
      if (socket) {
        // Once per socket: a new socket sends again whatever the old one left unconfirmed.
        if (item.sent === transport.generation) return;
        transport.ws.send(JSON.stringify({ type: 'message', text: item.text, clientId: item.clientId }));
        item.sent = transport.generation;
      } else {
        item.inFlight = true;
        call('POST', sessionPath('/messages'), { text: item.text, clientId: item.clientId }).then(function (r) {
          item.inFlight = false;
          item.sent = transport.generation;
          item.stored = true;
          if (r && r.id != null) item.id = Number(r.id);
        }, function (e) {
          item.inFlight = false;
          if (e.network || e.status >= 500) { retryLater(); return; } // stays pending, same clientId
          if (e.status === 401 || e.status === 404) { checkSession(); return; }
          fail(item, problemText(e));
        });
      }
    });
  }

  var retryTimer = 0;
  function retryLater() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = 0; flush(); }, 3000);
  }

  /** The server stored a customer message: the pending bubble becomes the confirmed one. */
  function confirm(ev) {
    var id = Number(ev.id);
    var match = null;
    for (var i = 0; i < pending.length && !match; i++) {
      var p = pending[i];
      if ((ev.clientId && p.clientId === ev.clientId) || (p.id != null && p.id === id)) match = p;
    }
    if (!match && !ev.clientId) {
      for (var j = 0; j < pending.length && !match; j++) if (pending[j].text === ev.text && !pending[j].failed) match = pending[j];
    }
    if (match) {
      pending.splice(pending.indexOf(match), 1);
      match.el.classList.remove('pending');
      if (match.note) match.note.remove();
      if (ev.at) match.el.appendChild(el('time', { datetime: ev.at, text: formatTime(ev.at, false) }));
      ui.events.appendChild(match.el);
    } else {
      ui.events.appendChild(bubble('customer', ev.text, ev.at, null, ev.file));
    }
    scrollDown(false);
  }

  function fail(item, reason) {
    item.failed = true;
    pending.splice(pending.indexOf(item), 1);
    item.el.classList.remove('pending');
    item.el.classList.add('failed');
    item.note.textContent = reason || t('error.generic');
    save();
  }

  function typed() {
    if (!session || ended) return;
    var socket = transport.ws && transport.ws.readyState === 1;
    if (!socket && transport.mode !== 'sse') return;
    var now = Date.now();
    if (now - lastTypingSent < 2000) return;
    lastTypingSent = now;
    if (socket) transport.ws.send('{"type":"typing"}');
    else call('POST', sessionPath('/typing')).catch(function () {});
  }

  // ---------- files ----------
  function uploadChosen() {
    var file = ui.file.files && ui.file.files[0];
    ui.file.value = '';
    if (!file || !session) return;
    setAlert('');
    var max = cfg.maxFileBytes || 0;
    if (max && file.size > max) { setAlert(t('error.fileSize', size(max))); return; }
    var types = cfg.fileTypes || [];
    if (types.length && file.type && types.indexOf(file.type) < 0) { setAlert(t('error.fileType')); return; }
    var data = new FormData();
    data.append('file', file, file.name);
    ui.attach.disabled = true;
    setStatus('uploading');
    call('POST', sessionPath('/files'), data).then(function () {
      ui.attach.disabled = false;
      setStatus(transport.live ? null : 'reconnecting');
    }, function (e) {
      ui.attach.disabled = false;
      setStatus(transport.live ? null : 'reconnecting');
      setAlert(problemText(e));
    });
  }

  // ---------- ending: rating, transcript, new chat ----------
  function endChat() {
    if (!session || ended) return;
    ui.end.disabled = true;
    call('POST', sessionPath('/end')).then(function () { ui.end.disabled = false; }, function (e) { ui.end.disabled = false; setAlert(problemText(e)); });
  }

  /** The chat is over: offer a rating (once) and the transcript, as the ended event says, and a new chat. */
  function showEnded(offers) {
    ended = true;
    disconnect();
    pending.slice().forEach(function (p) { fail(p, t('ended')); });
    setStatus(null);
    ui.after.textContent = '';
    var any = !offers.length;
    if ((any || offers.indexOf('rate') >= 0) && !rated) ui.after.appendChild(ratingForm());
    if (any || offers.indexOf('transcript') >= 0) ui.after.appendChild(transcriptForm());
    var again = el('button', { type: 'button', class: 'btn primary', onclick: function () { forgetSession(); focusFirst(); } });
    bind(again, 'newChat');
    ui.after.appendChild(again);
    render();
  }

  function ratingForm() {
    var form = el('form', { class: 'card', novalidate: true });
    var fs = el('fieldset');
    var legend = el('legend');
    bind(legend, 'rating.title');
    fs.appendChild(legend);
    var stars = el('div', { class: 'stars' });
    var name = nextId('score');
    for (var s = 1; s <= 5; s++) {
      var id = name + '-' + s;
      stars.appendChild(el('input', { type: 'radio', name: name, id: id, value: String(s), onchange: lightStars }));
      var l = el('label', { for: id, text: '\u2605' });
      bind(l, 'rating.star', 'aria-label', s);
      bind(l, 'rating.star', 'title', s);
      stars.appendChild(l);
    }
    fs.appendChild(stars);
    form.appendChild(fs);
    function lightStars() {
      var chosen = Number((form.querySelector('input[type=radio]:checked') || {}).value || 0);
      Array.prototype.forEach.call(stars.querySelectorAll('label'), function (l, i) { l.classList.toggle('on', i < chosen); });
    }
    var cid = nextId('comment');
    var cl = el('label', { for: cid });
    bind(cl, 'rating.comment');
    var comment = el('textarea', { id: cid, rows: '2', maxlength: '2000' });
    var err = el('p', { class: 'err', role: 'alert' });
    var submit = el('button', { type: 'submit', class: 'btn primary' });
    bind(submit, 'rating.submit');
    form.appendChild(cl); form.appendChild(comment); form.appendChild(err); form.appendChild(submit);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var chosen = form.querySelector('input[type=radio]:checked');
      if (!chosen) { err.textContent = t('rating.choose'); stars.querySelector('input').focus(); return; }
      submit.disabled = true;
      call('POST', sessionPath('/rating'), { score: Number(chosen.value), comment: comment.value.trim() || null }).then(thanks, function (ex) {
        if (ex.status === 409) { thanks(); return; }
        submit.disabled = false;
        err.textContent = problemText(ex);
      });
    });
    function thanks() {
      rated = true;
      var done = el('p', { class: 'card', role: 'status', tabindex: '-1', text: t('rating.thanks') });
      form.replaceWith(done);
      done.focus();
    }
    return form;
  }

  function transcriptForm() {
    var form = el('form', { class: 'card', novalidate: true });
    var id = nextId('transcript');
    var label = el('label', { for: id });
    bind(label, 'transcript.title');
    var input = el('input', { id: id, type: 'email', autocomplete: 'email', value: contact.email, 'aria-describedby': id + '-err' });
    var err = el('p', { class: 'err', id: id + '-err' });
    var submit = el('button', { type: 'submit', class: 'btn' });
    bind(submit, 'transcript.submit');
    form.appendChild(label); form.appendChild(input); form.appendChild(err); form.appendChild(submit);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var v = input.value.trim();
      var problem = validate('email', v, true);
      err.textContent = problem ? t(problem) : '';
      input.setAttribute('aria-invalid', problem ? 'true' : 'false');
      if (problem) { input.focus(); return; }
      submit.disabled = true;
      call('POST', sessionPath('/transcript'), { email: v }).then(function () {
        var done = el('p', { class: 'card', role: 'status', tabindex: '-1', text: t('transcript.sent', v) });
        form.replaceWith(done);
        done.focus();
      }, function (ex) { submit.disabled = false; err.textContent = problemText(ex); });
    });
    return form;
  }

  // ---------- start ----------
  function resume() {
    if (!session) return;
    (saved.pending || []).forEach(function (p) { if (p && p.clientId && p.text) addPending({ clientId: p.clientId, text: p.text, sent: 0 }); });
    call('GET', sessionPath('')).then(function (s) {
      rated = !!(s && s.rated);
      connect(true); // after=0: the whole history is drawn again, then live events
    }, function (e) {
      if (e.status === 401 || e.status === 404) forgetSession();
      else connect(true);
    });
  }

  function start() {
    mount();
    loadConfig().then(function () {
      build();
      render();
      resume();
      if (sessionStore.get(OPEN_KEY)) open(true);
    }, function (e) {
      host.remove();
      console.warn('Temas chat: ' + e.message);
    });
  }

  window.addEventListener('online', function () {
    if (!session || ended) return;
    flush();
    if (!transport.live) connect(false);
  });
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
