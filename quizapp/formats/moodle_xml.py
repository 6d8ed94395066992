"""Moodle XML: reader and writer.

The reader takes multichoice (one right answer), truefalse, shortanswer, numerical and cloze
(multianswer) questions with one embedded answer; descriptions, essays, matching and the other
types are named as skipped, and categories become tags. Texts are HTML in Moodle: they are
reduced to plain text. Per-answer feedback and partial credit (``fraction``) are kept
(:mod:`quizapp.formats.per_answer`); what has no equivalent (penalties, feedback on ``*`` or on
numeric answers, images that are not among the file's own) is named as lost. Images and sounds
embedded in the question text and the general feedback (``@@PLUGINFILE@@``) become the question's
media (:mod:`quizapp.formats.moodle_files`).
XML is parsed with defusedxml (no entity expansion bombs, no external entities), keeping each
element's line so every problem names it.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from quizapp.formats.gift import category_tag
from quizapp.formats.markup import html_to_text
from quizapp.formats.media import MEDIA_ONLY_TEXT
from quizapp.formats.moodle_files import MoodleFiles, embed
from quizapp.formats.cloze import blank_or_end
from quizapp.formats.model import ID_PATTERN, Problem, SetData, slugify
from quizapp.formats.numbers import normalize_number, number_text
from quizapp.formats.per_answer import credit_of, weighted_choices, weighted_typed
from quizapp.formats.results import ReadResult, Skipped, finish_read

BLANK = "_____"
_MARK = "\ue030"
_EMBEDDED = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|[^}\\])*)\}")
_EMBEDDED_KINDS = {
    **dict.fromkeys(("SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"), "cloze"),
    **dict.fromkeys(("NUMERICAL", "NM"), "numeric"),
    **dict.fromkeys(("MULTICHOICE", "MC", "MULTICHOICE_V", "MCV", "MULTICHOICE_H", "MCH", "MULTICHOICE_S", "MCS",
                     "MULTICHOICE_VS", "MCVS", "MULTICHOICE_HS", "MCHS"), "multiple_choice"),
}
_SKIPPED_TYPES = {"description": "description, not a question", "essay": "essay question, no answer to check",
                  "matching": "matching question", "ddwtos": "drag-and-drop question", "gapselect": "gap-select question",
                  "calculated": "calculated question", "calculatedsimple": "calculated question",
                  "calculatedmulti": "calculated question", "randomsamatch": "random matching question",
                  "ddmarker": "drag-and-drop question", "ddimageortext": "drag-and-drop question"}


class _Skip(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def _parse(text: str, filename: str | None):
    lines: dict[int, int] = {}

    class Builder(ET.TreeBuilder):
        def start(self, tag, attrs):
            element = super().start(tag, attrs)
            lines[id(element)] = parser.parser.CurrentLineNumber
            return element

    parser = DefusedXMLParser(target=Builder(), forbid_dtd=True)
    try:
        parser.feed(text)
        return parser.close(), lines
    except ET.ParseError as error:
        raise _Refusal(Problem("", f"XML syntax: {error.msg if hasattr(error, 'msg') else error}",
                               error.position[0])) from None
    except DefusedXmlException:
        raise _Refusal(Problem("", "the XML declares a DTD or entities, which a Moodle export never does", None)) from None


class _Refusal(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _text(element, path: str = "text") -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "") if found is not None else ""


def read(text: str, filename: str | None = None, *, title: str | None = None) -> ReadResult:
    """Read a Moodle XML export; refuse with the line of every problem."""
    from quizapp.formats.model import FormatError

    try:
        root, lines_of = _parse(text.lstrip("\ufeff"), filename)
    except _Refusal as refusal:
        raise FormatError([refusal.problem], filename) from None
    if root.tag != "quiz":
        raise FormatError([Problem("", f"a Moodle XML export starts with <quiz>, not <{root.tag}>", lines_of.get(id(root)))],
                          filename)
    questions, lines, skipped, dropped, problems = [], {}, [], [], []
    tags: list[str] = []
    files = MoodleFiles()
    for element in root.findall("question"):
        line = lines_of.get(id(element))
        kind = element.get("type", "")
        if kind == "category":
            tags = category_tag(_text(element.find("category")))
            continue
        label = _text(element.find("name")) or html_to_text(_text(element.find("questiontext")))[:60]
        try:
            question, lost = _question(kind, element, files)
        except _Skip as skip:
            skipped.append(Skipped(line, label, skip.reason))
            continue
        dropped += [Skipped(line, label, f"{detail} is not kept") for detail in lost]
        question_tags = [_text(tag) for tag in element.findall("tags/tag")] + tags
        if question_tags:
            question["tags"] = list(dict.fromkeys(tag.strip() for tag in question_tags if tag.strip()))
        name = _text(element.find("name")).strip()
        if name:
            question["id"] = name if ID_PATTERN.match(name) else slugify(name)[:80] or None
            if question["id"] is None:
                del question["id"]
        lines[("questions", len(questions))] = line
        questions.append(question)
    _unique_ids(questions)
    return finish_read(questions, lines, problems, filename, title, skipped=skipped, dropped=dropped,
                       hint="a Moodle XML export is <quiz> with <question type=\"...\"> elements",
                       media=files.files.get)


def _unique_ids(questions: list[dict]) -> None:
    seen: dict[str, int] = {}
    for question in questions:
        qid = question.get("id")
        if qid is not None:
            seen[qid] = seen.get(qid, 0) + 1
            if seen[qid] > 1:
                question["id"] = f"{qid}-{seen[qid]}"


def _answers(element) -> list[tuple[float, str, str]]:
    """(fraction, text, feedback) of each <answer>, texts reduced to plain text."""
    out = []
    for answer in element.findall("answer"):
        try:
            fraction = float(answer.get("fraction", "0"))
        except ValueError:
            fraction = 0.0
        out.append((fraction, html_to_text(_text(answer)), html_to_text(_text(answer.find("feedback")))))
    return out


def _lost(answers: list[tuple[float, str, str]], media: list[str]) -> list[str]:
    """What of a numeric question's answers is not kept (quizapp holds one number and its tolerance)."""
    lost = [f"feedback {feedback!r} on the answer {text!r}" for _, text, feedback in answers if feedback]
    lost += [f"partial credit ({number_text(fraction)}%) for the answer {text!r}" for fraction, text, _ in answers
             if fraction not in (0, 100)]
    return lost + media


