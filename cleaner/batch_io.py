"""Reading and writing for the batch command: formats, decoding, atomic outputs.

Nothing here cleans text; it turns files into str (never failing on bad bytes) and writes
results so that an output file either is complete or does not exist.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

FORMATS = ("txt", "html", "jsonl")

#: File name endings recognised when no --format is given, longest first so that
#: ".jsonl.gz" wins over ".gz".
_SUFFIX_FORMATS = ((".jsonl.gz", "jsonl"), (".jsonl", "jsonl"), (".html", "html"),
                   (".htm", "html"), (".txt", "txt"))
KNOWN_SUFFIXES = tuple(suffix for suffix, _ in _SUFFIX_FORMATS)

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# Browsers must look for the declaration within the first 1024 bytes; real pages put it
# after long comments or scripts often enough that a wider window pays.
_META_WINDOW = 4096
# WHATWG Encoding: these labels mean windows-1252 on the web, whose bytes 0x80-0x9F are
# the curly quotes and dashes that Latin-1 would turn into control characters.
_WEB_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}


def format_of(path: Path) -> str | None:
    """The format a file name implies, or None when its ending is not one cleaner knows."""
    name = path.name.lower()
    return next((fmt for suffix, fmt in _SUFFIX_FORMATS if name.endswith(suffix)), None)


def output_name(name: str, fmt: str) -> str:
    """Output file name for an input name: HTML becomes text, so ".html" turns into ".txt"."""
    if fmt != "html":
        return name
    stem, dot, _ = name.rpartition(".")
    return f"{stem}.txt" if dot and stem else f"{name}.txt"


def is_gzip_name(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def decode(data: bytes, html: bool) -> str:
    """Bytes to text: BOM, then UTF-8 when the bytes are valid UTF-8, then the page's declared
    charset (HTML), then a detected encoding, then UTF-8 with replacement characters.

    Valid UTF-8 goes before the declaration because crawled pages often declare Latin-1 while
    serving UTF-8, and non-UTF-8 text is almost never valid UTF-8 by accident. Never raises.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for encoding in _candidate_encodings(data, html):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _candidate_encodings(data: bytes, html: bool) -> Iterator[str]:
    # A generator, so that detection (slow, imports trafilatura) only runs when needed.
    yield "utf-8"
    declared = declared_charset(data) if html else None
    if declared:
        yield declared
    yield from _detected_encodings(data)


def declared_charset(data: bytes) -> str | None:
    """The codec named by an HTML meta charset near the top of the page, if Python knows it."""
    match = _META_CHARSET.search(data[:_META_WINDOW])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def _detected_encodings(data: bytes) -> list[str]:
    """Encodings to try, most likely first.

    trafilatura wraps charset_normalizer, which tells scripts apart well (Cyrillic, Greek,
    CJK) but often ranks a Central European code page above windows-1252 for French or German
    text. windows-1252 is by far the most common legacy encoding of web text, so it goes
    first whenever the detector finds it plausible at all, and last otherwise.
    """
    try:
        from trafilatura.utils import detect_encoding
        guesses = detect_encoding(data)
    except Exception:  # an import or detector failure must not stop decoding
        guesses = []
    if "cp1252" in guesses:
        return ["cp1252", *(guess for guess in guesses if guess != "cp1252")]
    return [*guesses, "cp1252"]


def read_bytes(path: Path | None) -> bytes | str:
    """A whole input file; `None` is stdin (str when stdin was replaced by a text stream)."""
    if path is None:
        return sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    return path.read_bytes()


def jsonl_lines(path: Path | None) -> Iterator[tuple[int, bytes | str, int]]:
    """(line number, raw line, input bytes advanced) for every non-blank line, streamed.

    The byte count is measured on the file as stored, so a progress bar over a .jsonl.gz
    file reaches its compressed size. Blank lines are not records and are skipped.
    """
    if path is None:
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
        for number, line in enumerate(stream, 1):
            if line.strip():
                yield number, line, len(line)
        return
    with open(path, "rb") as raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if is_gzip_name(path) else raw
        position = 0
        for number, line in enumerate(stream, 1):
            advanced, position = raw.tell() - position, raw.tell()
            if line.strip():
                yield number, line, advanced


class AtomicOutput:
    """An output file written under a temporary name in its folder and renamed into place
    on commit(), so a reader (or --resume) never sees a partial file. gzip when the name
    ends with ".gz"; stdout when `path` is None."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._temp: Path | None = None
        self._raw: BinaryIO | None = None
        self._stream: BinaryIO | TextIO
        if path is None:
            self._stream = sys.stdout
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        self._temp = Path(name)
        self._raw = os.fdopen(handle, "wb")
        # mtime=0 and a fixed stored name keep gzip output byte-identical between runs.
        self._stream = (gzip.GzipFile(filename=path.name, fileobj=self._raw, mode="wb",
                                      compresslevel=6, mtime=0)
                        if is_gzip_name(path) else self._raw)

    def write(self, text: str) -> None:
        if self.path is None:
            self._stream.write(text)
        else:
            self._stream.write(text.encode("utf-8"))

    def commit(self) -> None:
        if self._raw is None or self._temp is None or self.path is None:
            self._stream.flush()
            return
        if self._stream is not self._raw:
            self._stream.close()
        self._raw.flush()
        # Durable before visible: after a crash, an output that exists is a complete one.
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.chmod(self._temp, 0o666 & ~_umask())
        os.replace(self._temp, self.path)
        self._temp = None

    def abort(self) -> None:
        """Drop what was written; the final name is never created. Safe to call twice."""
        if self._temp is None:
            return
        for stream in {id(s): s for s in (self._stream, self._raw) if s is not None}.values():
            try:
                stream.close()
            except (OSError, ValueError):  # already failed or closed: the file goes anyway
                pass
        self._temp.unlink(missing_ok=True)
        self._temp = None


def _umask() -> int:
    # The only portable way to read the umask is to set it; the batch runs it in one thread.
    mask = os.umask(0)
    os.umask(mask)
    return mask
