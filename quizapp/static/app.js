// The installable, offline-capable side of every page; without it every page works as before.
// * registers the service worker (sw.js) and tells it who is signed in;
// * offers "Install" where the browser supports it;
// * on a study page, keeps a download of the set's next cards (offline-store.js);
// * sends answers given offline, oldest first, and shows how many are waiting (the sync banner);
// * on sign-out, sends what it can and wipes this user's offline data and cached page.
(function () {
  "use strict";
  var app = window.quizapp = window.quizapp || {};
  var store = app.store;
  var meta = function (name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : null;
  };
  var userId = meta("quizapp-user") ? Number(meta("quizapp-user")) : null;
  var readStrings = function (id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : {};
  };
  var strings = app.strings = Object.assign(readStrings("quizapp-strings"), readStrings("quizapp-study-strings"));
  var PACK_MAX_AGE_MS = 5 * 60 * 1000;
  var RETRY_MS = 30 * 1000;
  var syncing = null;
  var lastSync = "quiet"; // null while answers are being sent, "ok" once all were confirmed

  app.userId = userId;
  app.studySlug = function () {
    var match = /^\/study\/([^/]+)/.exec(location.pathname);
    return match ? decodeURIComponent(match[1]) : null;
  };

  // "%(num)d answers waiting to sync" in the page's language: forms for 0, 1 and more.
  app.plural = function (forms, count) {
    var form = count === 0 ? forms[0] : count === 1 ? forms[1] : forms[2];
    return form.replace("%(num)d", String(count));
  };

  // ---- the sync banner ------------------------------------------------------------------

  var banner = document.getElementById("sync-status");
  app.refreshBanner = function () {
    if (!banner || !userId || !store) return Promise.resolve();
    return Promise.all([store.queued(userId), store.refused(userId)]).then(function (found) {
      var waiting = found[0].length, refused = found[1];
      var text = banner.querySelector("[data-sync-text]");
      var button = banner.querySelector("[data-sync-now]");
      var problems = banner.querySelector("[data-sync-refused]");
      banner.setAttribute("data-waiting", String(waiting));
      if (waiting) text.textContent = app.plural(strings.waiting, waiting);
      else if (lastSync === "ok" || refused.length) text.textContent = strings.all_synced;
      banner.hidden = !(waiting || lastSync === "ok" || refused.length);
      button.hidden = !waiting || !navigator.onLine;
      problems.hidden = !refused.length;
      problems.textContent = refused.length ? app.plural(strings.refused, refused.length) + " " +
        refused.map(function (r) { return r.error; }).join(" ") : "";
    });
  };

  // ---- sending queued answers -------------------------------------------------------------

  function account() {
    return fetch("/api/v1/me", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; });
  }

  function applyConfirmed(answer, body) {
    // The server's state of the card (after any replay) replaces what the device knew.
    if (!body || !body.card) return Promise.resolve();
    return store.updatePack(answer.user_id, answer.slug, function (record) {
      record.pack.cards.forEach(function (card) {
        if (card.question_id === answer.question_id) card.state = body.card;
      });
    });
  }

  // Sends the user's queued answers oldest first; stops at the first one the network or the
  // server could not take (it is tried again later). Only confirmed answers leave the queue.
  // Runs `work` with no sync running or starting meanwhile (undo takes a queued answer back: it
  // must not be on its way to the server at that moment); resolves to what `work` gives.
  var held = 0;
  app.hold = function (work) {
    held++;
    var release = function () { held--; };
    return (syncing || Promise.resolve()).catch(function () {}).then(work).then(function (value) {
      release();
      return value;
    }, function (error) { release(); throw error; });
  };

  app.sync = function () {
    if (!userId || !store || !navigator.onLine || held) return Promise.resolve(false);
    if (syncing) return syncing;
    syncing = Promise.all([account(), store.queued(userId)]).then(function (found) {
      var me = found[0], queue = found[1];
      if (!me || me.id !== userId) return false;
      if (queue.length) lastSync = null;
      var sendNext = function (index) {
        if (index >= queue.length) return true;
        var answer = queue[index];
        var body = { question_id: answer.question_id, rating: answer.rating, client_id: answer.client_id,
          duration_ms: answer.duration_ms, reviewed_at: answer.reviewed_at, known_last_review: answer.known_last_review };
        if (answer.answer !== null && answer.answer !== undefined) body.answer = answer.answer;
        return fetch("/api/v1/reviews", {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": me.csrf_token },
          body: JSON.stringify(body)
        }).then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (reply) {
            if (response.status === 200 || response.status === 201) {
              return store.confirm(answer.client_id).then(function () { return applyConfirmed(answer, reply); });
            }
            if ([400, 404, 409, 422].indexOf(response.status) !== -1) {
              return store.refuse(answer, reply.error || String(response.status));
            }
            throw new Error("not now: " + response.status); // signed out, CSRF, server trouble
          });
        }).then(function () { return app.refreshBanner(); }).then(function () { return sendNext(index + 1); });
      };
      return sendNext(0);
    }).then(function (complete) {
      // "All answers synced" once something was sent and nothing is left; silence otherwise.
      if (complete && lastSync === null) lastSync = "ok";
      return complete;
    }, function () { return false; }).then(function (complete) {
      syncing = null;
      return app.refreshBanner().then(function () {
        document.documentElement.setAttribute("data-sync", complete ? "done" : "waiting");
        return complete;
      });
    });
    return syncing;
  };

  // ---- downloading the set being studied ------------------------------------------------------

  app.download = function (slug, force) {
    if (!userId || !store || !navigator.onLine) return Promise.resolve(null);
    return Promise.all([store.getPack(userId, slug), store.queued(userId)]).then(function (found) {
      var old = found[0];
      // Never overwrite offline progress that the server has not confirmed yet.
      if (found[1].some(function (a) { return a.slug === slug; })) return old;
      if (old && !force && Date.now() - old.downloaded_at < PACK_MAX_AGE_MS) return old;
      return fetch("/api/v1/sets/" + encodeURIComponent(slug) + "/offline",
        { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (pack) {
          if (!pack || pack.user_id !== userId) return old;
          var now = Date.now();
          var record = { user_id: userId, slug: slug, downloaded_at: now, pack: pack,
            // Answers are stamped in the server's time: a device clock off by hours stays in bounds.
            clock_offset_ms: Date.parse(pack.server_time) - now };
          return store.savePack(record, pack.limits.sets).then(function () {
            document.documentElement.setAttribute("data-offline-ready", slug);
            return record;
          });
        });
    }).catch(function () { return null; });
  };

  // The images and sounds of all this user's downloads, for the worker to cache (exactly those:
  // each download's files are within its cap, and a dropped download's files go).
  app.cacheMedia = function () {
    if (!registered || !userId || !store || !navigator.onLine) return Promise.resolve();
    return (workerReady || Promise.resolve()).then(function () { return store.packs(userId); }).then(function (packs) {
      var urls = [];
      packs.forEach(function (record) {
        ((record.pack.media || {}).files || []).forEach(function (file) {
          if (urls.indexOf(file.url) === -1) urls.push(file.url);
        });
      });
      return tellWorker({ type: "media", userId: userId, urls: urls });
    }).then(function () {
      document.documentElement.setAttribute("data-media-ready", "1");
    }).catch(function () {});
  };

  // ---- the service worker and installing -------------------------------------------------------

  var workerUrl = meta("quizapp-worker");
  var offlineShell = document.documentElement.hasAttribute("data-offline-shell");
  var registered = null;
  if (workerUrl && "serviceWorker" in navigator && window.isSecureContext) {
    registered = navigator.serviceWorker.register(workerUrl, { scope: "/" });
    registered.catch(function () { /* no offline, no harm */ });
  }

  // The worker of this page's version once it is active (after an update, not the one it replaces).
  function currentWorker() {
    var wanted = new URL(workerUrl, location.href).href;
    return registered.then(function (registration) {
      return new Promise(function (resolve) {
        var waited = 0;
        (function check() {
          var worker = registration.active;
          if (worker && worker.scriptURL === wanted) return resolve(worker);
          if ((waited += 100) > 15000) return resolve(worker);
          setTimeout(check, 100);
        })();
      });
    });
  }

  function tellWorker(message) {
    if (!registered) return Promise.resolve();
    return currentWorker().then(function (worker) {
      if (!worker) return;
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () { resolve(); };
        worker.postMessage(message, [channel.port2]);
        setTimeout(resolve, 5000);
      });
    }).catch(function () {});
  }

  var workerReady = null;
  if (registered && !offlineShell && navigator.onLine) {
    workerReady = tellWorker({ type: "user", userId: userId }).then(function () {
      document.documentElement.setAttribute("data-worker-ready", userId ? "user" : "anonymous");
    });
  }
  if (store && !offlineShell) {
    // Someone else (or nobody) is signed in: their downloaded cards go.
    store.dropOtherPacks(userId).catch(function () {});
  }

  var installButton = document.getElementById("install-app");
  var installPrompt = null;
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    installPrompt = event;
    if (installButton) installButton.hidden = false;
  });
  if (installButton) {
    installButton.addEventListener("click", function () {
      if (!installPrompt) return;
      installPrompt.prompt();
      installPrompt.userChoice.then(function () { installButton.hidden = true; installPrompt = null; });
    });
  }
  window.addEventListener("appinstalled", function () { if (installButton) installButton.hidden = true; });

  // ---- sign-out ------------------------------------------------------------------------------

  var signOut = document.querySelector("form[data-sign-out]");
  if (signOut && store && userId) {
    signOut.addEventListener("submit", function (event) {
      if (signOut.dataset.wiped) return;
      event.preventDefault();
      app.sync().then(function () { return store.queued(userId); }).then(function (left) {
        if (left.length && !window.confirm(app.plural(strings.signout_pending, left.length))) return false;
        return Promise.all([store.wipeUser(userId), tellWorker({ type: "signout" })]).then(function () { return true; });
      }).catch(function () { return true; }).then(function (go) {
        if (!go) return;
        signOut.dataset.wiped = "1";
        signOut.submit();
      });
    });
  }

  // ---- when to sync and download -------------------------------------------------------------

  if (banner) {
    var syncButton = banner.querySelector("[data-sync-now]");
    if (syncButton) syncButton.addEventListener("click", function () { app.sync(); });
  }
  window.addEventListener("online", function () {
    app.sync().then(function () { var slug = app.studySlug(); if (slug) return app.download(slug, true); })
      .then(function () { return app.cacheMedia(); });
  });
  window.addEventListener("offline", function () { app.refreshBanner(); });
  setInterval(function () {
    if (!userId || !store) return;
    store.queued(userId).then(function (queue) { if (queue.length) app.sync(); });
  }, RETRY_MS);

  if (userId && store) {
    app.refreshBanner();
    app.sync().then(function () {
      var slug = app.studySlug();
      if (slug && !offlineShell) return app.download(slug, false);
    }).then(function () { if (!offlineShell) return app.cacheMedia(); });
  }
})();
