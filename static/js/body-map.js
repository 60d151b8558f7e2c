// Placing a mark on the body-map outline (templates/safeguarding/body_map/_outline.svg).
// A tap or click on either view puts the marker there; with the keyboard, an arrow key on a
// focused view places the marker (first at the chest) and moves it, Shift for bigger steps.
// Either fills the form's hidden side, x and y (what the server stores) and picks the matching
// part of the body in the list, which is also the plain way in: choosing from the list moves the
// marker to that part. Without this script the list alone places the mark at the part's centre.
(function () {
  "use strict";
  var form = document.querySelector("form[data-body-map-form]");
  if (!form) return;
  var side = form.querySelector("input[name='side']");
  var x = form.querySelector("input[name='x']");
  var y = form.querySelector("input[name='y']");
  var region = form.querySelector("select[name='region']");
  var said = document.getElementById(form.getAttribute("data-body-map-form") + "-where");
  var views = form.querySelectorAll("svg.body-map[role='application']");
  if (!side || !x || !y || !region || !views.length) return;

  function areaAt(svg, px, py) {
    var best = null, bestDistance = Infinity;
    svg.querySelectorAll("rect[data-code]").forEach(function (rect) {
      var rx = +rect.getAttribute("x"), ry = +rect.getAttribute("y");
      var rw = +rect.getAttribute("width"), rh = +rect.getAttribute("height");
      var dx = Math.max(rx - px, 0, px - (rx + rw)), dy = Math.max(ry - py, 0, py - (ry + rh));
      var distance = Math.sqrt(dx * dx + dy * dy);
      if (distance < bestDistance) { best = rect; bestDistance = distance; }
    });
    return best;
  }

  function place(svg, px, py) {
    px = Math.max(0, Math.min(100, px));
    py = Math.max(0, Math.min(200, py));
    views.forEach(function (view) {
      view.querySelector(".body-map-cursor").setAttribute("visibility", view === svg ? "visible" : "hidden");
    });
    var cursor = svg.querySelector(".body-map-cursor");
    cursor.setAttribute("cx", px.toFixed(1));
    cursor.setAttribute("cy", py.toFixed(1));
    side.value = svg.getAttribute("data-side");
    x.value = px.toFixed(1);
    y.value = py.toFixed(1);
    var area = areaAt(svg, px, py);
    if (area) {
      region.value = side.value + ":" + area.getAttribute("data-code");
      if (said) said.textContent = "Mark placed: " + area.getAttribute("data-label") + " (" + svg.getAttribute("data-side") + ").";
    }
  }

  views.forEach(function (svg) {
    svg.addEventListener("click", function (event) {
      var matrix = svg.getScreenCTM();
      if (!matrix) return;
      var point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      var local = point.matrixTransform(matrix.inverse());
      place(svg, local.x, local.y);
    });
    svg.addEventListener("keydown", function (event) {
      var steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      var step = steps[event.key];
      if (!step) return;
      event.preventDefault();
      var cursor = svg.querySelector(".body-map-cursor");
      var size = event.shiftKey ? 10 : 2;
      if (side.value !== svg.getAttribute("data-side") || x.value === "") {
        place(svg, 50, 50); // first key press: the marker appears on the chest or upper back
        return;
      }
      place(svg, +cursor.getAttribute("cx") + step[0] * size, +cursor.getAttribute("cy") + step[1] * size);
    });
  });

  region.addEventListener("change", function () {
    var parts = region.value.split(":");
    var svg = form.querySelector("svg.body-map[data-side='" + parts[0] + "']");
    if (!svg) return;
    var rect = svg.querySelector("rect[data-code='" + parts[1] + "']");
    if (!rect) return;
    place(svg, +rect.getAttribute("x") + rect.getAttribute("width") / 2, +rect.getAttribute("y") + rect.getAttribute("height") / 2);
  });

  // A form shown again with errors keeps its point: draw the marker there.
  if (side.value && x.value !== "" && y.value !== "") {
    var shown = form.querySelector("svg.body-map[data-side='" + side.value + "']");
    if (shown) place(shown, +x.value, +y.value);
  }
})();
