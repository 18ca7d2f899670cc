"""Quotes and speakers: who says what in a news article.

`extract_quotes` finds direct quotes (`quotemarks`) and reported speech, attributes them with
spaCy's dependency parse (`attribution`, `speakers`) and resolves pronoun speakers in reading
order; when a pronoun's referent is unsure the speaker reads "unresolved (he)" rather than a guess.

Public API
----------
extract_quotes(paragraphs, nlp)     -> DataFrame, one row per direct/indirect statement
speaker_table(quotes, tone_column)  -> DataFrame, one row per speaker
merge_name_variants(names)          -> {variant: canonical name}
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Any, Iterable, NamedTuple

import pandas as pd

from newstone.people.attribution import Cue, Item, find_cues, hypothetical, indirect_items, parse, quoted_at
from newstone.people.subjects import subject_of
from newstone.people.credits import credit_line
from newstone.people.direct_quotes import direct_items
from newstone.people.quotemarks import find_quote_spans, link_continuations
from newstone.people.reporting_verbs import SPEECH_LEMMAS, VERB_FORMS, verb_forms
from newstone.people.speakers import ROLE_WORDS as _ROLE_WORDS
from newstone.people.speakers import ORG_NOUNS as _ORG_NOUNS
from newstone.people.discourse import Discourse
from newstone.people.speakers import Speaker, gender_votes, is_animate, speaker_of

__all__ = ["COLUMNS", "extract_quotes", "speaker_table", "merge_name_variants"]

COLUMNS = ["paragraph", "start", "end", "text", "speaker", "kind", "cue"]
_WORD_RE = re.compile(r"[\w’'\-]+")
UNRESOLVED = "unresolved ("



def _norm_token(token: str) -> str:
    """Lower-case a token and drop dots and possessive endings for dictionary lookups."""
    t = token.lower().strip(".,;:")
    for suffix in ("’s", "'s", "’", "'"):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
            break
    return t.replace(".", "")


def _name_key(name: str) -> frozenset[str]:
    """Content tokens of a name: lower-cased, no articles; a person's titles are ignored.

    Organisation names keep every token so "Defense Ministry" and "Foreign
    Ministry" stay apart.
    """
    toks = [_norm_token(t) for t in _WORD_RE.findall(name)]
    toks = [t for t in toks if t and t not in ("the", "a", "an")]
    if toks and toks[-1] in _ORG_NOUNS:
        return frozenset(toks)
    core = [t for t in toks if t not in _ROLE_WORDS]
    return frozenset(core or toks)


def merge_name_variants(names: Iterable[str]) -> dict[str, str]:
    """Map every name to the fullest variant that contains all of its tokens.

    "Masoud" -> "Ahmad Masoud", "President Biden" -> "Joe Biden".  Titles and
    articles are ignored when comparing; a short name contained in two unrelated
    full names ("Biden" with "Joe Biden" and "Hunter Biden") is ambiguous and
    maps to itself.  Among spellings with identical tokens the longest, then the
    most frequent, then the alphabetically first is canonical.
    """
    counts = Counter(n.strip() for n in names if isinstance(n, str) and n.strip())
    keys = {n: _name_key(n) for n in counts}
    keys = {n: k for n, k in keys.items() if k}
    by_key: dict[frozenset[str], list[str]] = {}
    for n, k in keys.items():
        by_key.setdefault(k, []).append(n)
    rep = {
        k: min(ns, key=lambda n: (-len(n.split()), -len(n), -counts[n], n)) for k, ns in by_key.items()
    }
    mapping: dict[str, str] = {}
    for n, k in keys.items():
        supersets = [other for other in by_key if k <= other]
        maximal = [s for s in supersets if not any(s < o for o in supersets)]
        mapping[n] = rep[maximal[0]] if len(maximal) == 1 else rep[k]
    for n in counts:
        mapping.setdefault(n, n)
    return mapping


def _reported_or_conditional(verb: Any) -> bool:
    """A clause someone is said to have said, or an if-clause: "Clinton “caused havoc,” he said",
    "If Trump doesn't win, he said ...". A first subject whose verb the parse hung elsewhere
    ("Biden rubbished ..." read as a modifier, "The moment that Ms. Nwanguma held up ...") still
    names who the sentence is about."""
    if verb.dep_ == "ccomp":
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether")
                                        for c in verb.children)


def _subject_events(pi: int, chunks: list[tuple[int, Any]], bounds: list[tuple[int, int]],
                    reported: list[tuple[int, int]] = ()) -> list[tuple]:
    """Named sentence subjects in narration: who a later "he" or "they" may refer to. Subjects
    inside what someone is reported to say (`reported`: content spans with a source) are left
    out: after "Graham said Mr. Trump's jabs were unacceptable", "he said" is Graham."""
    out = []
    starts = [a for a, _ in bounds]
    spans = _merged(reported)
    span_starts = [a for a, _ in spans]
    in_reported = lambda pos: _within(pos, spans, span_starts)  # noqa: E731
    for offset, doc in chunks:
        for sent in doc.sents:
            first = next((t for t in sent if t.dep_ == "nsubj"), None)
            for tok in sent:
                if tok.dep_ != "nsubj" or tok.pos_ not in ("PROPN", "NOUN", "PRON"):
                    continue
                if tok.head.dep_ not in ("ROOT", "conj") and not (
                        tok.i == first.i and tok.pos_ == "PROPN" and not _reported_or_conditional(tok.head)):
                    continue  # subjects inside reported or subordinate clauses are not who the story is about
                pos = offset + tok.idx
                if quoted_at(pos, bounds, starts) >= 0 or in_reported(pos):
                    continue
                for owner in tok.children:  # "Justice Scalia's comments brought ...": Scalia is named
                    if owner.dep_ == "poss" and owner.ent_type_ == "PERSON":
                        named = speaker_of(owner)
                        if named is not None and named.kind == "person":
                            out.append((pi, offset + owner.idx, 0, named))
                spk = speaker_of(tok)
                if spk is not None:
                    out.append((pi, pos, 0, spk))
                asked = _asked(tok.head)
                if asked is not None:  # "A reporter asked Sanders how ... He replied": the one asked answers
                    out.append((pi, offset + asked[0].idx, 0, asked[1]))
            taken = {e[1] for e in out}
            for ent in sent.ents:  # people named elsewhere in the sentence: a pronoun's last resort
                root = ent.root
                pos = offset + root.idx
                if ent.label_ != "PERSON" or pos in taken or (
                        quoted_at(pos, bounds, starts) >= 0 or in_reported(pos)):
                    continue
                spk = speaker_of(root)
                if spk is not None and spk.kind == "person":
                    out.append((pi, pos, 0, Aside(spk)))
    return out


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans merged into disjoint ones, in order (for a binary search)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _within(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


class Aside(NamedTuple):
    """A person named in a sentence but not as its subject ("a message from Wendy Sherman"): a
    pronoun refers to them only when no subject before it can be meant."""

    speaker: Any


_ASKING = frozenset(f for lemma in ("ask", "question", "press", "interview", "quiz") for f in verb_forms(lemma))


def _asked(verb: Any) -> tuple[Any, Any] | None:
    """The person a question is put to (the object of "asked"), as a token and a source."""
    if verb.lower_ not in _ASKING:
        return None
    for c in verb.children:
        if c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN"):
            spk = speaker_of(c)
            if spk is not None and spk.kind in ("person", "role"):
                return c, spk
    return None


def _genders(parsed: list[list[tuple[int, Any]]], spans: list[list[Any]], persons: frozenset[str]) -> dict[str, str]:
    """Each surname's pronoun as the article's own narration uses it (majority of its votes)."""
    votes: dict[str, Counter] = {}
    for chunks, qs in zip(parsed, spans):
        bounds = [(q.open, q.outer_end) for q in qs]
        starts = [a for a, _ in bounds]
        quoted = lambda pos: quoted_at(pos, bounds, starts) >= 0  # noqa: E731
        for offset, doc in chunks:
            for name, c in gender_votes(doc, offset, quoted, persons).items():
                votes.setdefault(name, Counter()).update(c)
    return {name: c.most_common(1)[0][0] for name, c in votes.items() if len(c) == 1 or c["m"] != c["f"]}


def _persons(parsed: list[list[tuple[int, Any]]]) -> set[str]:
    """Surnames the recogniser tagged as a PERSON anywhere in the article: the same name tagged
    ORG elsewhere ("Trump included ...") is still someone a "he" can refer to."""
    out = set()
    for chunks in parsed:
        for _offset, doc in chunks:
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    out.add(ent[-1].text.replace("’s", "").replace("'s", ""))
    return out


def _resolve(events: list[tuple], items: list[Item], texts: list[str], genders: dict[str, str],
             persons: set[str]) -> None:
    """Walk the article in reading order (`events` sorted), naming each statement's speaker."""
    before = _previous_paragraphs(texts)
    talk = Discourse(genders=dict(genders), persons=persons)
    last_said: dict[int, str] = {}  # the last statement's speaker, per paragraph
    last_item: dict[int, str] = {}
    last_subject: dict[int, str] = {}  # the last person a sentence of the paragraph was about
    for pi, _pos, _order, what in events:  # in reading order
        if isinstance(what, Aside):
            talk.mention(what.speaker, aside=True)
            continue
        if not isinstance(what, Item):
            named = talk.mention(what)
            if what.kind == "person" or what.kind == "pronoun" and not named.startswith(UNRESOLVED):
                last_subject[pi] = named
            continue
        it = what
        spk = (speaker_of(it.cue.speaker) if it.cue.speaker is not None else None) if it.cue is not None else it.credit
        if spk is not None:
            # a quote the parse hangs on a narration verb ("phrase - ''we assess'' - four times")
            # is no one's statement that a later pronoun must not reach across
            said = it.cue is None or it.cue.verb.lower_ in VERB_FORMS
            it.speaker = talk.mention(spk, is_speaker=it.kind == "direct" and said)
        elif it.kind == "direct" and it.quote is not None and it.quote.chain is None:
            lead = len(texts[pi]) - len(texts[pi].lstrip())
            if pi in last_said:
                it.speaker = last_said[pi]  # “…,” X said. “…” / X said that …. “…”: X goes on
            elif it.quote.open == lead and last_said.get(before[pi]) and last_item.get(before[pi]):
                it.speaker = last_said[before[pi]]  # a quote paragraph right after a statement by X
            elif pi in last_subject:  # "Trump toured a factory on Sunday. “We will bring the jobs
                it.speaker = last_subject[pi]  # back.”": the person the paragraph is about, no one else quoted
        if it.speaker and not (it.cue is not None and it.cue.lemma not in SPEECH_LEMMAS and hypothetical(it.cue.verb)):
            last_said[pi] = it.speaker  # "Audiences can expect …" is no one going on speaking
        last_item[pi] = it.speaker or ""
    chains: dict[int, str] = {}
    for it in items:
        if it.quote is not None and it.quote.chain is not None and it.speaker:
            chains.setdefault(it.quote.chain, it.speaker)
    for it in items:
        if it.speaker is None and it.quote is not None and it.quote.chain is not None:
            it.speaker = chains.get(it.quote.chain)


