"""``python -m actviz``: the command line."""

from .cli import main

main()
