"""Per-answer feedback and partial credit: what GIFT writes as ``~Venus#Too hot`` and ``=%50%Marlowe``.

A question keeps them as two mappings keyed by the answer's text, as written in its ``choices``
(multiple choice), its ``answer`` and ``accept`` (short answer, cloze) or ``true``/``false``::

    choices: [Mercury, Venus, Mars]
    feedback: {Venus: Too hot, Mars: Right, the red planet}
    credit: {Mercury: 50}

``credit`` is the share of full marks (0-100) an answer earns. The ``answer`` always earns 100 (a
question has at least one full-credit answer); a choice not listed earns 0 and an ``accept``
alternative not listed earns 100, so only the exceptions are written. A typed alternative with
credit 0 is a known wrong answer, there to carry its feedback. Numeric questions and flashcards
have neither.
"""
from __future__ import annotations

from collections.abc import Mapping

from quizapp import limits
from quizapp.formats.data import N_

FEEDBACK_TYPES = ("multiple_choice", "true_false", "short_answer", "cloze")
CREDIT_TYPES = ("multiple_choice", "short_answer", "cloze")


def answer_texts(qtype: str, answer, choices: list[str], accept: list[str]) -> list[str]:
    """The answers a question's feedback and credit may name, in the question's order."""
    if qtype == "multiple_choice":
        return list(choices)
    if qtype == "true_false":
        return ["true", "false"]
    return [str(answer), *accept] if answer is not None else list(accept)


def _key_text(key) -> str | None:
    """A mapping key as answer text: YAML reads ``true:`` as a bool and ``1945:`` as a number."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, (int, float, str)):
        return str(key).strip()
    return None


def _entries(check, raw: Mapping, key: str, qtype: str | None, types: tuple, answers: list[str] | None):
    """(path, answer text, value) of each entry of ``raw[key]`` naming one of ``answers``."""
    value = raw.get(key)
    if value is None or qtype is None:
        return []
    if qtype not in types:
        check.add((key,), N_("'%(field)s' is for %(types)s questions only; remove it", field=key, types=", ".join(types)))
        return []
    if not isinstance(value, Mapping):
        check.add((key,), N_("'%(field)s' is a mapping from an answer to its value, e.g. {Venus: Too hot}", field=key))
        return []
    if len(value) > limits.CHOICES_MAX + limits.ACCEPT_MAX + 1:
        check.add((key,), N_("%(num)d items; at most %(max)d are allowed", num=len(value),
                             max=limits.CHOICES_MAX + limits.ACCEPT_MAX + 1))
        return []
    out = []
    for raw_key, item in value.items():
        text = _key_text(raw_key)
        path = (key, str(raw_key))
        if text is None:
            check.add(path, N_("a key of '%(field)s' is the text of one of the question's answers", field=key))
        elif answers is not None and text not in answers:
            check.add(path, N_("%(answer)s is not one of the question's answers (%(known)s)", answer=repr(text[:60]),
                               known=", ".join(repr(a[:40]) for a in answers[:10])))
        else:
            out.append((path, text, item))
    return out


def check_feedback(check, raw: Mapping, qtype: str | None, answers: list[str] | None) -> dict[str, str]:
    """``feedback``: the text shown after each named answer, at most an explanation's length."""
    out = {}
    for path, text, item in _entries(check, raw, "feedback", qtype, FEEDBACK_TYPES, answers):
        shown = check.text(item, "explanation", required=False, path=path)
        if shown:
            out[text] = shown
    return out


def check_credit(check, raw: Mapping, qtype: str | None, answer, answers: list[str] | None) -> dict[str, float]:
    """``credit``: a number from 0 to 100 per named answer; the answer's own is 100 or absent.

    What the defaults already say (0 for another choice, 100 for an ``accept`` alternative) is left
    out, so a file written back holds only the exceptions."""
    out = {}
    for path, text, item in _entries(check, raw, "credit", qtype, CREDIT_TYPES, answers):
        if isinstance(item, bool) or not isinstance(item, (int, float)) or item != item:
            check.add(path, N_("credit is a number from 0 to 100 (the percent of full marks), e.g. 50"))
            continue
        if not 0 <= item <= 100:
            check.add(path, N_("credit must be from 0 to 100, not %(value)s", value=item))
            continue
        credit = int(item) if float(item).is_integer() else float(item)
        if answer is not None and text == str(answer):
            if credit != 100:
                check.add(path, N_("the answer %(answer)s earns full credit (100): a question needs one "
                                   "full-credit answer; give the partial credit to another answer", answer=repr(text)))
            continue
        if qtype == "multiple_choice" and credit == 100:
            check.add(path, N_("only the answer earns full credit; give %(answer)s less than 100", answer=repr(text)))
            continue
        if credit != (0 if qtype == "multiple_choice" else 100):
            out[text] = credit
    return out


