// The trauma-informed language check (issue 11, item 5): as staff type in a free-text field of a
// form marked data-language-check (a daily log, key working, an incident, a handover), a quiet
// note under the field suggests a kinder, more accurate phrase. Nothing is ever changed for them,
// nothing is sent anywhere: the phrases come from the provider's list (the JSON endpoint named by
// base.html's hearth-language-phrases meta) and the matching happens here, with the same rules as
// shifts/language.py (whole words, any case, plurals of the last word, never inside the child's
// own words in double quotes). A field marked data-language-check="off" (the child's words) is
// left alone.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-language-check]");
  if (!forms.length) { return; }
  var QUOTED = /“[^”]*”|"[^"]*"/g;

  function blankQuotes(text) {
    return text.replace(QUOTED, function (quoted) { return new Array(quoted.length + 1).join(" "); });
  }

  function compile(phrases) {
    return phrases.map(function (p) {
      try { return { phrase: p, pattern: new RegExp(p.pattern, "gi") }; } catch (e) { return null; }
    }).filter(Boolean);
  }

  function find(compiled, text) {
    var blanked = blankQuotes(text), found = [], taken = [];
    compiled.forEach(function (entry) {
      entry.pattern.lastIndex = 0;
      var match;
      while ((match = entry.pattern.exec(blanked)) !== null) {
        var start = match.index, end = start + match[0].length;
        if (match[0].length === 0) { entry.pattern.lastIndex += 1; continue; }
        var overlaps = taken.some(function (span) { return start < span[1] && span[0] < end; });
        if (!overlaps) {
          taken.push([start, end]);
          found.push({ start: start, text: text.slice(start, end), phrase: entry.phrase });
        }
      }
    });
    return found.sort(function (a, b) { return a.start - b.start; });
  }

  function noteFor(field) {
    var id = field.id + "-language-note";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("div");
      note.id = id;
      note.className = "language-note form-text";
      note.setAttribute("aria-live", "polite");
      note.hidden = true;
      field.insertAdjacentElement("afterend", note);
    }
    return note;
  }

  function show(field, found) {
    var note = noteFor(field);
    note.textContent = "";
    if (!found.length) { note.hidden = true; return; }
    var seen = {};
    var intro = document.createElement("span");
    intro.textContent = "Kinder words you could use: ";
    note.appendChild(intro);
    found.forEach(function (item) {
      var key = item.phrase.phrase;
      if (seen[key]) { return; }
      seen[key] = true;
      var line = document.createElement("span");
      line.className = "d-block";
      line.textContent = "“" + item.text + "” → “" + item.phrase.suggestion + "”" + (item.phrase.why ? " (" + item.phrase.why + ")" : "");
      note.appendChild(line);
    });
    note.hidden = false;
  }

  function watch(form, compiled) {
    var fields = form.querySelectorAll("textarea, input[type=text]");
    Array.prototype.forEach.call(fields, function (field) {
      if (field.getAttribute("data-language-check") === "off" || !field.id) { return; }
      var timer = null;
      var check = function () { show(field, find(compiled, field.value)); };
      field.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 300); });
      if (field.value) { check(); }  // a draft restored, or a form sent back with errors
    });
    form.addEventListener("hearth:draft-restored", function () {
      Array.prototype.forEach.call(fields, function (field) { field.dispatchEvent(new Event("input")); });
    });
  }

  var meta = document.querySelector('meta[name="hearth-language-phrases"]');
  var url = meta && meta.getAttribute("content");
  if (!url) { return; }
  fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : { phrases: [] }; })
    .then(function (data) {
      var compiled = compile(data.phrases || []);
      Array.prototype.forEach.call(forms, function (form) { watch(form, compiled); });
    })
    .catch(function () { /* the check is a help, never a hindrance: no phrases, no notes */ });
})();
