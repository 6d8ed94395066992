"""Subject, verb and rest of a sentence, and the wh-questions made by moving one part.

Rules, not a parser: a sentence may open with a short adverbial ("Em julho,",
"Segundo a Coreia do Sul,"), then a subject, then the first finite verb.
Anything that does not fit that shape yields no wh-question; cloze and
true/false still cover its facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon, spans as sp

_WORD = re.compile(r"[\w-]+")
_CLITIC = re.compile(r"^(\w+)-(se|lhe|lhes|me|te|nos)$")
_PARTICIPLE = ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas", "ando", "endo", "indo")
# Adverbs that sit between subject and verb and move with the verb.
PRE_VERB = {"pt": {"também", "já", "ainda", "então", "não", "se", "nunca", "só", "apenas"},
             "en": {"also", "already", "still", "then", "not", "never", "only"}}
_PREPOSITIONS = {"de", "da", "do", "das", "dos", "entre", "com", "em", "no", "na", "nos", "nas",
                 "por", "pelo", "pela", "pelos", "pelas", "para", "sobre", "of", "between", "with", "in", "on",
                 "by", "for", "about"}
_SUBORDINATORS = {"depois", "antes", "após", "durante", "quando", "se", "embora", "apesar",
                  "enquanto", "como", "after", "before", "during", "when", "if", "although",
                  "while"}
PREPOSITIONS, SUBORDINATORS = frozenset(_PREPOSITIONS), frozenset(_SUBORDINATORS)
# Plural words after a counted noun that are not its adjectives.
_NOT_ADJECTIVES = {"mais", "menos", "depois", "antes", "apenas", "através", "pelos", "pelas", "às", "aos",
                   "cujos", "cujas", "todos", "todas", "ambos", "ambas", "vezes", "anos", "dias", "meses"}
_LEAD_WORDS = {"há", "segundo", "conforme", "entre", "ontem", "hoje", "amanhã", "agora", "aqui",
               "então", "ainda", "já", "desde", "até", "ao", "pelo", "pela", "nesse", "neste",
               "nessa", "nesta", "em", "de", "na", "no", "ago", "yesterday", "today", "here",
               "since", "until", "according", "at", "in", "on", "last", "this", "earlier"}
_EN_VERB = re.compile(r"^\w+(ed|s)$")
_EN_AUX = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
           "did", "does", "said", "met", "sent", "won", "lost", "built", "made", "took",
           "gave", "went", "came", "saw", "found", "left", "held", "began", "became"}


@dataclass(frozen=True)
class Clause:
    """Offsets in the sentence text: lead adverbial, subject, verb group and the rest."""

    lead: str
    subj_start: int
    verb_start: int
    verb_end: int
    end: int


def _plural_of_lemma(word: str, lang: str) -> bool:
    """A plural noun or adjective: its lemma is the word without its plural ending
    ("nucleares" → "nuclear", "principais" → "principal", "bons" → "bom")."""
    lem = sp.lemma(word, lang)
    return lem in (word[:-1], word[:-2]) or (word.endswith("is") and lem == word[:-2] + "l") or (
        word.endswith("ns") and lem == word[:-2] + "m")


def is_finite_verb(word: str, lang: str) -> bool:
    """A conjugated verb by its lemma (visitou → visitar), never a participle or infinitive."""
    if not word or not word[0].islower():
        return False
    if lang == "en":
        return word in _EN_AUX or (bool(_EN_VERB.match(word)) and sp.lemma(word, "en") != word)
    m = _CLITIC.match(word)
    base = m.group(1) if m else word
    if base in _PREPOSITIONS:
        return False  # "pela" is "by the", whatever the lemmatiser makes of it ("pelar")
    if base.endswith(_PARTICIPLE) or base in ("que", "a", "o", "e", "os", "as", "há"):
        return base == "há"
    lem = sp.lemma(base, lang)
    if base in ("é", "são", "foi", "foram", "era", "está", "estão", "tem", "têm", "vai", "vão"):
        return True
    return lem != base and lem.endswith(("ar", "er", "ir", "or", "ôr"))


def _opens_adverbial(lead: str) -> bool:
    # "Em julho", "Segundo a Coreia do Sul", "A nível cultural" open with a preposition
    # or adverb; "Vyacheslav Volodin" or "A Rússia e a Coreia do Norte" are subjects.
    words = lead.split()
    first = words[0].lower()
    if first in ("a", "à", "the") and len(words) > 1:
        return words[1][:1].islower()
    return first in _PREPOSITIONS or first in _SUBORDINATORS or first in _LEAD_WORDS \
        or first.endswith(("mente", "ly"))


def analyse(text: str, lang: str) -> Clause | None:
    """The clause shape of a sentence, or None when it has no clear subject before a verb."""
    lead = ""
    body_start = 0
    m = re.match(r"^([^,;:“”]{2,80}), ", text)
    if m and len(m.group(1).split()) <= 10 and _opens_adverbial(m.group(1)) and not any(
            is_finite_verb(w, lang) for w in _WORD.findall(m.group(1))):
        lead, body_start = m.group(1), m.end()
    pre = PRE_VERB.get(lang, set())
    for w in _WORD.finditer(text, body_start):
        if w.start() == body_start:
            continue
        if is_finite_verb(w.group(0), lang):
            prev = text[body_start:w.start()].split()
            if prev and prev[-1].lower() in ("o", "a", "os", "as", "um", "uma", "the", "da", "do",
                                             "das", "dos", "na", "no", "nas", "nos", "pela", "pelo",
                                             "ao", "à", "num", "numa"):
                continue  # "A ministra", "dono da construtora": after an article comes a noun
            # "Volodin, presidente da Duma, a câmara baixa do…": inside an appositive,
            # a word after "article + noun" is an adjective, not the verb.
            if len(prev) >= 2 and "," in text[body_start:w.start()] and prev[-1].islower() \
                    and prev[-2].lower() in ("o", "a", "os", "as", "the"):
                continue
            vs = w.start()
            # Pull adverbs and a proclitic "se" in front of the verb into the verb group.
            before = text[body_start:vs].rstrip(", ").split(" ")
            while before and before[-1] in pre:
                vs = text.rindex(before[-1], body_start, vs)
                before.pop()
            if vs <= body_start:
                return None
            # "Pyongyang e Moscovo, que partilham…": the verb found belongs to a
            # relative clause; the main verb is further on and rules cannot tell which.
            if re.search(r"\b(que|which|who|that)\b", text[body_start:vs]):
                return None
            # "Depois de Putin e Kim se terem reunido…": a subordinate clause, not a subject.
            first = text[body_start:vs].split(" ")[0].lower()
            if first in _PREPOSITIONS or first in _SUBORDINATORS:
                return None
            end = len(text.rstrip(".!?;"))
            return Clause(lead, body_start, vs, w.end(), end)
    return None


def _truncate(rest: str, lang: str = "pt") -> str:
    # "então" ties to the sentence before, "hoje" to the day the article ran.
    rest = re.sub(r" (?:então|then|hoje|ontem|today|yesterday)\b", "", rest)
    # The first comma usually closes the core of the predicate; what follows is
    # elaboration ("…, como parte do…", "…, que fortaleceu…").
    cut = rest.split(", ")[0]
    cut = cut if len(cut.split()) >= 2 else rest.split(". ")[0]
    if cut != rest and re.search(r"\b(que|that)\b", cut):
        return ""  # "anunciou que o ministro…" cut mid-clause would be no question at all
    # "… foram mortos e milhares ficaram feridos": a second clause asks a second question.
    for m in re.finditer(r" (?:e|and) ", cut):
        if any(is_finite_verb(w, lang) for w in _WORD.findall(cut[m.end():])[:3]):
            if re.search(r"\b(?:que|that)\s+\S+$", cut[:m.start()]):
                return ""  # "alegou que Putin e Kim estavam …": the "e" joins the subject, not clauses
            return cut[:m.start()]
    return cut


def verb_group(text: str, c: Clause, lang: str, interrogative: bool) -> str:
    """The verb group, with an enclitic moved before the verb after a question word (pt)."""
    group = text[c.verb_start:c.verb_end]
    if lang == "pt" and interrogative:
        words = group.split(" ")
        m = _CLITIC.match(words[-1])
        if m:
            words[-1] = f"{m.group(2)} {m.group(1)}"
        # "então", "também" tie the sentence to the one before; a question stands alone.
        group = " ".join(w for w in words if w not in ("então", "também", "já"))
    return group


def subject_text(text: str, c: Clause, spans: list[sp.Span]) -> str:
    """The subject without appositives: "Vyacheslav Volodin, presidente da…," → the name."""
    subj = text[c.subj_start:c.verb_start].strip().rstrip(",")
    if "," in subj:
        names = [s for s in spans if c.subj_start <= s.start < c.verb_start
                 and s.kind in sp.ENTITY_KINDS]
        people = [s for s in names if s.kind == sp.PERSON]
        if people or names:
            head = (people or names)[0]
            det = text[c.subj_start:head.start].strip()
            # "A Assembleia da República, o parlamento, aprovou": the name keeps its article.
            return f"{det} {head.key}" if det.lower() in ("o", "a", "os", "as", "the") else head.key
    return subj


def _lower_first(s: str, keep: set[str], lang: str) -> str:
    # Only a sentence-initial common word loses its capital; names keep theirs.
    first = s.split(" ")[0]
    if any(s.startswith(k) for k in keep) or not sp.is_known(first.lower(), lang) and \
            first[:1].isupper():
        return s
    return s[:1].lower() + s[1:]


def _attribution(c: Clause, lex: lexicon.Lexicon, body: str = "") -> str:
    low = c.lead.lower()
    for a in lex.leading_attribution:
        if low.startswith(a):
            lead = c.lead[:1].lower() + c.lead[1:]
            if a in body.lower():
                # "… “de acordo com o planeado”, de acordo com a Sputnik": say it the other way.
                other = lex.words["according"]
                if other in body.lower() or other == a:
                    return ""
                lead = other + lead[len(a):]
            return ", " + lead
    return ""


def wh_subject(text: str, c: Clause, span: sp.Span, lex: lexicon.Lexicon, word: str) -> str | None:
    """ "Quem visitou a Coreia do Norte?" when `span` is the subject."""
    subj = text[c.subj_start:c.verb_start]
    if not (c.subj_start <= span.start < c.verb_start):
        return None
    # The span must be the head of the subject, not a noun inside it ("a relação entre a Rússia…").
    before, after = text[c.subj_start:span.start], text[span.end:c.verb_start]
    if not (before.endswith(", ") or not any(w in _PREPOSITIONS for w in before.lower().split())):
        return None
    if after.strip() and not after.lstrip().startswith(","):
        return None
    if after.strip() == "," and not before.endswith(", "):
        return None  # "The Gutenberg Bible, printed around 1455, was …": the verb after the comma describes it
    verb = text[c.verb_start:c.verb_end].split(" ")[-1].split("-")[0]
    if lex.lang == "pt" and verb.endswith(("am", "em", "ão")) and verb not in ("tem", "vem"):
        return None  # a plural verb: "Que país afirmam…" would not agree
    # A compound subject ("Putin e Kim") would ask for two answers.
    if re.search(r"\b(e|and)\b", subj.split(",")[0]) and span.kind == sp.PERSON:
        return None
    rest = _truncate(text[c.verb_end:c.end], lex.lang)
    if not rest:
        return None
    vg = verb_group(text, c, lex.lang, True)
    if lex.lang == "pt":
        vg, rest = _simple_past(vg, rest)
    return f"{word} {vg}{rest}{_attribution(c, lex, rest)}?"


def _simple_past(vg: str, rest: str) -> tuple[str, str]:
    """ "Quem havia elogiado X?" → "Quem elogiou X?": the pluperfect leans on an earlier event."""
    m = re.match(r"^ (\w+(?:ado|ido))\b", rest)
    if vg in ("havia", "tinha", "haviam", "tinham") and m:
        plural = vg.endswith("m")
        part = m.group(1)
        past = part[:-3] + (("aram" if plural else "ou") if part.endswith("ado") else
                            ("iram" if plural else "iu"))
        return past, rest[m.end():]
    return vg, rest


def wh_adjunct(text: str, c: Clause, span: sp.Span, spans: list[sp.Span],
               lex: lexicon.Lexicon, word: str, keep_names: set[str]) -> str | None:
    """ "Quando Vyacheslav Volodin visitou a Coreia do Norte?": the span is removed from the clause."""
    lo, hi = span.phrase or (span.start, span.end)
    # The phrase includes its preposition ("em Pequim"); dates carry theirs already.
    m = re.search(r"\b(em|no|na|nos|nas|in|at|on)\s+$", text[:lo])
    if m and span.kind != sp.DATE:
        lo = m.start()
    if span.kind == sp.DATE and re.search(r"\b(de|para|até|of|for|until)\s+$", text[:lo]):
        return None  # "o acordo de 2024", "para 2027": not when the clause happened
    in_lead = c.lead and lo < c.subj_start
    if span.kind != sp.DATE and c.subj_start < lo and hi <= c.verb_start and text[hi:c.verb_start].strip() == "" \
            and not any(o.kind == span.kind and o is not span for o in spans):
        # "uma exposição de arte em Moscovo celebrou …": the place closes the subject.
        subj = _lower_first(text[c.subj_start:lo].strip(), keep_names, lex.lang)
        rest = _truncate(text[c.verb_end:c.end], lex.lang).rstrip(" ,")
        if not rest or len(subj.split()) < 2:
            return None
        return f"{word} {subj} {verb_group(text, c, lex.lang, True)}{rest}{_attribution(c, lex, rest)}?"
    if not in_lead:
        between = text[c.verb_end:lo]
        # In a "que" clause or a second coordinated clause the date belongs to another event.
        if re.search(r"\b(que|that|which|onde|where)\b", between) or any(
                is_finite_verb(w, lex.lang) for w in _WORD.findall(between)):
            return None
    same_kind = [o for o in spans if o.kind == span.kind and o is not span and not o.relative]
    if same_kind:
        return None  # two dates or two places: the question would have two answers
    if not in_lead and not (c.verb_end <= lo):
        return None
    subj = subject_text(text, c, spans)
    vg = verb_group(text, c, lex.lang, True)
    rest = text[c.verb_end:c.end]
    if not in_lead:
        a, b = lo - c.verb_end, hi - c.verb_end
        left, right = rest[:a].rstrip(), rest[b:]
        if right.startswith(",") and (left.endswith(",") or not left):
            right = right[1:]
        left = left.rstrip(",") if not right.startswith(",") and left.endswith(",") else left
        rest = re.sub(r"\s+", " ", f"{left}{'' if right.startswith(',') else ' '}{right.lstrip()}")
        rest = rest.rstrip()
    rest = _truncate(rest, lex.lang).rstrip(" ,")
    if not rest:
        return None
    if not rest.startswith(" ") and rest:
        rest = " " + rest
    subj = _lower_first(subj, keep_names, lex.lang)
    attribution = "" if in_lead else _attribution(c, lex, rest)
    return f"{word} {subj} {vg}{rest}{attribution}?".replace("  ", " ")


# Units of measure a thing has ("uma fronteira de vinte quilómetros"), not counts of things.
_MEASURES = frozenset("""quilómetros quilometros km metros centímetros milímetros hectares
    quilos toneladas litros""".split())
_MEASURED = re.compile(r"^(?P<art>um|uma) (?P<np>[a-zà-ÿ-]+(?: [a-zà-ÿ-]+){0,3}) de"
                       r"(?: cerca de| quase| aproximadamente| mais de| menos de)?$")


def how_many(text: str, c: Clause, span: sp.Span, spans: list[sp.Span],
             lex: lexicon.Lexicon, keep_names: set[str]) -> str | None:
    """ "Quantos soldados a Coreia do Norte enviou …?" for a number with a unit."""
    if not span.unit or span.unit in ("%", *sp.CLOZE_ONLY) or not span.phrase:
        return None
    lo, hi = span.phrase
    unit = span.unit
    # "postos de trabalho", "toneladas de mercadorias": the unit's own complement goes with it.
    compound = re.match(r" (?:de|of) ([a-zà-ÿ-]{3,})(?=[ ,.;]|$)", text[hi:])
    if compound and not is_finite_verb(compound.group(1), lex.lang):
        unit = f"{unit} {text[hi:hi + compound.end()].strip()}"
        hi += compound.end()
    # "testes nucleares": the unit's adjectives go with it, or they dangle after the verb.
    while (adj := re.match(r" ([a-zà-ÿ-]{3,}s)(?=[ ,.;]|$)", text[hi:])) and lex.lang == "pt" \
            and adj.group(1) not in _PREPOSITIONS and adj.group(1) not in _NOT_ADJECTIVES \
            and _plural_of_lemma(adj.group(1), lex.lang):
        unit = f"{unit} {adj.group(1)}"
        hi += adj.end()
    if lex.lang == "pt":
        head = unit.split()[0]
        fem = head in lex.feminine_plurals or head.endswith(("ções", "ões", "dades", "as"))
        word = lex.words["how_many_f" if fem else "how_many_m"]
    else:
        word = lex.words["how_many_m"]
    tail_after_unit = text[hi:c.end]
    if c.subj_start <= lo < c.verb_start and text[c.subj_start:lo].strip() == "":
        rest = _truncate(tail_after_unit, lex.lang)
        if not rest:
            return None
        return f"{word} {unit}{rest}{_attribution(c, lex, rest)}?"
    if lo >= c.verb_end:
        subj = _lower_first(subject_text(text, c, spans), keep_names, lex.lang)
        vg = verb_group(text, c, lex.lang, True)
        middle = text[c.verb_end:lo].strip()
        measured = _MEASURED.match(middle)
        if measured and lex.lang == "pt" and span.unit in _MEASURES:
            # "partilham uma pequena fronteira de cerca de vinte quilómetros no Extremo Oriente" →
            # "Quantos quilómetros tem a pequena fronteira que … partilham no Extremo Oriente?"
            rest = _truncate(tail_after_unit, lex.lang).rstrip(" ,")
            art = "a" if measured.group("art") == "uma" else "o"
            if "-" in vg or not measured.group("np").strip():
                return None
            return (f"{word} {span.unit} tem {art} {measured.group('np')} que {subj} {vg}{rest}"
                    f"{_attribution(c, lex, rest)}?").replace("  ", " ")
        # Only a number right after its verb is its object ("enviou quase 10 mil soldados");
        # further on it belongs to some other phrase and moving it garbles the question.
        if len(middle.split()) > 2 or "," in middle:
            return None
        if middle and middle.split()[-1].lower() in _PREPOSITIONS | {"a", "durante", "até", "to"}:
            return None  # "chegou a 120 casos", "durante quatro horas": no object to ask "Quantos" of
        rest = _truncate(tail_after_unit, lex.lang)
        # "tem 300 camas e serve a região": the second clause is another fact, not part of this one.
        if not rest and tail_after_unit.strip() and not re.match(r"^ (?:e|and) \w+", tail_after_unit):
            return None
        core = f"{subj} {vg}" + (f" {middle}" if middle else "")
        return f"{word} {unit} {core}{rest}{_attribution(c, lex, core + rest)}?".replace("  ", " ")
    return None


def without_connective(text: str, lex: lexicon.Lexicon) -> tuple[str, int]:
    """The sentence without an opening that points back into the article ("Na altura, …").

    Returns the new text and how many leading chars were cut, so spans can shift.
    """
    m = re.match(r"^([^,;:“”]{2,40}), ", text)
    if not m:
        return text, 0
    lead = m.group(1).lower()
    words = set(re.findall(r"\w+", lead))
    known = any(lead.startswith(c) for c in lex.connectives)
    if not known and (len(words) > 5 or any(is_finite_verb(w, lex.lang) for w in words)):
        return text, 0
    if known or words & lex.context_words:
        rest = text[m.end():]
        return rest[:1].upper() + rest[1:], m.end()
    return text, 0
