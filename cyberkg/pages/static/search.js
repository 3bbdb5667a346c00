// The offline search of the index page: the labels are in the page (#search-index), nothing is fetched.
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  var data = JSON.parse(document.getElementById("search-index").textContent);
  var LIMIT = 50;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var entries = data.entities.map(function (entry) {
    return { label: entry[0], kind: entry[1], href: entry[2], words: fold(entry[0] + " " + (entry[3] || "")) };
  });
  function show() {
    var wanted = fold(box.value.trim());
    list.textContent = "";
    if (!wanted) { count.textContent = ""; return; }
    var found = entries.filter(function (entry) { return entry.words.indexOf(wanted) !== -1; });
    count.textContent = found.length + (found.length === 1 ? " entity" : " entities") +
      (found.length > LIMIT ? ", the first " + LIMIT + " shown" : "");
    found.slice(0, LIMIT).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.href;
      link.textContent = entry.label;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + entry.kind + ")"));
      list.appendChild(item);
    });
  }
  box.addEventListener("input", show);
  if (window.location.hash.indexOf("#q=") === 0) {
    box.value = decodeURIComponent(window.location.hash.slice(3));
  }
  show();
})();
