"""Reading files: encodings, binary and empty files, streaming, PDFs."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from politburo.errors import PolitburoError
from politburo.evidence.sources import iter_text, read_text, sniff

TEXT = "Saburov left for Warsaw; Molotov’s «note» — Khrushchev.\nSecond line é ü\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.replace("«", '"').replace("»", '"').encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert sniff(path).encoding == encoding
    text, _ = read_text(path)
    assert "Saburov left for Warsaw" in text
    assert text.endswith("é ü\n")


def test_latin1_when_cp1252_cannot_be(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"caf\xe9 \x81 plenum")
    assert sniff(path).encoding == "latin-1"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"PK\x03\x04rest", "ZIP"),
        (b"\x7fELF\x02\x01", "executable"),
        (b"text\x00\x01\x02\x03more", "NUL byte"),
        (bytes(range(1, 9)) * 200, "control bytes"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    with pytest.raises(PolitburoError, match=words) as caught:
        sniff(path)
    assert caught.value.problems[0].file == str(path)


def test_empty_missing_and_folder(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(PolitburoError, match="empty"):
        sniff(tmp_path / "empty.txt")
    with pytest.raises(PolitburoError, match="no such file"):
        sniff(tmp_path / "nope.txt")
    with pytest.raises(PolitburoError, match="folder"):
        sniff(tmp_path)


def test_wrong_encoding_names_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"line one\nline two\nbad \xff byte\n")
    with pytest.raises(PolitburoError) as caught:
        list(iter_text(path, encoding="utf-8"))
    problem = caught.value.problems[0]
    assert problem.line == 3
    assert "byte 22" in problem.message
    with pytest.raises(PolitburoError, match="unknown encoding"):
        sniff(path, encoding="klingon")


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=400), st.integers(min_value=1, max_value=17))
def test_streamed_decode_equals_whole(text: str, chunk: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        data = text.encode("utf-8", "surrogatepass")
        path.write_bytes(b"x" + data)
        try:
            pieces = list(iter_text(path, encoding="utf-8", chunk_size=chunk))
        except PolitburoError:
            return  # lone surrogates are not valid UTF-8: an error is the right answer
        assert "".join(pieces) == "x" + text


def _pdf(text: str | None) -> bytes:
    """A one-page PDF, with a text layer if ``text`` is given."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    path.write_bytes(_pdf("Saburov left for Warsaw"))
    assert sniff(path).kind == "pdf"
    assert "Saburov left for Warsaw" in "".join(iter_text(path))


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(None))
    with pytest.raises(PolitburoError, match="without a text layer"):
        list(iter_text(path))


def test_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\ngarbage")
    with pytest.raises(PolitburoError):
        list(iter_text(path))
