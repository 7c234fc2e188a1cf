"""Search as people type: every word must be found, in any order, forgiving case, accents,
the Danish spellings (æ/ae/a, ø/oe/o, å/aa/a), hyphens and small typos. Pure; no printing.

Two tiers; the second answers only where the first finds nothing, so words typed rightly
are never drowned by near spellings:

1. every word somewhere in the activity (any field, any order; a word may be part of a
   longer one, as Danish compounds need: "lektiehjælp" finds "Hjemmelektiehjælp"; a word
   of one or two letters, "ny", "i", only as a word of its own);
2. every word, each either found or found with at most one or two typing errors
   (edit distance with transpositions, against part of a word of the text).

Every word is also read as what it means (:data:`ENGLISH`, :func:`stem`): its Danish stem
("kvinder" as "kvind", which finds "Kvindecentret") and, for an English word of the domain,
the Danish words the source uses ("women" as "kvind"). One declaration serves every way of
searching: ``-s``, ``show``, the HTML report's search box (:func:`client_index`) and the
SQLite full-text index. The readings that found something the word as typed did not are in
:attr:`Found.readings`, for the answer to say.

Ranked: the whole name (or id) first, then the words as one phrase in the id or name, then
as one phrase anywhere, then the most of the words (counted in letters) in the id or name,
then words found at the start of a word, then source order.

Edit distance comes from the small bounded function below rather than a library: difflib
has no edit distance, and rapidfuzz (a compiled dependency) would save nothing measurable
here, because the pigeonhole filter in :func:`_near_words` leaves only a few words of the
whole text to be scored (benchmarks: 100,000 activities in the scale tests).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, Protocol

from budgetcli.folding import loose, loosen, search_words
from budgetcli.model import TEXT_FIELDS, SourceActivity

# Between fields in the text searched: no search word contains it, so no phrase spans two.
_FIELD = "\x00"
_BODY_FIELDS = tuple(field.key for field in TEXT_FIELDS if field.searched)


class Tier:
    words = 1
    close = 2


class Found(NamedTuple):
    """What a search found, best first, and how closely."""

    activities: tuple[SourceActivity, ...]
    tier: int | None = None
    """Which tier answered (:class:`Tier`); None when nothing was found."""
    close_words: tuple[str, ...] = ()
    """In tier 2, the words of the text taken for the words typed (in their search form)."""
    readings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each word typed that was also read as other words (its stem, the Danish for an
    English word), with those words, where they found an activity the word did not."""


# --- what a word means -----------------------------------------------------------------

# English words of the domain, read as the Danish the source writes (in search form, and
# as stems, so that every inflection and compound is found: "kvind" finds "kvinder" and
# "Kvindecentret"). Declared once: the command line, the HTML report and the SQLite index
# all read a search by it.
ENGLISH: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("women", "woman", "female"), ("kvind",)),
    **dict.fromkeys(("children", "child", "kids", "kid"), ("born",)),
    **dict.fromkeys(("young", "youth", "youngsters", "teenagers"), ("ung",)),
    **dict.fromkeys(("refugees", "refugee", "asylum"), ("flygtning", "asyl")),
    **dict.fromkeys(("language", "languages", "bilingual"), ("sprog",)),
    **dict.fromkeys(
        ("jobs", "job", "work", "employment", "employer", "employers"),
        ("job", "beskaftig", "arbejd"),
    ),
    **dict.fromkeys(("health", "healthy"), ("sundhed", "helbred")),
    **dict.fromkeys(("elderly", "old", "seniors", "senior"), ("^aldr", "senior")),
    **dict.fromkeys(("volunteers", "volunteer", "voluntary"), ("frivil",)),
    **dict.fromkeys(("discrimination", "racism"), ("diskrimination", "racism")),
    **dict.fromkeys(("families", "family"), ("famili",)),
    **dict.fromkeys(("parents", "parent"), ("foraldr",)),
    **dict.fromkeys(("mothers", "mother"), ("modr", "mor")),
    **dict.fromkeys(("girls", "girl"), ("pige",)),
    **dict.fromkeys(("boys", "boy"), ("dreng",)),
    **dict.fromkeys(("school", "schools", "pupils"), ("skole", "elev")),
    **dict.fromkeys(("education", "training"), ("uddannelse", "kompetenceudvikling")),
    **dict.fromkeys(("immigrants", "immigrant", "migrants"), ("indvandr",)),
    **dict.fromkeys(("culture", "cultural"), ("kultur",)),
    **dict.fromkeys(("sport", "sports"), ("idrat", "sport")),
    **dict.fromkeys(("housing", "homes"), ("bolig",)),
    **dict.fromkeys(("citizenship", "citizens"), ("medborger",)),
    **dict.fromkeys(
        ("extremism", "radicalisation", "radicalization"), ("ekstremism", "radikaliser")
    ),
    **dict.fromkeys(("crime", "prison"), ("kriminal",)),
    **dict.fromkeys(("leisure", "spare"), ("fritid",)),
    **dict.fromkeys(("homework",), ("lektie",)),
    **dict.fromkeys(("newcomers", "newcomer"), ("nyankomn", "tilflyt")),
    **dict.fromkeys(("daycare", "kindergarten", "nursery"), ("dagtilbud", "daginstitution")),
    **dict.fromkeys(("violence",), ("vold",)),
    **dict.fromkeys(("control",), ("kontrol",)),
    **dict.fromkeys(("danish",), ("dansk",)),
    # And Copenhagen as Danes write it short ("Ny i Kbh."); KBH itself is still found.
    **dict.fromkeys(("copenhagen", "kbh"), ("kobenhavn",)),
    **dict.fromkeys(("neighbourhood", "neighborhood", "district"), ("bydel", "omrad")),
    **dict.fromkeys(("network", "networks"), ("netvark",)),
    **dict.fromkeys(("dialogue", "dialog"), ("dialog",)),
    **dict.fromkeys(("partnership", "partnerships"), ("partnerskab",)),
    **dict.fromkeys(("welfare", "benefits"), ("kontanthjalp", "ydelse")),
}

