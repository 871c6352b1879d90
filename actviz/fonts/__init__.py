"""The font actviz draws Chinese with: a subset of Noto Sans SC (SIL Open Font License 1.1, see
``OFL.txt`` beside this file) holding exactly the characters of actviz's Chinese messages that DejaVu
Sans lacks, as TrueType outlines (PDFs embed it as Type 42, like DejaVu).

It is registered with matplotlib (``font_manager.fontManager.addfont``) the first time a Chinese
figure is made, never before, and used only through a scoped ``font.family`` (see
:func:`actviz.render.style.rc`): DejaVu Sans first, so Latin letters, digits and symbols look as in
English figures, then this family for the characters DejaVu has not. matplotlib's rcParams are
never changed.

``python -m actviz.fonts.subset`` remakes the files from the message catalogue (README: 中文).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["COMMON_CJK", "FAMILY", "FILES", "FOLDER", "register"]

#: the family name inside the subset (renamed: a modified font does not take the original's name)
FAMILY = "Noto Sans SC actviz"
#: the readers' own simplified Chinese fonts (each platform's, then Noto's), which SVGs and the gallery
#: page name: a reader has them, never the subset
COMMON_CJK = ("PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC")
FOLDER = Path(__file__).resolve().parent
#: weight -> file
FILES = {"regular": FOLDER / "NotoSansSC-actviz-Regular.ttf", "bold": FOLDER / "NotoSansSC-actviz-Bold.ttf"}

_registered: list[str] = []


def register() -> str:
    """Add the bundled subset (regular and bold) to matplotlib's font manager, once per process; return
    its family name. Adding a font is all this does: no rcParams change."""
    if not _registered:
        from matplotlib import font_manager

        for path in FILES.values():
            font_manager.fontManager.addfont(str(path))
        _registered.append(FAMILY)
    return FAMILY
