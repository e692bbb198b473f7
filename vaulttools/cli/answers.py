"""Remembered answers: a read command's output, printed again while nothing it read changed.

`due`, `list`, `stats`, `plan`, `show`, `review`, `check` (its report of the
notes' problems; git is asked every time) and the exports answer from
the vault's notes (the files the loader walks), the index folder (Due.md's
ticks), the config, whether the vault is an Obsidian vault (links), the day,
the command's own options and the terminal it prints to, and from nothing else
but what a command declares (`review`: capture's ledger and every note's name;
see cli/base.remembered). `show` reads capture's ledger for the next meeting
when `[capture]` is set: then it is always computed; so is `review --done`,
which writes.
Before such a command loads the vault it walks the vault as the loader does
(which any command must: a stat of every note) and digests all of that into a
key; an answer kept under that key by an earlier run is printed as it was,
without loading the vault. A shell prompt, a status bar or an editor asking
`due` many times a day pays for the walk alone. When the key is new the
command runs as always, on that same walk, and its output is kept.

Never stale: the key holds every note's signature (mtime, ctime, size,
inode), as the parse cache does, the walk's problems, every file of the index
folder, the config's bytes and the code's own files, so an edit, a new note,
a tick, a new setting or another version each make a new key. An answer is
kept only when nothing it read changed within the parse cache's racy window:
a second edit in the same timestamp tick could leave a signature as it was.
Answers live in the cache folder, the newest KEPT for each vault;
`VAULTTOOLS_REMEMBER=0` (or `VAULTTOOLS_NO_CACHE`) turns them off.
tests/test_answers.py holds every printed answer to the one the command
computes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from vaulttools.read.scan import RACY_WINDOW_NS, Signature, record_walk, settled, signature

if TYPE_CHECKING:
    from vaulttools.config import Settings
    from vaulttools.read.loader import Walked

KEPT = 16  # answers kept a vault; the oldest go first
MAGIC = b"vaulttools-answer 2\n"
FILE = 3
# In the order written: (1 stdout or 2 stderr, text), or (FILE, (path, bytes)), a file
# the command wrote (an export's --output).
Chunks = list[tuple[int, Any]]
_recording: list[Chunks] = []  # the answer being recorded, for wrote_file()


class Question:
    """One command's key, where its answer is kept, and the walk the key was made from."""

    def __init__(self, path: Path, settings: Settings, walked: Walked, keep: bool) -> None:
        self.path, self.settings, self.walked, self.keep = path, settings, walked, keep

    def answer(self) -> Chunks | None:
        """The kept answer; None when there is none (or it cannot be read)."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        if not data.startswith(MAGIC):
            return None
        try:
            chunks = marshal.loads(data[len(MAGIC):])
        except (EOFError, ValueError, TypeError):
            return None
        return chunks if isinstance(chunks, list) else None

    @contextlib.contextmanager
    def recording(self) -> Iterator[Chunks]:
        """Run the command with its output copied (the chunks yielded); keep it if the
        command ends normally."""
        chunks: Chunks = []
        streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Copy(streams[0], 1, chunks), _Copy(streams[1], 2, chunks)
        _recording.append(chunks)
        try:
            yield chunks
        finally:
            sys.stdout, sys.stderr = streams
            _recording.remove(chunks)
        if self.keep:
            _keep(self.path, chunks)


def wrote_file(path: Path, data: bytes) -> None:
    """Note a file the command wrote, for the answer's replay to write it again."""
    if _recording:
        _recording[-1].append((FILE, (os.path.abspath(path), data)))


def replay(chunks: Chunks) -> None:
    """Print (and write) what the command did; a file is written as the command
    wrote it (edit/safewrite.py), so a failure is reported as the command's would be."""
    from vaulttools.edit.safewrite import replace_file

    for kind, what in chunks:
        if kind == FILE:
            sys.stdout.flush()
            sys.stderr.flush()
            replace_file(Path(what[0]), what[1])
        else:
            (sys.stdout if kind == 1 else sys.stderr).write(what)
    sys.stdout.flush()
    sys.stderr.flush()


