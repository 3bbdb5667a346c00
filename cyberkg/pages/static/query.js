// On the static site a query page cannot run the query: say so when the address carries parameters.
(function () {
  "use strict";
  var note = document.getElementById("static-note");
  if (note && document.body.getAttribute("data-static-site") === "true" && window.location.search.length > 1) {
    note.hidden = false;
  }
})();
