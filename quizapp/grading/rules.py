"""The tables behind lenient grading, as plain data.

Everything here is JSON-friendly (strings, numbers, lists, dicts) so the same rules can be handed
to a browser that grades offline (:data:`quizapp.grading.RULES`). Words are written the way
:func:`quizapp.grading.text.normalize_text` leaves them: lower case, no accents, no punctuation.
"""

# Words of six letters or more may carry one typo; shorter ones ("cat"/"cut") would accept other words.
TYPO_MIN_LENGTH = 6

# Articles and prepositions that may open an answer without changing it: "no final de abril" is
# answered by "final de abril", "os Estados Unidos" by "Estados Unidos".
LEADING_FUNCTION_WORDS = (
    "o a os as um uma uns umas no na nos nas em de do da dos das ao aos pelo pela "
    "the a an in on at of"
).split()

# ---- European and Brazilian Portuguese spellings ----------------------------------------------
# Most pairs differ by a silent consonant (acção/ação, facto/fato, óptimo/ótimo, receção/recepção)
# or only by an accent (económico/econômico, which normalising already ignores). The consonant
# rule reduces both spellings to one form: a "c" or "p" after a vowel and before "c" (ç) or "t" is
# dropped, and "mn" becomes "n" (amnistia/anistia). Applied to Portuguese answers only: in English
# it would make "fat" of "fact".
VARIANT_RULES = [
    [r"([aeiou])[cp](?=[ct])", r"\1"],
    [r"mn", "n"],
]

# Words whose consonant is sounded on both sides of the Atlantic, so that dropping it names
# another word (pacto/pato, apto/ato, rapto/rato): the rule leaves them as they are.
VARIANT_RULE_EXCEPTIONS = ["pacto", "apto", "rapto", "cacto", "faccao", "compacto", "impacto"]

# Pairs no rule covers: European spelling first, Brazilian second. Both count, either way round.
VARIANT_SPELLINGS = [
    ["moscovo", "moscou"],
    ["irao", "ira"],
    ["teerao", "teera"],
    ["amesterdao", "amsterda"],
    ["roterdao", "roterda"],
    ["vietname", "vietna"],
    ["singapura", "cingapura"],
    ["nova iorque", "nova york"],
    ["bahrein", "barein"],
    ["registo", "registro"],
    ["registos", "registros"],
    ["equipa", "equipe"],
    ["equipas", "equipes"],
    ["biliao", "bilhao"],
    ["humido", "umido"],
    ["connosco", "conosco"],
    ["catorze", "quatorze"],
    ["dezasseis", "dezesseis"],
    ["dezassete", "dezessete"],
    ["dezanove", "dezenove"],
    ["planeamento", "planejamento"],
]

# ---- people's names -------------------------------------------------------------------------
# Lower-case words that may stand inside a person's name ("Luiz Inácio Lula da Silva").
NAME_PARTICLES = ["da", "das", "de", "do", "dos", "di", "du", "van", "von", "der", "den", "bin", "ibn", "al", "el"]
# A name is two to five capitalised words, particles not counted.
NAME_MAX_WORDS = 5

# ---- numbers --------------------------------------------------------------------------------
# Words that scale a number written in digits ("10 mil", "2,5 milhões", "3 thousand", "1.5k").
MULTIPLIERS = {
    "k": 1e3, "mil": 1e3, "thousand": 1e3, "thousands": 1e3, "milhar": 1e3, "milhares": 1e3,
    "mi": 1e6, "milhao": 1e6, "milhoes": 1e6, "million": 1e6, "millions": 1e6, "mm": 1e6,
    "bi": 1e9, "bilhao": 1e9, "bilhoes": 1e9, "billion": 1e9, "billions": 1e9,
    "mil milhoes": 1e9,  # European Portuguese "thousand million"
}

# Numbers written out: values of single words, "hundred" multiplies what precedes it, scales
# close a group ("dois mil e quinhentos", "twenty-five", "one hundred and five").
NUMBER_WORDS = {
    "zero": 0, "um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5,
    "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13,
    "catorze": 14, "quatorze": 14, "quinze": 15, "dezasseis": 16, "dezesseis": 16,
    "dezassete": 17, "dezessete": 17, "dezoito": 18, "dezanove": 19, "dezenove": 19,
    "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "setenta": 70,
    "oitenta": 80, "noventa": 90, "cem": 100, "cento": 100, "duzentos": 200, "duzentas": 200,
    "trezentos": 300, "trezentas": 300, "quatrocentos": 400, "quatrocentas": 400,
    "quinhentos": 500, "quinhentas": 500, "seiscentos": 600, "seiscentas": 600,
    "setecentos": 700, "setecentas": 700, "oitocentos": 800, "oitocentas": 800,
    "novecentos": 900, "novecentas": 900,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
NUMBER_HUNDRED = ["hundred"]
NUMBER_SCALES = {
    "mil": 1e3, "thousand": 1e3, "milhao": 1e6, "milhoes": 1e6, "million": 1e6,
    "bilhao": 1e9, "bilhoes": 1e9, "billion": 1e9, "mil milhoes": 1e9,
}
NUMBER_CONNECTORS = ["e", "and"]

# Units, each with the singular forms that name it; plurals (+s, +es, -l +is) are derived.
# A number with a unit matches the same number with any form of that unit, or with none.
UNITS = {
    "km": ["km", "quilometro", "kilometro", "kilometre", "kilometer"],
    "m": ["m", "metro", "metre", "meter"],
    "cm": ["cm", "centimetro", "centimetre", "centimeter"],
    "mm": ["milimetro", "millimetre", "millimeter"],
    "km/h": ["km h", "kmh", "kph", "quilometro por hora", "quilometros por hora", "kilometre per hour",
             "kilometres per hour", "kilometer per hour", "kilometers per hour"],
    "mile": ["milha", "mile"],
    "kg": ["kg", "quilo", "kilo", "quilograma", "kilograma", "kilogram", "kilogramme"],
    "g": ["g", "grama", "gram", "gramme"],
    "t": ["t", "tonelada", "ton", "tonne"],
    "l": ["l", "litro", "litre", "liter"],
    "ml": ["ml", "mililitro", "millilitre", "milliliter"],
    "ha": ["ha", "hectare"],
    "km2": ["km2", "quilometro quadrado", "quilometros quadrados", "square kilometre", "square kilometer",
            "square kilometres", "square kilometers"],
    "s": ["s", "seg", "sec", "segundo", "second"],
    "min": ["min", "minuto", "minute"],
    "h": ["h", "hr", "hora", "hour"],
    "day": ["dia", "day"],
    "week": ["semana", "week"],
    "month": ["mes", "month"],
    "year": ["ano", "year", "yr"],
    "century": ["seculo", "century", "centuries"],
    "percent": ["percent", "por cento", "per cent", "pct"],
    "degree": ["grau", "degree", "graus celsius", "degrees celsius", "celsius"],
    "euro": ["euro", "eur"],
    "dollar": ["dolar", "dolares", "dollar", "usd"],
    "real": ["real", "reais", "brl"],
}

# ---- true or false --------------------------------------------------------------------------
TRUE_WORDS = ["true", "t", "verdadeiro", "verdadeira", "v", "yes", "y", "sim", "s", "1", "certo"]
FALSE_WORDS = ["false", "f", "falso", "falsa", "no", "n", "nao", "0", "errado"]