def _percent(weight) -> str:
    return f"{weight:g}"


def weighted_typed(answers: list[tuple]) -> tuple[dict, list[str]]:
    """A typed question's fields from another tool's weighted answers, and what cannot be kept.

    ``answers`` are (weight, text, feedback), weight in percent (None: full credit), as GIFT's
    ``=%50%Marlowe#A contemporary`` and Moodle's ``fraction`` give them. The first full-credit
    answer is the answer; the others, and those with partial credit, become ``accept`` with their
    ``credit``; a zero-credit answer is kept when it has feedback to show (a known wrong answer).
    Moodle's ``*`` (any other answer) and negative weights (penalties) have no equivalent. The
    mapping has no ``answer`` when no answer earns full credit.
    """
    kept: dict[str, tuple[float, str]] = {}
    lost = []
    for weight, text, said in answers:
        credit = 100 if weight is None else weight
        if text == "*":
            lost += [f"feedback {said!r} on any other answer"] if said else []
            continue
        if not 0 <= credit <= 100:
            lost.append(f"credit ({_percent(credit)}%) for the answer {text!r}")
            lost += [f"feedback {said!r} on the answer {text!r}"] if said else []
            continue
        if (credit == 0 and not said) or text in kept or not text:
            continue
        kept[text] = (credit, said)
    full = [text for text, (credit, _) in kept.items() if credit == 100]
    out: dict = {}
    if full:
        out["answer"] = full[0]
        if len(kept) > 1:
            out["accept"] = [text for text in kept if text != full[0]]
    credit = {text: value for text, (value, _) in kept.items() if value != 100}
    feedback = {text: said for text, (_, said) in kept.items() if said}
    out.update({"credit": credit} if credit else {}, **({"feedback": feedback} if feedback else {}))
    return out, lost


def weighted_choices(answers: list[tuple], right: str) -> tuple[dict, list[str]]:
    """A multiple choice's ``credit`` and ``feedback`` from (weight, text, feedback), ``right`` its
    answer; a second full-credit choice or a negative weight (a penalty) is named as lost."""
    credit, feedback, lost = {}, {}, []
    for weight, text, said in answers:
        if said:
            feedback.setdefault(text, said)
        if text == right or not weight:
            continue
        if 0 < weight < 100:
            credit.setdefault(text, weight)
        else:
            lost.append(f"credit ({_percent(weight)}%) for the choice {text!r}")
    return {**({"credit": credit} if credit else {}), **({"feedback": feedback} if feedback else {})}, lost


def credit_of(question, text: str) -> float:
    """What an answer of ``question`` (QuestionData) earns, by the defaults of the contract."""
    if text == str(question.answer):
        return 100
    return question.credit.get(text, 0 if question.type == "multiple_choice" else 100)


def _answers_named(mapping: Mapping, percent: bool = False) -> str:
    shown = [f"{text!r} ({_percent(value)}%)" if percent else repr(text) for text, value in mapping.items()]
    return ", ".join(shown[:6]) + (", ..." if len(shown) > 6 else "")


def lost_on_write(question, why) -> list:
    """What of ``question``'s feedback and credit a format without room for them leaves out, one message
    each, naming the answers; ``why`` is the format's own reason (a Message), said after them."""
    lost = []
    if question.feedback:
        lost.append(N_("the feedback on %(answers)s is left out: %(why)s",
                       answers=_answers_named(question.feedback), why=why))
    if question.credit:
        lost.append(N_("the partial credit of %(answers)s is left out: %(why)s",
                       answers=_answers_named(question.credit, percent=True), why=why))
    return lost


def true_false_feedback(question) -> tuple[str, str]:
    """(feedback on the wrong value, feedback on the right one), as GIFT and Moodle order them."""
    right, wrong = ("true", "false") if question.answer else ("false", "true")
    return question.feedback.get(wrong, ""), question.feedback.get(right, "")