def _name_the_lede_role(events: list[tuple], texts: list[str]) -> None:
    """A lede that names a role before the person ("The leader of the Panjshir front has called
    for ...", then "“…,” Ahmad Masoud said" in the next paragraph) is that person speaking: the
    first person named in full in the next two paragraphs, if no one is named before them and
    their own role, if written, is the same."""
    first = next((e for e in events if isinstance(e[3], Item) and e[3].speaker), None)
    lede = [i for i, t in enumerate(texts) if t.strip()][:2]  # a headline line may come first
    if first is None or first[0] not in lede or any(isinstance(e[3], Item) and e[0] < first[0] for e in events):
        return
    it = first[3]
    spk = speaker_of(it.cue.speaker) if it.cue is not None and it.cue.speaker is not None else None
    if spk is None or spk.kind != "role" or not spk.definite or spk.plural or it.speaker != spk.name:
        return
    seen = False
    for pi, _pos, _order, what in events:
        if what is it:
            seen = True
            continue
        if pi > first[0] + 2:
            return
        named = _person_named(what)
        if named is None:
            continue
        if not seen or pi == first[0] or len(named.name.split()) < 2 or named.role not in (None, spk.role):
            return  # someone named before or in the lede itself, a surname alone, or another role
        name = what.speaker if isinstance(what, Item) and what.speaker else named.name
        for e in events:
            if isinstance(e[3], Item) and e[3].speaker == spk.name:
                e[3].speaker = name
        return


