"""The trauma-informed language check's matcher (issue 11, item 5).

A phrase matches as whole words, in any case, with a hyphen or any spacing between its words
("attention-seeking", "Attention  seeking"), and with the plural of its last word ("tantrums",
"placements", "parties" for "party"). Words inside double quotes (“…” or "…") are the child's
own and never flagged. The same rules run in the browser (static/js/language-check.js) on the
phrase list `phrase_list()` gives; this module is the one the monthly measure uses."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from shifts.models import LanguagePhrase

# What the child said, in double quotes: blanked out before matching, keeping positions.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_CONSONANT_Y = re.compile(r"[^aeiou]y$", re.IGNORECASE)


@dataclass(frozen=True)
class Phrase:
    phrase: str
    suggestion: str
    why: str = ""


@dataclass(frozen=True)
class Found:
    phrase: Phrase
    text: str  # as written
    start: int
    end: int


def phrase_pattern(phrase: str) -> str:
    """The regular expression (without flags) for one phrase: the same one the browser builds."""
    words = phrase.strip().split()
    parts = [re.escape(word) for word in words]
    last = words[-1]
    if _CONSONANT_Y.search(last):
        parts[-1] = re.escape(last[:-1]) + "(?:y|ies)"
    elif last[-1:].lower() in {"s", "x", "z"} or last[-2:].lower() in {"ch", "sh"}:
        parts[-1] += "(?:es)?"
    else:
        parts[-1] += "s?"
    return r"(?<![\w’'-])" + r"(?:\s+|\s*-\s*)".join(parts) + r"(?![\w-])"


def blank_quotes(text: str) -> str:
    """The text with everything in double quotes (the child's own words) replaced by spaces."""
    return QUOTED.sub(lambda match: " " * len(match.group()), text)


class Matcher:
    def __init__(self, phrases: Iterable[Phrase]) -> None:
        # Longest first, so "kicking off" is found before a shorter phrase inside it.
        self.phrases = sorted(phrases, key=lambda p: -len(p.phrase))
        self._patterns = [
            (p, re.compile(phrase_pattern(p.phrase), re.IGNORECASE)) for p in self.phrases if p.phrase.strip()
        ]
        # Each phrase's pattern under what every match of it must hold, lower-cased: its first word
        # as written (only a one-word phrase's -y becomes -ies). Most texts hold none of them, and
        # the monthly measure runs only the patterns of the stems a text holds: one alternation of
        # every phrase tried at every position was eight times slower (issue 14).
        self._by_stem: dict[str, list[re.Pattern]] = {}
        for phrase, pattern in self._patterns:
            self._by_stem.setdefault(_stem(phrase.phrase), []).append(pattern)

    def find(self, text: str) -> list[Found]:
        """Every flagged phrase in the text, in order, outside the child's quoted words."""
        if not text:
            return []
        text = blank_quotes(text)
        found: list[Found] = []
        taken: list[tuple[int, int]] = []
        for phrase, pattern in self._patterns:
            for match in pattern.finditer(text):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append(match.span())
                found.append(Found(phrase=phrase, text=match.group(), start=match.start(), end=match.end()))
        return sorted(found, key=lambda f: f.start)

    def flags(self, text: str) -> bool:
        """Whether the text has any flagged phrase (the monthly measure)."""
        if not text:
            return False
        lowered = text.lower()
        candidates = [patterns for stem, patterns in self._by_stem.items() if stem in lowered]
        if not candidates:
            return False
        blanked = blank_quotes(text)
        return any(pattern.search(blanked) for patterns in candidates for pattern in patterns)


def _stem(phrase: str) -> str:
    words = phrase.strip().lower().split()
    first = words[0]
    return first[:-1] if len(words) == 1 and _CONSONANT_Y.search(first) else first


def active_phrases() -> list[Phrase]:
    rows = LanguagePhrase.objects.filter(active=True).values_list("phrase", "suggestion", "why")
    return [Phrase(phrase=phrase, suggestion=suggestion, why=why) for phrase, suggestion, why in rows]


def matcher() -> Matcher:
    """A matcher for the provider's active phrases (one query)."""
    return Matcher(active_phrases())


def phrase_list() -> list[dict]:
    """The active phrases with their patterns, for the browser's quiet note."""
    return [
        {"phrase": p.phrase, "suggestion": p.suggestion, "why": p.why, "pattern": phrase_pattern(p.phrase)}
        for p in matcher().phrases
    ]
