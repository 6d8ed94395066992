// Grading on the device, for offline study: the steps of quizapp/grading.py applied to a given
// answer, over the data the server sends (quizapp/offline/grading_rules.py): the normalisation
// tables in `rules`, and per question its accepted answers already normalised by the server.
// tests/browser/test_offline_grading.py runs the server's grading cases through this file in
// Chromium and demands the server's verdicts: change both together.
(function () {
  "use strict";
  var MARK = /\p{Mn}/u;
  var SEPARATOR = /[\p{P}\p{S}\p{Z}\p{C}]/u;
  var DIGIT = /\p{Nd}/u;

  function words(text) { return text ? text.split(" ") : []; }

  function casefold(text, rules) {
    var out = "";
    for (var ch of String(text)) out += rules.casefold[ch] !== undefined ? rules.casefold[ch] : ch.toLowerCase();
    return out;
  }

  // normalize_text: casefolded words without accents or punctuation, single-spaced.
  function normalizeText(text, rules) {
    var folded = "";
    for (var ch of casefold(text, rules)) folded += rules.fold[ch] !== undefined ? rules.fold[ch] : ch;
    var kept = "";
    for (var c of folded.normalize("NFKD")) {
      if (MARK.test(c)) continue;
      kept += SEPARATOR.test(c) ? " " : c;
    }
    return words(kept.split(/\s+/).filter(Boolean).join(" ")).join(" ");
  }

  function withoutLeadingWords(text, rules) {
    var list = words(text);
    while (list.length > 1 && rules.leading_words.indexOf(list[0]) !== -1) list.shift();
    return list.join(" ");
  }

  // Damerau-Levenshtein distance <= 1, over code points.
  function withinOneEdit(a, b) {
    if (a === b) return true;
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > 1) return false;
    if (a.length > b.length) { var t = a; a = b; b = t; }
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    var rest = function (list, from) { return list.slice(from).join(""); };
    if (a.length === b.length) {
      if (rest(a, i + 1) === rest(b, i + 1)) return true;
      return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2);
    }
    return rest(a, i) === rest(b, i + 1);
  }

  function textMatches(given, expected, rules) {
    given = withoutLeadingWords(given, rules);
    expected = withoutLeadingWords(expected, rules);
    if (given.replace(/ /g, "") === expected.replace(/ /g, "")) return [true, null];
    var gw = words(given), ew = words(expected);
    if (gw.length !== ew.length || !ew.length) return [false, null];
    var typos = 0;
    for (var n = 0; n < ew.length; n++) {
      var g = gw[n], e = ew[n];
      if (g === e) continue;
      if (Array.from(e).length < rules.typo_min_length || DIGIT.test(e + g) || !withinOneEdit(g, e)) return [false, null];
      typos++;
    }
    return [true, typos === 1 ? "one typo accepted" : typos + " typos accepted"];
  }

  var allDigits = function (text) { return /^[0-9]+$/.test(text); };

  function thousands(groups) {
    return groups[0].length >= 1 && groups[0].length <= 3 && groups.every(allDigits) &&
      groups.slice(1).every(function (g) { return g.length === 3; });
  }

  function parseDigits(digits) {
    digits = digits.trim();
    if (digits.indexOf(" ") !== -1) {
      var groups = digits.split(/\s+/).filter(Boolean);
      if (!groups.slice(1).every(function (g) { return g.length === 3 && allDigits(g); })) return null;
      digits = groups.join("");
    }
    var separators = Array.from(digits).filter(function (c) { return c === "." || c === ","; });
    if (!separators.length) return Number(digits);
    if (new Set(separators).size === 2) {
      var decimal = separators[separators.length - 1];
      var group = decimal === "." ? "," : ".";
      var at = digits.lastIndexOf(decimal);
      var whole = digits.slice(0, at), fraction = digits.slice(at + 1);
      var parts = whole.split(group);
      var count = separators.filter(function (c) { return c === decimal; }).length;
      if (count !== 1 || !allDigits(fraction) || !thousands(parts)) return null;
      return Number(parts.join("") + "." + fraction);
    }
    var pieces = digits.split(separators[0]);
    if (!pieces.every(allDigits)) return null;
    var grouped = pieces.length > 2 || (pieces[1].length === 3 && pieces[0].replace(/^0+/, "") !== "");
    if (grouped) return thousands(pieces) ? Number(pieces.join("")) : null;
    return Number(pieces[0] + "." + pieces[1]);
  }

  // parse_number: "10000", "10.000", "10 mil", "1,5", "2 milhões", "50%", "R$ 10"; null otherwise.
  function parseNumber(text, rules) {
    var raw = casefold(String(text).normalize("NFKC").trim(), rules);
    raw = raw.replace(/^(r\$|us\$|\$|€|£)\s*/, "").replace(/\s*%$/, "");
    var match = /^([+-]?)(\d[\d., ]*)(?:\s*(\D.*))?$/.exec(raw);
    if (!match) return null;
    var value = parseDigits(match[2]);
    if (value === null) return null;
    if (match[3]) {
      var multiplier = rules.multipliers[normalizeText(match[3], rules)];
      if (multiplier === undefined) return null;
      value *= multiplier;
    }
    return match[1] === "-" ? -value : value;
  }

  function numbersMatch(given, expected, tolerance) {
    return Math.abs(given - expected) <= Math.abs(tolerance) + 1e-9 * Math.max(1, Math.abs(expected));
  }

  function verdict(correct, expected, note) { return { correct: correct, expected: expected, note: note || null }; }

  var CHECKS = {
    self: function (spec) { return verdict(null, spec.expected, "self-rated"); },
    choice: function (spec, given, rules) {
      var normalized = normalizeText(given, rules);
      var listed = !spec.choices.length || spec.choices.indexOf(normalized) !== -1;
      return verdict(normalized === spec.answer, spec.expected, listed ? null : "not one of the choices");
    },
    truth: function (spec, given, rules) {
      var word = normalizeText(given, rules);
      var value = rules.true_words.indexOf(word) !== -1 ? true : rules.false_words.indexOf(word) !== -1 ? false : null;
      if (value === null) return verdict(false, spec.expected, "expected true or false");
      return verdict(value === (spec.expected === "true"), spec.expected);
    },
    number: function (spec, given, rules) {
      var number = parseNumber(given, rules);
      if (number === null) return verdict(false, spec.expected, "not a number");
      return verdict(spec.targets.some(function (t) { return t !== null && numbersMatch(number, t, spec.tolerance); }),
        spec.expected);
    },
    typed: function (spec, given, rules) {
      var normalized = normalizeText(given, rules);
      var number = parseNumber(given, rules);
      for (var n = 0; n < spec.alternatives.length; n++) {
        var alternative = spec.alternatives[n];
        if (number !== null && alternative.number !== null) {
          if (numbersMatch(number, alternative.number, spec.tolerance)) return verdict(true, spec.expected);
          continue;
        }
        var matched = textMatches(normalized, alternative.text, rules);
        if (matched[0]) return verdict(true, spec.expected, matched[1]);
      }
      return verdict(false, spec.expected);
    }
  };

  // The verdict on one answer: {correct: true|false|null (self-rated), expected, note}.
  function grade(spec, given, rules) {
    var check = CHECKS[spec.check];
    if (!check) throw new Error("no device grading for " + spec.check);
    return check(spec, given === null || given === undefined ? "" : String(given), rules);
  }

  window.quizapp = window.quizapp || {};
  window.quizapp.grading = { grade: grade, normalizeText: normalizeText, parseNumber: parseNumber };
})();
