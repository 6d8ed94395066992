"""Files a teacher brings, read into plain text the generator cleans: .txt, .md, .html, .docx, .pdf.

Each reader returns the document's text with one paragraph per line, headings marked "# " and list
items "- ", the shapes clean.py knows.  That text is the document the questions quote from, so a
question's provenance points at a sentence of what was extracted.  A file that cannot be read is
refused with a reason that names it (:class:`UnreadableFile`), never a traceback.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from markdown_it import MarkdownIt

from ..formats.data import Message, N_

# The extensions the generator reads, in the order the form and the command list them.
EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
_BLANK_LINES = re.compile(r"\n{3,}")


class UnreadableFile(ValueError):
    """A file the generator cannot read, and why, in words for the person who brought it.

    `reason` is a :class:`~quizapp.formats.data.Message`, so a page shows it in its own language.
    """

    def __init__(self, filename: str, reason: Message):
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


@dataclass(frozen=True)
class Document:
    """The text read out of one file."""

    filename: str
    text: str


def _decode(data: bytes, filename: str) -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableFile(filename, N_("this is a binary file, not text"))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(filename, N_("the text is neither UTF-8 nor Windows-1252"))


def read_txt(data: bytes, filename: str) -> str:
    """Plain text as it is (UTF-8, or Windows-1252 from older editors)."""
    return _decode(data, filename).replace("\r\n", "\n").replace("\r", "\n")


_MD = MarkdownIt("commonmark")


def markdown_text(source: str) -> str:
    """Markdown's words without its markup: headings as "# ", list items as "- ", code left out."""
    out: list[str] = []
    prefix = ""
    for tok in _MD.parse(source):
        if tok.type == "heading_open":
            prefix = "# "
        elif tok.type == "list_item_open":
            prefix = "- "
        elif tok.type == "inline":
            words = []
            for child in tok.children or []:
                if child.type in ("text", "code_inline"):
                    words.append(child.content)
                elif child.type == "softbreak":
                    words.append(" ")
                elif child.type == "hardbreak":
                    words.append("\n")
            line = "".join(words).strip()
            if line:
                out.append(prefix + line)
            prefix = "" if prefix == "# " else prefix
        elif tok.type in ("paragraph_close", "heading_close"):
            if tok.type == "heading_close" or not tok.hidden:
                out.append("")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            prefix = ""
            out.append("")
    return _BLANK_LINES.sub("\n\n", "\n".join(out)).strip() + "\n"


def read_md(data: bytes, filename: str) -> str:
    """A Markdown file's text (see :func:`markdown_text`)."""
    return markdown_text(read_txt(data, filename))


def _html_blocks(html: str) -> str:
    # A fragment too small for the extractor to judge: its block elements' text, in order.
    from lxml import html as lxml_html

    root = lxml_html.fromstring(html)
    for bad in root.xpath("//script|//style|//nav|//header|//footer|//aside|//form|//noscript"):
        bad.drop_tree()
    lines = []
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre"):
        text = " ".join(el.text_content().split())
        if text:
            lines.append(("# " if el.tag.startswith("h") else "- " if el.tag == "li" else "") + text)
    return "\n\n".join(lines)


def read_html(data: bytes, filename: str) -> str:
    """The main text of a web page (trafilatura), without menus, footers, comments or ads."""
    import trafilatura
    from lxml.etree import ParserError

    html = _decode(data, filename)
    extracted = trafilatura.extract(html, output_format="markdown", include_comments=False,
                                    include_tables=False, include_images=False, favor_recall=True)
    if not extracted:
        try:
            extracted = _html_blocks(html)
        except (ParserError, ValueError) as error:
            raise UnreadableFile(filename, N_("this is not readable HTML (%(error)s)", error=str(error))) from None
    return markdown_text(extracted)


def read_docx(data: bytes, filename: str) -> str:
    """A Word document's paragraphs; headings and list paragraphs keep their shape."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableFile(filename, N_("this is not a readable Word (.docx) document (%(error)s)",
                                           error=str(error))) from None
    out: list[str] = []
    for para in document.paragraphs:
        text = " ".join(para.text.split())
        if not text:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        if style.startswith(("Heading", "Title")):
            text = "# " + text
        elif style.startswith("List"):
            # A list stays in the block of the paragraph that introduces it ("… precisa de:").
            out.append("\n- " + text)
            continue
        out.append(("\n\n" if out else "") + text)
    return "".join(out).lstrip() + "\n"


_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:(?:p[áa]gina|page|p\.)\s*)?\d{1,4}(?:\s*(?:/|de|of)\s*\d{1,4})?(?:\s*[-–—])?$",
                          re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# A line at the top or bottom of this many pages (and of half of them at least) is a running header or footer.
_RUNNING_MIN_PAGES = 3
_CONTINUES = (".", "!", "?", "…", ":", ";", "”", '"')


def _page_lines(pages: list[str]) -> list[list[str]]:
    """Each page's lines without page numbers and running headers or footers."""
    lines = [[ln.strip() for ln in page.splitlines() if ln.strip()] for page in pages]
    edges: dict[str, int] = {}
    for page in lines:
        for line in {*page[:2], *page[-2:]}:
            key = _DIGITS.sub("#", line)
            edges[key] = edges.get(key, 0) + 1
    running = {k for k, n in edges.items() if n >= _RUNNING_MIN_PAGES and 2 * n >= len(lines)}
    out = []
    for page in lines:
        top = [i for i in range(min(2, len(page)))] + [i for i in range(max(0, len(page) - 2), len(page))]
        drop = {i for i in top if _PAGE_NUMBER.match(page[i]) or _DIGITS.sub("#", page[i]) in running}
        out.append([line for i, line in enumerate(page) if i not in drop])
    return out


def read_pdf(data: bytes, filename: str) -> str:
    """A PDF's text layer (pypdf), without page numbers and running headers; a sentence that runs
    over a page break is kept in one paragraph, and wrapped lines are left for clean.py to join."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(filename, N_("the PDF is protected by a password"))
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        raise UnreadableFile(filename, N_("this is not a readable PDF (%(error)s)", error=str(error))) from None
    parts: list[str] = []
    for page in _page_lines(pages):
        if not page:
            continue
        if parts:
            # "… que o processador" | "precisa …": the same paragraph, over the page break.
            same = not parts[-1].endswith(_CONTINUES) and page[0][:1].islower()
            parts.append("\n" if same else "\n\n")
        parts.append("\n".join(page))
    text = "".join(parts)
    if not text.strip():
        raise UnreadableFile(filename, N_("the PDF has no text layer (a scanned image?); "
                                          "copy its text or run it through OCR first"))
    return text + "\n"


READERS: dict[str, Callable[[bytes, str], str]] = {
    ".txt": read_txt, ".text": read_txt, ".md": read_md, ".markdown": read_md,
    ".html": read_html, ".htm": read_html, ".docx": read_docx, ".pdf": read_pdf,
}


def read(filename: str, data: bytes) -> Document:
    """The text of one uploaded or named file, by its extension; refuses what it cannot read."""
    suffix = PurePath(filename).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise UnreadableFile(filename, N_("%(kind)s files are not read; use %(known)s",
                                          kind=suffix or "extensionless", known=", ".join(EXTENSIONS)))
    if not data.strip():
        raise UnreadableFile(filename, N_("the file is empty"))
    text = reader(data, filename)
    if not text.strip():
        raise UnreadableFile(filename, N_("no text was found in it"))
    return Document(filename, text)
