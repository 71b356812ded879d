// Temas conversation page: the thread, the reply and the customer's 360 as tabs on a phone; canned replies searched
// from the reply box ("/" at the start of a line); keyboard shortcuts ("?" lists them); drafts kept in the tab's
// session storage, so a reload (after saving the manage form, say) does not lose what is being typed. Live refreshes
// swap only the thread, never the reply box. No inline scripts: the content security policy forbids them.
(function () {
  'use strict';

  var root = document.querySelector('[data-convo]');
  if (!root) { return; }
  var conversation = document.body.dataset.conversation || '';
  var phone = window.matchMedia('(max-width: 600px)');
  var box = document.getElementById('reply-text');

  // ---- drafts ----------------------------------------------------------------------------------
  function draftKey(form) { return 'temas-draft:' + conversation + ':' + form.dataset.draft; }
  document.querySelectorAll('form[data-draft]').forEach(function (form) {
    var area = form.querySelector('textarea');
    if (!area) { return; }
    try {
      var kept = sessionStorage.getItem(draftKey(form));
      if (kept && !area.value.trim()) { area.value = kept; }
    } catch (e) { /* private mode: no drafts kept */ }
    area.addEventListener('input', function () {
      try { sessionStorage.setItem(draftKey(form), area.value); } catch (e) { /* not kept */ }
    });
    form.addEventListener('submit', function () {
      try { sessionStorage.removeItem(draftKey(form)); } catch (e) { /* nothing kept */ }
    });
  });

  // ---- tabs at phone width -------------------------------------------------------------------
  var tablist = root.querySelector('[data-tabs]');
  function tabs() { return tablist ? Array.prototype.slice.call(tablist.querySelectorAll('[role=tab]')) : []; }
  function show(id, focus) {
    tabs().forEach(function (tab) {
      var on = tab.id === id;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(tab.getAttribute('aria-controls'));
      if (panel) { panel.classList.toggle('active', on); }
      if (on && focus) { tab.focus(); }
    });
  }
  function reveal(panelId) {
    if (!phone.matches) { return; }
    var tab = tabs().filter(function (t) { return t.getAttribute('aria-controls') === panelId; })[0];
    if (tab) { show(tab.id, false); }
  }
  if (tablist) {
    tablist.hidden = false;
    root.classList.add('tabbed');
    show(box && box.value.trim() ? 'tab-reply' : 'tab-thread', false);
    tablist.addEventListener('click', function (e) {
      var tab = e.target.closest('[role=tab]');
      if (tab) { show(tab.id, true); }
    });
    tablist.addEventListener('keydown', function (e) {
      var all = tabs(), at = all.indexOf(document.activeElement), next = -1;
      if (at < 0) { return; }
      if (e.key === 'ArrowRight') { next = (at + 1) % all.length; }
      else if (e.key === 'ArrowLeft') { next = (at - 1 + all.length) % all.length; }
      else if (e.key === 'Home') { next = 0; }
      else if (e.key === 'End') { next = all.length - 1; }
      if (next >= 0) { show(all[next].id, true); e.preventDefault(); }
    });
  }
  // On a phone the manage form starts folded, so the tabs and the thread come first.
  var manage = document.getElementById('manage');
  if (manage && phone.matches) { manage.open = false; }

  // ---- canned replies from the reply box -------------------------------------------------------
  var list = document.getElementById('canned-list');
  var items = list ? Array.prototype.slice.call(list.querySelectorAll('[role=option]')) : [];
  var none = list ? list.querySelector('[data-canned-none]') : null;
  var active = -1;
  var language = document.documentElement.lang || undefined;

  function fold(text) {
    return (text || '').toLocaleLowerCase(language).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\u0131/g, 'i');
  }
  // The "/query" the caret is in, when it starts a line of the box.
  function token() {
    if (!box || box.selectionStart !== box.selectionEnd) { return null; }
    var before = box.value.slice(0, box.selectionStart);
    var start = before.lastIndexOf('\n') + 1;
    var line = before.slice(start);
    return line.charAt(0) === '/' ? {start: start, query: line.slice(1)} : null;
  }
  function visible() { return items.filter(function (li) { return !li.hidden; }); }
  function setActive(i) {
    var shown = visible();
    items.forEach(function (li) { li.setAttribute('aria-selected', 'false'); });
    if (i < 0 || !shown.length) {
      active = -1;
      box.removeAttribute('aria-activedescendant');
      return;
    }
    active = (i + shown.length) % shown.length;
    shown[active].setAttribute('aria-selected', 'true');
    box.setAttribute('aria-activedescendant', shown[active].id);
    shown[active].scrollIntoView({block: 'nearest'});
  }
  function openList(query) {
    var words = fold(query).trim().split(/\s+/).filter(Boolean);
    items.forEach(function (li) {
      var text = fold(li.dataset.search);
      li.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    var shown = visible();
    if (none) { none.hidden = shown.length > 0; }
    list.hidden = false;
    box.setAttribute('aria-expanded', 'true');
    setActive(shown.length ? 0 : -1);
  }
  function closeList() {
    if (!list || list.hidden) { return; }
    list.hidden = true;
    box.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }
  function update() {
    if (!list) { return; }
    var t = token();
    if (t) { openList(t.query); } else { closeList(); }
  }
  // Replaces the "/query" (or the selection) with the reply, its {{customer}} and the like already filled in by the page.
  function insert(li) {
    var t = token(), text = li.dataset.insert;
    var start = t ? t.start : box.selectionStart, end = box.selectionEnd;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    var caret = start + text.length;
    box.focus();
    box.setSelectionRange(caret, caret);
    closeList();
    box.dispatchEvent(new Event('input', {bubbles: true}));
  }
  function startCanned() {
    if (!box || !list) { return; }
    reveal('panel-reply');
    box.focus();
    var value = box.value;
    var prefix = value && !/\n$/.test(value) ? '\n' : '';
    box.value = value + prefix + '/';
    box.setSelectionRange(box.value.length, box.value.length);
    box.dispatchEvent(new Event('input', {bubbles: true}));
  }

  if (box) {
    box.setAttribute('aria-expanded', 'false');
    if (list) { box.setAttribute('aria-controls', 'canned-list'); }
    box.addEventListener('input', update);
    box.addEventListener('click', update);
    box.addEventListener('focusout', closeList);
    box.addEventListener('keydown', function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        var form = box.form, send = document.getElementById('send');
        if (form) { e.preventDefault(); form.requestSubmit(send || undefined); }
        return;
      }
      if (!list || list.hidden) { return; }
      if (e.key === 'ArrowDown') { setActive(active + 1); e.preventDefault(); }
      else if (e.key === 'ArrowUp') { setActive(active - 1); e.preventDefault(); }
      else if (e.key === 'Enter' && !e.shiftKey && active >= 0) { insert(visible()[active]); e.preventDefault(); }
      else if (e.key === 'Escape') { closeList(); e.preventDefault(); e.stopPropagation(); }
      else if (e.key === 'Tab') { closeList(); }
    });
    box.addEventListener('keyup', function (e) {
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') { update(); }
    });
  }
  if (list) {
    // Keeps the focus (and the caret) in the box while a reply is picked with the mouse.
    list.addEventListener('mousedown', function (e) { e.preventDefault(); });
  }
  // Captured before console.js's generic [data-insert] handler, which would append the text instead of replacing "/query".
  document.addEventListener('click', function (e) {
    var li = e.target.closest && e.target.closest('#canned-list [role=option]');
    if (!li) { return; }
    e.preventDefault();
    e.stopPropagation();
    insert(li);
  }, true);
  var cannedButton = document.getElementById('canned-open');
  if (cannedButton) { cannedButton.addEventListener('click', startCanned); }

  // ---- keyboard shortcuts ----------------------------------------------------------------------
  var dialog = document.getElementById('shortcuts');
  function openShortcuts() {
    if (dialog && !dialog.open) { dialog.showModal(); }
  }
  document.querySelectorAll('[data-shortcuts-open]').forEach(function (b) { b.addEventListener('click', openShortcuts); });
  document.querySelectorAll('[data-shortcuts-close]').forEach(function (b) {
    b.addEventListener('click', function () { dialog.close(); });
  });
  function focusIn(panelId, id) {
    var field = document.getElementById(id);
    if (!field) { return; }
    reveal(panelId);
    field.focus();
  }
  function click(id) {
    var button = document.getElementById(id);
    if (button) { button.click(); }
  }
  var actions = {
    '?': openShortcuts,
    'r': function () { focusIn('panel-reply', 'reply-text'); },
    'n': function () { focusIn('panel-reply', 'note-text'); },
    '/': startCanned,
    'a': function () { click('take-it'); },
    'e': function () { click('quick-resolve'); },
    'm': function () {
      if (manage) { manage.open = true; }
      var agent = document.getElementById('manage-agent');
      if (agent) { agent.focus(); }
    }
  };
  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || (dialog && dialog.open)) { return; }
    // A closed dialog may keep the focus on its Close button for a moment: only an open one swallows the keys.
    if (e.target.closest && e.target.closest('input, textarea, select, [contenteditable]')) { return; }
    var action = actions[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  });
})();
