// Temas console: CSRF for htmx, live updates over SSE, keyboard navigation, ticking SLA clocks,
// presence (who is viewing or typing). No inline scripts: the content security policy forbids them.
(function () {
  'use strict';

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.content : null;
  }

  document.addEventListener('htmx:configRequest', function (e) {
    var header = meta('csrf-header'), token = meta('csrf-token');
    if (header && token) { e.detail.headers[header] = token; }
  });

  // Selects that submit their form when changed (language switch, filters).
  document.addEventListener('change', function (e) {
    if (e.target.matches('[data-autosubmit]')) { e.target.form.submit(); }
  });

  // Forms that ask before they destroy something (admin deletes).
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.matches('form[data-confirm]') && !window.confirm(form.dataset.confirmText || '?')) { e.preventDefault(); }
  });

  // ---- SLA clocks -------------------------------------------------------------------------
  var texts = null;
  function fill(pattern, a, b) { return pattern.replace('{0}', a).replace('{1}', b); }
  function span(ms) {
    var m = Math.floor(Math.abs(ms) / 60000);
    if (m < 60) { return fill(texts.minutes, m); }
    if (m < 1440) { return fill(texts.hours, Math.floor(m / 60), m % 60); }
    return fill(texts.days, Math.floor(m / 1440), Math.floor(m / 60) % 24);
  }
  function tick() {
    var holder = document.getElementById('clock-texts');
    if (!holder) { return; }
    texts = holder.dataset;
    document.querySelectorAll('time.sla[data-due]').forEach(function (t) {
      if (!t.dataset.due) { return; }
      var left = Date.parse(t.dataset.due) - Date.now();
      t.textContent = left < 0 ? fill(texts.over, span(left)) : fill(texts.left, span(left));
      t.classList.toggle('breached', left < 0);
      t.classList.toggle('due', left >= 0 && left <= 3600000);
    });
  }
  setInterval(tick, 30000);
  document.addEventListener('DOMContentLoaded', tick);
  document.addEventListener('htmx:afterSettle', tick);

  // ---- keyboard navigation of lists ------------------------------------------------------
  var selected = -1;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('[data-keyboard-list] tbody tr')); }
  function select(i) {
    var all = rows();
    if (!all.length) { return; }
    selected = Math.max(0, Math.min(all.length - 1, i));
    all.forEach(function (r, n) { r.classList.toggle('selected', n === selected); r.setAttribute('aria-selected', n === selected); });
    var link = all[selected].querySelector('a');
    if (link) { link.focus({preventScroll: false}); }
  }
  document.addEventListener('keydown', function (e) {
    if (e.target.closest('input, textarea, select, [contenteditable]') || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === 'j' || e.key === 'ArrowDown' && e.target.closest('[data-keyboard-list]')) { select(selected + 1); e.preventDefault(); }
    else if (e.key === 'k' || e.key === 'ArrowUp' && e.target.closest('[data-keyboard-list]')) { select(selected - 1); e.preventDefault(); }
    else if (e.key === 'Enter' && selected >= 0 && rows()[selected] && !e.target.closest('a, button')) {
      window.location = rows()[selected].dataset.href;
    }
  });
  document.addEventListener('click', function (e) {
    var row = e.target.closest('[data-keyboard-list] tbody tr[data-href]');
    if (row && !e.target.closest('a, button, input, label, select')) { window.location = row.dataset.href; }
  });

  // ---- live updates ----------------------------------------------------------------------
  function connect() {
    var page = document.body.dataset.live;
    if (!page || !window.EventSource) { return; }
    var conversation = document.body.dataset.conversation || '';
    var source = new EventSource('/console/live');
    var status = document.getElementById('live-status');
    source.onopen = function () { if (status) { status.classList.add('on'); status.title = status.dataset.online; } };
    source.onerror = function () { if (status) { status.classList.remove('on'); status.title = status.dataset.offline; } };
    source.addEventListener('inbox', function () { window.htmx && htmx.trigger(document.body, 'inbox-changed'); });
    source.addEventListener('conversation', function (e) {
      if (e.data === conversation) { window.htmx && htmx.trigger(document.body, 'conversation-changed'); }
    });
    source.addEventListener('presence', function (e) {
      if (e.data === conversation) { window.htmx && htmx.trigger(document.body, 'presence-changed'); }
    });
    source.addEventListener('campaigns', function () { window.htmx && htmx.trigger(document.body, 'campaigns-changed'); });
  }
  document.addEventListener('DOMContentLoaded', connect);

  // ---- presence: viewing (heartbeat) and typing ------------------------------------------
  function presence(state) {
    var id = document.body.dataset.conversation;
    if (!id) { return; }
    var body = new URLSearchParams({state: state});
    var headers = {'Content-Type': 'application/x-www-form-urlencoded'};
    headers[meta('csrf-header')] = meta('csrf-token');
    fetch('/console/conversations/' + id + '/presence', {method: 'POST', body: body, headers: headers, keepalive: true});
  }
  var lastTyping = 0;
  document.addEventListener('DOMContentLoaded', function () {
    if (!document.body.dataset.conversation) { return; }
    presence('viewing');
    setInterval(function () { if (!document.hidden) { presence('viewing'); } }, 15000);
    window.addEventListener('pagehide', function () { presence('left'); });
  });
  document.addEventListener('input', function (e) {
    if (!e.target.matches('[data-typing]')) { return; }
    var now = Date.now();
    if (now - lastTyping > 4000) { lastTyping = now; presence('typing'); }
  });

  // ---- inserting canned replies and articles into the reply box ---------------------------
  document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-insert]');
    if (!button) { return; }
    var box = document.getElementById(button.dataset.target || 'reply-text');
    if (!box) { return; }
    var text = button.dataset.insert;
    box.value = box.value ? box.value.replace(/\s*$/, '') + '\n\n' + text : text;
    box.focus();
    box.dispatchEvent(new Event('input', {bubbles: true}));
    e.preventDefault();
  });
})();
