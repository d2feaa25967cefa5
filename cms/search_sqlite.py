"""Wagtail's SQLite FTS5 search backend, indexing and searching Russian and English stems.

The index keeps the stems of each object's title, body and autocomplete text
(cms.search_stemming) in place of the words; a query's words are stemmed the same way before
they reach FTS5's MATCH. Phrases stay phrases (stems in order), the last word of an
autocomplete query stays a prefix, AND/OR/NOT are the backend's own. Punctuation is dropped
from a query as FTS5 drops it from text, so a term like «—» neither matches nor fails.
"""

from wagtail.search.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from wagtail.search.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from wagtail.search.query import Phrase, PlainText
from wagtail.search.utils import get_content_type_pk

from .search_stemming import stem_text


class StemmingIndexer(ObjectIndexer):
    """The backend's indexer with each text as its stems."""

    @property
    def stemmed(self):
        return stem_text(self.title), stem_text(self.autocomplete), stem_text(self.body)


class StemmingSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """SQLiteIndex.add_items (modelsearch 1.3) with StemmingIndexer for ObjectIndexer."""
        if not model.get_search_fields():
            return
        texts = {
            indexer.id: indexer.stemmed
            for indexer in (StemmingIndexer(obj, self.backend) for obj in objs)
        }
        if not texts:
            return
        content_type_pk = get_content_type_pk(model)
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = set(entries.filter(object_id__in=texts).values_list("object_id", flat=True))
        for object_id in indexed_ids:
            title, autocomplete, body = texts[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in texts.items()
            if object_id not in indexed_ids
        )
        self._refresh_title_norms()


class StemmingCompilerMixin:
    """Stems the words of PlainText and Phrase queries; And, Or and Not reach these through
    the backend's own recursion."""

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            return SearchQueryExpression(self.plain_text_lexemes(query))
        if isinstance(query, Phrase):
            return SearchQueryExpression(Lexeme(stem_text(query.query_string)))
        return super().build_search_query_content(query, config=config)

    def plain_text_lexemes(self, query):
        # A term of several words («Санкт-Петербург») is a phrase of their stems; a term
        # without a word («—») is left out, and a query of only such terms matches nothing
        # (FTS5's empty phrase "").
        terms = [stems for stems in map(stem_text, query.query_string.split()) if stems] or [""]
        lexemes = Lexeme(terms[-1], prefix=self.LAST_TERM_IS_PREFIX)
        for term in terms[:-1]:
            if query.operator.upper() == "AND":
                lexemes &= Lexeme(term)
            else:
                lexemes |= Lexeme(term)
        return lexemes


class StemmingSQLiteSearchQueryCompiler(StemmingCompilerMixin, SQLiteSearchQueryCompiler):
    pass


class StemmingSQLiteAutocompleteQueryCompiler(
    StemmingCompilerMixin, SQLiteAutocompleteQueryCompiler
):
    pass


class StemmingSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = StemmingSQLiteIndex
    query_compiler_class = StemmingSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = StemmingSQLiteAutocompleteQueryCompiler
