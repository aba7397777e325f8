"""An action's printed reference: how agencies name one action to each other.

Numbers like "2.1" depend on the case's place on the agenda and on which actions a copy
shows, so the same action had different numbers in different agencies' copies. A reference
is instead computed from the action's own ids ("CASE/ACTION") with a random key that never
leaves the encrypted case file (HMAC-SHA256): it is the same in every copy and every later
export, and it reveals neither how many actions there are nor in what order they came.
Without the key nobody can tell which case or action a reference names.

Seven characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 8/B, 2/Z, U/V,
and no M/N or W, which are misheard or too wide for the minutes' reference column) give
20^7, about 1.3 billion, references: two of a file's actions sharing one is unlikely even
after years (about 1 in 16 at 18,000 actions), and where it happens a look-up by reference
says so rather than guess (the CASE/ACTION form always works).
"""

from __future__ import annotations

import hashlib
import hmac

ALPHABET = "34679ACDEFGHJKPQRTXY"
LENGTH = 7
PREFIX = "A-"


def action_id(case_id: str, action: str) -> str:
    """The pinned "CASE/ACTION" form: action ids are unique only within a case."""
    return f"{case_id}/{action}"


def action_reference(key: bytes, case_id: str, action: str) -> str:
    """The reference printed for one action, e.g. "A-7K3QXPC"."""
    digest = hmac.new(key, action_id(case_id, action).encode("utf-8"), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return PREFIX + "".join(letters)


def normal_reference(text: str) -> str:
    """A reference as typed ("a-7k3qxpc", " A 7K3QXPC "), in its printed form."""
    letters = "".join(c for c in text.upper() if c.isalnum())
    if letters.startswith("A") and len(letters) == LENGTH + 1:
        letters = letters[1:]
    return PREFIX + letters
