/* Keeps the register readable when the Wi-Fi drops, even across a reload.

   Pages of the register and the files they need are fetched from the network as usual; the
   last copy of each is kept and used only when the network cannot be reached. Taps and polls
   are never answered from here: the page's own queue looks after those. The copies hold
   first names, so they are kept for the day only: the first use on another day throws them
   away. */
"use strict";

function todaysCache() {
  return "sanctuary-register-" + new Date().toISOString().slice(0, 10);
}

function forgetOtherDays() {
  var keep = todaysCache();
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("sanctuary-register-") === 0 && name !== keep;
    }).map(function (name) {
      return caches.delete(name);
    }));
  });
}

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(forgetOtherDays().then(function () {
    return self.clients.claim();
  }));
});

function keepable(url) {
  var scope = new URL(self.registration.scope);
  return url.origin === self.location.origin && (
    url.pathname.indexOf(scope.pathname) === 0 ||
    url.pathname.indexOf("/static/") === 0 ||
    /\/jsi18n\/$/.test(url.pathname));
}

/* A register opened before this worker was in charge was not kept on the way in: the page
   sends its own address and its files' addresses, and they are fetched and kept now. */
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  var wanted = urls.map(function (address) {
    return new URL(address, self.location.origin);
  }).filter(keepable);
  event.waitUntil(caches.open(todaysCache()).then(function (cache) {
    return Promise.all(wanted.map(function (url) {
      return cache.match(url.href, { ignoreVary: true }).then(function (copy) {
        return copy || fetch(url.href, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && !response.redirected) {
            return cache.put(url.href, response);
          }
        });
      });
    }));
  }).then(forgetOtherDays).catch(function () {
    // Offline already: the page is kept the next time it loads with a connection.
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  var page = request.mode === "navigate" && url.pathname.indexOf(self.registration.scope.replace(self.location.origin, "")) === 0;
  var file = url.origin === self.location.origin && (url.pathname.indexOf("/static/") === 0 || /\/jsi18n\/$/.test(url.pathname));
  if (!page && !file) {
    return;
  }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && response.type === "basic" && !response.redirected) {
      var copy = response.clone();
      caches.open(todaysCache()).then(function (cache) {
        return cache.put(request, copy);
      }).then(forgetOtherDays);
    }
    return response;
  }, function () {
    return caches.open(todaysCache()).then(function (cache) {
      return cache.match(request, { ignoreVary: true });
    }).then(function (copy) {
      return copy || Response.error();
    });
  }));
});
