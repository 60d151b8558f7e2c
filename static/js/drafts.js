// Nothing typed is lost. Every form that posts free text (a textarea or a text input) keeps a
// draft in this browser's localStorage, keyed by the person (base.html's hearth-person meta,
// their id) and the address the form posts to. It holds only the fields the person changed from
// what the server rendered, so restoring it never puts back a stale copy of someone else's work.
// - Restored when the form is shown again to the same person (e.g. after a session timeout and
//   logging in again), with a note "We restored what you typed on …" and a Discard button.
// - Cleared when the server says the post succeeded: SessionLimitsMiddleware sets the
//   hearth_form_saved cookie ("person:address") on a successful post's redirect. A post that
//   meets an ended session, or comes back with errors, keeps the draft.
// - Logging out (any form marked data-logout, including "Switch user") clears the person's
//   drafts on this device; a timeout does not, since that is when they are needed.
// - Opt out with data-draft="off" on the form (log in, passwords, second factor, access
//   codes); forms with a password or one-time-code field and GET forms are never kept. Hidden
//   fields (CSRF, idempotency and revision tokens) are left out unless marked data-draft-keep.
// - A form may carry data-draft-saved-at (seconds since 1970): a draft older than the
//   server's own copy is dropped (the assessment entry page autosaves to the server).
// - Drafts older than MAX_AGE_DAYS are removed, whoever they belong to: shared devices.
// window.HearthDrafts.clear(form) lets a page drop its draft once the server has it; restoring
// dispatches "hearth:draft-restored" on the form.
(function () {
  "use strict";
  var PREFIX = "hearth-draft:";
  var MAX_AGE_DAYS = 7;
  var SAVED_COOKIE = "hearth_form_saved";
  var SKIPPED_TYPES = ["hidden", "password", "file", "submit", "button", "reset", "image"];

  var store;
  try {
    store = window.localStorage;
    store.getItem(PREFIX);
  } catch (e) {
    return; // private browsing or storage disabled: forms work as before
  }
  var meta = document.querySelector('meta[name="hearth-person"]');
  var person = meta ? meta.content : "";

  function draftKeys(prefix) {
    var found = [];
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key && key.indexOf(prefix) === 0) found.push(key);
    }
    return found;
  }

  function read(key) {
    try { return JSON.parse(store.getItem(key) || "null"); } catch (e) { return null; }
  }

  function forget(prefix) {
    draftKeys(prefix).forEach(function (key) { store.removeItem(key); });
  }

  function purgeOld() {
    var oldest = Date.now() - MAX_AGE_DAYS * 24 * 3600 * 1000;
    draftKeys(PREFIX).forEach(function (key) {
      var draft = read(key);
      if (!draft || !draft.at || draft.at < oldest) store.removeItem(key);
    });
  }

  function consumeSavedMarker() {
    var match = document.cookie.match(new RegExp("(?:^|; )" + SAVED_COOKIE + "=([^;]*)"));
    if (!match) return;
    document.cookie = SAVED_COOKIE + "=; Max-Age=0; path=/; SameSite=Lax";
    match[1].replace(/^"|"$/g, "").split(",").forEach(function (entry) {
      var colon = entry.indexOf(":");
      if (colon < 1) return;
      var prefix = PREFIX + entry.slice(0, colon) + ":" + decodeURIComponent(entry.slice(colon + 1));
      store.removeItem(prefix);
      forget(prefix + "#");
    });
  }

  function keyFor(form) {
    var path = new URL(form.action || location.href, location.href).pathname;
    return PREFIX + person + ":" + path + (form.dataset.draftKey ? "#" + form.dataset.draftKey : "");
  }

  function keeps(form) {
    return (form.method || "").toLowerCase() === "post" &&
      form.dataset.draft !== "off" &&
      !form.hasAttribute("data-logout") &&
      !form.querySelector('input[type=password], input[autocomplete="one-time-code"]') &&
      !!form.querySelector('textarea, input[type=text], input:not([type])');
  }

  function kept(el) {
    if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken") return false;
    if (["INPUT", "TEXTAREA", "SELECT"].indexOf(el.tagName) === -1) return false;
    if (el.type === "hidden") return el.hasAttribute("data-draft-keep");
    return SKIPPED_TYPES.indexOf(el.type) === -1;
  }

  function fieldsOf(form) {
    var byName = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el)) return;
      (byName[el.name] = byName[el.name] || []).push(el);
    });
    return byName;
  }

  // A field's value, now or as the server rendered it: a string, or a list of chosen values.
  function valueOf(els, rendered) {
    var first = els[0];
    if (first.type === "checkbox" || first.type === "radio") {
      return els.filter(function (el) { return rendered ? el.defaultChecked : el.checked; })
        .map(function (el) { return el.value; });
    }
    if (first.tagName === "SELECT") {
      var options = Array.prototype.slice.call(first.options);
      var chosen = options.filter(function (o) { return rendered ? o.defaultSelected : o.selected; });
      if (rendered && !chosen.length && !first.multiple && options.length) chosen = [options[0]];
      return chosen.map(function (o) { return o.value; });
    }
    return rendered ? first.defaultValue : first.value;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function setValue(els, value) {
    var first = els[0];
    if (first.type === "checkbox" || first.type === "radio") {
      els.forEach(function (el) { el.checked = value.indexOf(el.value) !== -1; });
    } else if (first.tagName === "SELECT") {
      Array.prototype.forEach.call(first.options, function (o) { o.selected = value.indexOf(o.value) !== -1; });
    } else {
      first.value = value;
    }
    first.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function isToken(els) { return els[0].type === "hidden"; }

  function save(form) {
    var key = keyFor(form);
    var previous = read(key);
    var fields = {};
    var changed = 0;
    var byName = fieldsOf(form);
    Object.keys(byName).forEach(function (name) {
      var els = byName[name];
      var now = valueOf(els, false);
      // A field once in the draft stays in it: after a post comes back with errors, the page
      // renders what was typed, which the draft must still hold if the session then ends.
      var keep = isToken(els) || !same(now, valueOf(els, true)) || (previous && previous.fields && name in previous.fields);
      if (!keep) return;
      fields[name] = now;
      if (!isToken(els)) changed += 1;
    });
    try {
      if (changed) store.setItem(key, JSON.stringify({ at: Date.now(), fields: fields }));
      else store.removeItem(key);
    } catch (e) { /* storage full: the form still posts */ }
  }

  // Rows added with "Add another" (formset.js) exist only in the page: add them back first.
  function ensureRow(form, name) {
    var match = /^(.+)-(\d+)-/.exec(name);
    if (!match) return;
    var fieldset = form.querySelector('[data-formset="' + match[1] + '"]');
    var total = form.elements[match[1] + "-TOTAL_FORMS"];
    var add = fieldset && fieldset.querySelector("[data-add-row]");
    for (var guard = 0; add && total && Number(total.value) <= Number(match[2]) && guard < 50; guard += 1) add.click();
  }

  function when(at) {
    return new Date(at).toLocaleString("en-GB", {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
    });
  }

  function restore(form) {
    var key = keyFor(form);
    var draft = read(key);
    if (!draft || !draft.fields) return;
    var serverAt = Number(form.dataset.draftSavedAt || 0) * 1000;
    if (serverAt && draft.at <= serverAt) {
      store.removeItem(key);
      return;
    }
    var names = Object.keys(draft.fields);
    names.forEach(function (name) { if (!form.elements.namedItem(name)) ensureRow(form, name); });
    var byName = fieldsOf(form);
    var restored = names.filter(function (name) {
      var els = byName[name];
      if (!els || isToken(els) || same(valueOf(els, false), draft.fields[name])) return false;
      setValue(els, draft.fields[name]);
      return true;
    });
    if (!restored.length) return;
    names.forEach(function (name) { // a kept token (e.g. the revision typed against) goes back too
      if (byName[name] && isToken(byName[name])) byName[name][0].value = draft.fields[name];
    });
    showNote(form, draft.at, function discard() {
      restored.forEach(function (name) { setValue(byName[name], valueOf(byName[name], true)); });
      store.removeItem(key);
    });
    form.dispatchEvent(new CustomEvent("hearth:draft-restored", { bubbles: true, detail: { fields: restored } }));
  }

  function showNote(form, at, discard) {
    var note = document.createElement("div");
    note.className = "alert alert-info d-flex flex-wrap align-items-center gap-2 draft-restored";
    note.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = "We restored what you typed on " + when(at) + ".";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-secondary";
    button.textContent = "Discard";
    button.addEventListener("click", function () {
      discard();
      note.remove();
    });
    note.appendChild(text);
    note.appendChild(button);
    form.insertBefore(note, form.firstChild);
  }

  function start() {
    purgeOld();
    consumeSavedMarker();
    if (!person) return;
    document.addEventListener("submit", function (event) {
      if (event.target.hasAttribute("data-logout")) forget(PREFIX + person + ":");
    }, true);
    Array.prototype.forEach.call(document.forms, function (form) {
      if (!keeps(form)) return;
      restore(form);
      var remember = function () { save(form); };
      form.addEventListener("input", remember);
      form.addEventListener("change", remember);
    });
  }

  window.HearthDrafts = {
    clear: function (form) { if (person) store.removeItem(keyFor(form)); }
  };

  // After the page's own scripts, so they can listen for hearth:draft-restored.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
