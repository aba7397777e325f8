"""No country's words live in code: the notices take their emergency number, law, authority,
complaints route and contacts from the protocol's `[notice]` (docs/notices.md). A notice made
under one jurisdiction's protocol must never tell a frightened reader to call another
country's number or complain to another country's authority."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mara_desktop"
JURISDICTION_WORDS = re.compile(
    r"\b(999|112|911|0303|ICO)\b|Information Commissioner|GDPR|Data Protection Act"
    r"|ico\.org\.uk|independent domestic violence adviser",
    re.IGNORECASE,
)
"""Words of the UK (and the EU's and North America's emergency numbers) that a notice once
carried in code, or could: each belongs in a protocol."""


def printable_texts(source: str) -> list[tuple[int, str]]:
    """Every string the code can print or show, with its line: all string constants but
    docstrings (a docstring is read by developers, never by a victim)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    )


def jurisdiction_words(source: str) -> list[str]:
    return [
        f"line {line}: {text!r}"
        for line, text in printable_texts(source)
        if JURISDICTION_WORDS.search(text)
    ]


def test_no_text_of_the_package_names_a_countrys_number_law_or_authority():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50
    found = {
        str(module.relative_to(PACKAGE)): words
        for module in modules
        if (words := jurisdiction_words(module.read_text("utf-8")))
    }
    assert found == {}


def test_the_search_finds_what_the_notice_once_said_in_code():
    before = '''
"""Call 999 in a docstring is for developers."""
WARNING = "If you are in danger now, call 999."
def rights(law: str) -> list[str]:
    return [f"The law ({law} and UK GDPR) gives you rights.", "complain to the ICO"]
'''
    assert jurisdiction_words(before) == [
        "line 3: 'If you are in danger now, call 999.'",
        "line 5: ' and UK GDPR) gives you rights.'",
        "line 5: 'complain to the ICO'",
    ]
    assert not jurisdiction_words('NOTE = "Call the emergency services; 9990 ids; icon"')
