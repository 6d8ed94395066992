"""Values and filters every template needs: language switching, cloze blanks, type names."""
from urllib.parse import urlencode

from flask import Flask, current_app, request
from flask_babel import get_locale, lazy_gettext as _l

from quizapp.formats import cloze

QUESTION_TYPE_LABELS = {
    "flashcard": _l("Flashcard"),
    "multiple_choice": _l("Multiple choice"),
    "true_false": _l("True or false"),
    "cloze": _l("Fill in the blank"),
    "short_answer": _l("Short answer"),
    "numeric": _l("Number"),
}


def blank_cloze(prompt: str) -> str:
    """A cloze prompt as a student sees it: the ``{{answer}}`` replaced by a blank."""
    return cloze.fill(prompt or "", lambda inside: "_____")


def question_type_label(question_type: str) -> str:
    return str(QUESTION_TYPE_LABELS.get(question_type, question_type))


def switch_language_url(lang: str) -> str:
    """The current page in another language (the choice is then remembered in the session)."""
    args = request.args.to_dict()
    args["lang"] = lang
    return request.path + "?" + urlencode(args)


def format_label(name: str) -> str:
    """A file format as teachers know it ("Moodle XML", "Quizlet")."""
    from quizapp.formats import FORMATS

    return FORMATS[name].label if name in FORMATS else name


def init_app(app: Flask) -> None:
    app.add_template_filter(blank_cloze)
    app.add_template_global(format_label)
    from quizapp.study.present import credit_text, text_html

    app.add_template_global(text_html)
    app.add_template_global(credit_text)
    from quizapp.media.views import question_media

    app.add_template_global(question_media)
    app.add_template_global(question_type_label)
    app.add_template_global(switch_language_url)

    @app.context_processor
    def inject_locale():
        return {"current_locale": str(get_locale()), "languages": current_app.config["LANGUAGES"]}
