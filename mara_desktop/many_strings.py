"""Which of many strings occur in a text, found in one pass.

The leak check looks for every value withheld from an agency (hundreds, in a dozen forms
each) in everything its PDF holds, and the list of withheld values is checked against
everything the agency may see. Looking for each string in turn reads the text once per
string: 1.4 s of a 15-agency export (benchmarks/minutes.py). An Aho-Corasick automaton
(pyahocorasick, in C) reads it once for all of them.

Callers look for the start of each value rather than the whole (a value's start is
wherever the value is), which keeps the automaton small, and then compare the few values
whose start was found in full, with their own rules.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


def present(strings: Iterable[str], texts: Iterable[str]) -> set[str]:
    """The `strings` that occur in at least one of `texts` (an empty string never does)."""
    automaton = ahocorasick.Automaton()
    for string in set(strings):
        if string:
            automaton.add_word(string, string)
    if not len(automaton):
        return set()
    automaton.make_automaton()
    return {string for text in texts for _end, string in automaton.iter(text)}