def ask(command: str, options: dict[str, Any], root: Path, today: date,
        also: Callable[[Settings], object] | None = None) -> Question | None:
    """Walk the vault and make the command's key, with `also(settings)`: what else the
    command reads; None when answers are off."""
    if not remembering():
        return None
    from vaulttools.config import load_settings
    from vaulttools.read.loader import VaultIndex

    settings = load_settings(root)
    walked = _asking[-1][1] if _asking else VaultIndex(settings).walk()
    index = _folder(settings.index_dir)
    config = b""
    if settings.config_path is not None:
        with contextlib.suppress(OSError):
            config = settings.config_path.read_bytes()
    before = time.time_ns() - RACY_WINDOW_NS
    keep = all(found is None or settled(found, before)
               for found in (*walked.present.values(), *index.values()))
    obsidian = (root / ".obsidian").is_dir()  # whether notes get obsidian:// links
    parts = (MAGIC, _code(), sys.version, command, sorted(options.items()), str(root),
             folder_here(), today.isoformat(), _terminal(), config, obsidian,
             repr(walked.problems), sorted(index.items()),
             also(settings) if also is not None else None)
    digest = hashlib.blake2b(repr(parts).encode("utf-8", "surrogateescape"), digest_size=16)
    digest.update(record_walk(walked.present))  # every note and its signature
    return Question(kept_for(root) / digest.hexdigest(), settings, walked, keep)


def remembering() -> bool:
    """Whether answers are kept: not with VAULTTOOLS_REMEMBER=0, nor without the cache
    folder they live in (VAULTTOOLS_NO_CACHE)."""
    return not (os.environ.get("VAULTTOOLS_REMEMBER", "").strip() == "0"
                or os.environ.get("VAULTTOOLS_NO_CACHE"))


def kept_for(root: Path) -> Path:
    """The folder of the answers kept for the vault at `root`."""
    from vaulttools.userdirs import cache_dir, vault_key

    return cache_dir() / "answers" / vault_key(root)


# While the watcher asks a question again (cli/ahead.py): the folder it was asked in,
# and the walk of the vault the watcher just made.
_asking: list[tuple[str, Walked]] = []


@contextlib.contextmanager
def asking_from(folder: str, walked: Walked) -> Iterator[None]:
    """Make keys as a command run in `folder` makes them, on `walked` (a walk of the
    vault just made) instead of walking again."""
    _asking.append((folder, walked))
    try:
        yield
    finally:
        _asking.pop()


def folder_here() -> str:
    """The current folder (a path the user typed may be relative to it); empty when
    it was deleted."""
    if _asking:
        return _asking[-1][0]
    try:
        return os.getcwd()
    except OSError:
        return ""


def _folder(folder: Path) -> dict[str, Signature | None]:
    """Every file in a folder (the index notes) with its signature."""
    found: dict[str, Signature | None] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        try:
            found[entry.name] = signature(entry.stat(follow_symlinks=False))
        except OSError:
            found[entry.name] = None
    return found


def _code() -> tuple[int, int, int]:
    """The package's own files: how many, the newest change, their total size."""
    count = newest = size = 0
    pending = [os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]
    while pending:
        for entry in os.scandir(pending.pop()):
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    pending.append(entry.path)
            elif entry.name.endswith((".py", ".j2")):
                info = entry.stat()
                count, size = count + 1, size + info.st_size
                newest = max(newest, info.st_mtime_ns)
    return count, newest, size


def _terminal() -> tuple[int | None, bool]:
    """What of the terminal shapes a command's output: how wide a row may be, and
    whether names are links (textout.py decides both)."""
    from vaulttools.cli.textout import links_shown, terminal_columns

    return terminal_columns(), links_shown()


def write_kept(path: Path, data: bytes) -> None:
    """Write a file of the answers folder by a rename (a reader sees all of it or
    none; a dot name while written, which pruning passes over); OSError when it
    cannot. No fsync: a file lost in a crash is only computed again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _keep(path: Path, chunks: Chunks) -> None:
    """Write the answer, then let the oldest go. A cache that cannot be written only
    means nothing is remembered."""
    with contextlib.suppress(OSError, ValueError):
        write_kept(path, MAGIC + marshal.dumps(chunks))
        kept = sorted((entry.stat().st_mtime_ns, entry.path) for entry in os.scandir(path.parent)
                      if not entry.name.startswith("."))
        for _, old in kept[:-KEPT]:
            with contextlib.suppress(OSError):
                os.unlink(old)


class _Copy(io.TextIOBase):
    """A text stream that writes through to `stream` and copies what it writes."""

    def __init__(self, stream: TextIO, number: int, chunks: Chunks) -> None:
        super().__init__()
        self._stream, self._number, self._chunks = stream, number, chunks

    def write(self, text: str) -> int:
        written = self._stream.write(text)  # click tries b"" to tell binary streams apart
        if text:
            self._chunks.append((self._number, text))
        return written

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self._stream.errors
