"""HTML and PDF reports go through lxml and pypdf into the same reader, the format told by the content, not
the file name: the Treaty 185 chart as an HTML page (tests/reader/fixtures/treaty_chart_185.html) and the 2004
chart and a news page printed to PDF here (with pypdf) give the same items as their text fixtures; the seed
update as an HTML table gives its 18 rows; damaged input is one line, exit 2."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from cyberkg.cli import main

FIXTURES = Path(__file__).parent / "reader" / "fixtures"
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_fa465a124f4876eb.txt"
LINES_PER_PAGE = 30


def text_pdf(lines: list[str]) -> bytes:
    """A PDF whose pages show ``lines`` in Helvetica (WinAnsi), LINES_PER_PAGE to a page, through pypdf."""
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    for start in range(0, len(lines), LINES_PER_PAGE):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        shown = " T* ".join(f"({_pdf_string(line)}) Tj" for line in lines[start : start + LINES_PER_PAGE])
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 8 Tf 11 TL 30 810 Td {shown} ET".encode("cp1252"))
        page.replace_contents(ContentStream(stream, writer))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_string(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def actions(reading):
    return [(a.iri, a.kind, a.day, a.follows) for a in reading.draft.treaty_actions]


def read(path: Path):
    from cyberkg.reader.reading import read_report

    return read_report(path)


def test_formats_are_told_by_content():
    from cyberkg.reader.formats import sniff

    assert [
        sniff(data)
        for data in (
            b"%PDF-1.7\n...",
            b"\xef\xbb\xbf  %PDF-1.4",
            b"<!DOCTYPE html><html><body><p>x</p></body></html>",
            b"\n  <html lang='en'><p>x",
            b"<table><tr><td>a</td></tr></table>",
            b"Date: 2 November 2009\n\t<p>cell markup</p>\t1\n",
            b"Some text that mentions <p> later",
        )
    ] == ["pdf", "pdf", "html", "html", "html", "text", "text"]


def test_the_html_chart_gives_the_text_charts_actions(tmp_path):
    html = read(FIXTURES / "treaty_chart_185.html")
    text = read(FIXTURES / "treaty_chart_185.txt")
    assert (html.layout, html.source_format, html.count_check) == (
        "treaty-chart",
        "html",
        "46 items seen = 46 drafted + 0 noted",
    )
    assert actions(html) == actions(text)
    assert html.draft.document.website == text.draft.document.website
    # the same page named .txt is still read as HTML
    renamed = tmp_path / "chart.txt"
    renamed.write_bytes((FIXTURES / "treaty_chart_185.html").read_bytes())
    assert actions(read(renamed)) == actions(text)


def test_html_lines_keep_blocks_and_table_rows():
    from cyberkg.reader.formats import html_lines

    page = (
        b"<html><head><link rel='canonical' href='https://example.org/a'><style>p{}</style></head><body>"
        b"<h1>Title</h1><p>One <b>bold</b><br>two</p><script>x=1</script><!-- note -->"
        b"<table><tr><th>Date</th><th>Place</th></tr><tr><td>16 Sep 09</td><td>Luxembourg</td></tr></table>"
        b"<ul><li>first</li><li>second</li></ul></body></html>"
    )
    assert html_lines(page) == [
        "# URL: https://example.org/a",
        "Title",
        "One bold",
        "two",
        "Date\tPlace",
        "16 Sep 09\tLuxembourg",
        "first",
        "second",
    ]


def test_a_pdf_chart_gives_the_text_charts_actions(tmp_path):
    text_path = FIXTURES / "treaty_chart_185_2004.txt"
    pdf = tmp_path / "chart-2004.pdf"
    pdf.write_bytes(text_pdf(text_path.read_text(encoding="utf-8").split("\n")))
    from_pdf, from_text = read(pdf), read(text_path)
    assert (from_pdf.layout, from_pdf.source_format, from_pdf.count_check) == (
        "treaty-chart",
        "pdf",
        "26 items seen = 22 drafted + 4 noted",
    )
    assert actions(from_pdf) == actions(from_text)


def test_a_pdf_news_page_over_two_pages_gives_the_text_pages_events(tmp_path):
    text_path = FIXTURES / "project_news_glacy.txt"
    pdf = tmp_path / "news.bin"  # no telling extension
    pdf.write_bytes(text_pdf(text_path.read_text(encoding="utf-8").split("\n")))
    from_pdf, from_text = read(pdf), read(text_path)
    assert len(text_path.read_text(encoding="utf-8").split("\n")) > LINES_PER_PAGE
    assert from_pdf.source_format == "pdf"
    assert from_pdf.count_check == from_text.count_check
    assert [(e.label, e.start, e.end, e.cities) for e in from_pdf.draft.events] == [
        (e.label, e.start, e.end, e.cities) for e in from_text.draft.events
    ]


@pytest.mark.skipif(not SEED.is_file() and not os.environ.get("CI"), reason="the seed is not beside the checkout")
def test_the_seed_update_as_an_html_table_gives_its_18_rows(tmp_path):
    import html

    rows, lines = [], SEED.read_text(encoding="utf-8").split("\n")
    for line in lines:
        if "\t" in line:
            cells = "".join(f"<td>{cell}</td>" for cell in line.split("\t"))  # cell markup stays markup
            rows.append(f"<tr>{cells}</tr>")
        elif line.strip():
            rows.append(f"</table><p>{html.escape(line)}</p><table>")
    page = tmp_path / "update.html"
    page.write_text("<!DOCTYPE html><html><body><table>" + "\n".join(rows) + "</table></body></html>", "utf-8")
    from_html, from_text = read(page), read(SEED)
    assert (from_html.layout, from_html.source_format) == ("update-2009", "html")
    assert from_html.count_check == "18 items seen = 18 drafted + 0 noted"
    assert [(e.start, e.end, e.place_as_written, e.outputs, e.status) for e in from_html.draft.events] == [
        (e.start, e.end, e.place_as_written, e.outputs, e.status) for e in from_text.draft.events
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\nnot really a pdf", "report.pdf:1: not a readable PDF"),
        (b"<html><body><script>only()</script></body></html>", "report.pdf:1: the HTML file holds no text"),
    ],
    ids=["damaged-pdf", "empty-html"],
)
def test_unreadable_pdf_and_html_are_one_line_exit_2(tmp_path, capsys, data, message):
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    assert main(["read-report", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"cyberkg: error: {tmp_path}/{message}")
