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
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ActvizError
from .save import NAME_MAX, OutputError

__all__ = ["check_folder", "building"]


def check_folder(path: str | os.PathLike[str], *, owned: Callable[[Path], str | None], what: str = "folder") -> Path:
    """Validate the folder ``path`` before any work; return it as a Path. Nothing is created.

    ``owned(folder)`` says why an existing, non-empty folder may not be replaced (a message naming
    what is in it), or None when it was made by the same tool and may be. Raises
    :class:`ActvizError` (exit code 2) for a path that is a file or runs through one, a name that
    is too long, the current folder or one above it, or a folder of other files; and
    :class:`OutputError` (exit code 1) when the nearest existing folder cannot be written.
    """
    text = os.fspath(path)
    if "\x00" in text:
        raise ActvizError(f"cannot write {text!r}: a file name cannot contain a NUL character")
    if not text.strip():
        raise ActvizError(f"the {what} name is empty: give one such as site/")
    target = Path(text)
    for part in target.parts:
        if len(os.fsencode(part)) > NAME_MAX:
            raise ActvizError(f"cannot write the name {part[:40] + '...'!r}: it is {len(os.fsencode(part))} bytes "
                              f"long, file systems allow at most {NAME_MAX}")
    resolved = target.resolve()
    cwd = Path.cwd().resolve()
    if resolved == cwd or resolved in cwd.parents or resolved.parent == resolved:
        raise ActvizError(f"cannot replace {text!r}: it is the current folder or holds it; give a new folder "
                          "such as site/")
    if target.is_symlink():
        raise ActvizError(f"cannot replace {text!r}: it is a symbolic link; give the folder itself, "
                          f"{str(target.resolve())!r}")
    if target.exists() and not target.is_dir():
        raise ActvizError(f"cannot write {text!r}: it is a file, not a folder; give a folder such as site/")
    existing = target.parent if not target.exists() else target
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise ActvizError(f"cannot write {text!r}: {str(existing)!r} is a file, not a folder")
    if target.exists():
        reason = owned(target) if any(target.iterdir()) else None
        if reason is not None:
            raise ActvizError(f"cannot replace {text!r}: {reason}; give a new or empty folder")
        existing = target.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {text!r}: folder {str(existing)!r} is not writable")
    return target


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
