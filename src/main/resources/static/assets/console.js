// Temas console: CSRF for htmx, live updates over SSE, keyboard navigation, ticking SLA clocks,
// presence (who is viewing or typing). No inline scripts: the content security policy forbids them.
(function () {
  'use strict';

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.content : null;
  }

  // The viewer's time zone, so the server writes dates in it (it checks the name; unknown means the console's zone).
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.split('; ').indexOf('temas-tz=' + zone) < 0) {
      document.cookie = 'temas-tz=' + zone + '; path=/; max-age=31536000; SameSite=Lax';
    }
  } catch (ignored) { /* no Intl: the console's zone */ }

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
  // Real-time channels' clocks (class precise) count seconds and tick every second.
  function preciseSpan(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    if (s < 60) { return fill(texts.seconds, s); }
    if (s < 3600) { return fill(texts.minutesSeconds, Math.floor(s / 60), s % 60); }
    return span(ms);
  }
  function tick(preciseOnly) {
    var holder = document.getElementById('clock-texts');
    if (!holder) { return; }
    texts = holder.dataset;
    document.querySelectorAll(preciseOnly === true ? 'time.sla.precise[data-due]' : 'time.sla[data-due]').forEach(function (t) {
      if (!t.dataset.due) { return; }
      var left = Date.parse(t.dataset.due) - Date.now();
      var precise = t.classList.contains('precise');
      var text = precise ? preciseSpan(left) : span(left);
      t.textContent = left < 0 ? fill(texts.over, text) : fill(texts.left, text);
      t.classList.toggle('breached', left < 0);
      t.classList.toggle('due', left >= 0 && left <= (precise ? 10000 : 3600000));
    });
  }
  setInterval(tick, 30000);
  setInterval(function () { tick(true); }, 1000);
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
  // Every page with the top bar listens: chat arrivals are announced wherever the agent is.
  function connect() {
    if (!document.getElementById('live-status') || !window.EventSource) { return; }
    var conversation = document.body.dataset.conversation || '';
    var source = new EventSource('/console/live');
    var status = document.getElementById('live-status');
    source.onopen = function () { if (status) { status.classList.add('on'); status.title = status.dataset.online; } };
    source.onerror = function () { if (status) { status.classList.remove('on'); status.title = status.dataset.offline; } };
    source.addEventListener('inbox', function () { window.htmx && htmx.trigger(document.body, 'inbox-changed'); });
    source.addEventListener('conversation', function (e) {
      if (e.data === conversation) { customerTyping(false); window.htmx && htmx.trigger(document.body, 'conversation-changed'); }
    });
    source.addEventListener('typing', function (e) {
      if (e.data === conversation) { customerTyping(true); }
    });
    source.addEventListener('chat', function (e) {
      try { chatArrived(JSON.parse(e.data)); } catch (ignored) { /* a malformed alert is skipped */ }
    });
    source.addEventListener('presence', function (e) {
      if (e.data === conversation) { window.htmx && htmx.trigger(document.body, 'presence-changed'); }
    });
    source.addEventListener('campaigns', function () { window.htmx && htmx.trigger(document.body, 'campaigns-changed'); });
    // A customer's scores or alerts changed ("*": perhaps anyone's): the blocks of that customer on this page refetch.
    source.addEventListener('customer', function (e) {
      if (!window.htmx) { return; }
      document.querySelectorAll('[data-live-customer]').forEach(function (block) {
        if (e.data === '*' || block.dataset.liveCustomer === e.data) { htmx.trigger(block, 'customer-changed'); }
      });
    });
    // Other scripts of the page (calls, callbacks, the dialer) listen on the same stream.
    window.temasLive = source;
    document.dispatchEvent(new CustomEvent('temas:live', { detail: source }));
  }
  document.addEventListener('DOMContentLoaded', connect);

  // ---- live chat: the customer typing, the agent typing, arrivals --------------------------
  var typingTimer = null;
  function customerTyping(on) {
    var line = document.getElementById('chat-typing');
    if (!line) { return; }
    clearTimeout(typingTimer);
    line.hidden = !on;
    if (on) { typingTimer = setTimeout(function () { line.hidden = true; }, 4000); }
  }

  var lastChatTyping = 0;
  document.addEventListener('input', function (e) {
    if (e.target.id !== 'reply-text') { return; }
    var panel = document.getElementById('chat-panel'), state = document.getElementById('chat-state');
    if (!panel || !state || state.dataset.state === 'ended') { return; }
    var now = Date.now();
    if (now - lastChatTyping < 2000) { return; }
    lastChatTyping = now;
    var headers = {};
    headers[meta('csrf-header')] = meta('csrf-token');
    fetch(panel.dataset.typingUrl, {method: 'POST', headers: headers}).catch(function () { /* typing is best effort */ });
  });

  // Sound: browsers play audio only after a gesture, so the first click or key arms it; the toggle is remembered.
  var SOUND_KEY = 'temas-chat-sound', SEEN_KEY = 'temas-chat-seen';
  var audio = null;
  function soundOn() {
    try { return localStorage.getItem(SOUND_KEY) !== 'off'; } catch (e) { return true; }
  }
  function arm() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) { try { audio = new Context(); } catch (e) { audio = null; } }
    if (audio && audio.state === 'suspended') { audio.resume(); }
  }
  document.addEventListener('click', arm, true);
  document.addEventListener('keydown', arm, true);
  function beep() {
    if (!audio || !soundOn() || audio.state !== 'running') { return; }
    var now = audio.currentTime;
    [0, 0.18].forEach(function (at, i) {
      var osc = audio.createOscillator(), gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = i ? 1175 : 880;
      gain.gain.setValueAtTime(0.0001, now + at);
      gain.gain.exponentialRampToValueAtTime(0.2, now + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.15);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(now + at);
      osc.stop(now + at + 0.16);
    });
  }
  function showSound(button) {
    var on = soundOn();
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.title = on ? button.dataset.on : button.dataset.off;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('chat-sound');
    if (!button) { return; }
    showSound(button);
    button.addEventListener('click', function () {
      try { localStorage.setItem(SOUND_KEY, soundOn() ? 'off' : 'on'); } catch (e) { /* private mode: not remembered */ }
      showSound(button);
    });
  });

  // The title flashes "(n) …" until the alerts are dismissed or followed.
  var baseTitle = null, unseen = 0, flasher = null;
  function flashTitle() {
    if (baseTitle === null) { baseTitle = document.title; }
    unseen++;
    clearInterval(flasher);
    var on = true;
    document.title = '(' + unseen + ') ' + baseTitle;
    flasher = setInterval(function () { on = !on; document.title = on ? '(' + unseen + ') ' + baseTitle : baseTitle; }, 1000);
  }
  function calmTitle() {
    clearInterval(flasher);
    flasher = null;
    unseen = 0;
    if (baseTitle !== null) { document.title = baseTitle; }
  }
  function seen() {
    try { return JSON.parse(sessionStorage.getItem(SEEN_KEY) || '{}'); } catch (e) { return {}; }
  }
  function chatArrived(chat) {
    var box = document.getElementById('chat-alerts');
    if (!box || !chat || !chat.id) { return; }
    // Once per page session and kind: waiting in my queue, then given to me, each said once.
    var key = chat.id + (chat.mine ? ':mine' : ':queue'), all = seen();
    if (all[key] || document.body.dataset.conversation === chat.id) { return; }
    all[key] = 1;
    try { sessionStorage.setItem(SEEN_KEY, JSON.stringify(all)); } catch (e) { /* not remembered */ }
    var d = box.dataset;
    var item = document.createElement('div');
    item.className = 'chat-toast';
    item.setAttribute('role', 'alert');
    item.dataset.chat = chat.id;
    var text = document.createElement('p');
    text.textContent = fill(chat.mine ? d.mine : d.queued, chat.customer || d.unnamed, chat.reference || '');
    var link = document.createElement('a');
    link.className = 'button primary';
    link.href = '/console/conversations/' + encodeURIComponent(chat.id);
    link.textContent = d.open;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'chat-toast-close';
    close.textContent = '\u00D7';
    close.setAttribute('aria-label', d.dismiss);
    close.addEventListener('click', function () {
      item.remove();
      if (!box.querySelector('.chat-toast')) { calmTitle(); }
    });
    item.appendChild(text);
    item.appendChild(link);
    item.appendChild(close);
    box.appendChild(item);
    flashTitle();
    beep();
  }

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

  // ---- the top bar's menu on narrow screens ------------------------------------------------
  // Without this script the menu simply stays open (CSS hides it only once data-menu says closed).
  function menu(open) {
    var bar = document.querySelector('.topbar'), toggle = bar && bar.querySelector('.menu-toggle');
    if (!toggle) { return; }
    bar.dataset.menu = open ? 'open' : 'closed';
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  document.addEventListener('DOMContentLoaded', function () { menu(false); });
  document.addEventListener('click', function (e) {
    var toggle = e.target.closest('.topbar .menu-toggle');
    if (toggle) { menu(toggle.getAttribute('aria-expanded') !== 'true'); return; }
    var bar = document.querySelector('.topbar[data-menu=open]');
    if (bar && !bar.contains(e.target)) { menu(false); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && document.querySelector('.topbar[data-menu=open]')) {
      menu(false);
      document.querySelector('.topbar .menu-toggle').focus();
    }
  });

  // ---- lists as cards on a phone: each cell carries its column's name ---------------------
  function labelCells(root) {
    root.querySelectorAll('table.list').forEach(function (table) {
      var heads = [];
      table.querySelectorAll('thead th').forEach(function (th) {
        for (var n = 0; n < (th.colSpan || 1); n++) { heads.push(th.textContent.replace(/\s+/g, ' ').trim()); }
      });
      table.querySelectorAll('tbody > tr').forEach(function (tr) {
        var column = 0;
        Array.prototype.forEach.call(tr.children, function (cell) {
          var label = heads[column];
          column += cell.colSpan || 1;
          if (label && !cell.hasAttribute('data-label')) { cell.setAttribute('data-label', label); }
        });
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () { labelCells(document); });

  // The settings menu scrolls sideways on a phone: bring the current page's tab into view.
  document.addEventListener('DOMContentLoaded', function () {
    var current = document.querySelector('.admin-menu a[aria-current=page]');
    var strip = current && current.closest('.views');
    if (strip && strip.scrollWidth > strip.clientWidth) {
      strip.scrollLeft += current.getBoundingClientRect().left - strip.getBoundingClientRect().left - 8;
    }
  });
  document.addEventListener('htmx:afterSettle', function () { labelCells(document); });
})();
