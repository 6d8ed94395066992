"""Page furniture found as spans inside a line: teasers, bylines, photo credits, share buttons, ads.

News pages pasted as one paragraph carry their furniture inline ("… em 2027. + Leia também Câmara
pede metro A ponte terá …"), so a rule that drops whole lines would drop the article with it.  Each
rule here finds where a piece of furniture starts; a teaser's headline has no final stop, so it
ends where the next sentence visibly begins: a capitalised opener ("A", "O", "The") or a stop.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from . import lexicon

# A whole line that is only furniture by the language's line rules is dropped only when it is
# this short; a longer line matching a line rule ("Publicidade As obras …") keeps its text.
LINE_RULE_MAX_WORDS = 15
# A teaser headline longer than this without a visible end is not cut: only its marker goes.
_HEADLINE_MAX_WORDS = 25
_WORD = re.compile(r"\S+")
_END = (".", "!", "?", "…")


@dataclass(frozen=True)
class Rule:
    """One kind of furniture: where it starts, and whether a headline or a name follows."""

    pattern: re.Pattern
    # "exact": the match is the furniture; "headline": a headline or a name list follows it.
    extent: str = "exact"


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    # Capitalised words that open a sentence but (almost) never sit inside a headline or a name.
    openers: frozenset[str]


_CAP = r"[A-ZÀ-Ý]"
# Furniture stands between sentences: at a line's start or after a stop or closing quote.
_BETWEEN = r"(?:^|(?<=[.!?…”\"')]\s)|(?<=[.!?…”\"')]))\s*"
_NETWORKS_PT = r"(?:Facebook|Twitter|X|WhatsApp|Whatsapp|LinkedIn|Telegram|E-?mail|Messenger|Pinterest|Flipboard)"
_AGENCIES = r"(?:AFP|EFE|REUTERS|Reuters|Lusa|LUSA|AP|ANSA|DPA|dpa|EPA|Getty Images|Agência Brasil|Folhapress|Estadão Conteúdo)"


def _rules(*specs: tuple[str, str]) -> tuple[Rule, ...]:
    return tuple(Rule(re.compile(p), extent) for p, extent in specs)


PT = Rules(
    rules=_rules(
        # "+ Leia também …", "• Veja mais: …", "Leia também: …"
        (_BETWEEN + r"(?:[+•►▶■*]+\s*|[-–—]\s+)?(?:[Ll]eia|[Vv]eja|[Ss]aiba|[Aa]ssista|[Oo]uça|[Cc]onfira)"
         r" (?:também|mais|ainda)\b:?", "headline"),
        # "+++ Análise: …", "++ Opinião …"
        (_BETWEEN + r"\+{1,3}\s*(?:[A-ZÀ-Ý][\wÀ-ÿ]+)(?:\s*:)?", "headline"),
        (_BETWEEN + r"(?:Continua|Continue a ler|Continua a ler) (?:após a|depois da) publicidade\b", "exact"),
        (_BETWEEN + r"(?:Publicidade|PUBLICIDADE)(?=\s+[A-ZÀ-Ý“\"]|\s*$)", "exact"),
        # Bylines open a line: "Por Rita Sequeira / Lusa", "Por Juliana Tavares, de Porto Alegre".
        (r"^(?:Por|Texto de|Reportagem de) (?=" + _CAP + r"[\w'-]+,?\s+(?:d[aeo]s?\s+)?" + _CAP + r")", "headline"),
        (r"(?:^|(?<=\s))\(?(?:Fotos?|Fotografias?|Imagem|Imagens|Créditos?|Crédito da imagem|Vídeo)\s*:\s*", "headline"),
        (r"(?:^|(?<=\s))(?:Partilhar|Compartilhar|Partilhe|Compartilhe)(?:\s+(?:no|na|em|via|por))?\s*:?"
         r"(?:\s+" + _NETWORKS_PT + r")+", "exact"),
        (r"(?:^|(?<=\s))(?:Copiar (?:o )?link|Imprimir|Enviar por e-?mail)(?=\s|$)", "exact"),
        (_BETWEEN + r"(?:Siga-nos|Siga o \w+|Subscreva a (?:nossa )?newsletter|Assine a (?:nossa )?newsletter|"
                    r"Clique aqui|Veja o vídeo|Veja as fotos|Ouça o podcast)\b", "headline"),
        # "… em 1966. / AFP, REUTERS e EFE", "Com Lusa" and "(Lusa)" closing a paragraph.
        (r"(?<=[.!?”\"])\s*(?:Com (?:a )?(?:Lusa|agências|AFP|Reuters|EFE))\.?\s*$", "exact"),
        (r"\s*/\s*" + _AGENCIES + r"(?:\s*(?:,|e|/)\s*" + _AGENCIES + r")*\s*$", "exact"),
        (r"\s*\(" + _AGENCIES + r"(?:/" + _AGENCIES + r")*\)\s*$", "exact"),
    ),
    openers=frozenset("""A O As Os Um Uma Uns Umas Em No Na Nos Nas Para Segundo De Do Da Dos Das
        Este Esta Estes Estas Esse Essa Isto Isso Cerca Mas Durante Depois Apesar Com Ao Aos
        Até Hoje Ontem Amanhã Quando Se Ele Ela Eles Elas Também Já Ainda Contudo Porém
        Entretanto Assim Desde""".split()),
)

EN = Rules(
    rules=_rules(
        (_BETWEEN + r"(?:[+•►▶■*]+\s*|[-–—]\s+)?(?:[Rr]ead|[Ss]ee|[Ww]atch|[Ll]isten) (?:also|more|next)\b:?",
         "headline"),
        (_BETWEEN + r"(?:[+•►▶■*]+\s*)?(?:Related|RELATED)\s*:", "headline"),
        (_BETWEEN + r"\+{1,3}\s*(?:[A-Z][\w]+)(?:\s*:)?", "headline"),
        (_BETWEEN + r"(?:Story continues below advertisement|Continue reading below)\b", "exact"),
        (_BETWEEN + r"(?:Advertisement|ADVERTISEMENT)(?=\s+[A-Z“\"]|\s*$)", "exact"),
        (r"^By (?=[A-Z][\w'-]+\s+[A-Z])", "headline"),
        (r"(?:^|(?<=\s))\(?(?:Photos?|Image|Credit|Picture)\s*:\s*", "headline"),
        (r"(?:^|(?<=\s))(?:Share|Share this)(?:\s+(?:on|via))?\s*:?(?:\s+" + _NETWORKS_PT + r")+", "exact"),
        (r"(?:^|(?<=\s))(?:Copy link|Print|Email this)(?=\s|$)", "exact"),
        (_BETWEEN + r"(?:Follow us on|Sign up for|Subscribe to|Click here|Watch the video)\b", "headline"),
        # Reuters' and AP's closing credits.
        (r"(?<=[.!?”\"])\s*(?:\(?(?:Reporting|Additional reporting|Writing|Editing) by [^.()]*?\)?)"
         r"(?:\s*;\s*(?:Additional reporting|Writing|Editing) by [^.();]*)*\)?\.?\s*$", "exact"),
        (r"\s*/\s*" + _AGENCIES + r"(?:\s*(?:,|and|/)\s*" + _AGENCIES + r")*\s*$", "exact"),
        (r"\s*\(" + _AGENCIES + r"(?:/" + _AGENCIES + r")*\)\s*$", "exact"),
    ),
    openers=frozenset("""The A An In On At It He She They We This These That Those According But
        After Before For During Its His Her Their There When While However Meanwhile Today
        Yesterday""".split()),
)

RULES = {"pt": PT, "en": EN}


def _headline_end(line: str, start: int, rules: Rules) -> int:
    """Where a teaser's headline (or a byline's names) that begins at `start` ends."""
    # Only the next few words can belong to it: reading further would make one long paragraph
    # with many teasers quadratic.
    words = list(itertools.islice(_WORD.finditer(line, start), _HEADLINE_MAX_WORDS + 1))
    for i, w in enumerate(words):
        if i >= _HEADLINE_MAX_WORDS:
            return start
        word = w.group()
        if i > 0:
            prev = words[i - 1].group()
            if word in rules.openers and not prev.endswith(":"):
                return words[i - 1].end()
            if prev.endswith(_END) and word[:1].isupper():
                return words[i - 1].end()
        if word.endswith(_END) and i + 1 == len(words):
            return w.end()
    return words[-1].end() if words else len(line)


def spans(line: str, lang: str = "pt") -> list[tuple[int, int]]:
    """The furniture in one line as sorted, non-overlapping (start, end) offsets."""
    lex = lexicon.get(lang)
    rules = RULES[lex.lang]
    if len(line.split()) <= LINE_RULE_MAX_WORDS and any(p.search(line) for p in lex.furniture):
        return [(0, len(line))]
    found: list[tuple[int, int]] = []
    for rule in rules.rules:
        for m in rule.pattern.finditer(line):
            end = m.end()
            if rule.extent == "headline":
                end = max(end, _headline_end(line, m.end(), rules))
            if end > m.start():
                found.append((m.start(), end))
    found.sort()
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