def _question(kind: str, element, files: MoodleFiles) -> tuple[dict, list[str]]:
    if kind in _SKIPPED_TYPES:
        raise _Skip(_SKIPPED_TYPES[kind])
    question_html = _text(element.find("questiontext"))
    shown, media = files.refs(element.find("questiontext"), "prompt")
    after, lost_after = files.refs(element.find("generalfeedback"), "explanation")
    media += lost_after
    question: dict = {"media": shown + after} if shown or after else {}
    explanation = html_to_text(_text(element.find("generalfeedback")))
    if explanation:
        question["explanation"] = explanation
    if kind == "cloze":
        return _cloze(question_html, question, media)
    prompt = html_to_text(question_html)
    if not prompt and shown:
        # A question asked by its picture alone (or its sound) still needs a text: a sign of what it shows.
        prompt = MEDIA_ONLY_TEXT["sound" if files.is_sound(shown[0]["file"]) else "image"]
    if not prompt:
        raise _Skip("the question has no text (only an image?)" if media else "the question has no text")
    answers = _answers(element)
    right = [text for fraction, text, _ in answers if fraction == 100]
    question["prompt"] = prompt
    if kind == "multichoice":
        if _text(element, "single").strip().lower() in ("false", "0"):
            raise _Skip("multiple-answer question")
        if len(right) != 1:
            raise _Skip("more than one right choice" if right else "no choice has full credit")
        kept, lost = weighted_choices(answers, right[0])
        question.update(type="multiple_choice", answer=right[0], choices=[text for _, text, _ in answers], **kept)
        return question, lost + media
    elif kind == "truefalse":
        if len(right) != 1 or right[0].lower() not in ("true", "false"):
            raise _Skip("a true/false question needs 'true' or 'false' with full credit")
        feedback = {text.lower(): said for _, text, said in answers if said and text.lower() in ("true", "false")}
        question.update(type="true_false", answer=right[0].lower() == "true", **({"feedback": feedback} if feedback else {}))
        return question, media
    elif kind == "shortanswer":
        kept, lost = weighted_typed(answers)
        if "answer" not in kept:
            raise _Skip("no full-credit answer")
        question.update(type="short_answer", **kept)
        return question, lost + media
    elif kind == "numerical":
        full = next((answer for answer in element.findall("answer") if _fraction(answer) == 100), None)
        if full is None:
            raise _Skip("numeric question without a full-credit answer")
        try:
            question.update(type="numeric", answer=normalize_number(float(_text(full))))
            tolerance = normalize_number(float(_text(full, "tolerance") or 0))
        except ValueError:
            raise _Skip(f"numeric answer {_text(full)!r} is not a number") from None
        if tolerance:
            question["tolerance"] = abs(tolerance)
    else:
        raise _Skip(f"Moodle question type {kind!r} has no quizapp equivalent")
    return question, _lost(answers, media)


