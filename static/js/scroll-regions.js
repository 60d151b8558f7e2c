// Tables wider than the screen scroll inside their .table-responsive wrapper (issue 13, item 8).
// A wrapper that does scroll becomes a labelled, focusable region, so a keyboard can scroll it
// (WCAG 2.1.1; axe's scrollable-region-focusable), and shows a visible cue that it scrolls. The
// label is the table's caption or else the heading before it. Re-checked whenever the wrapper or
// its table changes size (an iPad turned round, a fallback font for a symbol arriving after the
// first layout); a wrapper that fits is left alone, with no extra stop for the Tab key.
(() => {
  const label = (wrapper) => {
    const caption = wrapper.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    const section = wrapper.closest("section, .card, article, main");
    const heading = section && section.querySelector("h1, h2, h3, h4, .card-header");
    return heading ? heading.textContent.trim().replace(/\s+/g, " ") : "Table";
  };
  const update = (wrapper) => {
    const scrolls = wrapper.scrollWidth > wrapper.clientWidth; // as axe counts it: any overflow
    wrapper.classList.toggle("scrolls", scrolls);
    if (scrolls) {
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", `${label(wrapper)} (scrolls sideways)`);
    } else {
      ["tabindex", "role", "aria-label"].forEach((name) => wrapper.removeAttribute(name));
    }
  };
  const wrappers = document.querySelectorAll(".table-responsive");
  wrappers.forEach(update);
  if (window.ResizeObserver) {
    const observer = new ResizeObserver((entries) =>
      entries.forEach((entry) => update(entry.target.closest(".table-responsive"))),
    );
    wrappers.forEach((wrapper) => {
      observer.observe(wrapper);
      if (wrapper.firstElementChild) observer.observe(wrapper.firstElementChild);
    });
  }
})();