def _person_named(event: Any) -> Speaker | None:
    """The person an event names (a statement's source, a subject, a person named aside), if any."""
    if isinstance(event, Item):
        named = speaker_of(event.cue.speaker) if event.cue is not None and event.cue.speaker is not None else None
    else:
        named = event.speaker if isinstance(event, Aside) else event
    return named if named is not None and named.kind == "person" else None


def _previous_paragraphs(texts: list[str]) -> list[int]:
    """For each paragraph, the index of the last non-blank paragraph before it (-1: none)."""
    out, last = [], -1
    for i, t in enumerate(texts):
        out.append(last)
        if t.strip():
            last = i
    return out


def _next_paragraphs(texts: list[str]) -> list[int]:
    """For each paragraph, the index of the first non-blank paragraph after it (-1: none)."""
    out, nxt = [-1] * len(texts), -1
    for i in range(len(texts) - 1, -1, -1):
        out[i] = nxt
        if texts[i].strip():
            nxt = i
    return out


def _colon_intro(cues: list[Any], used: set[int], chunks: list[tuple[int, Any]], text: str) -> Any:
    """ "Cruz continued:" / "Clinton released the following statement:" ending a paragraph
    introduces the quotation that opens the next one: its unused speech verb, else the last
    sentence's main verb with its subject."""
    if not text.rstrip().endswith(":") or not chunks:
        return None
    if cues and len(cues) - 1 not in used and cues[-1].content is None and cues[-1].speaker is not None:
        return cues[-1]
    offset, doc = chunks[-1]
    sents = list(doc.sents)
    root = sents[-1].root if sents else None
    subject = subject_of(root) if root is not None and root.pos_ in ("VERB", "AUX") else None
    if subject is None:
        return None
    return Cue(root, subject, None, root.text.lower(), offset + root.idx)


