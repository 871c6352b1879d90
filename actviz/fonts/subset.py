"""Remake the bundled Chinese font from the message catalogue::

    python -m actviz.fonts.subset                       # from Debian's fonts-noto-cjk
    python -m actviz.fonts.subset --regular R.otf --bold B.otf   # or any Noto Sans SC / CJK SC files

Run it after adding or changing a Chinese message (a test fails while a character is missing). It
takes every character of the Chinese messages (:func:`actviz.messages.characters`) that DejaVu Sans
(matplotlib's own font, drawn first) does not have, subsets Noto Sans SC (or the SC face of Noto Sans
CJK, the same design) to them with fontTools' subsetter, converts the outlines from CFF to TrueType
(matplotlib embeds TrueType in PDF as Type 42), renames the family to :data:`actviz.fonts.FAMILY`
(a modified font does not keep the original's name) and writes the two weights and ``OFL.txt``
(the copyright notice read from the font, and the licence) beside :mod:`actviz.fonts`. The same
input gives the same bytes.

Needs fontTools (installed with matplotlib); ``apt-get install fonts-noto-cjk`` brings the source.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import FAMILY, FILES, FOLDER

#: where Debian's fonts-noto-cjk puts the collections
DEBIAN = {"regular": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
          "bold": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")}
_SC_NAMES = ("Noto Sans CJK SC", "Noto Sans SC")
_STYLE = {"regular": "Regular", "bold": "Bold"}

_OFL = """\
This Font Software is licensed under the SIL Open Font License, Version 1.1.
This license is copied below, and is also available with a FAQ at: https://openfontlicense.org

-----------------------------------------------------------
SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007
-----------------------------------------------------------

PREAMBLE
The goals of the Open Font License (OFL) are to stimulate worldwide development of collaborative font
projects, to support the font creation efforts of academic and linguistic communities, and to provide
a free and open framework in which fonts may be shared and improved in partnership with others.

The OFL allows the licensed fonts to be used, studied, modified and redistributed freely as long as
they are not sold by themselves. The fonts, including any derivative works, can be bundled, embedded,
redistributed and/or sold with any software provided that any reserved names are not used by
derivative works. The fonts and derivatives, however, cannot be released under any other type of
license. The requirement for fonts to remain under this license does not apply to any document created
using the fonts or their derivatives.

DEFINITIONS
"Font Software" refers to the set of files released by the Copyright Holder(s) under this license and
clearly marked as such. This may include source files, build scripts and documentation.

"Reserved Font Name" refers to any names specified as such after the copyright statement(s).

"Original Version" refers to the collection of Font Software components as distributed by the
Copyright Holder(s).

"Modified Version" refers to any derivative made by adding to, deleting, or substituting -- in part or
in whole -- any of the components of the Original Version, by changing formats or by porting the Font
Software to a new environment.

"Author" refers to any designer, engineer, programmer, technical writer or other person who
contributed to the Font Software.

PERMISSION & CONDITIONS
Permission is hereby granted, free of charge, to any person obtaining a copy of the Font Software, to
use, study, copy, merge, embed, modify, redistribute, and sell modified and unmodified copies of the
Font Software, subject to the following conditions:

1) Neither the Font Software nor any of its individual components, in Original or Modified Versions,
may be sold by itself.

2) Original or Modified Versions of the Font Software may be bundled, redistributed and/or sold with
any software, provided that each copy contains the above copyright notice and this license. These can
be included either as stand-alone text files, human-readable headers or in the appropriate
machine-readable metadata fields within text or binary files as long as those fields can be easily
viewed by the user.

3) No Modified Version of the Font Software may use the Reserved Font Name(s) unless explicit written
permission is granted by the corresponding Copyright Holder. This restriction only applies to the
primary font name as presented to the users.

4) The name(s) of the Copyright Holder(s) or the Author(s) of the Font Software shall not be used to
promote, endorse or advertise any Modified Version, except to acknowledge the contribution(s) of the
Copyright Holder(s) and the Author(s) or with their explicit written permission.

5) The Font Software, modified or unmodified, in part or in whole, must be distributed entirely under
this license, and must not be distributed under any other license. The requirement for fonts to remain
under this license does not apply to any document created using the Font Software.

TERMINATION
This license becomes null and void if any of the above conditions are not met.

