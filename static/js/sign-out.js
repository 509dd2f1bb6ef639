/* Signing out clears what this browser keeps for the site, the register's queue of taps
   included. Say so first if any tap has not reached the server yet. */
"use strict";

(function () {
  var warning = document.getElementById("sign-out-unsent");
  if (!warning) {
    return;
  }
  try {
    for (var index = 0; index < window.localStorage.length; index += 1) {
      var key = window.localStorage.key(index);
      if (key.indexOf("sanctuary.register.") === 0) {
        var taps = JSON.parse(window.localStorage.getItem(key) || "[]");
        if (taps.length) {
          warning.hidden = false;
          return;
        }
      }
    }
  } catch (error) {
    // No storage, or not ours to read: nothing is waiting on this tablet.
  }
})();
