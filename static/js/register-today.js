/* Today's drop-ins: start the service worker that keeps the registers readable offline. */
(function () {
  "use strict";
  var heading = document.getElementById("register-today");
  if (heading && navigator.serviceWorker) {
    navigator.serviceWorker.register(heading.dataset.workerUrl).catch(function () {});
  }
}());