def _fraction(answer) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return 0.0


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _embedded_answers(spec: str) -> list[tuple[float, str, str]]:
    """The answers of ``{1:SHORTANSWER:=Paris#Right~%50%Lyon}``, as (fraction, text, feedback)."""
    out = []
    for item in re.split(r"(?<!\\)~", spec):
        fraction = 0.0
        if item.startswith("="):
            fraction, item = 100.0, item[1:]
        weight = re.match(r"^%(-?\d+(?:\.\d+)?)%", item)
        if weight:
            fraction, item = float(weight.group(1)), item[weight.end():]
        text, *feedback = re.split(r"(?<!\\)#", item, maxsplit=1)
        feedback = feedback[0] if feedback else ""
        out.append((fraction, html_to_text(_unescape(text)), html_to_text(_unescape(feedback))))
    return out


def _cloze(question_html: str, question: dict, media: list[str]) -> tuple[dict, list[str]]:
    gaps = list(_EMBEDDED.finditer(question_html))
    if len(gaps) != 1:
        raise _Skip(f"cloze with {len(gaps)} embedded answers; quizapp holds one a question" if gaps
                    else "cloze without an embedded answer")
    gap = gaps[0]
    kind = _EMBEDDED_KINDS.get(gap.group(2))
    if kind is None:
        raise _Skip(f"embedded {gap.group(2)} answers have no quizapp equivalent")
    answers = _embedded_answers(gap.group(3))
    right = [text for fraction, text, _ in answers if fraction == 100 and text != "*"]
    if not right:
        raise _Skip("no full-credit answer")
    prompt = html_to_text(question_html[:gap.start()] + _MARK + question_html[gap.end():])
    if kind == "cloze":
        kept, lost = weighted_typed(answers)
        question.update(type="cloze", prompt=prompt.replace(_MARK, "{{" + kept.pop("answer") + "}}"), **kept)
        return question, lost + media
    elif kind == "numeric":
        value, _, tolerance = right[0].partition(":")
        try:
            question.update(type="numeric", prompt=prompt.replace(_MARK, BLANK),
                            answer=normalize_number(float(value)))
            if tolerance and float(tolerance):
                question["tolerance"] = normalize_number(abs(float(tolerance)))
        except ValueError:
            raise _Skip(f"numeric answer {right[0]!r} is not a number") from None
    else:
        if len(right) != 1:
            raise _Skip("more than one right choice")
        kept, lost = weighted_choices(answers, right[0])
        question.update(type="multiple_choice", prompt=prompt.replace(_MARK, BLANK), answer=right[0],
                        choices=[text for _, text, _ in answers], **kept)
        return question, lost + media
    return question, _lost(answers, media)


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _embedded_escape(text: str) -> str:
    # Inside {1:SHORTANSWER:...} these characters are syntax unless escaped.
    return re.sub(r'([\\}#~/"])', r"\\\1", html.escape(text, quote=False))


