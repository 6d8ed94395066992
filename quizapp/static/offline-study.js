// Studying a downloaded set without the network: the same steps as the study pages (answer, see
// the grade, rate Again/Hard/Good/Easy), graded on the device (grading.js), the next card taken
// from the download, each answer queued with its client_id, time and duration (app.js sends it).
// "Undo" takes back the last answer of the set: while it waits on the device, it leaves the queue
// and its card comes back as it was (the server never gets it); once the server has it, the
// server's undo does it, as on the study pages, when there is a connection.
// It runs in the study shell the service worker serves offline, and takes over a study page in
// place when its connection drops.
(function () {
  "use strict";
  var app = window.quizapp;
  if (!app || !app.store || !app.grading) return;
  var strings = app.strings;
  var store = app.store;
  var LEARN_AHEAD_MS = 20 * 60 * 1000; // as the server: learning steps this close are shown early
  var MAX_DURATION_MS = 30 * 60 * 1000;
  var RATINGS = ["1", "2", "3", "4"];
  var sequence = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs.text;
      else if (attrs[name] === true) node.setAttribute(name, "");
      else if (attrs[name] !== false && attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    return Date.now().toString(16) + Math.random().toString(16).slice(2);
  }

  // ---- the queue of the download -----------------------------------------------------------

  // When the card may be shown, in ms; null for a new card; Infinity when its offline previews
  // ran out (it waits for the server, after sync).
  function availableAt(card) {
    if (card.offline) return card.offline.node ? Date.parse(card.offline.available_at) : Infinity;
    return card.new ? null : Date.parse(card.available_at);
  }

  function nextCard(cards, now) {
    var due = [], fresh = [], later = [];
    cards.forEach(function (card) {
      var at = availableAt(card);
      if (at === null) fresh.push(card);
      else if (at <= now) due.push(card);
      else if (at <= now + LEARN_AHEAD_MS) later.push(card);
    });
    var soonest = function (a, b) { return availableAt(a) - availableAt(b); };
    due.sort(soonest);
    later.sort(soonest);
    return due[0] || fresh[0] || later[0] || null;
  }

  function counts(cards, now) {
    var due = 0, fresh = 0;
    cards.forEach(function (card) {
      var at = availableAt(card);
      if (at === null) fresh++;
      else if (at <= now) due++;
    });
    return { due: due, fresh: fresh };
  }

  function previewsOf(card) { return card.offline ? card.offline.node : card.next_states; }

  // The images and sounds the card shows on `field`, as the study pages show them; the files come
  // from the cache the service worker keeps of the download's media (app.cacheMedia).
  function mediaOf(card, field) {
    var rows = (card.media || []).filter(function (row) { return row.field === field; });
    if (!rows.length) return null;
    return el("div", { "class": "q-media q-media-" + field }, rows.map(function (row) {
      if (row.kind === "image") {
        return el("img", { src: row.url, alt: row.alt || strings.image_alt, width: row.width, height: row.height,
          decoding: "async" });
      }
      return el("figure", { "class": "q-audio" }, [
        el("audio", { controls: true, preload: "none", src: row.url, "aria-label": row.alt || strings.sound_alt }),
        row.alt ? el("figcaption", { text: row.alt }) : null
      ]);
    }));
  }

  // ---- rendering -------------------------------------------------------------------------

  function Study(main, userId, slug) {
    this.main = main;
    this.userId = userId;
    this.slug = slug;
  }

  Study.prototype.start = function () {
    var self = this;
    document.documentElement.setAttribute("data-offline-study", this.slug);
    if (location.pathname !== "/study/" + encodeURIComponent(this.slug)) {
      history.replaceState(null, "", "/study/" + encodeURIComponent(this.slug)); // a reload is a GET of the set
    }
    return store.getPack(this.userId, this.slug).then(function (record) {
      if (!record) return listDownloads(self.main, self.userId, strings.not_downloaded);
      self.record = record;
      self.show();
    });
  };

  Study.prototype.frame = function (body) {
    var pack = this.record.pack;
    var left = counts(pack.cards, this.now());
    var notice = this.notice;
    this.notice = null;
    this.undoButton = el("button", { type: "button", "class": "link", "data-offline-undo": true, hidden: true,
      text: strings.undo });
    this.undoButton.addEventListener("click", this.undo.bind(this));
    this.main.replaceChildren(
      el("p", { "class": "flash flash-info offline-notice", role: "status", text: strings.offline_notice }),
      notice ? el("p", { "class": "flash flash-info", role: "status", "data-offline-undone": true, text: notice }) : null,
      el("p", { "class": "crumbs", text: pack.set.title + " ›" }),
      el("div", { "class": "study-head" }, [
        el("h1", { text: strings.study }),
        el("p", { "class": "study-counts" }, [
          el("span", { "class": "count due", text: app.plural(strings.due, left.due) }),
          el("span", { "class": "count new", text: app.plural(strings.fresh, left.fresh) })
        ])
      ]),
      body,
      el("div", { "class": "study-foot" }, [this.undoButton])
    );
    app.refreshBanner();
    this.refreshUndo();
  };

  // ---- undo --------------------------------------------------------------------------------

  function waitingHere(userId, slug) {
    return store.queued(userId).then(function (queue) {
      return queue.filter(function (answer) { return answer.slug === slug; });
    });
  }

  // Undo is offered while an answer of the set waits on the device, or, with a connection, once
  // this page has sent one (the server's undo then takes it back).
  Study.prototype.refreshUndo = function () {
    var self = this, button = this.undoButton;
    return waitingHere(this.userId, this.slug).then(function (mine) {
      if (button === self.undoButton) button.hidden = !(mine.length || (self.answeredHere && navigator.onLine));
    });
  };

  Study.prototype.undo = function () {
    var self = this;
    if (this.undoing) return;
    this.undoing = true;
    app.hold(function () {
      return waitingHere(self.userId, self.slug).then(function (mine) {
        var last = mine[mine.length - 1];
        if (!last) return navigator.onLine ? "server" : "none";
        return store.takeBack(last).then(function (found) {
          if (!found) return navigator.onLine ? "server" : "none";
          self.again = last.question_id;
          return "device";
        });
      });
    }).then(function (how) {
      if (how === "server") return serverUndo(self.userId, self.slug);
      self.undoing = false;
      self.notice = how === "device" ? strings.undone : strings.undo_online;
      return store.getPack(self.userId, self.slug).then(function (record) {
        if (record) self.record = record;
        self.show();
        if (how === "device" && navigator.onLine) app.sync();
      });
    }).catch(function () { self.undoing = false; });
  };

  // The server's undo, as the study page's "Undo last answer" posts it; the download is marked
  // stale so that the next study page fetches the cards as the server then has them.
  function serverUndo(userId, slug) {
    return fetch("/api/v1/me", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (me) {
        if (!me || me.id !== userId) throw new Error("signed out");
        return store.updatePack(userId, slug, function (record) { record.downloaded_at = 0; }).then(function () {
          var form = el("form", { method: "post", action: "/study/" + encodeURIComponent(slug) + "/undo", hidden: true }, [
            el("input", { type: "hidden", name: "csrf_token", value: me.csrf_token })]);
          document.body.appendChild(form);
          form.submit();
        });
      });
  }

  Study.prototype.now = function () { return Date.now(); };

  Study.prototype.show = function () {
    var self = this;
    var again = this.again;
    this.again = null;
    // A card just taken back is shown again first, as on the study pages.
    var card = (again && this.record.pack.cards.filter(function (c) { return c.question_id === again; })[0]) ||
      nextCard(this.record.pack.cards, this.now());
    if (!card) {
      this.frame(el("section", { "class": "card study-done", "data-study-offline": "done" }, [
        el("h2", { text: strings.done_title }),
        el("p", { text: strings.done_text })
      ]));
      return;
    }
    this.card = card;
    this.shownAt = this.now();
    var form = el("form", { "class": "study-answer" });
    if (card.kind === "reveal") {
      form.appendChild(el("button", { type: "submit", autofocus: true, text: strings.show_answer }));
    } else {
      form.appendChild(answerInput(card));
      form.appendChild(el("button", { type: "submit", text: strings.check }));
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      self.check(card.kind === "reveal" ? "" : String(data.get("answer") || ""));
    });
    this.frame(el("section", { "class": "card study-card", "data-study-offline": "ask", "data-question-id": card.question_id }, [
      el("h2", { "class": "study-prompt", id: "prompt", text: card.prompt }),
      mediaOf(card, "prompt"),
      form
    ]));
    var first = form.querySelector("input, button");
    if (first) first.focus();
  };

  function answerInput(card) {
    if (card.kind === "choice" || card.kind === "truth") {
      var options = card.kind === "choice" ? card.choices.map(function (c) { return [c, c]; })
        : [["true", strings["true"]], ["false", strings["false"]]];
      return el("fieldset", { "class": "choices", "aria-labelledby": "prompt" }, options.map(function (option, n) {
        return el("label", { "class": "choice" }, [
          el("input", { type: "radio", name: "answer", value: option[0], required: true }),
          document.createTextNode(" "), el("kbd", { text: String(n + 1) }), document.createTextNode(" " + option[1])
        ]);
      }));
    }
    return el("div", { "class": "field" }, [
      el("label", { "for": "answer", text: strings.your_answer }),
      el("input", { type: "text", id: "answer", name: "answer", autocomplete: "off", autocapitalize: "off",
        spellcheck: "false", maxlength: "500", required: true, inputmode: card.kind === "number" ? "decimal" : null })
    ]);
  }

  function shown(card, value) {
    if (card.kind !== "truth") return value;
    return value === "true" ? strings["true"] : value === "false" ? strings["false"] : value;
  }

  Study.prototype.check = function (given) {
    var self = this, card = this.card;
    this.given = given;
    this.answeredAt = this.now();
    var result = app.grading.grade(card.grading, given, this.record.pack.rules);
    var self_rated = result.correct === null;
    // A partly right answer (partial credit) proposes Hard, as on the server (grading.proposed_rating).
    var partly = !self_rated && !result.correct && result.credit > 0 && result.credit < 100;
    var proposed = self_rated ? null : result.correct ? "3" : partly ? "2" : "1";
    var verdictClass = self_rated ? "self" : result.correct ? "right" : partly ? "partial" : "wrong";
    var partlyText = (strings.partly_right || "%(credit)s%").replace("%(credit)s",
      String(Math.round((result.credit || 0) * 10) / 10));
    var parts = [el("h2", { "class": "study-prompt", text: card.type === "cloze" ? card.prompt_answered : card.prompt }),
      mediaOf(card, "prompt")];
    if (self_rated) {
      parts.push(el("div", { "class": "answer-box" }, [
        el("p", { "class": "label", text: strings.answer }), el("p", { "class": "expected", text: result.expected })]));
    } else {
      parts.push(el("p", { "class": "verdict", role: "status" }, [
        el("strong", { text: result.correct ? "✓ " + strings.right : partly ? "◐ " + partlyText : "✗ " + strings.not_quite }),
        result.note === "one typo accepted" ? el("span", { "class": "muted", text: " (" + strings.one_typo + ")" }) : null
      ]));
      parts.push(el("dl", { "class": "answers" }, [
        el("dt", { text: strings.your_answer }),
        el("dd", { "class": "given", text: given ? shown(card, given) : strings.no_answer }),
        el("dt", { text: strings.correct_answer }),
        el("dd", { "class": "expected", text: shown(card, result.expected) })
      ]));
      if (result.feedback) parts.push(el("p", { "class": "answer-feedback", "data-answer-feedback": "", text: result.feedback }));
    }
    parts.push(mediaOf(card, "answer"));
    if (card.explanation) parts.push(el("p", { "class": "explanation", text: card.explanation }));
    parts.push(mediaOf(card, "explanation"));
    if (card.source_quote && card.source_quote !== card.explanation) {
      parts.push(el("blockquote", { "class": "source-quote", text: card.source_quote }));
    }
    var previews = previewsOf(card);
    var buttons = el("div", { "class": "rate-buttons", role: "group", "aria-describedby": "rate-help" },
      RATINGS.map(function (rating) {
        var button = el("button", { type: "button", "data-rating": rating,
          "class": "rate-" + rating + (rating === proposed ? " proposed" : "") }, [
          el("span", { "class": "rate-label", text: strings.ratings[rating] }),
          el("span", { "class": "rate-interval", text: previews[rating].label }),
          el("kbd", { text: rating })
        ]);
        button.addEventListener("click", function () { self.rate(rating); });
        return button;
      }));
    parts.push(el("div", { "class": "rate" }, [
      el("p", { "class": "rate-help", id: "rate-help", text: self_rated ? strings.how_well : strings.proposed_help }),
      buttons
    ]));
    this.frame(el("section", { "class": "card study-card verdict-" + verdictClass, "data-study-offline": "rate",
      "data-question-id": card.question_id }, parts));
    buttons.querySelector('[data-rating="' + (proposed || "3") + '"]').focus();
  };

  Study.prototype.rate = function (rating) {
    var self = this, card = this.card;
    if (this.rating) return; // one answer per card shown, whatever the keys do
    this.rating = rating;
    var offset = this.record.clock_offset_ms || 0;
    var node = previewsOf(card)[rating];
    var answer = {
      client_id: uuid(), user_id: this.userId, slug: this.slug, question_id: card.question_id,
      previous: card.offline || null, // what undo gives the card back (never sent)
      rating: Number(rating), answer: card.kind === "reveal" ? null : this.given,
      reviewed_at: new Date(this.answeredAt + offset).toISOString(),
      duration_ms: Math.max(0, Math.min(this.answeredAt - this.shownAt, MAX_DURATION_MS)),
      known_last_review: card.state.last_review, seq: Date.now() * 1000 + (sequence++ % 1000)
    };
    var progress = {
      answers: (card.offline ? card.offline.answers : 0) + 1, node: node.next_states || null,
      available_at: new Date(this.answeredAt + node.interval_seconds * 1000).toISOString()
    };
    store.updatePack(this.userId, this.slug, function (record) {
      record.pack.cards.forEach(function (c) { if (c.question_id === card.question_id) c.offline = progress; });
    }, answer).then(function () {
      card.offline = progress;
      self.rating = null;
      self.answeredHere = (self.answeredHere || 0) + 1;
      return store.getPack(self.userId, self.slug);
    }).then(function (record) {
      self.record = record;
      self.show();
      if (navigator.onLine) app.sync();
    });
  };

  // The sets downloaded for this user, as links (offline, any other page shows this list).
  function listDownloads(main, userId, message) {
    return store.packs(userId).then(function (packs) {
      var list = el("ul", { "class": "offline-sets" }, packs.map(function (record) {
        return el("li", {}, [el("a", { href: "/study/" + encodeURIComponent(record.slug), text: record.pack.set.title }),
          document.createTextNode(" · " + app.plural(strings.cards, record.pack.cards.length))]);
      }));
      main.replaceChildren(
        el("p", { "class": "flash flash-info offline-notice", role: "status", text: strings.offline_notice }),
        el("h1", { text: strings.downloaded_title }),
        el("p", { text: message || "" }),
        packs.length ? list : el("p", { "class": "empty", text: strings.no_downloads })
      );
      document.documentElement.setAttribute("data-offline-study", "list");
    });
  }

  // Keys on the rating step, as on the study pages: 1-4 rate; and U undoes, outside a text field.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var undo = document.querySelector("button[data-offline-undo]:not([hidden])");
    if (undo && (event.key === "u" || event.key === "U") && !event.target.closest("input, textarea, select")) {
      event.preventDefault();
      undo.click();
      return;
    }
    var section = document.querySelector('[data-study-offline="rate"]');
    if (!section || RATINGS.indexOf(event.key) === -1) return;
    var button = section.querySelector('button[data-rating="' + event.key + '"]');
    if (button) { event.preventDefault(); button.click(); }
  });

  // The offline study words, read from this user's cached study shell (no network needed).
  function shellStrings() {
    return caches.keys().then(function (names) {
      var mine = names.filter(function (name) {
        return name.indexOf("quizapp-user-") === 0 && name.slice(-(String(app.userId).length + 1)) === "-" + app.userId;
      })[0];
      return mine ? caches.match("/offline/shell", { cacheName: mine }) : null;
    }).then(function (response) { return response ? response.text() : null; }).then(function (html) {
      var block = html && new DOMParser().parseFromString(html, "text/html").getElementById("quizapp-study-strings");
      return block ? JSON.parse(block.textContent) : null;
    }).catch(function () { return null; });
  }

  function takeOver() {
    var main = document.getElementById("main");
    var slug = app.studySlug();
    if (!main || !app.userId || document.documentElement.hasAttribute("data-offline-study")) return;
    if (slug) new Study(main, app.userId, slug).start();
    else listDownloads(main, app.userId, "");
  }

  if (document.documentElement.hasAttribute("data-offline-shell")) {
    takeOver();
  } else if (app.studySlug() && window.caches) {
    // A study page whose connection drops goes on from the download, in place, with the words of
    // the study shell the worker keeps for this user.
    var fromDownload = function () {
      Promise.all([store.getPack(app.userId, app.studySlug()), shellStrings()]).then(function (found) {
        if (found[0] && found[1]) { Object.assign(strings, found[1]); takeOver(); }
      });
    };
    window.addEventListener("offline", fromDownload);
    document.addEventListener("submit", function (event) {
      if (navigator.onLine || !event.target.closest("#main")) return;
      event.preventDefault();
      fromDownload();
    }, true);
  }
})();
