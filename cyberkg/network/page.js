// The cyberkg network page: a force layout drawn in SVG, written for this project.
// Reads the graph from the JSON block #graph-data; needs no other file and no network.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var svg = document.getElementById("network");
  var viewport = document.getElementById("viewport");
  var tooltip = document.getElementById("tooltip");
  var view = { x: 0, y: 0, k: 1 };

  var nodes = data.nodes.map(function (node, index) {
    var radius = 8 * Math.sqrt(index + 0.5), angle = index * 2.399963;
    return { data: node, id: node.id, kind: node.kind, x: radius * Math.cos(angle), y: radius * Math.sin(angle),
             vx: 0, vy: 0, fixed: false, degree: 0, strength: 0, edges: [] };
  });
  var byId = {};
  nodes.forEach(function (node) { byId[node.id] = node; });
  var edges = data.edges.map(function (edge) {
    var link = { data: edge, source: byId[edge.source], target: byId[edge.target], weight: edge.weight || 1 };
    [link.source, link.target].forEach(function (end) {
      end.degree += 1; end.strength += link.weight; end.edges.push(link);
    });
    return link;
  });

  // ---- force layout: repulsion between all nodes, springs along edges, a pull to the centre ----
  function tick(alpha) {
    var i, j, a, b, dx, dy, d2, force;
    for (i = 0; i < nodes.length; i++) {
      a = nodes[i];
      for (j = i + 1; j < nodes.length; j++) {
        b = nodes[j];
        dx = a.x - b.x; dy = a.y - b.y; d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = (i - j) * 0.1; dy = 0.1; d2 = dx * dx + dy * dy; }
        if (d2 > 250000) continue;
        force = 1200 * alpha / d2;
        a.vx += dx * force; a.vy += dy * force; b.vx -= dx * force; b.vy -= dy * force;
      }
    }
    edges.forEach(function (link) {
      dx = link.target.x - link.source.x; dy = link.target.y - link.source.y;
      var distance = Math.sqrt(dx * dx + dy * dy) || 1;
      force = (distance - 55) / distance * 0.08 * alpha;
      link.source.vx += dx * force; link.source.vy += dy * force;
      link.target.vx -= dx * force; link.target.vy -= dy * force;
    });
    nodes.forEach(function (node) {
      node.vx -= node.x * 0.03 * alpha; node.vy -= node.y * 0.03 * alpha;
      if (!node.fixed) { node.x += node.vx; node.y += node.vy; }
      node.vx *= 0.55; node.vy *= 0.55;
    });
  }
  var ticks = nodes.length <= 500 ? 300 : Math.max(30, Math.floor(300 * 250000 / (nodes.length * nodes.length)));
  for (var t = 0; t < ticks; t++) tick(1 - 0.9 * t / ticks);

  // ---- drawing ----
  function element(name, attributes, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    parent.appendChild(node);
    return node;
  }
  var edgeLayer = document.getElementById("edges"), nodeLayer = document.getElementById("nodes"),
      labelLayer = document.getElementById("labels");
  edges.forEach(function (link) {
    link.line = element("line", { "class": "edge", "stroke-width": 1 + Math.log(link.weight) * 1.5 + 0.5 }, edgeLayer);
    link.line.addEventListener("mousemove", function (event) { showTooltip(event, edgeTooltip(link)); });
    link.line.addEventListener("mouseleave", hideTooltip);
  });
  var byDegree = nodes.slice().sort(function (a, b) { return b.strength - a.strength; });
  var labelled = {};
  byDegree.slice(0, nodes.length <= 150 ? nodes.length : 60).forEach(function (node) { labelled[node.id] = true; });
  nodes.forEach(function (node) {
    node.circle = element("circle", { "class": "node", "r": 5 + 2 * Math.sqrt(node.strength),
                                      "fill": data.colours[node.kind] || "#999", "data-kind": node.kind }, nodeLayer);
    if (labelled[node.id]) {
      node.label = element("text", { "class": "label", "text-anchor": "middle" }, labelLayer);
      node.label.textContent = node.data.short_label || node.data.label || node.id;
    }
    node.circle.addEventListener("mousemove", function (event) { showTooltip(event, nodeTooltip(node)); });
    node.circle.addEventListener("mouseleave", hideTooltip);
    node.circle.addEventListener("pointerdown", function (event) { startDrag(event, node); });
  });

  function place() {
    edges.forEach(function (link) {
      link.line.setAttribute("x1", link.source.x); link.line.setAttribute("y1", link.source.y);
      link.line.setAttribute("x2", link.target.x); link.line.setAttribute("y2", link.target.y);
    });
    nodes.forEach(function (node) {
      node.circle.setAttribute("cx", node.x); node.circle.setAttribute("cy", node.y);
      if (node.label) {
        node.label.setAttribute("x", node.x);
        node.label.setAttribute("y", node.y - 8 - 2 * Math.sqrt(node.strength));
      }
    });
  }
  function applyView() {
    viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
    // labels keep a readable size on screen whatever the zoom
    labelLayer.style.fontSize = (11 / view.k) + "px";
    labelLayer.style.strokeWidth = (3 / view.k) + "px";
  }
  // a label is shown only where it overlaps no label already shown, the best-connected nodes first;
  // zooming in makes room, and more labels appear
  var declutterPending = false;
  function declutter() {
    var shown = [];
    // the node chosen by the address (#node=IRI) is labelled first, whatever its degree
    var order = selected ? [selected].concat(byDegree.filter(function (node) { return node !== selected; })) : byDegree;
    order.forEach(function (node) {
      if (!node.label || (hiddenKinds && hiddenKinds[node.kind])) return;
      node.label.classList.remove("crowded");
      var box = node.label.getBoundingClientRect();
      var clash = shown.some(function (other) {
        return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
      });
      if (clash) node.label.classList.add("crowded"); else shown.push(box);
    });
    document.body.setAttribute("data-labels-shown", String(shown.length));
  }
  function declutterSoon() {
    if (declutterPending) return;
    declutterPending = true;
    window.requestAnimationFrame(function () { declutterPending = false; declutter(); });
  }
  function fit() {
    var box = svg.getBoundingClientRect(), minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    nodes.forEach(function (node) {
      minX = Math.min(minX, node.x); maxX = Math.max(maxX, node.x);
      minY = Math.min(minY, node.y); maxY = Math.max(maxY, node.y);
    });
    if (!nodes.length) return;
    var width = Math.max(maxX - minX, 1) + 120, height = Math.max(maxY - minY, 1) + 80;
    view.k = Math.min((box.width || 800) / width, (box.height || 600) / height, 3);
    view.x = (box.width || 800) / 2 - view.k * (minX + maxX) / 2;
    view.y = (box.height || 600) / 2 - view.k * (minY + maxY) / 2;
    applyView();
  }
  place();
  fit();
  declutter();

  // ---- zoom, pan and drag ----
  function toGraph(event) {
    var box = svg.getBoundingClientRect();
    return { x: (event.clientX - box.left - view.x) / view.k, y: (event.clientY - box.top - view.y) / view.k };
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var box = svg.getBoundingClientRect(), mx = event.clientX - box.left, my = event.clientY - box.top;
    var factor = Math.exp(-event.deltaY * 0.0015), k = Math.max(0.05, Math.min(20, view.k * factor));
    view.x = mx - (mx - view.x) * k / view.k; view.y = my - (my - view.y) * k / view.k; view.k = k;
    applyView();
    declutterSoon();
  }, { passive: false });
  var drag = null;
  function startDrag(event, node) {
    event.stopPropagation();
    drag = { node: node };
    node.fixed = true;
    svg.setPointerCapture(event.pointerId);
  }
  svg.addEventListener("pointerdown", function (event) {
    drag = { pan: true, x: event.clientX - view.x, y: event.clientY - view.y };
    svg.classList.add("panning");
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", function (event) {
    if (!drag) return;
    if (drag.pan) {
      view.x = event.clientX - drag.x; view.y = event.clientY - drag.y; applyView();
    } else {
      var point = toGraph(event);
      drag.node.x = point.x; drag.node.y = point.y; place(); declutterSoon();
    }
  });
  function endDrag() { drag = null; svg.classList.remove("panning"); }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  // ---- tooltips ----
  var NODE_FIELDS = ["kind", "type", "date", "date_as_written", "place", "status", "code", "number", "iri"];
  var EDGE_FIELDS = ["role", "weight"];
  function table(record, fields) {
    var body = document.createElement("table");
    fields.forEach(function (field) {
      if (record[field] === undefined || record[field] === "") return;
      var row = body.insertRow(), head = document.createElement("th"), cell = row.insertCell();
      head.textContent = field.replace(/_/g, " "); row.insertBefore(head, cell);
      cell.textContent = String(record[field]);
    });
    return body;
  }
  function sources(record) {
    var box = document.createElement("div");
    if (!record.source_rows) return box;
    var title = document.createElement("strong");
    title.textContent = "Source rows";
    var list = document.createElement("ul");
    String(record.source_rows).split(" | ").forEach(function (row) {
      var item = document.createElement("li"); item.textContent = row; list.appendChild(item);
    });
    box.appendChild(title); box.appendChild(list);
    return box;
  }
  function nodeTooltip(node) {
    var box = document.createElement("div"), title = document.createElement("h2");
    title.textContent = node.data.label || node.id;
    box.appendChild(title);
    box.appendChild(table(Object.assign({ degree: node.degree }, node.data), NODE_FIELDS.concat(["degree"])));
    box.appendChild(sources(node.data));
    return box;
  }
  function edgeTooltip(link) {
    var box = document.createElement("div"), title = document.createElement("h2");
    title.textContent = (link.source.data.short_label || link.source.id) + " \u2014 " +
                        (link.target.data.short_label || link.target.id);
    box.appendChild(title);
    box.appendChild(table(link.data, EDGE_FIELDS));
    box.appendChild(sources(link.data));
    return box;
  }
  function showTooltip(event, content) {
    if (drag) return;
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    var x = event.clientX + 14, y = event.clientY + 14;
    if (x + tooltip.offsetWidth > window.innerWidth) x = event.clientX - tooltip.offsetWidth - 14;
    if (y + tooltip.offsetHeight > window.innerHeight) y = Math.max(0, window.innerHeight - tooltip.offsetHeight - 4);
    tooltip.style.left = x + "px"; tooltip.style.top = y + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }

  // ---- legend and filter by kind ----
  var hiddenKinds = {};
  function applyKindFilter() {
    nodes.forEach(function (node) {
      var hidden = !!hiddenKinds[node.kind];
      node.circle.classList.toggle("hidden", hidden);
      if (node.label) node.label.classList.toggle("hidden", hidden);
    });
    declutter();
    edges.forEach(function (link) {
      link.line.classList.toggle("hidden", !!(hiddenKinds[link.source.kind] || hiddenKinds[link.target.kind]));
    });
  }
  var legend = document.getElementById("legend"), counts = {};
  nodes.forEach(function (node) { counts[node.kind] = (counts[node.kind] || 0) + 1; });
  Object.keys(counts).sort().forEach(function (kind) {
    var label = document.createElement("label"), box = document.createElement("input"),
        swatch = document.createElement("span");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = kind;
    box.addEventListener("change", function () { hiddenKinds[kind] = !box.checked; applyKindFilter(); });
    swatch.className = "swatch"; swatch.style.background = data.colours[kind] || "#999";
    label.appendChild(box); label.appendChild(swatch);
    label.appendChild(document.createTextNode(kind + " (" + counts[kind] + ")"));
    legend.appendChild(label);
  });
  // ---- a node chosen by the address: network.html#node=<IRI> (the entity pages of the site link so) ----
  var selected = null;
  function chosenNode() {
    var match = /^#node=(.+)$/.exec(window.location.hash);
    if (!match) return null;
    try { return byId[decodeURIComponent(match[1])] || null; } catch (error) { return null; }
  }
  function selectFromAddress() {
    selected = chosenNode();
    nodes.forEach(function (node) {
      node.circle.classList.toggle("selected", node === selected);
      if (node.label) node.label.classList.toggle("selected", node === selected);
    });
    edges.forEach(function (link) {
      link.line.classList.toggle("selected", link.source === selected || link.target === selected);
    });
    var status = document.getElementById("selected-node");
    if (!selected) {
      document.body.removeAttribute("data-selected-node");
      status.textContent = "";
      declutter();
      return;
    }
    if (!selected.label) {
      selected.label = element("text", { "class": "label", "text-anchor": "middle" }, labelLayer);
      selected.label.textContent = selected.data.short_label || selected.data.label || selected.id;
      selected.label.classList.add("selected");
      place();
    }
    if (hiddenKinds[selected.kind]) {
      hiddenKinds[selected.kind] = false;
      legend.querySelectorAll("input").forEach(function (box) { if (box.dataset.kind === selected.kind) box.checked = true; });
      applyKindFilter();
    }
    document.body.setAttribute("data-selected-node", selected.id);
    status.textContent = "Selected: " + (selected.data.label || selected.id) + " (" + selected.degree + " links)";
    // bring it to the middle of the view (measured once the status line is shown), zoomed in enough to tell it
    // from its neighbours
    var box = svg.getBoundingClientRect();
    view.k = Math.max(view.k, 1.5);
    view.x = (box.width || 800) / 2 - view.k * selected.x;
    view.y = (box.height || 600) / 2 - view.k * selected.y;
    applyView();
    declutter();
  }
  window.addEventListener("hashchange", selectFromAddress);

  document.getElementById("summary").textContent = data.summary;
  document.body.setAttribute("data-rendered-nodes", String(nodes.length));
  document.body.setAttribute("data-rendered-edges", String(edges.length));
  selectFromAddress();  // last: the header's final height sets where the middle of the view is
})();
