// Grading on the device, for offline study: a port of quizapp/grading/ (text.py, numbers.py and the
// graders of __init__.py) over the data the server sends (quizapp/offline/grading_rules.py): `rules`,
// the grading tables themselves (spelling variants, units, number words, multipliers, opening words,
// true/false words, casefold and letter folding), and per question what does not depend on the given
// answer, computed by the server's own functions (each accepted answer normalised, read as a quantity,
// and the ways the question's texts name the same person). Python's string semantics are spelled out
// where JavaScript differs (\d and \w are Unicode, str.strip and \s use Python's whitespace, casefold).
// tests/browser/test_offline_grading.py runs every grading case of the test suite through this file in
// Chromium and demands the server's verdicts: change both together.
(function () {
  "use strict";
  var MARK = /\p{Mn}/u;
  var SEPARATOR = /[\p{P}\p{S}\p{Z}\p{C}]/u;
  var DIGIT = /\p{Nd}/u;
  // Python's str.isspace() characters, which str.strip(), str.split() and \s use.
  var SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var STRIP = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "gu");
  // Python's \w for str: letters, numbers (any), underscore.
  var WORD_CHAR = "[\\p{L}\\p{N}_]";
  // _NUMBER of numbers.py: a sign, digits with separators, then anything not a digit.
  var NUMBER = new RegExp("^([+-]?)(\\p{Nd}[\\p{Nd}., ]*)(?:[" + SPACE + "]*([^\\p{Nd}][^\\n]*))?$", "u");
  var CURRENCY = new RegExp("^(r\\$|us\\$|\\$|€|£)[" + SPACE + "]*", "u");

  function words(text) { return text ? text.split(" ") : []; }
  function length(text) { return Array.from(text).length; }
  function has(table, key) { return Object.prototype.hasOwnProperty.call(table, key); }
  function pyStrip(text) { return text.replace(STRIP, ""); }

  function casefold(text, rules) {
    var out = "";
    for (var ch of String(text)) out += has(rules.casefold, ch) ? rules.casefold[ch] : ch.toLowerCase();
    return out;
  }

  // normalize_text: casefolded words without accents or punctuation, single-spaced.
  function normalizeText(text, rules) {
    var folded = "";
    for (var ch of casefold(text, rules)) folded += has(rules.fold, ch) ? rules.fold[ch] : ch;
    var kept = "";
    for (var c of folded.normalize("NFKD")) {
      if (MARK.test(c)) continue;
      kept += SEPARATOR.test(c) ? " " : c;
    }
    return kept.split(/\s+/).filter(Boolean).join(" ");
  }

  function withoutLeadingWords(text, rules) {
    var list = words(text);
    while (list.length > 1 && rules.leading_function_words.indexOf(list[0]) !== -1) list.shift();
    return list.join(" ");
  }

  // ---- spelling variants (spelling_key) ------------------------------------------------------

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&"); }

  // The compiled tables, once per rules object.
  var compiled = new WeakMap();
  function tables(rules) {
    var found = compiled.get(rules);
    if (found) return found;
    var spellings = {};
    rules.variant_spellings.forEach(function (pair) {
      pair.forEach(function (variant) { spellings[variant] = pair[0]; });
    });
    var variants = Object.keys(spellings).sort(function (a, b) { return length(b) - length(a); });
    found = {
      spellings: spellings,
      // Python's \b(...)\b: not inside a word on either side.
      spelling: variants.length ? new RegExp("(?<!" + WORD_CHAR + ")(" + variants.map(escapeRegExp).join("|") +
        ")(?!" + WORD_CHAR + ")", "gu") : null,
      variantRules: rules.variant_rules.map(function (rule) {
        // Python's replacement template: "\1" is JavaScript's "$1", and "$" is literal.
        return [new RegExp(rule[0], "gu"), rule[1].replace(/\$/g, "$$$$").replace(/\\(\d)/g, "$$$1")];
      })
    };
    compiled.set(rules, found);
    return found;
  }

  function isPortuguese(language) { return String(language || "").toLowerCase().indexOf("pt") === 0; }

  // One form for the European and Brazilian spellings of normalised text (Moscovo/Moscou, facto/fato).
  function spellingKey(text, language, rules) {
    var t = tables(rules);
    if (t.spelling) text = text.replace(t.spelling, function (variant) { return t.spellings[variant]; });
    if (language !== null && language !== undefined && !isPortuguese(language)) return text;
    return words(text).map(function (word) {
      if (rules.variant_rule_exceptions.indexOf(word) !== -1) return word;
      t.variantRules.forEach(function (rule) { word = word.replace(rule[0], rule[1]); });
      return word;
    }).join(" ");
  }

  // ---- comparing (text_matches) --------------------------------------------------------------

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

  // [matched, typos]: spacing, opening words and spelling variants ignored, one typo per long word.
  function textMatches(given, expected, language, rules) {
    given = spellingKey(withoutLeadingWords(given, rules), language, rules);
    expected = spellingKey(withoutLeadingWords(expected, rules), language, rules);
    if (given.replace(/ /g, "") === expected.replace(/ /g, "")) return [true, 0];
    var gw = words(given), ew = words(expected);
    if (gw.length !== ew.length || !ew.length) return [false, 0];
    var typos = 0;
    for (var n = 0; n < ew.length; n++) {
      var g = gw[n], e = ew[n];
      if (g === e) continue;
      // Digits are facts, not spelling: "1945" and "1946" differ.
      if (length(e) < rules.typo_min_length || DIGIT.test(e + g) || !withinOneEdit(g, e)) return [false, 0];
      typos++;
    }
    return [true, typos];
  }

  // ---- numbers (numbers.py) ------------------------------------------------------------------

  // Any decimal digit as its ASCII digit (Python's float() reads "٣" as 3): digits of a script
  // come in runs of ten, zero first.
  function asciiDigits(text) {
    var out = "";
    for (var ch of text) {
      if (!DIGIT.test(ch) || (ch >= "0" && ch <= "9")) { out += ch; continue; }
      var code = ch.codePointAt(0), zero = code;
      while (DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
      out += String((code - zero) % 10);
    }
    return out;
  }

  var allDigits = function (text) { return /^[0-9]+$/.test(text); };

  function thousands(groups) {
    return groups[0].length >= 1 && groups[0].length <= 3 && groups.every(allDigits) &&
      groups.slice(1).every(function (g) { return g.length === 3; });
  }

  // "10.000", "10,5", "1.5", "1,234.5", "10 000": the last separator is the decimal mark unless it
  // is a thousands group (exactly three digits after a non-zero part).
  function parseDigits(digits) {
    digits = asciiDigits(digits).trim();
    if (digits.indexOf(" ") !== -1) {
      var groups = digits.split(/ +/);
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

  // [value, words after it] for a number in digits (scaled by "mil", "million"...), or null.
  function digitsAndRest(text, rules) {
    var raw = casefold(pyStrip(String(text).normalize("NFKC")), rules);
    raw = raw.replace(CURRENCY, "").replace(/%/g, " percent");
    var match = NUMBER.exec(raw);
    if (!match) return null;
    var value = parseDigits(match[2]);
    if (value === null) return null;
    var rest = words(normalizeText(match[3] || "", rules));
    for (var size = 2; size >= 1; size--) {
      var key = rest.slice(0, size).join(" ");
      if (rest.length >= size && has(rules.multipliers, key)) {
        value *= rules.multipliers[key];
        rest = rest.slice(size);
        break;
      }
    }
    return [match[1] === "-" ? -value : value, rest];
  }

  // [value, words used] for a number written out at the start of `list`, or null.
  function numberWords(list, rules) {
    var total = 0, group = 0, used = 0, taken = 0, i = 0;
    while (i < list.length) {
      var pair = list.slice(i, i + 2).join(" "), word, width;
      if (has(rules.number_scales, pair)) { word = pair; width = 2; } else { word = list[i]; width = 1; }
      if (has(rules.number_words, word)) {
        group += rules.number_words[word];
      } else if (rules.number_hundred.indexOf(word) !== -1 && used) {
        group = (group || 1) * 100;
      } else if (has(rules.number_scales, word)) {
        total += (group || 1) * rules.number_scales[word];
        group = 0;
      } else if (rules.number_connectors.indexOf(word) !== -1 && used && i + 1 < list.length) {
        i += 1;
        continue;
      } else {
        break;
      }
      i += width;
      used += 1;
      taken = i;
    }
    return used ? [total + group, taken] : null;
  }

  // parse_quantity: {value, unit, is_unit} for "20 km", "vinte quilómetros", "10 mil soldados"; or null.
  function parseQuantity(text, rules) {
    var read = digitsAndRest(text, rules);
    if (read === null) {
      var list = words(normalizeText(text, rules));
      var written = numberWords(list, rules);
      if (written === null) return null;
      read = [written[0], list.slice(written[1])];
    }
    var value = read[0], rest = read[1].join(" ");
    if (rest.indexOf("de ") === 0 || rest.indexOf("of ") === 0) rest = rest.slice(3);
    if (!rest) return { value: value, unit: null, is_unit: false };
    if (has(rules.unit_forms, rest)) return { value: value, unit: rules.unit_forms[rest], is_unit: true };
    return { value: value, unit: withoutLeadingWords(rest, rules), is_unit: false };
  }

  // read_number: what a number field takes (digits or words, with a unit or none), or null.
  function readNumber(text, rules) {
    var quantity = parseQuantity(text, rules);
    if (quantity === null || (quantity.unit !== null && !quantity.is_unit)) return null;
    return quantity.value;
  }

  function numbersMatch(given, expected, tolerance) {
    return Math.abs(given - expected) <= Math.abs(tolerance) + 1e-9 * Math.max(1, Math.abs(expected));
  }

  function singular(text) {
    return words(text).map(function (w) { return length(w) > 3 && /s$/.test(w) ? w.slice(0, -1) : w; }).join(" ");
  }

  function quantitiesMatch(given, expected, tolerance, language, rules) {
    if (!numbersMatch(given.value, expected.value, tolerance)) return false;
    if (given.unit === null) return true;
    if (expected.unit === null) return given.is_unit;
    if (given.is_unit || expected.is_unit) return given.unit === expected.unit;
    return textMatches(singular(given.unit), singular(expected.unit), language, rules)[0];
  }

  // ---- graders -------------------------------------------------------------------------------

  // credit: the percent of full marks (100 right, 0 wrong, between for partial credit; null self-rated);
  // feedback: the question's word on the answer given, or null.
  function verdict(correct, expected, note, nearMiss, credit, feedback) {
    if (credit === undefined) credit = correct === null ? null : correct ? 100 : 0;
    return { correct: correct, expected: expected, note: note || null, near_miss: !!nearMiss,
      credit: credit, feedback: feedback || null };
  }
  function listed(list, index) { return list && index !== -1 && list[index] !== undefined ? list[index] : null; }

  var CHECKS = {
    self: function (spec) { return verdict(null, spec.expected, "self-rated"); },
    choice: function (spec, given, rules) {
      var normalized = normalizeText(given, rules);
      var index = spec.choices.indexOf(normalized);
      var correct = normalized === spec.answer;
      var credit = correct ? 100 : (listed(spec.credits, index) || 0);
      var feedback = index !== -1 ? listed(spec.feedbacks, index) : correct ? spec.answer_feedback : null;
      return verdict(correct, spec.expected, !spec.choices.length || index !== -1 ? null : "not one of the choices",
        false, credit, feedback);
    },
    truth: function (spec, given, rules) {
      var word = normalizeText(given, rules);
      var value = rules.true_words.indexOf(word) !== -1 ? true : rules.false_words.indexOf(word) !== -1 ? false : null;
      if (value === null) return verdict(false, spec.expected, "expected true or false");
      return verdict(value === (spec.expected === "true"), spec.expected, null, false, undefined,
        spec.feedback ? spec.feedback[value ? "true" : "false"] : null);
    },
    number: function (spec, given, rules) {
      var number = readNumber(given, rules);
      if (number === null) return verdict(false, spec.expected, "not a number");
      return verdict(spec.targets.some(function (t) { return t !== null && numbersMatch(number, t, spec.tolerance); }),
        spec.expected);
    },
    typed: function (spec, given, rules) {
      var normalized = normalizeText(given, rules);
      var quantity = parseQuantity(given, rules);
      var language = spec.language === undefined ? null : spec.language;
      for (var n = 0; n < spec.alternatives.length; n++) {
        var alternative = spec.alternatives[n];
        // Alternatives come most credit first; one without a credit is from a download before partial credit.
        var credit = alternative.credit === undefined ? 100 : alternative.credit;
        var found = function (note, nearMiss) {
          return verdict(credit === 100, spec.expected, note, nearMiss, credit, alternative.feedback);
        };
        if (quantity !== null && alternative.quantity !== null) {
          // "10 mil", "10.000" and "10000" are one answer; "1945" and "1946" are two.
          if (quantitiesMatch(quantity, alternative.quantity, spec.tolerance, language, rules)) return found();
          continue;
        }
        var matched = textMatches(normalized, alternative.text, language, rules);
        if (matched[0]) {
          var typos = matched[1];
          return found(!typos ? null : typos === 1 ? "one typo accepted" : typos + " typos accepted", typos > 0);
        }
        if (alternative.persons.indexOf(normalized) !== -1) return found("same person");
      }
      return verdict(false, spec.expected);
    }
  };

  // A download made before this version of the rules: its answers read as the old pack gave them.
  function upgrade(spec, rules) {
    if (spec.check === "typed" && spec.alternatives.length && spec.alternatives[0].quantity === undefined) {
      spec = Object.assign({}, spec, { alternatives: spec.alternatives.map(function (a) {
        return { text: a.text, persons: [],
          quantity: a.number === null ? null : { value: a.number, unit: null, is_unit: false } };
      }) });
    }
    if (!rules.leading_function_words) {
      rules = Object.assign({ variant_spellings: [], variant_rules: [], variant_rule_exceptions: [], unit_forms: {},
        number_words: {}, number_scales: {}, number_hundred: [], number_connectors: [] },
        rules, { leading_function_words: rules.leading_words });
    }
    return [spec, rules];
  }

  // The verdict on one answer: {correct: true|false|null (self-rated), expected, note, near_miss, credit, feedback}.
  function grade(spec, given, rules) {
    var check = CHECKS[spec.check];
    if (!check) throw new Error("no device grading for " + spec.check);
    var upgraded = upgrade(spec, rules);
    return check(upgraded[0], given === null || given === undefined ? "" : String(given), upgraded[1]);
  }

  window.quizapp = window.quizapp || {};
  window.quizapp.grading = {
    grade: grade, normalizeText: normalizeText, parseQuantity: parseQuantity, readNumber: readNumber
  };
})();
