"""The git merge driver for the index folder: generated notes merge without a stop,
everything else merges as git merges it.

`init --git` marks the index folder `merge=vaulttools-index` in
`.gitattributes`. git then hands every file under that folder to
`vaulttools merge-driver`, which decides by the file itself, never by its
path: when both sides carry the `generated_by: vaulttools` marker, this side's
copy is kept (the next `index` or the watcher regenerates it from the merged
contacts), with the items ticked on the other side added, still ticked, for
that render to act on (acting.py: nothing is acted on twice); any other file
(a note of the user's that lives there, a side that replaced a generated note
with its own) is merged by `git merge-file`, git's own three-way text merge,
conflicts and all.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from vaulttools.errors import VaultError
from vaulttools.render.index import is_generated
from vaulttools.render.ticks import CARRIED_HEADING, read_ticks


def _generated(path: Path) -> bool:
    try:
        return is_generated(path.read_bytes())
    except OSError:
        return False


def merge_file(base: Path, ours: Path, theirs: Path, marker_size: int = 7,
               name: str = "") -> bool:
    """Merge one file as git's merge driver protocol asks: the result is left in `ours`.

    True when the merge is clean; False when it left conflict markers (or
    could not merge, such as a binary file), which git then reports as a
    conflict. VaultError when git itself cannot be run.
    """
    if _generated(ours) and _generated(theirs):
        _keep_their_ticks(ours, theirs)
        return True
    label = f":{name}" if name else ""
    try:
        result = subprocess.run(
            ["git", "merge-file", f"--marker-size={marker_size}",
             "-L", f"ours{label}", "-L", f"base{label}", "-L", f"theirs{label}",
             str(ours), str(base), str(theirs)],
            capture_output=True, text=True, check=False)
    except OSError as exc:
        raise VaultError(f"cannot run git merge-file: {exc.strerror}", ours) from None
    return result.returncode == 0


def _keep_their_ticks(ours: Path, theirs: Path) -> None:
    """Add to our copy the items ticked in theirs that ours does not hold ticked."""
    mine = ours.read_text(encoding="utf-8")
    have = {tick.text.strip() for tick in read_ticks(mine)[1]}
    missing = [tick.text.strip() for tick in read_ticks(theirs.read_text(encoding="utf-8"))[1]
               if tick.text.strip() not in have]
    if missing:
        ours.write_text(f"{mine.rstrip()}\n\n{CARRIED_HEADING}\n\n" + "\n".join(missing) + "\n",
                        encoding="utf-8", newline="")
