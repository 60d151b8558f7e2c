// Fast score entry: number keys score the focused item and move on; the draft autosaves to
// the server, and a copy stays in this browser until the server has it, so a session that
// times out loses nothing (the copy is restored after logging in again).
(function () {
  "use strict";
  var form = document.getElementById("assessment-entry");
  if (!form) return;
  var key = form.dataset.storageKey;
  var serverSavedAt = Number(form.dataset.savedAt || 0) * 1000;
  var status = document.getElementById("entry-saved");
  var count = document.getElementById("entry-count");
  var items = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-item]"));
  var dirty = false;
  var saving = false;
  var AUTOSAVE_MS = 5000;

  function snapshot() {
    var values = {};
    items.forEach(function (fieldset) {
      var checked = fieldset.querySelector("input[type=radio]:checked");
      if (checked) values[checked.name] = checked.value;
    });
    values.notes = form.elements.notes ? form.elements.notes.value : "";
    values.assessed_on = form.elements.assessed_on ? form.elements.assessed_on.value : "";
    return values;
  }

  function updateCount() {
    var scored = items.filter(function (f) { return f.querySelector("input:checked"); }).length;
    count.textContent = scored + " of " + items.length + " scored";
  }

  function remember() {
    dirty = true;
    updateCount();
    try {
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: snapshot() }));
    } catch (e) { /* private browsing: the server autosave still runs */ }
  }

  function restore() {
    var kept;
    try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
    if (!kept || kept.at <= serverSavedAt) {
      localStorage.removeItem(key);
      return;
    }
    var restored = 0;
    Object.keys(kept.values).forEach(function (name) {
      var value = kept.values[name];
      if (name === "notes" || name === "assessed_on") {
        if (form.elements[name] && value && form.elements[name].value !== value) {
          form.elements[name].value = value;
          restored += 1;
        }
        return;
      }
      var radio = form.querySelector('input[name="' + name + '"][value="' + value + '"]');
      if (radio && !radio.checked) { radio.checked = true; restored += 1; }
    });
    if (!restored) {
      localStorage.removeItem(key);
      return;
    }
    updateCount();
    var notice = document.getElementById("entry-restored");
    notice.textContent = "Restored " + restored + " answer(s) typed on this device that had not reached the server yet. Saving them now.";
    notice.hidden = false;
    dirty = true;
    save();
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
      return response.json().then(function (body) {
        if (body.saved) {
          // The next save is made at the revision this one reached (homes/concurrency.py).
          if (form.elements.revision) form.elements.revision.value = body.revision;
          status.textContent = "Draft saved " + new Date(body.saved_at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
          if (!dirty) localStorage.removeItem(key);
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
    remember();
    var next = items[items.indexOf(fieldset) + 1];
    var focusTo = next ? (next.querySelector("input:checked") || next.querySelector("input[type=radio]")) : form.querySelector("button[name=finalise]");
    focusTo.focus();
    if (next) next.scrollIntoView({ block: "center", behavior: "smooth" });
  });

  form.addEventListener("submit", function () { dirty = false; });
  window.setInterval(save, AUTOSAVE_MS);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") save(); });
  updateCount();
  restore();
})();
