// "Leave this site": one activation, or the Shift key pressed 3 times, replaces this page with a neutral site.
// location.replace drops this page from the tab's history, so Back does not return to it.
(function () {
  "use strict";
  var link = document.querySelector("[data-leave-site]");
  var status = document.getElementById("leave-site-status");
  if (!link) return;
  var presses = 0;
  var shiftAlone = false;
  var timer;

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("leaving");
    window.location.replace(link.href);
  }

  function reset() {
    presses = 0;
    if (status) status.textContent = "";
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    shiftAlone = event.key === "Shift";
    if (!shiftAlone) reset();  // Shift held for a capital letter is typing, not a request to leave
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone) return;
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, 5000);
    if (presses >= 3) {
      leave();
    } else if (status) {
      var left = 3 - presses;
      status.textContent = "Shift, press " + left + " more time" + (left === 1 ? "" : "s") + " to leave this site.";
    }
  });
  // A page restored from the back-forward cache shows again.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("leaving");
    reset();
  });
})();