def _texts(parent, tag: str, text: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    ET.SubElement(element, "text").text = text
    return element


def _answer(parent, fraction, text: str, feedback: str = "", **extra) -> None:
    answer = _texts(parent, "answer", text, fraction=number_text(fraction), format="plain_text")
    for key, value in extra.items():
        ET.SubElement(answer, key).text = value
    _texts(answer, "feedback", _html(feedback), format="html")


def _embedded_answer(question, text: str) -> str:
    """``=Paris#Right`` or ``%50%Lyon#Close``: one answer of an embedded SHORTANSWER."""
    credit = credit_of(question, text)
    said = question.feedback.get(text)
    return (("=" if credit == 100 else f"%{number_text(credit)}%") + _embedded_escape(text)
            + ("#" + _embedded_escape(said) if said else ""))


def write_question(parent, question, media: dict[str, bytes] | None = None) -> None:
    """One question as a Moodle <question>; its id is the name, so it comes back on import. With ``media``
    (the set's files), its images and sounds are embedded: the prompt's in the question text, the
    answer's and the explanation's in the general feedback, which Moodle shows after answering."""
    kind = {"multiple_choice": "multichoice", "true_false": "truefalse", "numeric": "numerical",
            "cloze": "cloze"}.get(question.type, "shortanswer")
    element = ET.SubElement(parent, "question", type=kind)
    _texts(element, "name", question.id)
    prompt = question.prompt
    if question.type == "cloze":
        start, end, _inside = blank_or_end(prompt, question.answer)
        answers = "~".join(_embedded_answer(question, answer) for answer in [str(question.answer), *question.accept])
        text = _html(prompt[:start]) + "{1:SHORTANSWER:" + answers + "}" + _html(prompt[end:])
    else:
        text = _html(prompt)
    shown = _texts(element, "questiontext", text, format="html")
    after = _texts(element, "generalfeedback", _html(question.explanation or ""), format="html")
    if media:
        embed(shown, [ref for ref in question.media if ref.on == "prompt"], media)
        embed(after, [ref for ref in question.media if ref.on != "prompt"], media)
    if question.type == "multiple_choice":
        ET.SubElement(element, "single").text = "true"
        ET.SubElement(element, "shuffleanswers").text = "true"
        for choice in question.choices:
            _answer(element, credit_of(question, choice), choice, question.feedback.get(choice, ""))
    elif question.type == "true_false":
        _answer(element, 100 if question.answer else 0, "true", question.feedback.get("true", ""))
        _answer(element, 0 if question.answer else 100, "false", question.feedback.get("false", ""))
    elif question.type == "numeric":
        _answer(element, 100, number_text(question.answer), tolerance=number_text(question.tolerance or 0))
    elif question.type != "cloze":
        ET.SubElement(element, "usecase").text = "0"
        for answer in [str(question.answer), *question.accept]:
            _answer(element, credit_of(question, answer), answer, question.feedback.get(answer, ""))
    if question.tags:
        tags = ET.SubElement(element, "tags")
        for tag in question.tags:
            _texts(tags, "tag", tag)


def write(set_data: SetData) -> str:
    """The set as Moodle XML; every type has a form (flashcards become short answers), and the
    questions' files travel inside it."""
    root = ET.Element("quiz")
    for question in set_data.questions:
        write_question(root, question, set_data.media)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def sniff(content: str | bytes) -> bool:
    """True when the document's root element is <quiz>."""
    if isinstance(content, bytes):
        content = content[:4096].decode("utf-8", "ignore")
    head = re.sub(r"<\?xml[^>]*\?>|<!--.*?-->", "", content.lstrip("\ufeff")[:4096], flags=re.DOTALL).lstrip()
    return head.startswith("<quiz") and head[5:6] in (">", " ", "\n", "\t", "\r")