def _load(nlp: Any) -> Any:
    if nlp is not None:
        return nlp
    from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline

    return load_pipeline(PEOPLE_EXCLUDE)


def extract_quotes(paragraphs: list[str], nlp: Any = None, parsed: list | None = None) -> pd.DataFrame:
    """One row per direct quote or indirect statement, with a resolved speaker.

    `nlp` is the spaCy pipeline (`newstone.text.nlp.load_pipeline()` when None); `parsed`, the
    paragraphs' parse from `newstone.people.attribution.parse`, saves parsing twice. Offsets (`start`,
    `end`) index into `paragraphs[paragraph]`; `text` is that slice (quote marks, surrounding
    blanks and a trailing comma excluded). Speakers are merged across name variants.
    """
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    texts = [p if isinstance(p, str) else "" for p in paragraphs]
    spans = [find_quote_spans(t) for t in texts]
    link_continuations(texts, spans)
    if parsed is None:
        parsed = parse(_load(nlp), texts) if any(t.strip() for t in texts) else [[] for _ in texts]
    items: list[Item] = []
    events: list[tuple] = []
    intro = None
    after = _next_paragraphs(texts)
    for pi, text in enumerate(texts):
        bounds = [(q.open, q.outer_end) for q in spans[pi]]
        cues = find_cues(parsed[pi], bounds)
        direct, used = direct_items(pi, text, spans[pi], cues, parsed[pi])
        indirect = indirect_items(pi, text, cues, spans[pi])
        lead = len(text) - len(text.lstrip())
        if intro is not None and direct and direct[0].cue is None and direct[0].quote.open == lead:
            direct[0].cue = intro  # "X responded:" ending the paragraph before
        elif intro is not None and text.strip() and not direct and intro.content is None and VERB_FORMS.get(intro.verb.lower_) in SPEECH_LEMMAS \
                and not any(c.speaker is not None and c.lemma in SPEECH_LEMMAS
                                       and is_animate(speaker_of(c.speaker)) for c in cues):
            # "Hewitt writes:" and then his words set off as a paragraph of their own, unquoted
            # (what annotators of news call reported speech)
            indirect.insert(0, Item(pi, lead, len(text.rstrip()), "indirect", intro))
        if text.strip():  # blank lines between paragraphs do not break the introduction
            intro = _colon_intro(cues, used, parsed[pi], text)
        nxt = texts[after[pi]] if after[pi] >= 0 else ""
        credit = credit_line(nxt) if direct and len(nxt) < 80 else None
        for it in direct if credit is not None else ():
            if it.cue is None and it.credit is None:
                it.credit = credit  # “…” / "- Clinton."
        for it in direct + indirect:
            pos = it.cue.pos if it.cue is not None else it.start
            events.append((pi, pos, 1, it))
        reported = [(it.start, it.end) for it in indirect if it.cue is not None and it.cue.speaker is not None]
        events += _subject_events(pi, parsed[pi], bounds, reported)
        items += direct + indirect
    persons = frozenset(_persons(parsed))
    events.sort(key=lambda e: e[:3])  # reading order
    _resolve(events, items, texts, _genders(parsed, spans, persons), persons)
    _name_the_lede_role(events, texts)
    items.sort(key=lambda it: (it.paragraph, it.start))
    canon = merge_name_variants(it.speaker for it in items if it.speaker and not it.speaker.startswith(UNRESOLVED))
    # object dtype keeps a real None for unknown speakers (pandas' str dtype would use NaN)
    return pd.DataFrame(
        {
            "paragraph": pd.Series([it.paragraph for it in items], dtype="int64"),
            "start": pd.Series([it.start for it in items], dtype="int64"),
            "end": pd.Series([it.end for it in items], dtype="int64"),
            "text": pd.Series([texts[it.paragraph][it.start : it.end] for it in items], dtype=object),
            "speaker": pd.Series([canon.get(it.speaker, it.speaker) if it.speaker else None for it in items], dtype=object),
            "kind": pd.Series([it.kind for it in items], dtype=object),
            "cue": pd.Series([it.cue.text if it.cue is not None else None for it in items], dtype=object),
        },
        columns=COLUMNS,
    )


