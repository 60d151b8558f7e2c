// The warning before a session ends (includes/_session_timeout.html): a modal alert dialog
// SESSION_WARNING_SECONDS before the idle limit, with "Stay logged in" (a POST that counts as
// activity). Before warning, and when the time is up, it asks the server (a request that does
// not count as activity) how long is left: another tab may have kept the session alive. When
// the session has ended, the page goes to the login page, which returns here afterwards: a
// child's record does not stay on a shared iPad's screen, and drafts.js keeps what was typed.
// Pages that save in the background (the assessment autosave) dispatch
// "hearth:session-touched" on document, which restarts the idle clock.
(function () {
  "use strict";
  var dialog = document.getElementById("session-timeout");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var data = dialog.dataset;
  var idleMs = Number(data.idleSeconds) * 1000;
  var warnMs = Number(data.warningSeconds) * 1000;
  var form = dialog.querySelector("form");
  var stay = form.querySelector("button");
  var idleText = document.getElementById("session-timeout-idle");
  var absoluteText = document.getElementById("session-timeout-absolute");
  var idleEnds = 0;
  var absoluteEnds = 0;
  var timer = null;
  var RETRY_MS = 5000;

  function plan(idleSecondsLeft, absoluteSecondsLeft) {
    var now = Date.now();
    idleEnds = now + idleSecondsLeft * 1000;
    absoluteEnds = now + absoluteSecondsLeft * 1000;
    schedule();
  }

  function schedule() {
    window.clearTimeout(timer);
    var left = Math.min(idleEnds, absoluteEnds) - Date.now();
    if (left > warnMs) {
      if (dialog.open) dialog.close();
      timer = window.setTimeout(check, left - warnMs);
    } else {
      warn();
      timer = window.setTimeout(check, Math.max(left, 0));
    }
  }

  function warn() {
    var absolute = absoluteEnds <= idleEnds; // staying cannot help past the absolute limit
    idleText.hidden = absolute;
    absoluteText.hidden = !absolute;
    stay.hidden = absolute;
    dialog.setAttribute("aria-describedby", absolute ? absoluteText.id : idleText.id);
    if (!dialog.open) dialog.showModal();
  }

  function ended() {
    window.location.assign(data.loginUrl + "?next=" + encodeURIComponent(location.pathname + location.search));
  }

  function answer(response) {
    // An ended session is answered by a redirect to the login page (or a refusal). It is not
    // followed: the login page would show, and so use up, the message saying why.
    if (response.type === "opaqueredirect" || !response.ok) return Promise.reject("ended");
    return response.json().then(function (left) { plan(left.idle_seconds_left, left.absolute_seconds_left); });
  }

  function offline(reason) {
    if (reason === "ended" || Math.min(idleEnds, absoluteEnds) <= Date.now()) ended();
    else timer = window.setTimeout(check, RETRY_MS);
  }

  function check() {
    fetch(data.statusUrl, { credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" } })
      .then(answer)
      .catch(offline);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json", "X-Requested-With": "fetch" }
    }).then(answer).catch(offline);
  });

  document.addEventListener("hearth:session-touched", function () {
    idleEnds = Date.now() + idleMs;
    schedule();
  });

  plan(Number(data.idleSecondsLeft), Number(data.absoluteSecondsLeft));
})();
