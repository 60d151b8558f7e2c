// Live progress of a home's meeting packs: polls the JSON endpoint named by the element's
// data-progress-url until every queued pack is ready or failed, then reloads to show each row.
// While the broker refuses builds (state.waiting), it shows the page's "builder unavailable"
// notice instead of implying progress, and asks less often. Without JavaScript the page shows
// the same state on reload.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box) return;
  var meter = box.querySelector("[role=progressbar]");
  var bar = box.querySelector(".progress-bar");
  var label = box.querySelector("[data-progress-label]");
  var waiting = box.querySelector("[data-progress-waiting]");
  var url = box.getAttribute("data-progress-url");
  var interval = 1500;

  function show(state) {
    var percent = state.total ? Math.round((100 * state.ready) / state.total) : 0;
    bar.style.width = percent + "%";
    meter.setAttribute("aria-valuenow", String(percent)); // on the progressbar, not its inner bar
    label.textContent = state.ready + " of " + state.total + " ready" + (state.failed ? ", " + state.failed + " failed" : "");
    if (waiting) waiting.hidden = !state.waiting;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (state) {
        show(state);
        if (state.done) {
          if (box.getAttribute("data-was-done") !== "true") window.location.reload();
        } else {
          window.setTimeout(poll, state.waiting ? interval * 10 : interval);
        }
      })
      .catch(function () { window.setTimeout(poll, interval * 4); });
  }

  // The bar's first width comes from the page's aria-valuenow: the Content-Security-Policy
  // allows no style attribute in the HTML, but a script may set a style.
  bar.style.width = meter.getAttribute("aria-valuenow") + "%";
  if (box.getAttribute("data-was-done") !== "true") poll();
})();
