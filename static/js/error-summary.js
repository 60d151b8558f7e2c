// The error summary (templates/includes/_error_summary.html), as GOV.UK's: focus moves to it when
// the page loads, so a screen reader reads the problems first; each link focuses its field and
// scrolls its label (or a group's legend) into view, which a bare #id link does not do.
(() => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary || summary.dataset.errorSummaryReady) return;
  summary.dataset.errorSummaryReady = "true";
  summary.focus();

  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    const legend = field.closest("fieldset")?.querySelector("legend");
    const label = field.id ? document.querySelector(`label[for="${CSS.escape(field.id)}"]`) : null;
    (legend || label || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();
