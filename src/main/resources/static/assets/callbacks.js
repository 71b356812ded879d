// Callback cards: a callback offered to the signed-in agent is shown on whatever console page she has
// open, with the customer, the note, "call now" and the outcome buttons. The server renders the card;
// this script loads it when the live stream says a callback changed, and posts the card's buttons.
(function () {
  'use strict';

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.content : '';
  }

  function box() {
    var b = document.getElementById('callback-cards');
    if (!b) {
      var style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = '/assets/callbacks.css';
      document.head.appendChild(style);
      b = document.createElement('div');
      b.id = 'callback-cards';
      b.className = 'callback-cards';
      b.setAttribute('aria-live', 'polite');
      document.body.appendChild(b);
    }
    return b;
  }

  function remove(id) {
    var card = document.getElementById('callback-' + id);
    if (card) { card.remove(); }
  }

  // Puts the server's card in place of the one shown, or drops it when the answer has none.
  function render(id, html) {
    var holder = document.createElement('div');
    holder.innerHTML = html;
    var card = holder.querySelector('.callback-card');
    if (!card) { if (id) { remove(id); } return; }
    var old = document.getElementById(card.id);
    if (old) { old.replaceWith(card); } else { box().appendChild(card); }
  }

  function load(url, id) {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : ''; })
      .then(function (html) { render(id, html); })
      .catch(function () { /* the next event or page load shows it */ });
  }

  document.addEventListener('submit', function (e) {
    var form = e.target.closest('.callback-card form');
    if (!form) { return; }
    e.preventDefault();
    var card = form.closest('.callback-card');
    var id = card.dataset.callback;
    var data = new URLSearchParams(new FormData(form, e.submitter));
    var headers = { 'Accept': 'text/html' };
    headers[meta('csrf-header')] = meta('csrf-token');
    form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    fetch(form.action, { method: 'POST', credentials: 'same-origin', headers: headers, body: data })
      .then(function (r) { return r.text().then(function (html) { return { ok: r.ok, html: html }; }); })
      .then(function (answer) {
        if (answer.ok) { render(id, answer.html); } else { load('/console/callbacks/' + id + '/card', id); }
      })
      .catch(function () { form.querySelectorAll('button').forEach(function (b) { b.disabled = false; }); });
  });

  function listen(source) {
    if (!source || source.temasCallbacks) { return; }
    source.temasCallbacks = true;
    source.addEventListener('callback', function (e) {
      try {
        var event = JSON.parse(e.data);
        load('/console/callbacks/' + encodeURIComponent(event.callbackId) + '/card', event.callbackId);
      } catch (ignored) { /* a malformed event is skipped */ }
    });
  }

  document.addEventListener('temas:live', function (e) { listen(e.detail); });
  document.addEventListener('DOMContentLoaded', function () {
    if (!document.getElementById('live-status')) { return; }
    listen(window.temasLive);
    load('/console/callbacks/offer', null);
  });
})();
