// Temas console: the agent's side of calls. A call ringing on her extension pops the caller's 360 on
// whatever page she is on (a fragment the server renders, so she sees only what she may see); the
// panel follows the call (answered, ended) and takes her wrap-up; the phone panel of a conversation
// or a customer follows its calls. Listens on the page's live stream (console.js). No inline scripts.
(function () {
  'use strict';

  var KEY = 'temas-call';
  var LIVE_POLL = 15000;
  var pop = null, returnFocus = null, timer = null;

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.content : null;
  }
  function remember(id) {
    try { if (id) { sessionStorage.setItem(KEY, id); } else { sessionStorage.removeItem(KEY); } } catch (e) { /* not remembered */ }
  }
  function remembered() {
    try { return sessionStorage.getItem(KEY); } catch (e) { return null; }
  }
  function fragment(html, selector) {
    // The server's own fragment, escaped by its templates; a template element parses it without running anything.
    var t = document.createElement('template');
    t.innerHTML = html;
    return t.content.querySelector(selector);
  }
  function typing() {
    var a = document.activeElement;
    return a && a !== document.body && a.closest('input, textarea, select, [contenteditable]') && !(pop && pop.contains(a));
  }

  // ---- the screen pop ----------------------------------------------------------------------
  function panel() {
    if (pop) { return pop; }
    pop = document.createElement('section');
    pop.id = 'call-pop';
    pop.className = 'call-pop';
    pop.setAttribute('role', 'dialog');
    pop.setAttribute('aria-modal', 'false');
    pop.setAttribute('aria-labelledby', 'call-pop-title');
    pop.hidden = true;
    document.body.appendChild(pop);
    pop.addEventListener('click', function (e) { if (e.target.closest('[data-call-close]')) { close(); } });
    pop.addEventListener('keydown', function (e) { if (e.key === 'Escape') { e.preventDefault(); close(); } });
    pop.addEventListener('submit', submit);
    pop.addEventListener('change', outcomeChosen);
    pop.addEventListener('input', dirty);
    return pop;
  }
  function body() {
    return pop && !pop.hidden ? pop.querySelector('.call-pop-body') : null;
  }

  /** Shows a fetched pop; {@code focus}: a new call takes focus unless she is typing; {@code restoring}: only an open matter shows. */
  function show(html, focus, restoring) {
    var next = fragment(html, '.call-pop-body');
    if (!next) { return; }
    if (restoring && next.dataset.done === 'true') { remember(null); return; }
    var before = body();
    if (before && before.dataset.call === next.dataset.call && before.dataset.state === next.dataset.state) {
      // The same state again: the words stay for whoever reads on, but are not announced a second time.
      var say = next.querySelector('.call-pop-say');
      if (say) { say.removeAttribute('role'); }
    }
    var p = panel();
    // A refresh keeps focus where it was inside the panel (on the same element when it is still there).
    var held = p.contains(document.activeElement) ? (document.activeElement.id || 'call-pop-title') : null;
    p.replaceChildren(next);
    p.hidden = false;
    remember(next.dataset.done === 'true' ? null : next.dataset.call);
    follow(next);
    if (held) {
      var again = document.getElementById(held) || p.querySelector('#call-pop-title');
      if (again) { again.focus(); }
    } else if (focus && !typing()) {
      if (!p.contains(document.activeElement)) { returnFocus = document.activeElement; }
      var title = p.querySelector('#call-pop-title');
      if (title) { title.focus(); }
    }
  }

  /** The number and name at once, before the fragment arrives (or if it cannot): nothing but what the event said. */
  function placeholder(call) {
    if (body()) { return; }
    var wrap = document.createElement('div');
    wrap.className = 'call-pop-body';
    wrap.dataset.call = call.callId;
    var head = document.createElement('div');
    head.className = 'call-pop-head';
    var title = document.createElement('h2');
    title.id = 'call-pop-title';
    title.tabIndex = -1;
    title.textContent = '\u260E ' + (call.from || '');
    head.appendChild(title);
    wrap.appendChild(head);
    if (call.customerName) {
      var name = document.createElement('p');
      name.className = 'call-pop-name';
      name.textContent = call.customerName;
      wrap.appendChild(name);
    }
    var p = panel();
    p.replaceChildren(wrap);
    p.hidden = false;
  }

  function load(id, focus, restoring) {
    return fetch('/console/calls/' + encodeURIComponent(id) + '/pop', {headers: {'HX-Request': 'true'}, credentials: 'same-origin'})
      .then(function (r) {
        if (r.status === 404 && remembered() === id) { remember(null); }
        return r.ok ? r.text() : null;
      })
      .then(function (html) { if (html) { show(html, focus, restoring); } })
      .catch(function () { /* the live stream or the next page brings it back */ });
  }

  function close() {
    if (!pop) { return; }
    var b = pop.querySelector('.call-pop-body');
    if (b && b.dataset.done === 'true') { remember(null); }
    pop.hidden = true;
    clearTimeout(timer);
    if (returnFocus && document.contains(returnFocus)) { returnFocus.focus(); }
    returnFocus = null;
  }

  /** While a call goes on, it is looked at now and then too: a missed call tells an agent who may not see its queue nothing live. */
  function follow(b) {
    clearTimeout(timer);
    var state = b.dataset.state;
    if (state === 'ringing' || state === 'dialing' || state === 'answered') {
      timer = setTimeout(function () { if (body() === b && !editing(b)) { load(b.dataset.call, false, false); } }, LIVE_POLL);
    }
  }

  function editing(root) {
    return !!root.querySelector('form[data-dirty]') || (root.contains(document.activeElement) && document.activeElement.closest('form'));
  }
  function dirty(e) {
    var form = e.target.closest('form');
    if (form) { form.dataset.dirty = '1'; }
  }

  /** "Resolve the conversation" follows the outcome until she ticks it herself. */
  function outcomeChosen(e) {
    if (e.target.matches('[data-call-resolve]')) { e.target.dataset.touched = '1'; return; }
    if (!e.target.matches('[data-call-outcome]')) { return; }
    var box = e.target.form.querySelector('[data-call-resolve]');
    if (box && !box.dataset.touched) { box.checked = e.target.value === 'resolved'; }
  }

  function submit(e) {
    var form = e.target.closest('form[data-call-form]');
    if (!form) { return; }
    e.preventDefault();
    var headers = {'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded'};
    headers[meta('csrf-header')] = meta('csrf-token');
    var button = form.querySelector('[type=submit]');
    // A disabled button loses focus to the page; the pop's title keeps it in the pop while the answer comes, so a live
    // refresh that shows the answer first keeps it there too, and Escape still closes the pop.
    var title = pop.querySelector('#call-pop-title');
    if (title) { title.focus(); }
    if (button) { button.disabled = true; }
    fetch(form.action, {method: 'POST', headers: headers, body: new URLSearchParams(new FormData(form)), credentials: 'same-origin'})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        show(html, false, false);
        var target = pop.querySelector('[data-call-form] .alert.error') ? pop.querySelector('[data-call-outcome]') : pop.querySelector('#call-pop-title');
        if (target) { target.focus(); }
      })
      .catch(function () { if (button) { button.disabled = false; } });
  }

  // ---- the phone panel of a conversation or a customer -------------------------------------
  function refreshPhones() {
    var phones = document.getElementById('call-panel');
    if (!phones || !phones.dataset.callPanel || editing(phones)) { return; }
    fetch(phones.dataset.callPanel, {headers: {'HX-Request': 'true'}, credentials: 'same-origin'})
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var now = document.getElementById('call-panel');
        if (!now || editing(now)) { return; }
        var next = fragment(html, '#call-panel');
        if (next) { now.replaceWith(next); } else { now.remove(); }
      })
      .catch(function () { /* the next change tries again */ });
  }
  document.addEventListener('input', function (e) {
    var phones = document.getElementById('call-panel');
    if (phones && phones.contains(e.target)) { dirty(e); }
  });

  // ---- the live stream -----------------------------------------------------------------------
  function onCall(e) {
    var call;
    try { call = JSON.parse(e.data); } catch (x) { return; }
    if (!call || !call.callId) { return; }
    placeholder(call);
    load(call.callId, true, false);
  }
  function onConversation(e) {
    var b = body();
    if (b && b.dataset.conversation === e.data && !editing(b)) { load(b.dataset.call, false, false); }
    if (document.body.dataset.conversation === e.data) { refreshPhones(); }
  }
  function onInbox() {
    var b = body();
    // A call whose conversation was not open yet when it popped: the inbox hears of the new conversation first.
    if (b && !b.dataset.conversation && b.dataset.done !== 'true' && !editing(b)) { load(b.dataset.call, false, false); }
    var phones = document.getElementById('call-panel');
    if (phones && phones.dataset.callLive === 'true' && !document.body.dataset.conversation) { refreshPhones(); }
  }
  function attach(source) {
    if (!source || source.temasCalls) { return; }
    source.temasCalls = true;
    source.addEventListener('call', onCall);
    source.addEventListener('conversation', onConversation);
    source.addEventListener('inbox', onInbox);
  }
  document.addEventListener('temas:live', function (e) { attach(e.detail); });
  document.addEventListener('DOMContentLoaded', function () {
    attach(window.temasLive);
    // A call she has not finished with follows her from page to page (pages with the top bar: signed in).
    var id = remembered();
    if (id && document.getElementById('live-status')) { load(id, false, true); }
  });
})();
