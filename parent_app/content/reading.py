"""The reading check staff see beside an article's preview: reading age, counts, and
the sentences and words that make a text hard to read.

Reading age is the Flesch-Kincaid grade plus 5, the usual UK conversion from a US
school grade. The target for health information is a reading age of 9 to 11; a text
above it gets a warning, but refusing it stays the editor's decision. Long sentences
are over 25 words (GOV.UK style guide); long words have three syllables or more (the
"polysyllables" of SMOG and Gunning fog).

Syllables are counted with Pyphen's British English hyphenation, the way textstat
counted them up to 0.7.3 (and still does for words outside the CMU dictionary, which
later textstat versions download through nltk at run time: our servers cannot). A
hyphenation count is a little low for long words, so reading ages lean slightly low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from pyphen import Pyphen

TARGET_READING_AGE = (9, 11)
LONG_SENTENCE_WORDS = 25
LONG_WORD_SYLLABLES = 3
_hyphenation = Pyphen(lang="en_GB")
_parser = MarkdownIt("commonmark", {"html": False}).enable("table")
# A sentence ends at . ! or ? followed by a space (and at the end of each block).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Piece:
    """A run of text in a sentence; `is_long_word` when it is one long word."""

    text: str
    is_long_word: bool = False


@dataclass(frozen=True)
class Sentence:
    pieces: tuple[Piece, ...]
    word_count: int

    @property
    def is_long(self) -> bool:
        return self.word_count > LONG_SENTENCE_WORDS


@dataclass(frozen=True)
class ReadingCheck:
    reading_age: float
    sentence_count: int
    word_count: int
    long_sentence_count: int
    long_word_count: int
    # Each block (paragraph, heading, list item) as its sentences.
    blocks: tuple[tuple[Sentence, ...], ...]

    @property
    def is_above_target(self) -> bool:
        return self.reading_age > TARGET_READING_AGE[1]


def text_blocks(markdown: str) -> list[str]:
    """The plain text of each paragraph, heading and list item, markup removed."""
    blocks = []
    for token in _parser.parse(markdown):
        if token.type != "inline":
            continue
        words = "".join(
            child.content
            for child in token.children or []
            if child.type in ("text", "code_inline")
        ).strip()
        if words:
            blocks.append(words)
    return blocks


def syllables(word: str) -> int:
    return len(_hyphenation.positions(word.lower())) + 1


def _is_long_word(word: str) -> bool:
    return syllables(word) >= LONG_WORD_SYLLABLES


def flesch_kincaid_grade(sentences: int, words: int, syllable_count: int) -> float:
    """The Flesch-Kincaid grade level (Kincaid et al., 1975)."""
    if not sentences or not words:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


def _sentence(text: str) -> Sentence:
    pieces: list[Piece] = []
    last = 0
    words = 0
    for match in _WORD.finditer(text):
        words += 1
        if _is_long_word(match.group()):
            if match.start() > last:
                pieces.append(Piece(text[last : match.start()]))
            pieces.append(Piece(match.group(), is_long_word=True))
            last = match.end()
    if last < len(text):
        pieces.append(Piece(text[last:]))
    return Sentence(tuple(pieces), words)


def check_reading(markdown: str) -> ReadingCheck:
    """The reading check of an article body written in Markdown."""
    blocks = tuple(
        tuple(_sentence(part) for part in _SENTENCE_END.split(block) if part.strip())
        for block in text_blocks(markdown)
    )
    sentences = [s for block in blocks for s in block]
    words = [
        match.group()
        for s in sentences
        for match in _WORD.finditer("".join(p.text for p in s.pieces))
    ]
    grade = flesch_kincaid_grade(
        len(sentences), len(words), sum(syllables(w) for w in words)
    )
    return ReadingCheck(
        reading_age=round(max(grade, 0.0) + 5, 1),
        sentence_count=len(sentences),
        word_count=sum(s.word_count for s in sentences),
        long_sentence_count=sum(1 for s in sentences if s.is_long),
        long_word_count=sum(1 for s in sentences for p in s.pieces if p.is_long_word),
        blocks=blocks,
    )
