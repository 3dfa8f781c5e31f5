"""Fuzzy search over commitment texts, area names, tags, notes and the source and
evidence recorded with a status.

Pure Python + rapidfuzz, no Textual: the model layer's search engine, shared by the app
and the `coop-tui search` command.

Design (fast at 100,000 commitments):

* Every searchable text is a *document* (a commitment's text, an area's name, one
  tag of a target, one note, one source or evidence text of a status change). Words
  are case-folded ``\\w+`` runs; an inverted index maps each word to the ascending
  list of documents that contain it.
* The sorted vocabulary turns a query token into a contiguous range of words that
  start with it (``bisect``), so typing ``fin`` matches *finance*, *financial*, …
  A token that prefixes nothing is expanded to similar words (rapidfuzz) among the
  words with the same first letter, so small typos still find something.
* Candidates come from the *rarest* token's words (exact word first, then the most
  frequent completions); every other token is checked with one substring test on
  the document's word string. Collection stops at a bound, so a one-letter query
  costs as little as a long one.
* Only that bounded set is ranked with ``rapidfuzz.fuzz.partial_ratio`` plus small
  bonuses (whole-word hits, short documents such as area names and tags).
* Chinese (a run of Han characters) is indexed by character bigrams, in Simplified
  and Traditional alike, and found as a substring, never by fuzzy expansion
  (:mod:`search.chinese`). A commitment's or an area's text in another language
  (``build``'s ``translations``) is a document of the same target; a target is listed
  once, with whichever of its texts ranks best.

Status, tags and notes change while the app runs: :meth:`SearchIndex.set_annotation`
replaces a target's tag, note, source and evidence documents (old ones are tomb-stoned).
A ``meeting:`` filter names meetings as everywhere else (:mod:`parsers.naming`).
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz, process

from search import chinese
from search.filters import Filters
from search.inputs import AnnotationLike, MeetingName
from search.query import (
    KIND_AREA,
    KIND_COMMITMENT,
    KIND_EVIDENCE,
    KIND_NOTE,
    KIND_SOURCE,
    KIND_TAG,
    NOT_RATED,
    WORD,
    Query,
    SearchResult,
    parse_query,
    status_value,
)
from search.snippet import find_spans, match_pattern

_KIND_BONUS = {
    KIND_COMMITMENT: 0.0,
    KIND_AREA: 3.0,
    KIND_TAG: 3.0,
    KIND_NOTE: 1.0,
    KIND_SOURCE: 1.0,
    KIND_EVIDENCE: 1.0,
}
#: what a target's annotation adds to the index (replaced when it changes)
_ANNOTATION_KINDS = (KIND_TAG, KIND_NOTE, KIND_SOURCE, KIND_EVIDENCE)


#: How many candidate documents are ranked with rapidfuzz, at most.
MAX_CANDIDATES = 600
#: How many vocabulary words a one-token fuzzy expansion may add.
MAX_FUZZY_WORDS = 8
#: Completions of a short prefix beyond this many are taken most frequent first, unsorted after.
_SORT_LIMIT = 256
#: Counting a token's documents (to pick the rarest token) stops here.
_ESTIMATE_CAP = 20_000
#: ``build`` pauses (see there) after about this many documents.
_STEP_DOCS = 50

_HIGH = "\U0010ffff"


class SearchIndex(Filters):
    """An incremental inverted index with prefix lookup and fuzzy ranking."""

    def __init__(self, statuses: Iterable[str] = ()) -> None:
        self.statuses = list(statuses)
        # documents (parallel lists, indexed by document number)
        self._target: list[str] = []
        self._kind: list[str] = []
        self._text: list[str] = []
        self._folded: list[str] = []
        self._words: list[str] = []  # " w1 w2 … " unique words, for substring checks
        self._meeting: list[int] = []
        self._note_id: list[str | None] = []
        self._alive = bytearray()
        self._other_form: dict[int, str] = {}  # Han text folded by character, where it differs
        self._language: dict[int, str] = {}  # a translation's language
        # inverted index
        # each word's documents as C ints (4 bytes an entry, not a list's 8-byte pointer)
        self._postings: dict[str, array[int]] = {}
        self._vocab: list[str] = []
        self._dirty = False
        self._new_words: list[str] = []
        self._word_cache: dict[str, tuple[tuple[str, ...], int, bool]] = {}
        # targets
        self._target_docs: dict[str, list[int]] = {}
        self._target_meeting: dict[str, int] = {}
        self._target_context: dict[str, str] = {}
        self._commitments: list[str] = []
        self._status: dict[str, str] = {}
        self._tags: dict[str, tuple[str, ...]] = {}
        # meetings
        self._meeting_ids: list[str] = []
        self._meeting_names: list[MeetingName] = []
        self._meetings_named: dict[str, frozenset[int]] = {}  # a filter's meetings, by value

    # ------------------------------------------------------------------ building

    @classmethod
    def build(
        cls,
        meetings: Iterable[Any],
        annotations: Mapping[str, AnnotationLike] | None = None,
        statuses: Iterable[str] = (),
        pause: Callable[[], None] | None = None,
        translations: Mapping[str, Mapping[str, str]] | None = None,
    ) -> SearchIndex:
        """Index meetings (``parsers.Meeting``) and the user's annotations by target id.

        ``translations`` gives a commitment's (or an area's) texts in other languages,
        by its ID and the language tag (``{"zh-Hant": "…"}``): each is found as the
        target's own text is (see :meth:`set_translations`).

        ``pause`` is called between small steps of the work (a few dozen documents,
        one letter's completions): a thread building the index in the background can
        let others run there, or stop by raising.
        """
        index = cls(statuses)
        step = pause or (lambda: None)
        docs = 0
        for meeting in meetings:
            index.add_meeting(meeting)
            if len(index._target) - docs >= _STEP_DOCS:
                docs = len(index._target)
                step()
        for n, (target_id, texts) in enumerate((translations or {}).items(), 1):
            index.set_translations(target_id, texts)
            if n % _STEP_DOCS == 0:
                step()
        for n, (target_id, annotation) in enumerate((annotations or {}).items(), 1):
            index.set_annotation(target_id, annotation)
            if n % _STEP_DOCS == 0:
                step()
        index.prepare(warm=True, pause=step)
        return index

    def add_meeting(self, meeting: Any) -> None:
        m = len(self._meeting_ids)
        self._meeting_ids.append(meeting.id)
        self._meetings_named.clear()
        self._meeting_names.append(
            MeetingName(
                meeting.id,
                meeting.date,
                meeting.place,
                meeting.title or "",
                chinese.party_aliases(meeting.parties),
            )
        )
        when = meeting.date or "undated"
        self._target_meeting[meeting.id] = m
        self._target_context[meeting.id] = f"{when} · {meeting.place or 'place unknown'}"
        for area in meeting.areas:
            area_context = f"{when} · {meeting.place or 'place unknown'}"
            self._target_meeting[area.id] = m
            self._target_context[area.id] = area_context
            self._add_doc(area.id, KIND_AREA, area.name, m)
            context = f"{area.name} · {when}"
            for commitment in area.commitments:
                self._target_meeting[commitment.id] = m
                self._target_context[commitment.id] = context
                self._commitments.append(commitment.id)
                self._add_doc(commitment.id, KIND_COMMITMENT, commitment.text, m)

    def set_translations(self, target_id: str, texts: Mapping[str, str]) -> bool:
        """Replace the other-language texts of a commitment or an area (by language
        tag); each is a document of the target, of its kind. False if the index has no
        such commitment or area (nothing is added)."""
        docs = self._target_docs.get(target_id)
        if not docs or self._kind[docs[0]] not in (KIND_COMMITMENT, KIND_AREA):
            return False
        for doc in docs:
            if doc in self._language:
                self._alive[doc] = 0
        self._target_docs[target_id] = [d for d in docs if d not in self._language]
        kind, meeting = self._kind[docs[0]], self._meeting[docs[0]]
        for language, text in texts.items():
            if isinstance(text, str) and text.strip():
                self._add_doc(target_id, kind, text, meeting, language=language)
        return True

    def _add_doc(
        self,
        target: str,
        kind: str,
        text: str,
        meeting: int,
        note_id: str | None = None,
        language: str | None = None,
    ) -> None:
        doc = len(self._target)
        words: Iterable[str]
        if chinese.has_han(text):
            folded, other = chinese.forms(text)
            words, grams = chinese.terms(folded, other)
            if other is not None:
                self._other_form[doc] = other
            unique = {**words, **dict.fromkeys(grams)}
        else:
            folded = chinese.narrow(text).casefold()
            words = unique = dict.fromkeys(WORD.findall(folded))
        if language is not None:
            self._language[doc] = language
        self._target.append(target)
        self._kind.append(kind)
        self._text.append(text)
        self._folded.append(folded)
        self._words.append(" " + " ".join(words) + " ")
        self._meeting.append(meeting)
        self._note_id.append(note_id)
        self._alive.append(1)
        postings = self._postings
        for word in unique:
            bucket = postings.get(word)
            if bucket is None:
                postings[word] = array("i", (doc,))
                self._new_words.append(word)
            else:
                bucket.append(doc)
        self._target_docs.setdefault(target, []).append(doc)
        self._dirty = True

    def set_annotation(self, target_id: str, annotation: AnnotationLike | None) -> None:
        """Replace what the index knows of a target's status, tags and notes."""
        meeting = self._target_meeting.get(target_id, -1)
        docs = self._target_docs.get(target_id, [])
        keep = []
        for doc in docs:
            if self._kind[doc] in _ANNOTATION_KINDS:
                self._alive[doc] = 0
            else:
                keep.append(doc)
        self._target_docs[target_id] = keep
        if annotation is None:
            self._status.pop(target_id, None)
            self._tags.pop(target_id, None)
            return
        status = status_value(annotation.status)
        if status == NOT_RATED:
            self._status.pop(target_id, None)
        else:
            self._status[target_id] = status
        tags = tuple(annotation.tags)
        self._tags[target_id] = tuple(chinese.tag_form(t) for t in tags)
        for tag in tags:
            self._add_doc(target_id, KIND_TAG, tag, meeting)
        for note in annotation.notes:
            self._add_doc(target_id, KIND_NOTE, note.text, meeting, note_id=note.id)
        said: dict[tuple[str, str], None] = {}  # each text once, as the history gives it
        for change in getattr(annotation, "history", ()):
            for kind, text in ((KIND_SOURCE, change.source), (KIND_EVIDENCE, change.evidence)):
                if isinstance(text, str) and text.strip():
                    said.setdefault((kind, text), None)
        for kind, text in said:
            self._add_doc(target_id, kind, text, meeting)

    def __len__(self) -> int:
        return sum(self._alive)

    # ------------------------------------------------------------------ lookup

    def prepare(self, warm: bool = False, pause: Callable[[], None] | None = None) -> None:
        """Bring the sorted vocabulary up to date (the first search does it otherwise).

        ``warm`` also expands every one-letter prefix ahead of time, so the first
        keystroke of a search costs no more than the next ones; ``pause`` is called
        between letters (see ``build``).
        """
        self._refresh_vocab()
        if warm:
            for letter in sorted({w[:1] for w in self._postings if w[:1].isascii()}):
                if pause is not None:
                    pause()
                self._ordered_words(letter)

    def _refresh_vocab(self) -> None:
        if not self._dirty:
            return
        new = self._new_words
        if len(new) > 1000 or not self._vocab:
            self._vocab = sorted(self._postings)
            self._word_cache.clear()
        else:
            for word in new:
                insort(self._vocab, word)
            stale = [k for k in self._word_cache if any(w.startswith(k[:1]) for w in new)]
            for key in stale:
                del self._word_cache[key]
        new.clear()
        self._dirty = False

    def _range(self, token: str) -> tuple[int, int]:
        vocab = self._vocab
        return bisect_left(vocab, token), bisect_left(vocab, token + _HIGH)

    def _ordered_words(self, token: str) -> tuple[tuple[str, ...], int, bool]:
        """Words a token stands for (exact, then frequent completions), an estimate
        of their document count, and whether they came from fuzzy expansion."""
        cached = self._word_cache.get(token)
        if cached is None:
            if len(self._word_cache) > 512:  # keep the warmed one-letter prefixes
                for key in [k for k in self._word_cache if len(k) > 1 or not k.isascii()]:
                    del self._word_cache[key]
            cached = self._word_cache[token] = self._expand(token)
        return cached

    def _expand(self, token: str) -> tuple[tuple[str, ...], int, bool]:
        lo, hi = self._range(token)
        if hi > lo:
            words = self._vocab[lo:hi]
            frequency = self._postings_count
            if len(words) > _SORT_LIMIT:
                top = heapq.nlargest(_SORT_LIMIT, words, key=frequency)
                chosen = set(top)
                words = top + [w for w in words if w not in chosen]
            else:
                words.sort(key=frequency, reverse=True)
            if words[0] != token and token in self._postings:
                words.remove(token)
                words.insert(0, token)
            estimate = 0
            for word in words:
                estimate += len(self._postings[word])
                if estimate > _ESTIMATE_CAP:
                    break
            return tuple(words), estimate, False
        if chinese.is_han_word(token):  # Chinese is never guessed at: 金 is not 全
            return (), 0, False
        first_lo, first_hi = self._range(token[:1])
        pool = self._vocab[first_lo:first_hi]
        found = process.extract(
            token, pool, scorer=fuzz.ratio, score_cutoff=70, limit=MAX_FUZZY_WORDS
        )
        words = [w for w, _score, _i in found]
        return tuple(words), sum(len(self._postings[w]) for w in words), True

    def _han_words(
        self, forms: Sequence[str], near: bool = False
    ) -> tuple[tuple[str, ...], int, bool]:
        """The grams whose documents hold a Chinese word (in any of its forms): one
        character's grams (those it starts), else a longer word's rarest bigram (its
        documents are then checked for the whole word). ``near``: the grams of as many
        of its rarest characters as may be missed, and one more."""
        found: dict[str, None] = {}
        estimate = 0
        postings = self._postings
        if near:
            chars = sorted(set(forms[0]), key=lambda c: self._ordered_words(c)[1])
            forms = chars[: chinese.misses(len(forms[0])) + 1]
        for form in forms:
            if len(form) == 1:
                words, count, _fuzzy = self._ordered_words(form)
            else:
                pairs = chinese.bigrams(form)
                if not all(p in postings for p in pairs):
                    continue
                rarest = min(pairs, key=self._postings_count)
                words, count = (rarest,), len(postings[rarest])
            found.update(dict.fromkeys(words))
            estimate += count
        return tuple(found), estimate, False

    def _has_han(self, doc: int, forms: Sequence[str]) -> bool:
        folded = self._folded[doc]
        other = self._other_form.get(doc, "")
        return any(f in folded or f in other for f in forms)

    def _near_han(self, doc: int, tests: Sequence[Callable[[Iterable[str]], bool]]) -> bool:
        texts = (self._folded[doc], self._other_form.get(doc, ""))
        return any(test(texts) for test in tests)

    def _postings_count(self, word: str) -> int:
        return len(self._postings[word])

    def search(self, text: str, limit: int = 50) -> list[SearchResult]:
        """Ranked results for a query typed by the user (see :func:`parse_query`)."""
        query = parse_query(text, self.statuses)
        return self.run(query, limit=limit)

    def run(self, query: Query, limit: int = 50) -> list[SearchResult]:
        if query.is_empty:
            return []
        self._refresh_vocab()
        tokens = list(dict.fromkeys(query.words))
        han: list[tuple[str, ...] | None] = [
            (t, *query.forms.get(t, ())) if chinese.is_han_word(t) else None for t in tokens
        ]
        found = self._collect(query, tokens, han, near=False)
        near = not (found and found[0]) and any(
            forms is not None and len(forms[0]) >= chinese.NEAR_MIN for forms in han
        )
        if near:  # a Chinese word that is nowhere as typed: where it nearly is
            found = self._collect(query, tokens, han, near=True)
        if found is None:
            return []
        return self._rank(found[0], tokens, han, found[1], limit, near)

    def _collect(
        self, query: Query, tokens: list[str], han: list[tuple[str, ...] | None], near: bool
    ) -> tuple[list[int], list[tuple[tuple[str, ...], int, bool]]] | None:
        """The documents to rank (bounded) and each token's expansion; None if a token
        stands for no word. ``near`` finds a long Chinese word with a character or two
        otherwise (``search.chinese.near_test``), looking at a bounded number of documents."""
        meetings = self._meeting_filter(query)
        kinds = set(query.kinds) if query.kinds else None
        if kinds is None and not tokens:  # filters only: one row per target
            kinds = {KIND_COMMITMENT, KIND_AREA}
        if query.statuses and kinds is None:
            kinds = {KIND_COMMITMENT, KIND_TAG, KIND_NOTE, KIND_SOURCE, KIND_EVIDENCE}

        expansions: list[tuple[tuple[str, ...], int, bool]] = []
        loose = [near and f is not None and len(f[0]) >= chinese.NEAR_MIN for f in han]
        tests = [[chinese.near_test(w) for w in f] if f and near else [] for f in han]
        for token, forms, nearly in zip(tokens, han, loose, strict=True):
            if forms is None:
                words, estimate, fuzzy = self._ordered_words(token)
            else:
                words, estimate, fuzzy = self._han_words(forms, nearly)
            if not words:
                return None
            expansions.append((words, estimate, fuzzy))

        def others_ok(doc: int, skip: int) -> bool:
            wordstr = self._words[doc]
            for i, token in enumerate(tokens):
                forms = han[i]
                if forms is not None:  # the driver's grams too: the whole word is checked
                    if not (
                        self._near_han(doc, tests[i]) if loose[i] else self._has_han(doc, forms)
                    ):
                        return False
                    continue
                if i == skip:
                    continue
                words, _estimate, fuzzy = expansions[i]
                if fuzzy:
                    if not any(f" {w} " in wordstr for w in words):
                        return False
                elif f" {token}" not in wordstr:
                    return False
            return True

        def doc_ok(doc: int) -> bool:
            if not self._alive[doc]:
                return False
            if kinds is not None and self._kind[doc] not in kinds:
                return False
            if meetings is not None and self._meeting[doc] not in meetings:
                return False
            return not (query.statuses or query.tags) or self._target_ok(self._target[doc], query)

        candidates: list[int] = []
        seen: set[int] = set()
        filtered = self._filter_docs(query)
        driver = min(range(len(tokens)), key=lambda i: expansions[i][1]) if tokens else -1
        if filtered is not None and (driver < 0 or len(filtered) < expansions[driver][1]):
            for doc in filtered:
                if doc_ok(doc) and others_ok(doc, -1):
                    candidates.append(doc)
                    if len(candidates) >= MAX_CANDIDATES:
                        break
        elif driver >= 0:
            postings = self._postings
            for word in expansions[driver][0]:
                for doc in postings[word]:
                    if doc in seen:
                        continue
                    seen.add(doc)
                    if near and len(seen) > chinese.NEAR_SCAN:
                        return candidates, expansions
                    if doc_ok(doc) and others_ok(doc, driver):
                        candidates.append(doc)
                        if len(candidates) >= MAX_CANDIDATES:
                            break
                if len(candidates) >= MAX_CANDIDATES:
                    break
        else:  # filters only: everything that passes them, in document order
            for doc in range(len(self._target)):
                if doc_ok(doc):
                    candidates.append(doc)
                    if len(candidates) >= MAX_CANDIDATES:
                        break
        return candidates, expansions

    def _rank(
        self,
        candidates: list[int],
        tokens: list[str],
        han: list[tuple[str, ...] | None],
        expansions: list[tuple[tuple[str, ...], int, bool]],
        limit: int,
        near: bool = False,
    ) -> list[SearchResult]:
        if not candidates:
            return []
        scored: list[tuple[float, int]] = []
        if tokens:
            phrase = tokens[0]  # Chinese words typed apart may stand together in a text
            for i in range(1, len(tokens)):
                together = han[i] is not None and han[i - 1] is not None
                phrase += ("" if together else " ") + tokens[i]
            exact = [f" {t} " for t in tokens]
            for doc in candidates:
                score = fuzz.partial_ratio(phrase, self._folded[doc])
                if doc in self._other_form:
                    score = max(score, fuzz.partial_ratio(phrase, self._other_form[doc]))
                wordstr = self._words[doc]
                score += sum(5.0 for e in exact if e in wordstr)
                kind = self._kind[doc]
                score += _KIND_BONUS[kind]
                if kind != KIND_COMMITMENT:
                    score += 10.0 * len(phrase) / max(len(self._folded[doc]), len(phrase))
                scored.append((score, doc))
            scored.sort(key=lambda item: (-item[0], item[1]))
        else:
            scored = [(0.0, doc) for doc in candidates]
        words = [w for expansion in expansions if expansion[2] for w in expansion[0]]
        pattern = match_pattern([t for t, h in zip(tokens, han, strict=True) if h is None], words)
        chinese_words = [f for forms in han if forms is not None for f in forms]
        if near:  # what is there of a word found nearly: its pairs of characters
            chinese_words += [p for word in chinese_words for p in chinese.bigrams(word)]
        results: list[SearchResult] = []
        listed: set[tuple[str, str]] = set()  # a target's own text and its translations: once
        translated = bool(self._language)
        for score, doc in scored:
            if len(results) >= limit:
                break
            kind = self._kind[doc]
            if translated and kind in (KIND_COMMITMENT, KIND_AREA):
                if (self._target[doc], kind) in listed:
                    continue
                listed.add((self._target[doc], kind))
            text = self._text[doc]
            results.append(
                SearchResult(
                    target_id=self._target[doc],
                    kind=self._kind[doc],
                    text=text,
                    spans=find_spans(pattern, text, chinese_words),
                    score=score,
                    meeting_id=self._meeting_ids[self._meeting[doc]]
                    if self._meeting[doc] >= 0
                    else "",
                    context=self._target_context.get(self._target[doc], ""),
                    note_id=self._note_id[doc],
                    language=self._language.get(doc),
                )
            )
        return results
