// Fast score entry: number keys score the focused item and move on; the draft autosaves to
// the server. drafts.js keeps a copy in this browser until the server has it, so a session that
// times out loses nothing: the copy is restored after logging in again, then saved here.
(function () {
  "use strict";
  var form = document.getElementById("assessment-entry");
  if (!form) return;
  var status = document.getElementById("entry-saved");
  var count = document.getElementById("entry-count");
  var items = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-item]"));
  var dirty = false;
  var saving = false;
  var AUTOSAVE_MS = 5000;
  try { // copies kept by this page before drafts.js, under keys that did not name the person
    Object.keys(localStorage).forEach(function (key) {
      if (key.indexOf("hearth-assessment-") === 0) localStorage.removeItem(key);
    });
  } catch (e) { /* no storage: nothing to tidy */ }

  function updateCount() {
    var scored = items.filter(function (f) { return f.querySelector("input:checked"); }).length;
    count.textContent = scored + " of " + items.length + " scored";
  }

  function remember() {
    dirty = true;
    updateCount();
  }

  function sessionTouched() {
    document.dispatchEvent(new CustomEvent("hearth:session-touched"));
  }

  function save() {
    if (!dirty || saving) return;
    saving = true;
    dirty = false;
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      var loggedOut = response.redirected && response.url.indexOf("/accounts/login") !== -1;
      if (loggedOut || response.status === 403) {
        dirty = true;
        status.innerHTML = 'Your session has ended. Your answers are kept on this device: <a href="' +
          "/accounts/login/?next=" + encodeURIComponent(location.pathname) + '">log in again</a> to carry on.';
        return null;
      }
      sessionTouched(); // the autosave is the person working: it kept the session alive
      return response.json().then(function (body) {
        if (body.saved) {
          // The next save is made at the revision this one reached (homes/concurrency.py).
          if (form.elements.revision) form.elements.revision.value = body.revision;
          status.textContent = "Draft saved " + new Date(body.saved_at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
          if (!dirty && window.HearthDrafts) window.HearthDrafts.clear(form);
        } else {
          dirty = true;
          status.textContent = "Not saved: " + Object.values(body.errors).flat().join(" ");
        }
      });
    }).catch(function () {
      dirty = true;
      status.textContent = "Offline: your answers are kept on this device and will be saved when the connection returns.";
    }).then(function () { saving = false; });
  }

  // Scroll padding as tall as the sticky bar (plus a margin), so that an item reached with Tab
  // is scrolled clear of it (WCAG 2.4.11). Set through the CSSOM, which the CSP allows.
  var bar = form.querySelector(".entry-status");
  function padForBar() {
    document.documentElement.style.scrollPaddingBottom = (bar.offsetHeight + 16) + "px";
  }
  if (bar) {
    padForBar();
    if (window.ResizeObserver) new ResizeObserver(padForBar).observe(bar);
  }

  // A score's radio is visually hidden (Bootstrap's btn-check) and placed apart from its
  // button, so the browser's own scroll-on-focus can leave the button under the bar: bring the
  // button itself into view, which honours the scroll padding.
  form.addEventListener("focusin", function (event) {
    if (event.target.type !== "radio") return;
    var label = form.querySelector('label[for="' + event.target.id + '"]');
    if (label) label.scrollIntoView({ block: "nearest" });
  });

  form.addEventListener("change", remember);
  form.addEventListener("input", function (event) { if (event.target.name === "notes") remember(); });

  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.type !== "radio" || event.altKey || event.ctrlKey || event.metaKey) return;
    var fieldset = target.closest("fieldset[data-item]");
    var radio = fieldset && fieldset.querySelector('input[type=radio][value="' + event.key + '"]');
    if (!radio) return;
    event.preventDefault();
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true })); // drafts.js keeps it too
    var next = items[items.indexOf(fieldset) + 1];
    var focusTo = next ? (next.querySelector("input:checked") || next.querySelector("input[type=radio]")) : form.querySelector("button[name=check]");
    focusTo.focus();
    if (next) next.scrollIntoView({ block: "center", behavior: "smooth" });
  });

  form.addEventListener("submit", function () { dirty = false; });
  window.setInterval(save, AUTOSAVE_MS);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") save(); });
  form.addEventListener("hearth:draft-restored", function () {
    remember();
    save();
  });
  updateCount();
})();
