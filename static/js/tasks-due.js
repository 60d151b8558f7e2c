// The navigation's count of what is due (issue 14). Working it out runs every app's task
// sources, so a page does not wait for it: when the server has no count from the last two
// minutes, the badge comes empty and hidden with the address to ask, and is filled in here.
// Without JavaScript the link still leads to the list.
(function () {
  "use strict";
  var badge = document.querySelector("[data-tasks-due-from]");
  if (!badge) return;
  fetch(badge.getAttribute("data-tasks-due-from"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (answer) {
      if (!answer.count) return;
      var things = document.createElement("span");
      things.className = "visually-hidden";
      things.textContent = " things";
      badge.textContent = String(answer.count);
      badge.appendChild(things);
      badge.setAttribute("data-tasks-due", "");
      badge.hidden = false;
    })
    .catch(function () {}); // no count is shown, as before the page asked
})();
