// Temas dialer: a contact taken off the call list (answered the campaign elsewhere, opted out,
// may not be called) vanishes from the preview at once, with a short notice why, and the next
// contact loads. Listens on the console's live stream (console.js: window.temasLive / temas:live).
(function () {
  'use strict';

  function page() { return document.querySelector('main.dialer'); }

  function notice(text) {
    var holder = document.getElementById('dialer-notice');
    if (!holder) { return; }
    var line = document.createElement('div');
    line.className = 'alert info dialer-removed';
    line.textContent = text;
    holder.replaceChildren(line);
  }

  function reload() {
    var main = page();
    if (!main || !window.htmx) { return; }
    htmx.ajax('GET', main.dataset.contactUrl, { target: '#dialer-contact', swap: 'outerHTML' });
  }

  // data-removed-<kind> on the page holds each notice in the agent's language; {0} is the customer.
  function reasonText(main, kind) {
    var key = 'removed' + String(kind || 'other').replace(/(^|-)([a-z])/gi, function (m, dash, c) { return c.toUpperCase(); });
    return main.dataset[key] || main.dataset.removedOther || '';
  }

  function removed(e) {
    var main = page(), contact = document.getElementById('dialer-contact'), data;
    if (!main || !contact) { return; }
    try { data = JSON.parse(e.data); } catch (ignored) { return; }
    // Only the contact this page shows; events of other lists or entries are not ours.
    if (!data || !data.entryId || data.entryId !== contact.dataset.entry) { return; }
    var name = contact.dataset.name || '';
    contact.replaceChildren();
    contact.dataset.entry = '';
    notice(reasonText(main, data.reason).replace('{0}', name));
    reload();
  }

  function listen(source) {
    if (!source || source.temasDialer) { return; }
    source.temasDialer = true;
    source.addEventListener('dialer-removed', removed);
    // A stream that reconnects (another node, a network blip) may have missed a removal: ask again.
    var opened = source.readyState === 1;
    source.addEventListener('open', function () {
      if (opened && page()) { reload(); }
      opened = true;
    });
  }

  if (window.temasLive) { listen(window.temasLive); }
  document.addEventListener('temas:live', function (e) { listen(e.detail); });
}());
