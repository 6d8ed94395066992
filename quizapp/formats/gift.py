"""Moodle GIFT: reader and writer.

A GIFT file is a list of items separated by blank lines: ``::title::stem {answers} tail``.
Escaped characters are swapped for private-use placeholders first, so the structure can be
parsed with plain string operations and the literal characters restored at the end.
What quizapp cannot represent (matching, essays, several right choices, partial-credit
multiple answers, descriptions) is reported as skipped, not silently dropped; per-answer feedback
and partial credit are kept (:mod:`quizapp.formats.per_answer`), and what of them has no
equivalent (penalties, feedback on Moodle's ``*``, on numeric answers) is named as lost.
"""
from __future__ import annotations

import re
from decimal import Decimal

from quizapp.formats.cloze import blank_or_end
from quizapp.formats.model import ID_PATTERN, Problem, SetData, slugify
from quizapp.formats.numbers import normalize_number, number_text
from quizapp.formats.per_answer import credit_of, true_false_feedback, weighted_choices, weighted_typed
from quizapp.formats.results import ReadResult, Skipped, finish_read

BLANK = "_____"
_BLANK_MARK = "\ue010"
_ESCAPES = {"\\": "\ue000", "~": "\ue001", "=": "\ue002", "#": "\ue003", "{": "\ue004", "}": "\ue005",
            ":": "\ue006", "n": "\ue007"}
_RESTORE = {placeholder: ("\n" if char == "n" else char) for char, placeholder in _ESCAPES.items()}
_FORMAT_MARKER = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = re.compile(r"^\s*(T|TRUE|F|FALSE)\s*(#.*)?$", re.DOTALL)
_RICH = ("html", "markdown")  # formats kept as written and rendered on the pages; moodle/plain are text
_MOODLE_TAG = re.compile(r"\[(id|tag|type):([^\]]+)\]")