def speaker_table(quotes: pd.DataFrame, tone_column: str = "compound") -> pd.DataFrame:
    """Per-speaker counts (and mean tone when `tone_column` exists); unknown and unresolved
    speakers dropped.

    Name variants are merged again so frames concatenated from several articles
    still group "Masoud" with "Ahmad Masoud".
    """
    has_tone = tone_column in quotes.columns
    cols = ["name", "n_quotes", "n_direct", "n_indirect"] + (["compound"] if has_tone else [])
    if "speaker" in quotes.columns:
        named = quotes["speaker"].map(lambda s: isinstance(s, str) and not s.startswith(UNRESOLVED))
        known = quotes[named.astype(bool)]
    else:
        known = quotes.iloc[0:0]
    if known.empty:
        return pd.DataFrame(columns=cols)
    canon = merge_name_variants(known["speaker"].tolist())
    frame = pd.DataFrame(
        {
            "name": known["speaker"].map(lambda n: canon.get(n, n)),
            "direct": (known["kind"] == "direct").astype(int),
            "indirect": (known["kind"] == "indirect").astype(int),
        }
    )
    if has_tone:
        frame["compound"] = pd.to_numeric(known[tone_column], errors="coerce")
    agg = {"n_quotes": ("name", "size"), "n_direct": ("direct", "sum"), "n_indirect": ("indirect", "sum")}
    if has_tone:
        agg["compound"] = ("compound", "mean")
    table = frame.groupby("name", sort=False).agg(**agg).reset_index()
    table = table.sort_values(["n_quotes", "name"], ascending=[False, True], kind="stable")
    return table[cols].reset_index(drop=True)
