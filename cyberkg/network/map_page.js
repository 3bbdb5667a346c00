// The cyberkg map page: cities on offline outlines, with zoom, pan, tooltips and labels that never collide.
// Written for this project; reads #map-data and needs no other file and no network.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var svg = document.getElementById("map");
  var cityLayer = document.getElementById("cities"), labelLayer = document.getElementById("labels");
  var tooltip = document.getElementById("tooltip");
  var first = data.view.slice();
  var view = { x: first[0], y: first[1], w: first[2], h: first[3] };
  var LABEL_PX = 12, RADIUS_PX = 4;

  function element(name, attributes, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    parent.appendChild(node);
    return node;
  }

  // ---- cities: the largest first, so that small markers lie on top ----
  var cities = data.cities.map(function (city, index) {
    var marker = element("circle", { "class": "city", "id": "city-" + index, "tabindex": "0", "fill": city.colour,
                                     "role": "button", "aria-label": city.label }, cityLayer);
    var label = element("text", { "class": "city-label", "id": "city-label-" + index }, labelLayer);
    label.textContent = city.label;
    var entry = { data: city, marker: marker, label: label };
    marker.addEventListener("mouseenter", function (event) { show(entry, event.clientX, event.clientY); });
    marker.addEventListener("mousemove", function (event) { show(entry, event.clientX, event.clientY); });
    marker.addEventListener("mouseleave", hide);
    marker.addEventListener("focus", function () {
      var box = marker.getBoundingClientRect(); show(entry, box.right, box.bottom);
    });
    marker.addEventListener("blur", hide);
    marker.addEventListener("click", function (event) {
      event.stopPropagation(); show(entry, event.clientX, event.clientY);
    });
    return entry;
  });

  // ---- the view: viewBox in map units; markers and labels keep their size on screen ----
  function pixelsPerUnit() {
    var box = svg.getBoundingClientRect();
    return Math.min((box.width || 800) / view.w, (box.height || 500) / view.h);
  }
  function fitAspect() {
    var box = svg.getBoundingClientRect(), width = box.width || 800, height = box.height || 500;
    var cx = view.x + view.w / 2, cy = view.y + view.h / 2;
    if (view.w / view.h < width / height) view.w = view.h * width / height; else view.h = view.w * height / width;
    view.x = cx - view.w / 2; view.y = cy - view.h / 2;
  }
  function render() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    var unit = 1 / pixelsPerUnit();
    cities.forEach(function (city) {
      var radius = (RADIUS_PX + 2.2 * Math.sqrt(city.data.events.length)) * unit;
      city.radius = radius;
      city.marker.setAttribute("cx", city.data.x); city.marker.setAttribute("cy", city.data.y);
      city.marker.setAttribute("r", radius);
      city.label.setAttribute("x", city.data.x + radius + 3 * unit);
      city.label.setAttribute("y", city.data.y + 4 * unit);
      city.label.style.fontSize = (LABEL_PX * unit) + "px";
      city.label.style.strokeWidth = (3 * unit) + "px";
    });
    declutter();
  }
  // a label is shown only where it overlaps no label already shown and no marker (most events first)
  function declutter() {
    var placed = cities.map(function (city) {
      var box = city.marker.getBoundingClientRect();
      return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
    });
    cities.forEach(function (city) {
      city.label.classList.remove("hidden");
      var box = city.label.getBoundingClientRect(), mine = city.marker.getBoundingClientRect();
      var clash = placed.some(function (other) {
        if (other.left === mine.left && other.top === mine.top && other.right === mine.right) return false;
        return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
      });
      if (clash) { city.label.classList.add("hidden"); return; }
      placed.push({ left: box.left, right: box.right, top: box.top, bottom: box.bottom });
    });
    document.body.setAttribute("data-labels-shown", String(cities.filter(function (c) {
      return !c.label.classList.contains("hidden");
    }).length));
  }
  function zoom(factor, clientX, clientY) {
    var box = svg.getBoundingClientRect();
    var px = (clientX === undefined ? box.left + box.width / 2 : clientX) - box.left;
    var py = (clientY === undefined ? box.top + box.height / 2 : clientY) - box.top;
    var mx = view.x + px / box.width * view.w, my = view.y + py / box.height * view.h;
    var w = Math.max(0.5, Math.min(720, view.w / factor)), k = w / view.w;
    view.x = mx - (mx - view.x) * k; view.y = my - (my - view.y) * k; view.w = w; view.h = view.h * k;
    render();
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(Math.exp(-event.deltaY * 0.0015), event.clientX, event.clientY);
  }, { passive: false });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.6); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 1.6); });
  var drag = null;
  svg.addEventListener("pointerdown", function (event) {
    if (event.target.classList && event.target.classList.contains("city")) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
    svg.classList.add("panning"); svg.setPointerCapture(event.pointerId); hide();
  });
  svg.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var box = svg.getBoundingClientRect();
    view.x = drag.vx - (event.clientX - drag.x) * view.w / box.width;
    view.y = drag.vy - (event.clientY - drag.y) * view.h / box.height;
    render();
  });
  function endDrag() { drag = null; svg.classList.remove("panning"); }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  svg.addEventListener("click", hide);

  // ---- tooltips: the city's events, each with its date at the precision given ----
  function show(city, x, y) {
    if (drag) return;
    var box = document.createElement("div"), title = document.createElement("h2"), list = document.createElement("ul");
    title.textContent = city.data.place + ": " + city.data.events.length +
                        (city.data.events.length === 1 ? " event" : " events");
    city.data.events.forEach(function (event) {
      var item = document.createElement("li");
      item.textContent = event.date + " \u2014 " + event.label + (event.status ? " (" + event.status + ")" : "");
      list.appendChild(item);
    });
    box.appendChild(title); box.appendChild(list);
    tooltip.replaceChildren(box);
    tooltip.hidden = false;
    var left = x + 14, top = y + 14;
    if (left + tooltip.offsetWidth > window.innerWidth) left = Math.max(0, x - tooltip.offsetWidth - 14);
    if (top + tooltip.offsetHeight > window.innerHeight) top = Math.max(0, window.innerHeight - tooltip.offsetHeight - 4);
    tooltip.style.left = left + "px"; tooltip.style.top = top + "px";
  }
  function hide() { tooltip.hidden = true; }

  // ---- legend ----
  var legend = document.getElementById("legend"), seen = {};
  legend.appendChild(document.createTextNode("Status of the events:"));
  data.cities.forEach(function (city) {
    if (seen[city.status]) return;
    seen[city.status] = true;
    var swatch = document.createElement("span");
    swatch.className = "swatch"; swatch.style.background = city.colour;
    legend.appendChild(swatch); legend.appendChild(document.createTextNode(city.status));
  });
  legend.appendChild(document.createTextNode(" \u2014 marker area: number of events."));

  fitAspect();
  render();
  window.addEventListener("resize", function () { fitAspect(); render(); });
  document.body.setAttribute("data-rendered-cities", String(cities.length));
})();
