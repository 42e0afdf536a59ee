"""Small grammar for messages people read: "a" or "an", and lists joined with "or".

Our nouns are a short fixed vocabulary (roles, content kinds), so a rule on the first
letter plus the few exceptions English has for them is enough; a general inflection
library would be a dependency for four words.
"""

from __future__ import annotations

# Words whose first letter misleads: a vowel letter with a consonant sound, or the
# reverse ("a user", "a one-off", "an hour", "an honest").
_SOUNDS_LIKE_CONSONANT = ("eu", "one", "uni", "use", "usu", "ut")
_SOUNDS_LIKE_VOWEL = ("hour", "honest", "honour", "heir")


def with_article(noun: str) -> str:
    """`noun` with "a" or "an" before it: "an author", "a nudge rule", "an editor"."""
    word = noun.lower()
    if word.startswith(_SOUNDS_LIKE_VOWEL):
        return f"an {noun}"
    if word.startswith(_SOUNDS_LIKE_CONSONANT):
        return f"a {noun}"
    return f"an {noun}" if word[:1] in "aeiou" else f"a {noun}"


def one_of(nouns: list[str]) -> str:
    """ "an author, an editor or an admin": each noun with its article."""
    phrases = [with_article(noun) for noun in nouns]
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " or " + phrases[-1]
