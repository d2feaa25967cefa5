"""Russian and English word stems for the SQLite search index, as PostgreSQL's `russian`
search config makes them: «библиотекам» and «библиотека» both become «библиотек».

The SQLite backend (cms/search_backend.py, cms/search_sqlite.py) writes stems to its FTS5
index and searches for the stems of the query's words. Words are cut as FTS5's unicode61
tokenizer cuts them (letters and digits; anything else separates), lower-cased, «ё» read as
«е». Latin words get the English stemmer (PostgreSQL's `russian` config does the same), words
with digits stay whole.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

# Bump when what stem_text writes changes: the index of an existing SQLite database is then
# rebuilt once at the next `migrate` (cms.search_index_format).
INDEX_FORMAT = 1

WORD = re.compile(r"[^\W_]+")
LATIN_WORD = re.compile(r"[a-z]+")
# Soft hyphens and zero-width characters sit inside words in pasted text.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))

_stemmers = threading.local()


def _stemmer(language):
    # A Snowball stemmer keeps state while it works: one per thread (runserver is threaded).
    stemmer = getattr(_stemmers, language, None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(language)
        setattr(_stemmers, language, stemmer)
    return stemmer


@lru_cache(maxsize=50_000)
def stem_word(word):
    """The stem of one lower-case word (a site's vocabulary is small: the cache holds it)."""
    if LATIN_WORD.fullmatch(word):
        return _stemmer("english").stemWord(word)
    if word.isalpha():
        return _stemmer("russian").stemWord(word)
    return word


def words(text):
    """The words of `text` as the index sees them: lower case, «ё» as «е»."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE).lower().replace("ё", "е")
    return WORD.findall(text)


def stem_text(text):
    """`text` as the stems of its words, in order, separated by spaces ("" when it has none)."""
    return " ".join(stem_word(word) for word in words(text))
