"""The Portuguese catalog is complete and sound, and the main pages speak it when the browser asks for it."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.forms import post_form

CATALOG = Path(__file__).resolve().parents[2] / "quizapp" / "translations" / "pt" / "LC_MESSAGES"
PORTUGUESE = {"Accept-Language": "pt"}
# %(name)s style placeholders, and bare %s / %d ones.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")


def _messages(name="messages.po"):
    with open(CATALOG / name, "rb") as handle:
        catalog = (read_po if name.endswith(".po") else read_mo)(handle)
    return [message for message in catalog if message.id]


def _forms(value) -> tuple:
    """A message's id or string as a tuple of its forms (one, or singular and plurals)."""
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


class VisibleText(HTMLParser):
    """The text a person reads or hears: text nodes plus title and aria-label, scripts left out."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts.extend(value for name, value in attrs if name in ("title", "aria-label") and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def contains(text: str, phrase: str) -> bool:
    """The phrase as whole words ("Sets" is not found inside "Subsets")."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def test_catalog_has_no_untranslated_or_fuzzy_message():
    """Every message of the Portuguese catalog has a translation in every plural form, none fuzzy."""
    messages = _messages()
    assert len(messages) > 300
    untranslated = [m.id for m in messages if not all(_forms(m.string))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_translations_keep_the_placeholders_of_their_message():
    """Each translation (each plural form) uses exactly the placeholders of its English message."""
    wrong = []
    for message in _messages():
        expected = set(PLACEHOLDER.findall(" ".join(_forms(message.id))))
        wrong += [(message.id, text) for text in _forms(message.string) if set(PLACEHOLDER.findall(text)) != expected]
    assert wrong == []


def test_compiled_catalog_matches_the_source():
    """The committed .mo holds the same translations as the .po (it was compiled after the last edit)."""
    source = {_forms(m.id): _forms(m.string) for m in _messages("messages.po")}
    compiled = {_forms(m.id): _forms(m.string) for m in _messages("messages.mo")}
    assert compiled == source


@pytest.fixture
def teacher_with_sets(client, auth, make_user, seed_sets):
    """A signed-in teacher and the slug of a shipped set."""
    make_user("teacher@example.org", role="teacher")
    auth.login("teacher@example.org")
    return seed_sets[0].slug


# Each page: English phrases it shows by default, and what it says instead in Portuguese.
PAGES = {
    "home": ("/", ["Question sets", "Study", "Join a class"],
             ["Conjuntos de perguntas", "Estudar", "Entrar numa turma"]),
    "set": ("/sets/{slug}", ["Question sets", "Study", "Take a quiz", "Sources"],
            ["Conjuntos de perguntas", "Estudar", "Fazer um questionário", "Fontes"]),
    "study": ("/study/{slug}", ["Study", "Left today", "Study settings"],
              ["Estudar", "Por fazer hoje", "Definições de estudo"]),
    "quiz": ("/quiz/{slug}", ["Take a quiz", "Number of questions", "One question per page", "All questions on one page"],
             ["Fazer um questionário", "Número de perguntas", "Uma pergunta por página", "Todas as perguntas numa só página"]),
    "history": ("/history/", ["History", "Progress by set", "Charts", "Quiz attempts", "Show the numbers"],
                ["Histórico", "Progresso por conjunto", "Gráficos", "Tentativas de questionário", "Mostrar os números"]),
    "teach": ("/teach/", ["Teaching", "Your sets", "Your classes", "Import a file", "Other sets"],
              ["Ensino", "Os seus conjuntos", "As suas turmas", "Importar um ficheiro", "Outros conjuntos"]),
}
# The navigation and footer every signed-in page carries.
NAVIGATION = (["Skip to content", "Sets", "Study settings", "Sign out", "open-source quizzes and flashcards"],
              ["Saltar para o conteúdo", "Conjuntos", "Definições de estudo", "Sair", "questionários e cartões de código aberto"])


@pytest.mark.parametrize("page", PAGES)
def test_pages_speak_portuguese_when_the_browser_asks(client, teacher_with_sets, page):
    """With Accept-Language: pt a page shows its Portuguese texts and none of its English ones."""
    url, english, portuguese = PAGES[page]
    url = url.format(slug=teacher_with_sets)
    english, portuguese = english + NAVIGATION[0], portuguese + NAVIGATION[1]
    default = visible_text(client.get(url).get_data(as_text=True))
    assert [phrase for phrase in english if not contains(default, phrase)] == []
    response = client.get(url, headers=PORTUGUESE)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = visible_text(html)
    assert '<html lang="pt">' in html
    assert [phrase for phrase in english if contains(text, phrase)] == []
    assert [phrase for phrase in portuguese if not contains(text, phrase)] == []


def test_quiz_question_page_speaks_portuguese(client, teacher_with_sets):
    """A quiz in progress counts its questions and offers to finish in Portuguese."""
    response = post_form(client, f"/quiz/{teacher_with_sets}", {"count": "3", "mode": "paged"}, headers=PORTUGUESE)
    text = visible_text(client.get(response.headers["Location"], headers=PORTUGUESE).get_data(as_text=True))
    assert "Pergunta 1 de 3" in text and "Terminar já" in text and contains(text, "Questionário")
    assert not any(contains(text, phrase) for phrase in ["Question 1 of 3", "Finish now", "Quiz", "Next", "Finish the quiz"])


def test_api_errors_follow_the_browser_language(client, teacher_with_sets):
    """JSON error messages are translated too; without a preference they stay English."""
    assert "is visible to you" in client.get("/api/v1/sets/nope/next").get_json()["error"]
    error = client.get("/api/v1/sets/nope/next", headers=PORTUGUESE).get_json()["error"]
    assert "nope" in error and "não existe" in error