DISCLAIMER
THE FONT SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO ANY WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT
OF COPYRIGHT, PATENT, TRADEMARK, OR OTHER RIGHT. IN NO EVENT SHALL THE COPYRIGHT HOLDER BE LIABLE FOR
ANY CLAIM, DAMAGES OR OTHER LIABILITY, INCLUDING ANY GENERAL, SPECIAL, INDIRECT, INCIDENTAL, OR
CONSEQUENTIAL DAMAGES, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF THE
USE OR INABILITY TO USE THE FONT SOFTWARE OR FROM OTHER DEALINGS IN THE FONT SOFTWARE.
"""


def needed() -> str:
    """The characters the subset must hold: those of the Chinese messages that DejaVu Sans lacks."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    from ..messages import characters

    with TTFont(font_manager.findfont("DejaVu Sans", fallback_to_default=False), lazy=True) as dejavu:
        has = set(dejavu.getBestCmap())
    return "".join(c for c in characters() if ord(c) not in has and not c.isspace())


def missing() -> str:
    """The characters :func:`needed` that a bundled weight lacks ("" when the subset is current)."""
    from fontTools.ttLib import TTFont

    lacking = set()
    for path in FILES.values():
        with TTFont(path, lazy=True) as font:
            held = set(font.getBestCmap())
        lacking |= {c for c in needed() if ord(c) not in held}
    return "".join(sorted(lacking))


def _open_sc(path: Path):  # -> TTFont
    """The Simplified Chinese face of ``path`` (an .otf, or a .ttc collection holding it)."""
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        for font in TTCollection(str(path), lazy=False).fonts:
            if font["name"].getDebugName(1) in _SC_NAMES:
                return font
        raise SystemExit(f"{path}: no face named {' or '.join(_SC_NAMES)} in this collection")
    font = TTFont(str(path), recalcTimestamp=False)
    if font["name"].getDebugName(1) not in _SC_NAMES:
        raise SystemExit(f"{path}: not Noto Sans SC ({font['name'].getDebugName(1)!r})")
    return font


def _to_truetype(font) -> None:  # font: TTFont
    """Replace CFF outlines by TrueType (quadratic) ones, within 1 unit of the original curves."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0


def _rename(font, style: str) -> None:
    """The subset's own names (family :data:`FAMILY`); copyright, trademark and licence entries kept."""
    name = font["name"]
    postscript = FAMILY.replace(" ", "") + "-" + style
    new = {1: FAMILY, 2: style, 3: f"{postscript};subset for actviz", 4: f"{FAMILY} {style}", 6: postscript}
    name.names = [rec for rec in name.names if rec.nameID not in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)]
    for name_id, value in new.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    font["OS/2"].usWeightClass = 700 if style == "Bold" else 400


def make(source: Path, target: Path, style: str, chars: str) -> int:
    """Subset ``source`` to ``chars`` into ``target``; return its size in bytes."""
    from fontTools import subset

    font = _open_sc(source)
    options = subset.Options()
    options.layout_features = []  # matplotlib lays glyphs out one by one: no shaping tables needed
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    options.drop_tables += ["VORG", "vhea", "vmtx", "DSIG", "BASE"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    _to_truetype(font)
    _rename(font, style)
    font.recalcTimestamp = False
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return target.stat().st_size


def notice(source: Path) -> str:
    """The copyright notice of ``source`` (name ID 0), with the licence: the text of ``OFL.txt``."""
    font = _open_sc(source)
    copyright_line = (font["name"].getDebugName(0) or "© 2014-2021 Adobe (http://www.adobe.com/).").rstrip(".")
    trademark = font["name"].getDebugName(7) or ""
    return (f"{FAMILY}: a subset of Noto Sans SC (Noto Sans CJK SC), made by actviz/fonts/subset.py: only the\n"
            "characters of actviz's Chinese messages, outlines converted to TrueType, family renamed.\n\n"
            f"{copyright_line}, with Reserved Font Name 'Source'. {trademark}\n\n{_OFL}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actviz.fonts.subset", description=__doc__.split("\n\n")[0])
    parser.add_argument("--regular", type=Path, default=DEBIAN["regular"], help="Noto Sans (CJK) SC Regular")
    parser.add_argument("--bold", type=Path, default=DEBIAN["bold"], help="Noto Sans (CJK) SC Bold")
    args = parser.parse_args(argv)
    for path in (args.regular, args.bold):
        if not path.exists():
            print(f"{path} not found: apt-get install fonts-noto-cjk, or give --regular/--bold", file=sys.stderr)
            return 1
    chars = needed()
    sizes = {w: make(src, FILES[w], _STYLE[w], chars) for w, src in (("regular", args.regular), ("bold", args.bold))}
    (FOLDER / "OFL.txt").write_text(notice(args.regular), encoding="utf-8")
    print(f"{len(chars)} characters; " + ", ".join(f"{FILES[w].name} {n / 1024:.0f} KiB" for w, n in sizes.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
