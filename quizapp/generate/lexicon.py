"""Per-language word lists: the small gazetteers and patterns every stage reads.

No model for Portuguese named entities ships on the package index, so the
generator types spans with these lists plus rules (a title before a name makes
a person, "em" before a name makes a place).  Each list is short and generic on
purpose: it names kinds of things news text uses, not facts of any one article.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import re


@dataclass(frozen=True)
class Lexicon:
    lang: str
    months: tuple[str, ...]
    # Words for time of day/week that make a date relative to the article, not a fact.
    relative_dates: tuple[str, ...]
    number_words: dict[str, int]
    multipliers: dict[str, int]
    # Words before a number that say it is approximate: they widen numeric tolerance.
    approx: tuple[str, ...]
    titles: frozenset[str]
    org_words: frozenset[str]
    countries: frozenset[str]
    cities: frozenset[str]
    aliases: tuple[frozenset[str], ...]
    connectors: frozenset[str]
    determiners: frozenset[str]
    # Words that point back into the article: a prompt holding one is not self-contained.
    context_words: frozenset[str]
    opinion_words: frozenset[str]
    furniture: tuple[re.Pattern, ...]
    leading_attribution: tuple[str, ...]
    feminine_plurals: frozenset[str]
    abbreviations: frozenset[str]
    decimal_comma: bool
    words: dict[str, str] = field(default_factory=dict)
    # Sentence openings that tie a sentence to the one before; dropped from statements.
    connectives: tuple[str, ...] = ()
    # Verbs that report what someone said: with a quotation, the sentence is an opinion.
    saying_verbs: frozenset[str] = frozenset()
    # A dateline opening the first paragraph: "Viseu, 3 mar 2026 (Lusa) - ".
    dateline: re.Pattern | None = None
    # Kinds of named things a text introduces before the name: "a agência de notícias russa Sputnik".
    kind_nouns: frozenset[str] = frozenset()


_PT_MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
              "agosto", "setembro", "outubro", "novembro", "dezembro")
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
              "august", "september", "october", "november", "december")

_PT_FURNITURE = (
    r"^(histórias|notícias|artigos|conteúdos?) (recomendad|relacionad)",
    r"^lista de \d+ ite",
    r"fim da lista$",
    r"^[•►▶■\-–—*]\s*(leia|veja|saiba|assista|ouça)",
    r"^(leia|veja|saiba|assista) (também|mais)",
    r"^(lançado|publicado|atualizado|actualizado|editado|modificado)( em| a| às| há)? \d",
    r"^\d{1,2}/\d{1,2}/\d{2,4}( \d{1,2}[h:]\d{2})?( - | · )?(atualizado|actualizado)?",
    r"^(por|texto de|reportagem de|fotos?:?|imagem:?) [A-ZÀ-Ý][\w.]+( [A-ZÀ-Ý][\w.]+)*$",
    r"^(publicidade|partilhe|compartilhe|comentários|subscreva|assine)\b",
    r"^\w+-feira, \d",
    r"^\d{1,2} de \w+ de \d{4}",
)
_EN_FURNITURE = (
    r"^(recommended|related) (stories|articles|content)",
    r"^list of \d+ items",
    r"end of list$",
    r"^[•►▶■\-–—*]\s*(read|see|watch|listen)",
    r"^(read|see) (also|more)",
    r"^(published|updated|posted|launched)( on| at)? \d",
    r"^(published|updated|posted) \d+ (minutes?|hours?|days?) ago",
    r"^by [A-Z][\w.]+( [A-Z][\w.]+)*$",
    r"^(advertisement|share this|comments|subscribe)\b",
)

PT = Lexicon(
    lang="pt",
    months=_PT_MONTHS,
    relative_dates=("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira",
                    "sexta-feira", "sábado", "domingo", "ontem", "hoje", "amanhã"),
    number_words={"um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4,
                  "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
                  "onze": 11, "doze": 12, "treze": 13, "catorze": 14, "quatorze": 14, "quinze": 15,
                  "dezasseis": 16, "dezesseis": 16, "dezassete": 17, "dezessete": 17, "dezoito": 18,
                  "dezanove": 19, "dezenove": 19, "vinte": 20, "trinta": 30, "quarenta": 40,
                  "cinquenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80, "noventa": 90,
                  "cem": 100, "cento": 100},
    multipliers={"mil": 1000, "milhão": 10**6, "milhões": 10**6,
                 "bilhão": 10**9, "bilhões": 10**9, "mil milhões": 10**9},
    approx=("quase", "cerca de", "aproximadamente", "perto de", "mais de",
            "menos de", "pelo menos", "mais de", "até"),
    titles=frozenset("""presidente ministro ministra líder diplomata chefe primeiro-ministro
        primeira-ministra secretário secretária governador governadora prefeito prefeita
        treinador treinadora jogador jogadora avançado médio guarda-redes capitão
        deputado deputada senador senadora rei rainha príncipe papa general comandante
        porta-voz diretor diretora director directora investigador investigadora
        cientista professor professora autarca presidenta vice-presidente embaixador
        embaixadora chanceler ditador empresário empresária fundador fundadora
        economista analista juiz juíza procurador procuradora ator atriz cantor cantora
        escritor escritora realizador atleta ciclista nadador nadadora piloto
        responsável coordenador coordenadora autor autora astronauta médico médica
        meteorologista bastonário bastonária advogado advogada vereador vereadora reitor reitora
        inspetor inspetora comissário comissária enfermeiro enfermeira engenheiro engenheira
        arquiteto arquiteta epidemiologista""".split()),
    org_words=frozenset("""conselho parlamento duma ministério banco universidade instituto
        partido comissão agência assembleia tribunal governo câmara federação clube
        associação sindicato empresa grupo fundação câmara kremlin nato otan onu fmi
        bce ue unesco unicef oms fifa uefa sputnik reuters lusa sporting benfica porto
        autoridade direção direcção serviço polícia exército marinha força forças
        museu hospital escola liga companhia sociedade observatório laboratório
        agência ong press union news times post agency council institute foundation
        corporation international""".split()),
    countries=frozenset("""Portugal Brasil Espanha França Alemanha Itália Rússia Ucrânia China
        Japão Índia EUA Inglaterra Canadá México Argentina
        Chile Colômbia Peru Venezuela Angola Moçambique Guiné-Bissau
        Timor-Leste Irão Irã Iraque Israel
        Síria Turquia Egito Egipto Marrocos Argélia Nigéria Austrália
        Bielo-Rússia Bielorrússia Polónia Polônia Suécia Noruega Finlândia Dinamarca
        Holanda Bélgica Suíça Áustria Grécia Irlanda Escócia Hungria
        Roménia Romênia Bulgária Sérvia Croácia Cuba Paquistão Afeganistão Vietname
        Vietnã Tailândia Indonésia Filipinas Catar Qatar Líbano
        Palestina Cazaquistão Mongólia Taiwan Geórgia Arménia Azerbaijão""".split()) | frozenset(
        ["Estados Unidos", "Reino Unido", "Cabo Verde", "Coreia do Norte",
         "Coreia do Sul", "África do Sul", "Países Baixos", "Arábia Saudita",
         "São Tomé e Príncipe"]),
    cities=frozenset("""Lisboa Porto Coimbra Braga Faro Funchal Madrid Paris Londres Berlim
        Roma Moscou Moscovo Kiev Kyiv Pequim Tóquio Seul Pyongyang Washington
        Bruxelas Genebra Luanda Maputo Brasília Minsk
        Aveiro Setúbal Évora Leiria Viseu Guimarães Sintra Cascais Amadora Almada
        Barcelona Kursk Teerão Jerusalém Istambul Atenas Viena Varsóvia Estrasburgo""".split()
                   ) | frozenset(["Nova Iorque", "Rio de Janeiro", "São Paulo", "Extremo Oriente"]),
    aliases=(frozenset({"EUA", "Estados Unidos"}), frozenset({"Moscou", "Moscovo"}),
             frozenset({"Kiev", "Kyiv"}), frozenset({"Irão", "Irã"}),
             frozenset({"Bielo-Rússia", "Bielorrússia"}), frozenset({"Egito", "Egipto"}),
             frozenset({"Polónia", "Polônia"}), frozenset({"Roménia", "Romênia"}),
             frozenset({"Holanda", "Países Baixos"}), frozenset({"Catar", "Qatar"}),
             frozenset({"Vietname", "Vietnã"}), frozenset({"NATO", "OTAN"})),
    connectors=frozenset({"de", "da", "do", "das", "dos", "del", "van", "von", "e"}),
    determiners=frozenset({"o", "a", "os", "as", "um", "uma"}),
    context_words=frozenset("""ele ela eles elas deles delas dele dela isto isso aquilo
        este esta estes estas esse essa esses essas aqui então seu sua seus suas
        aquele aquela daquele desta deste dessa desse nesta neste nessa nesse
        outro outra""".split()),
    opinion_words=frozenset("""acho acredito talvez provavelmente deveria deve devemos
        parece sinal opinião creio espero gostaria""".split()),
    furniture=tuple(re.compile(p, re.IGNORECASE) for p in _PT_FURNITURE),
    leading_attribution=("segundo", "de acordo com", "conforme"),
    feminine_plurals=frozenset("""pessoas vezes mulheres vítimas crianças toneladas horas
        casas empresas escolas cidades equipas equipes vagas mortes doses vacinas
        espécies línguas obras pinturas imagens viagens ordens páginas semanas
        jornadas vitórias derrotas medalhas partidas famílias unidades
        habitações camas turmas viaturas árvores""".split()),
    abbreviations=frozenset("""sr sra srs dr dra prof profa eng arq gen cel cap ten sgt
        av r n nº no pág p pp vol cf etc ex séc sec tel fig dir esq st jr vs ltda
        s.a a.c d.c art arts al aprox máx mín min núm ed trad coord org lda cia exmo exma
        ref obs tb""".split()),
    decimal_comma=True,
    words={"who": "Quem", "when": "Quando", "where": "Onde", "which_country": "Que país",
           "which_org": "Que organização", "how_many_m": "Quantos", "how_many_f": "Quantas",
           "description": "Perguntas geradas automaticamente a partir de {count}: {sources}.",
           "one_text": "um texto", "texts": "{n} textos", "according": "segundo"},
    connectives=("na altura", "desde então", "há poucos dias", "entretanto", "por outro lado",
                 "além disso", "depois disso", "então", "aqui", "agora", "mais tarde",
                 "por isso", "no entanto", "ainda assim", "entre outras coisas"),
    saying_verbs=frozenset("""disse diz dizem disseram afirmou afirmam afirmaram declarou
        declararam alegou alegaram garantiu garantem assegurou sublinhou acrescentou considerou
        defendeu referiu explicou admitiu frisou salientou avisou""".split()),
    kind_nouns=frozenset("""agência empresa clube revista jornal sonda programa partido banco grupo
        organização estação canal rede plataforma operadora companhia marca fundação associação
        sindicato museu navio satélite missão festival televisão rádio editora""".split()),
    dateline=re.compile(r"^[A-ZÀ-Ý][\w.' -]{1,40}, \d{1,2}(?: de)? \w{3,9}\.?(?:(?: de)? \d{4})?"
                        r"(?: \([\w/ .]{2,20}\))? ?[-–—] (?=[A-ZÀ-Ý“])"),
)

EN = Lexicon(
    lang="en",
    months=_EN_MONTHS,
    relative_dates=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                    "sunday", "yesterday", "today", "tomorrow"),
    number_words={"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                  "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                  "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                  "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                  "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                  "hundred": 100},
    multipliers={"thousand": 1000, "million": 10**6, "billion": 10**9},
    approx=("almost", "nearly", "about", "around", "approximately", "more than",
            "less than", "at least", "up to", "some"),
    titles=frozenset("""president minister leader diplomat chief prime secretary governor
        mayor coach player captain senator king queen prince pope general commander
        spokesman spokeswoman director researcher scientist professor ambassador
        chancellor founder economist analyst judge actor singer writer athlete
        astronaut doctor""".split()),
    org_words=frozenset("""council parliament ministry bank university institute party
        commission agency assembly court government federation club association union
        company group foundation kremlin nato un imf ecb eu unesco who fifa uefa
        reuters police army navy museum hospital school league society observatory
        laboratory""".split()),
    countries=frozenset("""Portugal Brazil Spain France Germany Italy Russia Ukraine China
        Japan India Canada Mexico Argentina Chile Colombia Peru Venezuela Angola
        Mozambique Iran Iraq Israel Syria Turkey Egypt Morocco Nigeria Australia Belarus
        Poland Sweden Norway Finland Denmark Netherlands Belgium Switzerland Austria
        Greece Ireland Scotland Hungary Romania Cuba Pakistan Afghanistan Vietnam
        Thailand Indonesia Qatar Lebanon Taiwan Georgia Armenia""".split()) | frozenset(
        ["United States", "US", "USA", "United Kingdom", "UK", "North Korea",
         "South Korea", "South Africa", "Saudi Arabia"]),
    cities=frozenset("""London Paris Berlin Rome Moscow Kyiv Kiev Beijing Tokyo Seoul
        Pyongyang Washington Brussels Geneva Lisbon Madrid Minsk Kursk""".split()) |
    frozenset(["New York"]),
    aliases=(frozenset({"US", "USA", "United States"}), frozenset({"UK", "United Kingdom"}),
             frozenset({"Kiev", "Kyiv"})),
    connectors=frozenset({"of", "de", "da", "van", "von", "and"}),
    determiners=frozenset({"the", "a", "an"}),
    context_words=frozenset("""he she they them his her their its this these those that
        here there then""".split()),
    opinion_words=frozenset("""think believe perhaps probably should must seems sign
        opinion hope""".split()),
    furniture=tuple(re.compile(p, re.IGNORECASE) for p in _EN_FURNITURE),
    leading_attribution=("according to",),
    feminine_plurals=frozenset(),
    abbreviations=frozenset("""mr mrs ms dr prof gen col capt lt sgt st jr sr vs etc
        e.g i.e inc ltd co corp no fig art vol pp approx dept est cf al""".split()),
    decimal_comma=False,
    words={"who": "Who", "when": "When", "where": "Where", "which_country": "Which country",
           "which_org": "Which organisation", "how_many_m": "How many", "how_many_f": "How many",
           "description": "Questions generated automatically from {count}: {sources}.",
           "one_text": "one text", "texts": "{n} texts", "according": "according to"},
    connectives=("at the time", "since then", "a few days ago", "meanwhile", "however",
                 "moreover", "then", "here", "now", "later", "among other things"),
    saying_verbs=frozenset("""said says say told claimed stated declared argued added insisted
        warned""".split()),
    kind_nouns=frozenset("""agency company club magazine newspaper probe programme program party bank
        group organisation organization station channel network platform foundation association
        union museum ship satellite mission festival broadcaster publisher""".split()),
    dateline=re.compile(r"^[A-Z][A-Za-z.' -]{1,40}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})? \([\w/ .]{2,20}\) ?[-–—] (?=[A-Z“])"),
)

LEXICONS = {"pt": PT, "en": EN}


def get(lang: str) -> Lexicon:
    """The lexicon for a language code such as "pt" or "pt-BR"; refuses unknown ones."""
    key = lang.split("-")[0].lower()
    if key not in LEXICONS:
        raise ValueError(f"unsupported language {lang!r}; use one of {sorted(LEXICONS)}")
    return LEXICONS[key]
