"""A folder of outputs, built beside its target and swapped in: a failure leaves the previous one.

Use it in two steps, so that a bad path is refused before any work is done::

    target = check_folder(path, owned=is_gallery)     # validate first (nothing is created)
    with building(target) as tmp:                       # a fresh folder beside the target
        ...                                             # write every file into tmp
    # here tmp has replaced target; on an exception target is as it was and tmp is gone

The folder is replaced as a whole, so :func:`check_folder` accepts an existing folder only when it
is empty or was made by the same tool (``owned``): a folder of the user's own files is never
replaced. stdlib only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputError
from ..options import NAME_MAX, check_folder

__all__ = ["check_folder", "building"]  # check_folder: from actviz.options, the one check of a path


@contextlib.contextmanager
def building(target: Path) -> Iterator[Path]:
    """A fresh folder beside ``target`` to write into; when the block ends without an exception it
    replaces ``target`` (two renames, the previous folder removed after), otherwise it is removed
    and ``target`` is untouched. The new folder gets the usual mode (0777 & ~umask)."""
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create folder {str(parent)!r}: {exc.strerror or exc}") from None
    stem = target.name[: NAME_MAX // 2]
    tmp = Path(tempfile.mkdtemp(prefix=f".{stem}.", suffix=".tmp", dir=parent))
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)
        _swap(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is: the old folder is renamed aside, the new one renamed in, the
    old one removed. If the second rename fails, the old folder is put back."""
    if not target.exists():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name[: NAME_MAX // 2]}.", suffix=".old", dir=target.parent))
    os.replace(target, old)  # onto the empty folder just made: an atomic rename on POSIX
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