_SHORT_READING = 3
"""A reading this short ("ung", "mor") is found only at the start of a word: "ung" in
"unge" and "ungdom", not in "lunge"; so is one declared with a leading ``^`` ("^aldr":
"ældre", not "forældre")."""
_STEM_LEAST = 4
"""A stem shorter than this says too little to be searched for ("ung" from "unge")."""


@functools.cache
def _danish() -> Any:
    import snowballstemmer  # type: ignore[import-untyped]  # on first use: a search needs it

    return snowballstemmer.stemmer("danish")


@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The Danish stem of a word in search form (Snowball's Danish stemmer, loaded on first
    use): "kvinder" -> "kvind", "bornene" -> "born"."""
    return str(_danish().stemWord(word))


def readings(word: str) -> tuple[str, ...]:
    """What a word typed (in search form) is also read as: its stem, if shorter and not too
    short, and the Danish for an English word of the domain."""
    out = []
    stemmed = stem(word)
    if stemmed != word and len(stemmed) >= _STEM_LEAST:
        out.append(stemmed)
    for danish in ENGLISH.get(word, ()):
        if danish not in out and danish != word:
            out.append(danish)
    return tuple(out)


class _Text(NamedTuple):
    activity: SourceActivity
    title: str
    """The id and the name, in their search form."""
    body: str
    """The other text fields, in their search form."""


class Searchable(Protocol):
    """What is searched of an activity: the model's, or the answer's record (the HTML
    report's search box indexes the records it shows), both with every text field."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


def _form(a: Searchable) -> tuple[str, str]:
    """An activity's text in its search form: the title (id and name), the body (the
    other fields). Two loosenings per activity, not one per field: the fields go joined by
    NUL, which loosen() keeps (at 100,000 activities this halves a search)."""
    title = loose(f"{a.id}{_FIELD}{a.name}")
    body = loose(_FIELD.join(t for f in _BODY_FIELDS if (t := getattr(a, f))))
    return title, body


def index(activities: Iterable[SourceActivity]) -> list[_Text]:
    """Every activity's text in its search form: made once per question, however many
    tiers and checks ask."""
    return [_Text(a, *_form(a)) for a in activities]


_ONE_ERROR_FROM, _TWO_ERRORS_FROM = 4, 9


def allowed_errors(word: str) -> int:
    """Typing errors forgiven in a word: none in short words (too many would match), one
    from four letters, two from nine."""
    if len(word) < _ONE_ERROR_FROM:
        return 0
    return 1 if len(word) < _TWO_ERRORS_FROM else 2


def search(
    activities: Sequence[SourceActivity],
    folded_needle: str,
    *,
    close: bool = True,
    texts: list[_Text] | None = None,
) -> Found:
    """The activities the (already folded) search finds, ranked; ``close``: tier 2 too.
    ``texts``: the :func:`index` of ``activities``, where the caller has made it."""
    words = search_words(folded_needle)
    if not words:
        return Found(tuple(activities), Tier.words)
    texts = index(activities) if texts is None else texts
    terms = _terms(folded_needle)
    hits = [t for t in texts if all(_holds_term(t, term) for term in terms)]
    if hits:
        return Found(_ranked(hits, words), Tier.words, readings=_readings_used(hits, terms))
    if not close:
        return Found(())
    return _close(texts, words)


# Shorter words match only as words of their own: "ny" is in "nyankomne", "i" in nearly
# every text, and "ny i københavn" must find "Ny i København", not half the data. The last
# word typed may be the start of a word still being typed ("ny i kø").
_SHORT = 2


class _Term(NamedTuple):
    """One thing typed between spaces."""

    joined: str
    """As one word: "3-17" as "317", the way the text is searched."""
    parts: tuple[str, ...]
    """Its parts ("3", "17"): the term is found as one word or as all its parts."""
    last: bool
    """The last thing typed: a short one may be the start of a word."""
    readings: tuple[str, ...] = ()
    """What else it is read as (:func:`readings`)."""


def _terms(folded_needle: str) -> list[_Term]:
    tokens = [(loosen(token), search_words(token)) for token in folded_needle.split()]
    tokens = [(joined, parts) for joined, parts in tokens if parts]
    return [
        _Term(joined, parts, n == len(tokens) - 1, readings(joined))
        for n, (joined, parts) in enumerate(tokens)
    ]


def _holds_literally(t: _Text, term: _Term) -> bool:
    if _holds(t, term.joined, started=term.last):
        return True
    return all(
        _holds(t, part, started=term.last and n == len(term.parts) - 1)
        for n, part in enumerate(term.parts)
    )


def _holds_reading(t: _Text, reading: str) -> bool:
    if reading.startswith("^") or len(reading) <= _SHORT_READING:
        return _starts(t, reading.removeprefix("^"))
    return reading in t.title or reading in t.body


def _holds_term(t: _Text, term: _Term) -> bool:
    return _holds_literally(t, term) or any(_holds_reading(t, r) for r in term.readings)


def _readings_used(
    hits: list[_Text], terms: list[_Term]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The terms whose readings found an activity the term as typed did not."""
    out = []
    for term in terms:
        if term.readings and any(not _holds_literally(t, term) for t in hits):
            out.append((term.joined, term.readings))
    return tuple(out)


def _holds(t: _Text, word: str, *, started: bool = False) -> bool:
    """``word`` is in the text; a short one as a word of its own (``started``: as the start
    of a word)."""
    if len(word) > _SHORT:
        return word in t.title or word in t.body
    return _starts(t, word, whole=not started)


def _close(texts: list[_Text], words: tuple[str, ...]) -> Found:
    # One split of all the text at once (in C), rather than one per activity.
    vocabulary = _Vocabulary.of(_words(x for t in texts for x in (t.title, t.body)))
    near = {word: _near_words(word, vocabulary) for word in words}
    # A word neither found as typed nor near any word of the text: nothing can match.
    if any(not near[w] and not any(_holds(t, w) for t in texts) for w in words):
        return Found(())
    hits = [t for t in texts if _holds_near(t, words, near)]
    if not hits:
        return Found(())
    # The words taken for a typo, not those found as typed.
    used = sorted(
        {v for t in hits for w in words if not _holds(t, w) for v in near[w] & _shown_words(t)}
    )
    return Found(_ranked(hits, words), Tier.close, tuple(used))


def _holds_near(t: _Text, words: tuple[str, ...], near: dict[str, set[str]]) -> bool:
    """Every word is in the text as typed, or one of its near words is a word of the text."""
    own: set[str] | None = None  # the text's words, split once, and only if asked
    for w in words:
        if _holds(t, w):
            continue
        if not near[w]:
            return False
        if own is None:
            own = _words((t.title, t.body))
        if not own & near[w]:
            return False
    return True


def _words(texts: Iterable[str]) -> set[str]:
    """Every word of the texts (in search form, their fields joined by NUL)."""
    return set(" ".join(texts).replace(_FIELD, " ").split())


def _shown_words(t: _Text) -> set[str]:
    """The words of the name and the other fields (an id repeats the name's)."""
    return _words((t.title.partition(_FIELD)[2], t.body))


class _Vocabulary(NamedTuple):
    """The distinct words of the text, one string (newline between words) to find pieces
    of words in: the scan runs in C, and only the words holding a piece are visited (a loop
    over every word of 100,000 activities' text, per word searched, took 0.3 s a word)."""

    words: tuple[str, ...]
    joined: str
    starts: tuple[int, ...]
    """Where each word begins in ``joined``."""

    @classmethod
    def of(cls, words: Iterable[str]) -> _Vocabulary:
        ordered = tuple(words)
        starts, at = [], 0
        for word in ordered:
            starts.append(at)
            at += len(word) + 1
        return cls(ordered, "\n".join(ordered), tuple(starts))

    def holding(self, piece: str) -> Iterator[str]:
        """The words that hold ``piece``, each once."""
        import bisect  # here, not at start-up: only a search that finds nothing looks

        at = self.joined.find(piece)
        while at != -1:
            n = bisect.bisect_right(self.starts, at) - 1
            yield self.words[n]
            if n + 1 == len(self.starts):
                return
            at = self.joined.find(piece, self.starts[n + 1])


def _near_words(word: str, vocabulary: _Vocabulary) -> set[str]:
    """The words of the text that hold ``word`` with at most its allowed errors.

    Pigeonhole: with k errors, one of k + 1 pieces of the word is in the text unchanged,
    so only words holding a piece (found by :meth:`_Vocabulary.holding`) are scored at all.
    """
    k = allowed_errors(word)
    if k == 0:
        return set()
    size = -(-len(word) // (k + 1))
    pieces = {word[i : i + size] for i in range(0, len(word), size)}
    candidates = {v for p in pieces for v in vocabulary.holding(p)}
    return {
        v for v in candidates if len(v) >= len(word) - k and substring_distance(word, v, k) <= k
    }


def substring_distance(word: str, text: str, limit: int) -> int:
    """The fewest edits (insert, delete, substitute, swap two neighbours) turning ``word``
    into some part of ``text``; ``limit + 1`` as soon as it must exceed ``limit``.

    Sellers' algorithm (the edit distance whose first row is all 0: a match may start
    anywhere) with the optimal-string-alignment transposition: O(len(word) * len(text)).
    """
    previous_previous: list[int] = []
    previous = [0] * (len(text) + 1)
    for i, letter in enumerate(word, 1):
        current = [i] + [0] * len(text)
        for j, other in enumerate(text, 1):
            cost = 0 if letter == other else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and letter == text[j - 2] and word[i - 2] == other:
                best = min(best, previous_previous[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(previous)


def _ranked(hits: list[_Text], words: tuple[str, ...]) -> tuple[SourceActivity, ...]:
    phrase = " ".join(words)
    place = {id(t): n for n, t in enumerate(hits)}

    def key(t: _Text) -> tuple[int, int, int, int, int, int]:
        # The letters of the words in the id or name: "flygtninge" there says more than "job".
        in_title = sum(len(w) for w in words if w in t.title)
        starts = sum(_starts(t, w) for w in words)
        anywhere = phrase in t.title or phrase in t.body
        named = phrase in t.title.split(_FIELD)  # the whole id or name, as typed
        return (-named, -(phrase in t.title), -anywhere, -in_title, -starts, place[id(t)])

    return tuple(t.activity for t in sorted(hits, key=key))


def _starts(t: _Text, word: str, *, whole: bool = False) -> bool:
    """``word`` begins a word of the title or the body (``whole``: is a word of its own)."""
    return _starts_a_word(word, t.title, whole) or _starts_a_word(word, t.body, whole)


def _starts_a_word(word: str, text: str, whole: bool) -> bool:
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or text[at - 1] in " \x00") and (
            not whole or end == len(text) or text[end] in " \x00"
        ):
            return True
        at = text.find(word, at + 1)
    return False


def in_title(t: _Text, folded_needle: str) -> bool:
    """Every word of the search is in the activity's id or name."""
    return all(w in t.title for w in search_words(folded_needle))


def same_name(texts: list[_Text], folded_needle: str) -> list[SourceActivity]:
    """The activities whose name or id is the search, as loosely as search compares."""
    typed = loosen(folded_needle)
    return [t.activity for t in texts if typed in t.title.split(_FIELD)]


def matched_fields(activity: SourceActivity, folded_needle: str) -> tuple[tuple[str, str], ...]:
    """Where the search matched the activity: each field (``name`` and the searched text
    fields, by key) in which a word of the search, or what it is read as, is found, with
    the first word of the field that holds it, as written (Ny i København's target group,
    "flersprogede")."""
    terms = _terms(folded_needle)

    def found(written: str) -> bool:
        return any(_holds_term(_Text(activity, loose(written), ""), t) for t in terms)

    out = []
    for key in ("name", *_BODY_FIELDS):
        value: str | None = getattr(activity, key)
        if value and found(value):
            written = (w.strip(".,:;()\"'!?”“") for w in value.split())
            out.append((key, next((w for w in written if found(w)), "")))
    return tuple(out)


# --- the same search elsewhere: the HTML report's script, the SQLite index --------------


def _read(
    activities: Sequence[Searchable],
) -> tuple[dict[str, tuple[str, str]], set[str], dict[str, tuple[str, ...]]]:
    """Per activity (by id) its text in search form (:func:`_form`), every word of those
    texts, and what each of those words and each English word of the domain is also read
    as (:func:`readings`; the words read as nothing else left out)."""
    texts = {a.id: _form(a) for a in activities}
    vocabulary = _words(x for text in texts.values() for x in text)
    read = {w: r for w in sorted(vocabulary | set(ENGLISH)) if (r := readings(w))}
    return texts, vocabulary, read


def client_index(activities: Sequence[Searchable]) -> dict[str, Any]:
    """What a search box needs to find what ``-s`` finds, as JSON-ready data: per activity
    (by id) its text in search form (id and name, then the other fields), and every word
    of that text and every English word of the domain with what it is also read as
    (:func:`readings`). A script then only folds what is typed (as :func:`loose`), looks
    each word up here and matches as :func:`search` does (``short``: a reading this short
    only at the start of a word; ``^``: likewise; ``errors``: the typing errors forgiven
    from ``errors_from`` letters, two from ``two_errors_from``). A word typed that is in
    neither the text nor the English words is read as typed (and with its typos)."""
    texts, vocabulary, read = _read(activities)
    return {
        "texts": {i: list(text) for i, text in texts.items()},
        "readings": {w: list(r) for w, r in read.items()},
        "vocabulary": sorted(vocabulary),
        "english": {w: list(ENGLISH[w]) for w in sorted(ENGLISH)},
        "short": _SHORT,
        "short_reading": _SHORT_READING,
        "errors_from": _ONE_ERROR_FROM,
        "two_errors_from": _TWO_ERRORS_FROM,
    }


def index_terms(activities: Sequence[SourceActivity]) -> dict[str, str]:
    """Per activity (by id), the words that find it only by what they mean: each word of
    the text and each English word of the domain one of whose :func:`readings` the
    activity holds ("kvinder" and "women" for Indvandrer Kvindecentret). A full-text
    index that matches what is typed (SQLite's trigram) finds with them what ``-s`` finds.

    Linear in the text: every part of each word of an activity (four letters or more; the
    start of a word for a short or ``^`` reading) is looked up among the readings."""
    texts, _, read = _read(activities)
    inverse: dict[str, set[str]] = {}
    for w, said in read.items():
        for r in said:
            inverse.setdefault(r, set()).add(w)
    sizes = sorted({len(r.removeprefix("^")) for r in inverse})
    seen: dict[str, frozenset[str]] = {}  # words repeat across activities: each looked up once

    def finds(x: str) -> frozenset[str]:
        found: set[str] = set()
        for size in sizes:
            if size > len(x):
                break
            found |= inverse.get("^" + x[:size], set())
            if size <= _SHORT_READING:
                found |= inverse.get(x[:size], set())
                continue
            for start in range(len(x) - size + 1):
                found |= inverse.get(x[start : start + size], set())
        return frozenset(found)

    out = {}
    for activity_id, text in texts.items():
        words_found: set[str] = set()
        for x in _words(text):
            if x not in seen:
                seen[x] = finds(x)
            words_found |= seen[x]
        out[activity_id] = " ".join(sorted(words_found))
    return out
