// quizapp's service worker. Registered by app.js as /sw.js?v=<version>; the version is a hash of
// the app shell's files, so any change to them installs a new worker whose caches replace the old.
//
// What it keeps, and nothing else:
// * the app shell (static files, the same for everyone) in "quizapp-shell-<version>";
// * the study shell page of the signed-in user in "quizapp-user-<version>-<user id>", one user at a
//   time, deleted on sign-out or when another user (or nobody) is signed in;
// * in that same cache, the images and sounds of that user's downloaded sets (/media/<hash>), as
//   the page lists them from the downloads (each within the download's cap): exactly those, so
//   the files of a download that was dropped go too.
// Other pages and every API answer go to the network untouched: the cards a student downloads
// live in IndexedDB, keyed by user id (offline-store.js).
"use strict";

var VERSION = new URL(self.location.href).searchParams.get("v") || "dev";
var PREFIX = "quizapp-";
var SHELL_CACHE = PREFIX + "shell-" + VERSION;
var USER_CACHE = PREFIX + "user-" + VERSION + "-";
var SHELL_PAGE = "/offline/shell";
// A page that does not answer within this time is served from the study shell, if there is one:
// a train's "connected" Wi-Fi often carries nothing.
var NAVIGATION_TIMEOUT_MS = 6000;

self.addEventListener("install", function (event) {
  event.waitUntil(
    fetch("/offline/assets.json?v=" + encodeURIComponent(VERSION), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (listing) {
        return caches.open(SHELL_CACHE).then(function (cache) { return cache.addAll(listing.assets); });
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(PREFIX) === 0 && name !== SHELL_CACHE && name.indexOf(USER_CACHE) !== 0;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function userCaches() {
  return caches.keys().then(function (names) {
    return names.filter(function (name) { return name.indexOf(PREFIX + "user-") === 0; });
  });
}

// Bumped whenever a user's cache is dropped (sign-out, another user): caching that began before stops.
var generation = 0;

function dropUserCaches(keep) {
  return userCaches().then(function (names) {
    var going = names.filter(function (name) { return name !== keep; });
    if (going.length) generation++;
    return Promise.all(going.map(function (name) { return caches.delete(name); }));
  });
}

// The page tells the worker who is signed in; the worker keeps that user's study shell only.
function rememberUser(userId) {
  if (!userId) return dropUserCaches(null);
  var name = USER_CACHE + userId;
  return dropUserCaches(name).then(function () {
    return fetch(SHELL_PAGE, { credentials: "same-origin", cache: "no-store", redirect: "error" });
  }).then(function (response) {
    // Only a page rendered for this very user is kept (a sign-in page after expiry is not).
    if (!response.ok || response.headers.get("X-Quizapp-User") !== String(userId)) return dropUserCaches(null);
    return caches.open(name).then(function (cache) { return cache.put(SHELL_PAGE, response); });
  }).catch(function () { /* offline: keep what is there */ });
}

function isMedia(url) { return /^\/media\/[0-9a-f]{64}$/.test(new URL(url, self.location.origin).pathname); }

// Makes the user's media in the cache exactly `urls`: missing files fetched (with the user's
// cookies: the server checks who may see them), files no download lists any more deleted.
function cacheMedia(userId, urls) {
  var name = USER_CACHE + userId;
  var started = generation;
  var wanted = {};
  urls.filter(isMedia).forEach(function (url) { wanted[new URL(url, self.location.origin).pathname] = true; });
  return caches.has(name).then(function (exists) {
    if (!exists) return; // not this worker's signed-in user (or not remembered yet)
    return caches.open(name).then(function (cache) {
      return cache.keys().then(function (requests) {
        var have = {};
        return Promise.all(requests.map(function (request) {
          var path = new URL(request.url).pathname;
          if (!isMedia(path)) return null;
          if (wanted[path]) { have[path] = true; return null; }
          return cache.delete(request);
        })).then(function () {
          return Object.keys(wanted).filter(function (path) { return !have[path]; }).reduce(function (chain, path) {
            return chain.then(function () {
              if (generation !== started) return;
              return fetch(path, { credentials: "same-origin", redirect: "error" }).then(function (response) {
                if (response.ok && generation === started) return cache.put(path, response);
              }).catch(function () { /* offline or refused: tried again on the next download */ });
            });
          }, Promise.resolve());
        });
      });
    });
  }).then(function () {
    // Signed out (or switched) meanwhile: nothing of this user may stay.
    if (generation !== started) return caches.delete(name);
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var done;
  if (data.type === "user") done = rememberUser(data.userId);
  else if (data.type === "media") done = cacheMedia(data.userId, data.urls || []);
  else if (data.type === "signout") done = dropUserCaches(null);
  else return;
  event.waitUntil(done.then(function () {
    if (event.ports && event.ports[0]) event.ports[0].postMessage({ type: data.type, done: true });
  }));
});

function studyShell() {
  return userCaches().then(function (names) {
    var current = names.filter(function (name) { return name.indexOf(USER_CACHE) === 0; })[0];
    return current ? caches.match(SHELL_PAGE, { cacheName: current }) : undefined;
  });
}

// A media file: from the signed-in user's cache (their downloads' files), else the network.
function media(request) {
  return userCaches().then(function (names) {
    var current = names.filter(function (name) { return name.indexOf(USER_CACHE) === 0; })[0];
    return current ? caches.match(request, { cacheName: current, ignoreSearch: true }) : undefined;
  }).then(function (hit) { return hit || fetch(request); });
}

function offlineAnswer() {
  return new Response("<!doctype html><meta charset=utf-8><title>quizapp</title><p>Offline.</p>",
    { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function navigate(event) {
  var request = event.request;
  var network = fetch(request);
  var fallback = function () {
    return studyShell().then(function (shell) { return shell || offlineAnswer(); });
  };
  if (request.method !== "GET") return network.catch(fallback);
  return new Promise(function (resolve) {
    var settled = false;
    var timer = setTimeout(function () {
      studyShell().then(function (shell) {
        if (shell && !settled) { settled = true; resolve(shell); }
      });
    }, NAVIGATION_TIMEOUT_MS);
    network.then(function (response) {
      if (!settled) { settled = true; clearTimeout(timer); resolve(response); }
    }, function () {
      if (!settled) { settled = true; clearTimeout(timer); resolve(fallback()); }
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
    return;
  }
  if (request.method === "GET" && isMedia(url.pathname)) {
    event.respondWith(media(request));
    return;
  }
  if (request.method !== "GET" || url.pathname.indexOf("/static/") !== 0) return;
  // App-shell files: from the versioned cache, else the network (never stored from here).
  // (caches.match, unlike caches.open, never brings back a cache an update has just deleted.)
  event.respondWith(caches.match(request, { cacheName: SHELL_CACHE, ignoreSearch: true })
    .then(function (hit) { return hit || fetch(request); }));
});
