"""Figures: the only part of actviz that imports matplotlib (Figure API, no pyplot state).

- :mod:`.style`: house style (themes, palette, colour per activation)
- :mod:`.save`: output-path validation, deterministic metadata, atomic writes
- :mod:`.draw`: axes-level drawing functions that return their artists
- :mod:`.figures`: the ``plot`` and ``compare`` figures
- :mod:`.cheatsheet`: the whole catalogue on one poster
- :mod:`.sampling` (numpy only) and :mod:`.braille` (numpy and rich: plots in the terminal) never
  import matplotlib

Import the submodules directly; this package itself imports nothing heavy.
"""
