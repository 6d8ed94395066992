"""Build real .docx and .pdf files in tests, with the same libraries the readers use."""
from __future__ import annotations

import io


def docx_bytes(title: str, paragraphs: list[str], bullets: list[str] = ()) -> bytes:
    """A Word document: a heading, body paragraphs and a bulleted list."""
    import docx

    document = docx.Document()
    document.add_heading(title, 1)
    for text in paragraphs:
        document.add_paragraph(text)
    for text in bullets:
        document.add_paragraph(text, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf_bytes(pages: list[list[str]], width: float = 595, height: float = 842) -> bytes:
    """A PDF with a text layer: each page a list of lines set in Helvetica (WinAnsi, so accents read back)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    for lines in pages:
        page = writer.add_blank_page(width, height)
        ops = ["BT", "/F1 11 Tf", "14 TL", f"50 {height - 60} Td"]
        for line in lines:
            ops.append(_pdf_string(line) + " Tj T*")
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        page.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