def _protect(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def _clean(text: str, fmt: str = "moodle") -> str:
    """Finish a piece of text: drop its format marker, tidy whitespace, restore escaped characters."""
    marker = _FORMAT_MARKER.match(text)
    if marker:
        fmt, text = marker.group(1), text[marker.end():]
    # Moodle and plain text fold line breaks like HTML does; markdown and HTML keep them.
    text = " ".join(text.split()) if fmt in ("moodle", "plain") else text.strip()
    return "".join(_RESTORE.get(char, char) for char in text)


def _format_of(text: str, default: str = "moodle") -> str:
    marker = _FORMAT_MARKER.match(text)
    return marker.group(1) if marker else default


def _items(text: str):
    """Yield (first line number, item text, ids and tags from the comments just above it)."""
    chunk, start, meta = [], None, []
    pending_meta: list = []
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("//"):
            # Moodle writes "// [id:12] [tag:x]" above a question; every other comment is ignored.
            pending_meta += _MOODLE_TAG.findall(line)
            continue
        if not line.strip() and depth == 0:
            if chunk:
                yield start, "\n".join(chunk), meta
                chunk, meta = [], []
            continue
        if not chunk:
            start, meta, pending_meta = number, pending_meta, []
        chunk.append(line)
        # A blank line inside an open answer block does not end the item.
        depth = max(0, depth + line.count("{") - line.count("}"))
    if chunk:
        yield start, "\n".join(chunk), meta


def read(text: str, filename: str | None = None, *, title: str | None = None) -> ReadResult:
    """Read GIFT text into a set titled ``title`` (default: the file name); raise FormatError on any problem."""
    questions, lines, skipped, problems, dropped = [], {}, [], [], []
    category_tags: list[str] = []
    for line, raw_item, meta in _items(_protect(text.lstrip("\ufeff"))):
        if raw_item.lstrip().startswith("$CATEGORY:"):
            category_tags = category_tag(_clean(raw_item.split(":", 1)[1]))
            continue
        try:
            question = _question(raw_item, line)
        except _Skip as skip:
            skipped.append(Skipped(line, skip.label, skip.reason))
            continue
        except _Problem as problem:
            problems.append(Problem("", problem.message, problem.line))
            continue
        for kind, value in meta:
            if kind == "id":
                question["id"] = value.strip()
            elif kind == "type":
                _restore_type(question, value.strip())
            else:
                question.setdefault("tags", []).append(value.strip())
        for detail in question.pop("_lost", []):
            dropped.append(Skipped(line, question.get("id") or question["prompt"], f"{detail} is not kept"))
        question.setdefault("tags", []).extend(tag for tag in category_tags if tag not in question["tags"])
        if not question["tags"]:
            del question["tags"]
        lines[("questions", len(questions))] = line
        questions.append(question)
    _unique_title_ids(questions)
    return finish_read(questions, lines, problems, filename, title,
                       hint="a GIFT question looks like 'Stem {=right ~wrong}'", skipped=skipped,
                       dropped=dropped)


def category_tag(path: str) -> list[str]:
    """Moodle's category path as a tag: ``$course$/top/Geography/Rivers`` -> ``["Geography/Rivers"]``."""
    parts = [p for p in path.split("/") if p and not (p.startswith("$") and p.endswith("$"))]
    tag = "/".join(parts[1:] if parts[:1] == ["top"] else parts)
    return [tag] if tag else []


class _Skip(Exception):
    def __init__(self, label: str, reason: str):
        self.label, self.reason = label, reason


class _Problem(Exception):
    def __init__(self, message: str, line: int):
        self.message, self.line = message, line


def _question(item: str, line: int) -> dict:
    title = None
    body = item.lstrip()
    if body.startswith("::"):
        end = body.find("::", 2)
        if end < 0:
            raise _Problem("the title starts with '::' but never ends with '::'", line)
        title, body = _clean(body[2:end]), body[end + 2:]
    fmt = _format_of(body)
    opening = body.find("{")
    if opening < 0:
        raise _Skip(title or _clean(body), "description, not a question")
    closing = body.find("}", opening)
    if closing < 0:
        raise _Problem("the answer block '{' is never closed with '}'", line + item[:item.find("{")].count("\n"))
    before, block, after = body[:opening], body[opening + 1:closing], body[closing + 1:]
    if "{" in block:
        # "{=A ~B" then a blank line and the next question's "{": the first block never closed.
        opened_at = line + item[:item.find("{")].count("\n")
        raise _Problem(f"the answer block opened on line {opened_at} is not closed before the next '{{' "
                       f"(line {opened_at + block[:block.find('{')].count(chr(10))}); close it with '}}'",
                       opened_at)
    if "{" in after:
        raise _Problem("a question has one answer block; escape other braces as \\{ and \\}", line)
    label = title or _clean(before, fmt) or _clean(after, fmt)
    question = _answers(block, fmt, label)
    if fmt in _RICH:
        question["text_format"] = {**question.get("text_format", {}), "prompt": fmt}
    if question["type"] == "cloze" and "answer" not in question:
        raise _Skip(label, "no full-credit answer")
    embedded = bool(_clean(after, fmt))
    if question["type"] == "cloze" and not embedded:
        question["type"] = "short_answer"  # a blank at the very end is an ordinary question
    if question["type"] == "cloze":
        blank = "{{" + question["answer"] + "}}"
    else:
        blank = BLANK if embedded else ""
    # The blank stands where the block stood, with the author's spacing around it.
    question["prompt"] = _clean(before + _BLANK_MARK + after, fmt).replace(_BLANK_MARK, blank).strip()
    if title:
        question["id"] = title if ID_PATTERN.match(title) else slugify(title)[:80] or None
        if question["id"] is None:
            del question["id"]
    return question


def _restore_type(question: dict, declared: str) -> None:
    """Honour a ``[type:cloze]`` comment: GIFT reads a blank that ends the prompt as a short answer."""
    if declared == "cloze" and question["type"] == "short_answer" and "answer" in question:
        question["type"] = "cloze"
        question["prompt"] = f"{question['prompt']} {{{{{question['answer']}}}}}".strip()


def _answers(block: str, fmt: str, label: str) -> dict:
    feedback = None
    if "####" in block:
        block, feedback = block.split("####", 1)
    out: dict = {}
    if feedback is not None and _clean(feedback, fmt):
        out["explanation"] = _clean(feedback, fmt)
        if _format_of(feedback, fmt) in _RICH:
            out["text_format"] = {"explanation": _format_of(feedback, fmt)}
    if not block.strip():
        raise _Skip(label, "essay question, no answer to check")
    if block.lstrip().startswith("#"):
        return {**out, "type": "numeric", **_numeric(block.lstrip()[1:], label)}
    true_false = _TRUE_FALSE.match(block)
    if true_false:
        answer = true_false.group(1).startswith("T")
        # "{TRUE#shown to a wrong answer#shown to a right one}", as Moodle reads it.
        said = [_clean(text, _format_of(text, fmt)) for text in (true_false.group(2) or "").split("#")[1:]]
        wrong, right = (said + ["", ""])[:2]
        feedback = {value: text for value, text in ((str(not answer).lower(), wrong), (str(answer).lower(), right))
                    if text}
        if len(said) > 2 and any(said[2:]):
            out["_lost"] = [f"feedback {text!r} after the second '#'" for text in said[2:] if text]
        return {**out, "type": "true_false", "answer": answer, **({"feedback": feedback} if feedback else {})}
    answers = _split_answers(block, fmt)
    if all(marker == "=" for marker, *_ in answers) and all("->" in text for _, _, text, _ in answers):
        raise _Skip(label, "matching question")
    right = [text for marker, weight, text, _ in answers if marker == "="]
    weighted = [(weight, text, said) for _, weight, text, said in answers]
    if any(marker == "~" for marker, *_ in answers):
        if len(right) > 1:
            raise _Skip(label, "more than one right choice")
        if not right:
            if any(weight and weight > 0 for _, weight, _, _ in answers):
                raise _Skip(label, "multiple-answer question with partial credit")
            raise _Skip(label, "no right choice marked with '='")
        kept, lost = weighted_choices(weighted, right[0])
        return {**out, "type": "multiple_choice", "answer": right[0], "choices": [text for _, _, text, _ in answers],
                **kept, **({"_lost": lost} if lost else {})}
    # Typed answers: the first full-credit one is the answer, the rest (partial credit too) accepted.
    kept, lost = weighted_typed(weighted)
    return {**out, "type": "cloze", **kept, **({"_lost": lost} if lost else {})}


def _lost_details(answers: list[tuple]) -> list[str]:
    """What of a numeric question's answers quizapp does not keep: per-answer feedback and partial credit."""
    lost = [f"feedback {feedback!r} on the answer {text!r}" for _, _, text, feedback in answers if feedback]
    lost += [f"partial credit ({weight}%) for the answer {text!r}" for _, weight, text, _ in answers
             if weight not in (None, 0, 100)]
    return lost


def _split_answers(block: str, fmt: str) -> list[tuple[str, float | None, str, str]]:
    """(marker, weight, text, feedback) for each answer of a block."""
    parts = re.split(r"([=~])", block)
    answers = []
    if parts[0].strip():
        parts = ["", "="] + parts  # "{Nazareth}": a single right answer may omit the '='
    for marker, text in zip(parts[1::2], parts[2::2]):
        weight = None
        match = _WEIGHT.match(text)
        if match:
            weight, text = float(match.group(1)), text[match.end():]
        text, _, feedback = text.partition("#")
        answers.append((marker, normalize_number(weight) if weight is not None else None,
                        _clean(text, _format_of(text, fmt)), _clean(feedback, _format_of(feedback, fmt))))
    return answers


def _numeric(block: str, label: str) -> dict:
    specs, lost = [block], []
    if "=" in block:
        answers = _split_answers(block, "moodle")
        full = [text for marker, weight, text, _ in answers if marker == "=" and weight in (None, 100)]
        if not full:
            raise _Skip(label, "numeric question without a full-credit answer")
        specs = full[:1]
        lost = _lost_details(answers)
    spec = specs[0].split("#", 1)[0].strip()
    return {**_numeric_spec(spec, label), **({"_lost": lost} if lost else {})}


def _numeric_spec(spec: str, label: str) -> dict:
    try:
        if ".." in spec:
            low, high = (Decimal(part) for part in spec.split(".."))
            return {"answer": _number((low + high) / 2), "tolerance": _number(abs(high - low) / 2)}
        if ":" in _clean(spec):
            value, tolerance = (Decimal(part) for part in _clean(spec).split(":"))
            return {"answer": _number(value), "tolerance": _number(tolerance)}
        return {"answer": _number(Decimal(_clean(spec)))}
    except (ArithmeticError, ValueError):  # decimal's InvalidOperation and Overflow are ArithmeticErrors
        raise _Skip(label, f"numeric answer {_clean(spec)[:60]!r} is not a number") from None


def _number(value: Decimal) -> int | float:
    return normalize_number(float(value))


def _unique_title_ids(questions: list[dict]) -> None:
    # Moodle titles are names, not keys: two questions may share one. Suffix repeats.
    seen: dict[str, int] = {}
    for question in questions:
        qid = question.get("id")
        if qid is None:
            continue
        if qid in seen:
            seen[qid] += 1
            question["id"] = f"{qid}-{seen[qid]}"
        else:
            seen[qid] = 1


def escape(text: str) -> str:
    """Text safe inside GIFT: control characters escaped, line breaks as ``\\n``."""
    for char in "\\~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _marker(question, field: str) -> str:
    text_format = question.text_format.get(field)
    return f"[{text_format}]" if text_format in _RICH else ""


def _answer_item(question, text: str, marker: str) -> str:
    """``=Mercury``, ``~%50%Venus#Too hot``: one answer with its weight (when not the marker's own) and feedback."""
    credit = credit_of(question, text)
    weight = "" if credit == (100 if marker == "=" else 0) else f"%{number_text(credit)}%"
    said = question.feedback.get(text)
    return marker + weight + escape(text) + ("#" + escape(said) if said else "")


def write_question(question) -> str:
    """One question as a GIFT item, its id as the title so it comes back on import."""
    head = f"::{escape(question.id)}::"
    prompt = question.prompt
    if question.type == "multiple_choice":
        # Choices keep the author's order: GIFT shows them in file order unless the quiz shuffles.
        block = " ".join(_answer_item(question, choice, "=" if choice == question.answer else "~")
                         for choice in question.choices)
    elif question.type == "true_false":
        block = "TRUE" if question.answer else "FALSE"
        wrong, right = true_false_feedback(question)
        if wrong or right:
            block += "#" + escape(wrong) + ("#" + escape(right) if right else "")
    elif question.type == "numeric":
        block = "#" + number_text(question.answer)
        if question.tolerance is not None:
            block += ":" + number_text(question.tolerance)
    else:  # flashcard, short_answer and cloze are typed answers
        block = " ".join(_answer_item(question, answer, "=") for answer in [str(question.answer)] + list(question.accept))
    if question.explanation:
        block += " ####" + _marker(question, "explanation") + escape(question.explanation)
    if question.type == "cloze":
        start, end, _inside = blank_or_end(prompt, question.answer)
        before, after = prompt[:start], prompt[end:]
        body = f"{_marker(question, 'prompt')}{escape(before)}{{{block}}}{escape(after)}"
    else:
        body = f"{_marker(question, 'prompt')}{escape(prompt)}{{{block}}}"
    lines = [f"// [tag:{tag}]" for tag in question.tags if "]" not in tag]
    if question.type == "cloze" and not prompt[blank_or_end(prompt, question.answer)[1]:].strip():
        lines.append("// [type:cloze]")  # else the reader would take the final blank for a short answer
    return "\n".join(lines + [head + body])


def write(set_data: SetData) -> str:
    """The set as GIFT. Every type has a form; flashcards become short-answer questions."""
    header = f"// {set_data.title}\n\n"
    return header + "\n\n".join(write_question(question) for question in set_data.questions) + "\n"


# What only GIFT writes: a "::title::", "$CATEGORY:" or "[markdown]"-like marker opening an item, or
# an answer block that starts with one of its markers ({=..., {~..., {#..., {T}, {FALSE}...) or is
# empty (an essay). Braces around other text are not enough.
_SIGNATURE = re.compile(r"^\s*(::.*?::|\$CATEGORY:|\[(html|moodle|plain|markdown)\])"
                        r"|\{\s*(\[\w+\]\s*)?([=~#}]|%-?\d|(T|F|TRUE|FALSE)\s*[}#])", re.MULTILINE)


def sniff(content: str | bytes) -> bool:
    """True when the text, outside comments, carries a GIFT title, category or answer block."""
    if isinstance(content, bytes):
        content = content[:8192].decode("utf-8", "ignore")
    if content.lstrip("\ufeff").lstrip().startswith("<"):
        return False  # XML or HTML quoting GIFT-like text is not GIFT
    body = "\n".join(line for line in content.splitlines() if not line.lstrip().startswith("//"))
    return bool(_SIGNATURE.search(body))
