"""Assertions shared by the CLI test modules."""

from __future__ import annotations


def bad(result, *words):
    """Exit code 2, an 'Error: ...' on stderr naming every word, and no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr
    return result
