"""Marked-up text: other tools' HTML fields (Anki, Moodle) turned into the plain text a question
holds, with what is lost on the way (images, sounds) named; and question text written in HTML or
Markdown (a question's ``text_format``) rendered to safe HTML for the pages.

Tags are removed by nh3 (the Ammonia sanitiser), which also drops scripts and styles with their
content; line-breaking tags become line breaks first so a two-line field stays two lines.
"""
from __future__ import annotations

import html
import re

import nh3

_BREAKS = re.compile(r"<br\s*/?>|</(p|div|li|tr|h[1-6])\s*>", re.IGNORECASE)
_SOUND = re.compile(r"\[sound:([^\]]+)\]")


def html_to_text(markup: str) -> str:
    """The text a reader sees in ``markup``: tags and sound references removed, entities resolved,
    blank runs folded; line breaks kept as ``\\n``."""
    markup = _SOUND.sub("", _BREAKS.sub("\n", markup))
    text = html.unescape(nh3.clean(markup, tags=set()))
    lines = (" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines())
    return "\n".join(line for line in lines if line)


# nh3 (html5ever) writes every kept attribute double-quoted with '"' escaped, so these run in one pass.
_IMAGE_TAG = re.compile(r'<img((?:\s+[a-z]+="[^"]*")*)\s*/?>')
_ATTRIBUTE = re.compile(r'([a-z]+)="([^"]*)"')


def media_in(markup: str) -> list[tuple[str, str, str]]:
    """The files ``markup`` shows or plays, as (name, kind, alt): ``<img src alt>`` as images, then
    Anki's ``[sound:...]`` as sounds (which carry no text of their own)."""
    # Parsed by nh3 first, not scanned here: a scan for "<img" ... ">" (and Python's HTMLParser)
    # takes quadratic time on thousands of unclosed "<img" tags.
    images = []
    for tag in _IMAGE_TAG.finditer(nh3.clean(markup, tags={"img"}, attributes={"img": {"src", "alt"}})):
        values = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(tag.group(1))}
        if values.get("src"):
            images.append((values["src"], " ".join(values.get("alt", "").split())))
    return ([(name, "image", alt) for name, alt in images]
            + [(name, "sound", "") for name in _SOUND.findall(markup)])


_LINK_TAG = re.compile(r'<(audio|source|a)((?:\s+[a-z]+="[^"]*")*)\s*/?>')


def linked_files(markup: str) -> list[tuple[str, bool]]:
    """What ``markup`` plays or links to: ``(address, played)`` for each ``<audio src>`` and ``<source src>``
    (played) and ``<a href>`` (a link, which may or may not be a file), in order; parsed by nh3 as
    :func:`media_in` is."""
    cleaned = nh3.clean(markup, tags={"audio", "source", "a"}, link_rel=None,
                        attributes={"audio": {"src"}, "source": {"src"}, "a": {"href"}})
    out = []
    for tag in _LINK_TAG.finditer(cleaned):
        values = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(tag.group(2))}
        address = values.get("href" if tag.group(1) == "a" else "src")
        if address:
            out.append((address, tag.group(1) != "a"))
    return out


def media_names(markup: str) -> list[str]:
    """The files ``markup`` shows or plays (``<img src>``, Anki's ``[sound:...]``), in order."""
    return [name for name, _, _ in media_in(markup)]


# What question text may hold once rendered: text-level markup, lists, tables, code and links.
# Images and media come through the question's media, never through markup.
ALLOWED_TAGS = {"a", "b", "strong", "i", "em", "u", "s", "del", "ins", "sub", "sup", "code", "pre", "kbd", "br",
                "p", "ul", "ol", "li", "span", "mark", "small", "blockquote", "table", "thead", "tbody", "tr", "td",
                "th", "hr", "h3", "h4"}
_markdown = None


def sanitise_html(markup: str) -> str:
    """``markup`` reduced to :data:`ALLOWED_TAGS`, attributes and URLs cleaned by nh3."""
    return nh3.clean(markup, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def render_markdown(text: str) -> str:
    """CommonMark to HTML (raw HTML in the source shown as text), then sanitised."""
    global _markdown
    if _markdown is None:
        from markdown_it import MarkdownIt

        _markdown = MarkdownIt("commonmark", {"html": False})
    return sanitise_html(_markdown.render(text))


def render(text: str, text_format: str) -> str | None:
    """Safe HTML for ``text`` written in ``text_format``; None for plain text (the caller escapes it).

    A single paragraph is unwrapped, so a prompt can sit in a heading.
    """
    if text_format == "html":
        out = sanitise_html(text)
    elif text_format == "markdown":
        out = render_markdown(text)
    else:
        return None
    out = out.strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out
