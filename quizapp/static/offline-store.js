// What this device keeps for offline study, in IndexedDB, always keyed by the user's id:
// * packs: one downloaded set per (user, slug), as GET /api/v1/sets/<slug>/offline gave it, with
//   the progress made offline written into its cards;
// * queue: answers given offline, waiting for the server to confirm them (POST /api/v1/reviews);
//   one still there may be taken back (takeBack: undo), and the server never hears of it;
// * refused: answers the server refused (4xx), kept with its message, never sent again.
// An answer and the card progress it makes are written in one transaction (updatePack).
(function () {
  "use strict";
  var NAME = "quizapp";
  var opening = null;

  function open() {
    if (opening) return opening;
    opening = new Promise(function (resolve, reject) {
      var request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        db.createObjectStore("packs", { keyPath: ["user_id", "slug"] }).createIndex("user", "user_id");
        db.createObjectStore("queue", { keyPath: "client_id" }).createIndex("user", "user_id");
        db.createObjectStore("refused", { keyPath: "client_id" }).createIndex("user", "user_id");
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
    return opening;
  }

  function done(tx) {
    return new Promise(function (resolve, reject) {
      tx.oncomplete = function () { resolve(); };
      tx.onerror = tx.onabort = function () { reject(tx.error); };
    });
  }

  function result(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function byUser(store, userId) {
    return open().then(function (db) {
      return result(db.transaction(store).objectStore(store).index("user").getAll(Number(userId)));
    });
  }

  function put(store, value) {
    return open().then(function (db) {
      var tx = db.transaction(store, "readwrite");
      tx.objectStore(store).put(value);
      return done(tx);
    });
  }

  var store = {
    getPack: function (userId, slug) {
      return open().then(function (db) {
        return result(db.transaction("packs").objectStore("packs").get([Number(userId), slug]));
      });
    },
    packs: function (userId) { return byUser("packs", userId); },
    // Keeps at most `maxSets` packs for the user: the least recently downloaded go first.
    savePack: function (record, maxSets) {
      return put("packs", record).then(function () { return byUser("packs", record.user_id); }).then(function (all) {
        all.sort(function (a, b) { return b.downloaded_at - a.downloaded_at; });
        var extra = all.slice(Math.max(1, maxSets || 1));
        if (!extra.length) return;
        return open().then(function (db) {
          var tx = db.transaction("packs", "readwrite");
          extra.forEach(function (old) { tx.objectStore("packs").delete([old.user_id, old.slug]); });
          return done(tx);
        });
      });
    },
    // Changes the user's pack of `slug` with `change(record)`, read and written in one transaction;
    // with `answer`, the answer is queued in that same transaction (neither is kept alone).
    updatePack: function (userId, slug, change, answer) {
      return open().then(function (db) {
        var tx = db.transaction(["queue", "packs"], "readwrite");
        var packs = tx.objectStore("packs");
        packs.get([Number(userId), slug]).onsuccess = function (event) {
          var record = event.target.result;
          if (record) { change(record); packs.put(record); }
          if (answer) tx.objectStore("queue").add(answer);
        };
        return done(tx);
      });
    },
    // Takes back a queued answer the server has not confirmed: it leaves the queue and its card
    // gets the progress it had before (answer.previous), in one transaction. Resolves to false
    // when the answer had left the queue already (confirmed meanwhile): nothing is changed then.
    takeBack: function (answer) {
      return open().then(function (db) {
        var tx = db.transaction(["queue", "packs"], "readwrite");
        var found = false;
        var queue = tx.objectStore("queue");
        queue.get(answer.client_id).onsuccess = function (event) {
          if (!event.target.result) return;
          found = true;
          queue.delete(answer.client_id);
          var packs = tx.objectStore("packs");
          packs.get([Number(answer.user_id), answer.slug]).onsuccess = function (got) {
            var record = got.target.result;
            if (!record) return;
            record.pack.cards.forEach(function (card) {
              if (card.question_id !== answer.question_id) return;
              if (answer.previous) card.offline = answer.previous;
              else delete card.offline;
            });
            packs.put(record);
          };
        };
        return done(tx).then(function () { return found; });
      });
    },
    queued: function (userId) {
      return byUser("queue", userId).then(function (items) {
        return items.sort(function (a, b) {
          return a.reviewed_at < b.reviewed_at ? -1 : a.reviewed_at > b.reviewed_at ? 1 : a.seq - b.seq;
        });
      });
    },
    refused: function (userId) { return byUser("refused", userId); },
    confirm: function (clientId) {
      return open().then(function (db) {
        var tx = db.transaction("queue", "readwrite");
        tx.objectStore("queue").delete(clientId);
        return done(tx);
      });
    },
    refuse: function (answer, message) {
      return open().then(function (db) {
        var tx = db.transaction(["queue", "refused"], "readwrite");
        tx.objectStore("queue").delete(answer.client_id);
        tx.objectStore("refused").put(Object.assign({}, answer, { error: message }));
        return done(tx);
      });
    },
    // Everything of one user: on sign-out.
    wipeUser: function (userId) {
      return Promise.all(["packs", "queue", "refused"].map(function (name) {
        return byUser(name, userId).then(function (items) {
          return open().then(function (db) {
            var tx = db.transaction(name, "readwrite");
            items.forEach(function (item) {
              tx.objectStore(name).delete(name === "packs" ? [item.user_id, item.slug] : item.client_id);
            });
            return done(tx);
          });
        });
      }));
    },
    // Downloaded cards of everyone but `userId` (null: everyone). Their unsent answers stay, to be
    // sent when they sign in again: they are that student's work, and hold no one else's data.
    dropOtherPacks: function (userId) {
      return open().then(function (db) {
        return result(db.transaction("packs").objectStore("packs").getAll()).then(function (all) {
          var tx = db.transaction("packs", "readwrite");
          all.forEach(function (pack) {
            if (pack.user_id !== Number(userId)) tx.objectStore("packs").delete([pack.user_id, pack.slug]);
          });
          return done(tx);
        });
      });
    }
  };

  window.quizapp = window.quizapp || {};
  window.quizapp.store = store;
})();
