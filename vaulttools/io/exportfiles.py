"""Export files as services hand them out: the text inside a zip, decoded line by line.

LinkedIn sends `Basic_LinkedInDataExport_MM-DD-YYYY.zip` with `Connections.csv`
beside `messages.csv` and the rest; address books send a zip of `.vcf` files.
`members` reads the files an importer wants straight out of the zip (never
extracted to disk, so no member name can write anywhere), with a cap on what
it will inflate. A file that is not text at all (an image, a PDF, a zip where
a CSV was expected) is a clear problem, never parsed.

`decode` reads UTF-8 line by line: a spreadsheet round trip commonly leaves a
UTF-8 file with one Windows-1252 byte, and decoding the whole file as 1252
for it would turn every accented name into mojibake (`JÃ¼rgen`). Only a line
that is not UTF-8 is read as Windows-1252, with a warning naming it; a file
where most such lines fail is a Windows-1252 file, said once. UTF-16 (with its
byte-order mark, as Excel writes "Unicode text") is read as such.
"""

from __future__ import annotations

import fnmatch
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from vaulttools.model import Problem

MAX_INFLATED = 512 * 1024 * 1024  # what a zip may inflate to, all members together
_MAGIC = {b"PK\x03\x04": "a zip archive", b"%PDF": "a PDF", b"\x89PNG": "a PNG image",
          b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"\x1f\x8b": "a gzip archive", b"Rar!": "a RAR archive", b"7z\xbc\xaf": "a 7z archive",
          b"\xd0\xcf\x11\xe0": "an old Office document (.xls, .doc)"}


@dataclass
class ExportFile:
    """One text file of an export: where it came from, and its decoded text."""

    origin: str  # the path, or `zip path:member`
    text: str


@dataclass
class Opened:
    files: list[ExportFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def members(path: Path, patterns: tuple[str, ...], what: str) -> Opened:
    """The text files an importer wants from `path`: the file itself, or, from a zip,
    every member whose file name matches one of `patterns` (`Connections.csv`,
    `*.vcf`), case ignored. `what` names the expected kind in messages."""
    opened = Opened()
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        opened.problems.append(Problem(str(path), 1, "error", f"cannot read: {exc.strerror}"))
        return opened
    if not head.startswith(b"PK\x03\x04"):
        _add(opened, str(path), path.read_bytes(), what)
        return opened
    try:
        with zipfile.ZipFile(path) as archive:
            wanted = [info for info in archive.infolist() if not info.is_dir() and any(
                fnmatch.fnmatch(PurePosixPath(info.filename).name.lower(), p.lower())
                for p in patterns)]
            if not wanted:
                opened.problems.append(Problem(str(path), 1, "error", (
                    f"the zip holds no {' or '.join(patterns)}; is this the right export?")))
            budget = MAX_INFLATED
            for info in sorted(wanted, key=lambda i: i.filename):
                budget -= info.file_size
                if budget < 0:
                    opened.problems.append(Problem(str(path), 1, "error", (
                        f"{info.filename}: the zip inflates to more than "
                        f"{MAX_INFLATED // 2**20} MB; unzip it and import the file")))
                    break
                _add(opened, f"{path}:{info.filename}", archive.read(info), what)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
        opened.problems.append(Problem(str(path), 1, "error", f"cannot read the zip: {exc}"))
    return opened


def _add(opened: Opened, origin: str, data: bytes, what: str) -> None:
    kind = not_text(data)
    if kind is not None:
        opened.problems.append(Problem(origin, 1, "error", f"not {what}: it is {kind}"))
        return
    text, problems = decode(data, origin)
    opened.files.append(ExportFile(origin, text))
    opened.problems.extend(problems)


def not_text(data: bytes) -> str | None:
    """What `data` is when it is not text (`a zip archive`, `binary data`); None for text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16, which has NUL bytes of its own
    return "binary data" if b"\x00" in data[:8192] else None


def decode(data: bytes, origin: str) -> tuple[str, list[Problem]]:
    """`data` as text, UTF-8 line by line (see the module docstring), and the lines
    that were not UTF-8, as warnings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    failed: list[int] = []
    decoded = []
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
            failed.append(number)
    non_ascii = sum(1 for line in lines if not line.isascii())
    if len(failed) * 2 > non_ascii:
        return "\n".join(decoded), [Problem(origin, failed[0], "warning", (
            "not UTF-8: read as Windows-1252 (save it as UTF-8 to be sure of every name)"))]
    return "\n".join(decoded), [
        Problem(origin, number, "warning", "this line is not UTF-8 (a byte from another "
                "encoding, often after a spreadsheet round trip); read as Windows-1252, "
                "check its names") for number in failed]
