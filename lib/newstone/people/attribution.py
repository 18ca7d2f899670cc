"""Who says what: direct quotes and reported speech attributed with spaCy's dependency parse.

Quotation marks come from `quotemarks` (one pass over the characters); each paragraph is parsed
once (long ones in windows, so the cost stays linear). A statement's speaker is the subject of its
reporting verb (or the agent of a passive, or the object of "according to"), grown into the whole
name by `speakers`; reported speech is the reporting verb's clausal complement. Direct quotes are
tied to these cues by `direct_quotes`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Iterable

from newstone.people.quotemarks import QuoteSpan
from newstone.people.reporting_verbs import AS_LEMMAS, INTENT_LEMMAS, OBJECT_LEMMAS, SPEECH_LEMMAS, VERB_FORMS
from newstone.text.segment import sentence_spans
from newstone.people.speakers import Speaker, is_animate, speaker_of
from newstone.people.subjects import interposed_credit, inverted_subject, subject_of

WINDOW_CHARS = 2000  # longer paragraphs are parsed in windows cut at sentence ends
_CONTENT_DEPS = ("ccomp",)


@dataclass
class Cue:
    """A reporting verb (or "according to") in narration, its speaker token and content span."""

    verb: Any  # token
    speaker: Any  # token or None
    content: tuple[int, int] | None  # paragraph offsets
    text: str
    pos: int  # paragraph offset of the verb

    @property
    def lemma(self) -> str:
        lemma = VERB_FORMS.get(self.verb.lower_)
        return lemma or ("make clear" if self.verb.lower_ in _MAKE else "according to")


@dataclass
class Item:
    """One statement before speakers are resolved."""

    paragraph: int
    start: int
    end: int
    kind: str  # direct | indirect
    cue: Cue | None
    quote: QuoteSpan | None = None
    speaker: str | None = None
    credit: Speaker | None = None  # a dash credit ("― Ariana Huichapa")


# ---------------------------------------------------------------------------- parsing


def windows(text: str, limit: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """Character ranges of at most about `limit` characters, cut at sentence ends (or blanks)."""
    if len(text) <= limit:
        return [(0, len(text))] if text.strip() else []
    out: list[tuple[int, int]] = []
    lo = hi = 0
    for s, e in sentence_spans(text):
        if e - lo > limit and hi > lo:
            out.append((lo, hi))
            lo = s
        while e - lo > limit:  # one sentence longer than a window: cut at a blank
            cut = text.rfind(" ", lo + limit // 2, lo + limit)
            cut = cut if cut > lo else lo + limit
            out.append((lo, cut))
            lo = cut
        hi = e
    if len(text) > lo and text[lo:].strip():
        out.append((lo, len(text)))
    return out


def parse(nlp: Any, texts: list[str]) -> list[list[tuple[int, Any]]]:
    """Each paragraph as (offset, Doc) windows, all parsed in one `nlp.pipe` stream."""
    cuts = [windows(t) for t in texts]
    flat = [texts[i][a:b] for i, ws in enumerate(cuts) for a, b in ws]
    docs = iter(nlp.pipe(flat, batch_size=64))
    return [[(a, next(docs)) for a, _ in ws] for ws in cuts]


# ---------------------------------------------------------------------------- cues


def quoted_at(pos: int, bounds: list[tuple[int, int]], starts: list[int]) -> int:
    """Index of the quotation (marks included) that holds character `pos`, else -1."""
    k = bisect.bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < bounds[k][1] else -1


def _span_of(toks: Iterable[Any], offset: int) -> tuple[int, int] | None:
    toks = [t for t in toks if not t.is_punct and not t.is_space]
    if not toks:
        return None
    return offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text)


def _content(verb: Any, lemma: str, offset: int) -> tuple[int, int] | None:
    """What is reported: the verb's clausal complement ("that" left out), the clause a parenthetical
    verb hangs off, a "to"-clause of intent, or the object of a verb of stance ("praised the plan")."""
    comps = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    # "… paying off: He said he’s raised …": the clause after the verb, not one before a colon
    comp = next((c for c in comps if c.i > verb.i), comps[0] if comps else None)
    if comp is None:  # "said in a statement that …": the that-clause hangs lower
        comp = next((t for c in verb.children if c.dep_ in ("prep", "dobj", "npadvmod") for t in c.subtree
                     if t.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children)), None)
    # "As Crane said, the candidates have become ..." ("as he replied" / "as she continues" tell when)
    as_said = verb.dep_ == "advcl" and lemma in _AS_SAID and verb.tag_ != "VBG" \
        and any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children) \
        and (lemma != "point" or any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)) \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.lower_ != "it" and not (lemma == "tell" and c.dep_ == "dobj")
                    for c in verb.children)
    if comp is None and (verb.dep_ in ("ccomp", "parataxis") or as_said) and verb.head.pos_ in ("VERB", "AUX") \
            and (as_said or verb.head.lower_ not in VERB_FORMS) and not (verb.head.lower_ in _MAKE and getattr(_made_clear(verb.head), "i", None) == verb.i) \
            and not any(c.dep_ == "mark" and c.lower_ != "as" or c.lower_ in ("what", "whatever") for c in verb.children):
        # "The resistance has collapsed, X said" / "Since 2012, X says, lives were lost": the verb
        # hangs off the clause it reports ("it turns out that X asked" and "he offers both sexes
        # what they want" do not)
        first, last = verb.left_edge.i, verb.right_edge.i
        host = verb.head
        while as_said and host.dep_ in ("advcl", "conj", "xcomp") and host.head.i != host.i and host.head.pos_ in ("VERB", "AUX"):
            host = host.head  # "…, eventually even discussing a walkout, as Breitbart reported": the whole statement
        before = [t for t in host.subtree if t.i < first]
        after = [t for t in host.subtree if t.i > last]
        while after and (after[0].is_punct or after[0].lower_ == "that" and after[0].dep_ == "mark"):
            after = after[1:]
        return _span_of(before if len(before) >= len(after) else after, offset)
    if comp is None and lemma in SPEECH_LEMMAS:
        comp = _misparsed_clause(verb)
    if comp is None and lemma in SPEECH_LEMMAS:  # "46 percent said yes", "half said so"
        short = next((c for c in verb.rights if c.lower_ in _SHORT_ANSWERS and c.i <= verb.i + 2
                      and c.dep_ in ("dobj", "intj", "advmod", "ccomp", "attr", "npadvmod")), None)
        if short is not None:
            return _span_of([short], offset)
    if comp is None and (lemma in INTENT_LEMMAS or lemma == "call"):  # "called to ban ..."
        comp = next((c for c in verb.children if c.dep_ == "xcomp"
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if comp is None and (lemma in SPEECH_LEMMAS or lemma in OBJECT_LEMMAS):
        # a gerund complement: "reported spending $6 million", "denied having met him"
        comp = next((c for c in verb.rights if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i <= verb.i + 2), None)
    if comp is None and lemma in AS_LEMMAS:  # "developers see golf courses as wasted space"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        hosts = [verb, obj] if obj is not None else [verb]  # "as" hangs off the verb or the object
        as_ = next((c for h in hosts for c in h.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
        if obj is not None and as_ is not None and obj.i < as_.i:
            return _span_of([t for t in verb.subtree if obj.left_edge.i <= t.i <= as_.right_edge.i], offset)
    if comp is None and lemma == "ask":
        comp = next((c for c in verb.children if c.dep_ == "advcl" and any(m.lower_ in ("if", "whether") for m in c.children)), None)
    if comp is None and lemma == "ask":  # "asked Trump about his statements", "asked a judge to block the rules"
        about = next((c for h in [verb] + [c for c in verb.children if c.dep_ == "dobj"] for c in h.children
                      if c.dep_ == "prep" and c.lower_ == "about"), None)
        comp = next((c for c in about.children if c.dep_ == "pobj"), None) if about is not None else next(
            (c for c in verb.children if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if comp is None and lemma == "call":  # "Bush called Trump “unhinged”": object and predicate
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None) or next(
            (c for c in verb.rights if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("PROPN", "NOUN")), None)
        pred = next((c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and obj is not None and c.i > obj.i), None)
        if pred is None and obj is not None:  # "calling Trump a fascist" parsed as Trump <- fascist
            pred = next((c for c in obj.rights if c.dep_ in ("dobj", "attr", "oprd")), None)
        if pred is None and obj is not None:
            # "called Clinton, his challenger, an ISIS “co-founder”" (the predicate read as an
            # apposition: an indefinite one names no one) and "called Merkel “The Chancellor …”"
            # (the quoted predicate swallowed into the object)
            appos, host = [], obj
            while len(appos) < 4:  # appositions in a row, each maybe hung on the one before
                nxt = [c for c in host.rights if c.dep_ == "appos"]
                if not nxt:
                    break
                appos += nxt
                host = nxt[-1]
            if len(appos) >= 2 and any(d.dep_ == "det" and d.lower_ in ("a", "an") for a in appos[1:] for d in a.children):
                pred = max(appos[1:], key=lambda a: a.right_edge.i)  # one apposition says who ("his
                # challenger"), the one after it what they are called
            elif sum(t.is_quote for t in obj.doc[obj.left_edge.i:obj.i]) % 2:
                pred = obj  # the object's head is quoted: "“illegals”", not "the “Daily Show” host"
        if pred is not None:
            return _span_of([t for t in verb.subtree if obj.left_edge.i <= t.i <= pred.right_edge.i], offset)
    if comp is None and lemma == "show" and any(c.dep_ == "dobj" for c in verb.children):
        # "the poll shows Clinton with an 8-point lead": what follows the verb is the finding
        return _span_of([t for t in verb.subtree if t.i > verb.i], offset)
    if comp is None and (lemma in OBJECT_LEMMAS or lemma in _ABOUT_ONLY):
        # "referred questions to the campaign" passes something on; "referring to X" is about X;
        # "spoke to CNN" and "called on Monday" say nothing, "called for a ban" and "spoke about
        # the plan" do
        only = _ABOUT_ONLY.get(lemma)
        comp = next((c for c in verb.children if c.dep_ == "dobj"), None) if lemma != "refer" and only is None else None
        if comp is None:  # "calls for a ban", "asked about the plan", "voted for Smith"
            deps, words = (("prep",), only) if only else (("prep", "prt"), ("for", "about", "against") if lemma == "report"
                                                          else ("for", "about", "to", "against"))  # "reports to the president": a boss
            prep = next((c for c in verb.children if c.dep_ in deps and c.lower_ in words), None)
            comp = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None  # "called for tripling …"
        if comp is not None and sum(1 for _ in comp.subtree) < 2 and not _named(comp, verb):
            comp = None  # "endorsed Clinton" / "backed her" name what is backed; "backed it" does not
    if comp is None:
        return None
    toks = list(comp.subtree)
    while toks and (toks[0].lower_ == "that" and toks[0].dep_ == "mark" or toks[0].is_punct):
        toks = toks[1:]
    return _span_of(toks, offset)


def _misparsed_clause(verb: Any) -> Any:
    """ "He said legalizing it could put ...": the small parser hung the reported clause under a
    gerund or object right after the verb; a finite verb with a subject in it marks a clause."""
    for child in verb.rights:
        if child.dep_ not in ("xcomp", "dobj", "dep") or child.left_edge.i > verb.i + 2:
            continue
        finite = [t.head if t.dep_ in ("aux", "auxpass") else t for t in child.subtree
                  if t is not child and t.tag_ in ("VBD", "VBZ", "VBP", "MD")]
        if any(c.dep_ in ("nsubj", "nsubjpass") for t in finite for c in t.children):
            return child
    return None


def _according(tok: Any, offset: int) -> Cue | None:
    """ "according to X": X speaks; the content is the rest of the clause it is attached to."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return None
    head = tok.head
    skip = {t.i for t in tok.subtree}
    clause = [t for t in head.subtree if t.i not in skip]
    return Cue(tok, obj, _span_of(clause, offset), "according to", offset + tok.idx)


_SHORT_ANSWERS = frozenset({"yes", "no", "so"})
# Verbs whose object after a preposition, and only that, is what they attribute.
_ABOUT_ONLY = {"call": ("for",), "speak": ("about", "of", "against")}
# Subjects whose "show" reports a finding ("records show little evidence that ...").
_EVIDENCE = frozenset(
    "poll polls survey surveys study studies report reports records documents data figures numbers "
    "results email emails tallies tally analysis review filings statistics research evidence".split()
)
_AS_SAID = frozenset("say note report write explain predict warn suggest argue observe point recall acknowledge "
                     "admit state claim tell mention concede".split())
_FINDINGS = frozenset("poll survey study report analysis".split())


def _in_poll(tok: Any, offset: int) -> Cue | None:
    """ "In the latest poll, Clinton led Trump by six points": the poll (or its named author)
    says the clause it introduces, unless a reporting verb there has a source of its own."""
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    head = tok.head
    if obj is not None and obj.lower_ == "average":  # "in the RealClearPolitics average of recent polls"
        of = next((c for c in obj.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        polls = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        obj = obj if polls is not None and polls.lower_.rstrip("s") in _FINDINGS else None
    fronted = tok.i == tok.sent.start or all(t.is_punct or t.dep_ == "cc" for t in tok.doc[tok.sent.start:tok.i])
    if obj is None or obj.lower_.rstrip("s") not in _FINDINGS | {"average"} or head.pos_ not in ("VERB", "AUX") \
            or head.lower_ in VERB_FORMS or obj.tag_ != "NN" and not (fronted and obj.tag_ == "NNS"):
        return None  # "rose in the polls" is a standing, not a finding: one poll is named ("In exit
        # polls, voters …" opening the sentence names its findings too)
    skip = {t.i for t in tok.subtree}
    clause = [t for t in head.subtree if t.i not in skip]
    return Cue(tok, obj, _span_of(clause, offset), "in", offset + tok.idx)


_LABELS = frozenset(
    "update updated watch read photo photos video breaking exclusive live related source note correction "
    "opinion analysis sponsored advertisement listen see also more editor editors warning".split()
)


def _colon_lead(doc: Any) -> Cue | None:
    """ "Sanders: Clinton Email Story Has Moved" (headlines, summaries): a short name and a colon
    opening a paragraph with no quotation say the clause after it; "Update:" or "Watch:" do not."""
    colon = next((t for t in doc[:6] if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i + 3 >= len(doc):
        return None
    name = doc[: colon.i]
    if not all(t.text[:1].isupper() or t.is_punct for t in name) or any(t.lower_ in _LABELS for t in name):
        return None
    if len(name.text) < 2 or (len(name.text) < 3 or name.text.isupper()) and not name.ents:  # "A:" (Q&A), "BUSTED:"
        return None
    head = next((t for t in reversed(name) if t.head.i >= colon.i or t.head.i == t.i), None)
    spk = speaker_of(head) if head is not None else None
    # a capitalised name the tagger took for a noun ("Trump: ...") or a finding ("Poll: ...") speaks too
    named = spk is not None and (is_animate(spk) or all(w[:1].isupper() for w in spk.name.split())
                                 and (head.pos_ == "PROPN" or len(name) == 1))
    if spk is None or spk.kind not in ("person", "group") or not named or head.ent_type_ in ("GPE", "LOC"):
        return None  # "Iowa: Tim Albrecht, Brad Anderson, ..." lists people by place
    end = doc[colon.i + 1].sent.end  # the parser may end a sentence at the colon
    if doc[colon.i + 1 : end].text.count(",") >= 4:
        return None  # a list, not a statement
    return Cue(colon, head, _span_of(doc[colon.i + 1 : end], 0), ":", colon.idx)


def find_cues(chunks: list[tuple[int, Any]], bounds: list[tuple[int, int]]) -> list[Cue]:
    """Reporting verbs of a paragraph that stand in narration (not inside a quotation)."""
    starts = [a for a, _ in bounds]
    cues = []
    lead = _colon_lead(chunks[0][1]) if chunks and chunks[0][0] == 0 and not bounds else None
    if lead is not None:
        cues.append(lead)
    for offset, doc in chunks:
        for tok in doc:
            if quoted_at(offset + tok.idx, bounds, starts) >= 0:
                continue
            if tok.lower_ in ("according", "in") and tok.dep_ in ("prep", "advmod", "case"):
                cue = _according(tok, offset) if tok.lower_ == "according" else _in_poll(tok, offset)
                if cue is not None:
                    cues.append(cue)
                continue
            lemma = VERB_FORMS.get(tok.lower_) or ("say" if _as_put_it(tok) else None)
            if lemma is None and tok.lower_ in _MAKE and tok.pos_ in ("VERB", "AUX"):
                clause = _made_clear(tok)  # "X made it clear that …"
                if clause is not None:
                    toks = [t for t in clause.subtree if not (t.dep_ == "mark" or t.i == clause.left_edge.i and t.lower_ == "that")]
                    cues.append(Cue(tok, subject_of(tok), _span_of(toks, offset), "made clear", offset + tok.idx))
                continue
            if tok.pos_ not in ("VERB", "AUX") or lemma is None:
                continue
            if lemma == "continue" and any(c.dep_ in ("xcomp", "dobj") for c in tok.children):
                continue  # "will continue to be", "continued the fight": going on, not speaking
            if lemma == "report" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children) \
                    and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children):
                continue  # "a prosecutor who reports directly to the president": a boss, not speech
            content = _content(tok, lemma, offset)
            if lemma not in SPEECH_LEMMAS and (content is None or _not_narration(tok)):
                continue  # belief and stance count only with what is believed, in narration
            subject = subject_of(tok)
            if lemma == "show" and not any(c.dep_ == "ccomp" for c in tok.children) and (
                    subject is None or subject.lower_ not in _EVIDENCE):
                continue  # "the poll shows Clinton ahead", not "he showed his hand"
            if subject is None and tok.dep_ == "acl" and tok.tag_ == "VBG" and is_animate(speaker_of(tok.head)):
                subject = tok.head  # "super PACs supporting Cruz": the PACs support him
            if subject is None and lemma in SPEECH_LEMMAS:
                subject = inverted_subject(tok) or _credit_after_quote(tok, offset, bounds, starts)
            if subject is not None and quoted_at(offset + subject.idx, bounds, starts) >= 0:
                subject = _narration_subject(tok, offset, bounds, starts)
            if subject is not None and content is not None and subject.i > tok.i and content[0] <= offset + subject.idx < content[1]:
                # "“…,” said David Brock, a confidant …": the name is not what was said; in "And
                # Trump, said Sunshine, …, doesn't forgive" the clause starts before the credit
                first = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
                content = (offset + first.left_edge.idx, content[1]) if first is not None and getattr(interposed_credit(tok), "i", -1) == subject.i else None
            cues.append(Cue(tok, subject, content, cue_text(tok), offset + tok.idx))
    return cues


_MAKE = frozenset({"make", "makes", "made", "making"})


def _made_clear(verb: Any) -> Any:
    """ "made it clear to Democrats that …", "made clear Monday they have no plans": the finite
    clause that was made clear (or plain)."""
    clear = next((t for t in verb.subtree if t.lower_ in ("clear", "plain") and verb.i < t.i <= verb.i + 3), None)
    if clear is None:
        return None
    for host in (verb, clear):
        for c in host.children:
            if c.i > clear.i and c.dep_ in ("ccomp", "advcl") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                return c
    return None


def _as_put_it(verb: Any) -> bool:
    """ "As Cornyn put it, …" / "as one aide puts it:" words someone said, in a set phrase."""
    return verb.lower_ in ("put", "puts") and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _credit_after_quote(verb: Any, offset: int, bounds: list[tuple[int, int]], starts: list[int]) -> Any:
    """ "“…,” Gene Sperling, a top adviser, said": the parser filed the name after the closing
    mark under the quotation's clause, leaving the verb without a subject."""
    doc = verb.doc
    i = verb.i - 1
    while i >= max(0, verb.i - 12) and quoted_at(offset + doc[i].idx, bounds, starts) < 0:
        i -= 1
    if i < max(0, verb.i - 12) or i < 0:
        return None  # no quotation right before the credit
    stretch = doc[i + 1 : verb.i]
    ids = {t.i for t in stretch}
    heads = [t for t in stretch if t.pos_ == "PROPN" and t.head.i not in ids]
    if not heads:  # "screenwriter Cole Haddon wrote", the role read as a verb over the name
        heads = [t for t in stretch if t.ent_type_ == "PERSON" and (t.i + 1 == verb.i or doc[t.i + 1].ent_iob_ != "I")]
    return heads[0] if heads else None


def _narration_subject(verb: Any, offset: int, bounds: list[tuple[int, int]], starts: list[int]) -> Any:
    """The parse took words inside a quotation for the subject ("''My bosses ...,'' Mr. Conant
    said"): the speaker is the name in the narration next to the verb, before it or after it."""
    doc = verb.doc
    for step in (-1, 1):
        stretch, i = [], verb.i + step
        while 0 <= i < len(doc) and quoted_at(offset + doc[i].idx, bounds, starts) < 0 and len(stretch) < 12:
            if step == 1 and doc[i].is_punct:
                break
            stretch.append(doc[i])
            i += step
        ids = {t.i for t in stretch}
        heads = [t for t in stretch if t.pos_ in ("PROPN", "NOUN", "PRON") and t.head.i not in ids]
        if heads:
            return heads[-1] if step == -1 else heads[0]
    return None


def cue_text(verb: Any) -> str:
    """The cue as written: the verb and its particle (\"shot back\")."""
    prt = next((c.text for c in verb.children if c.dep_ == "prt"), "")
    return f"{verb.text} {prt}".strip().lower()


def indirect_items(pi: int, text: str, cues: list[Cue], spans: list[QuoteSpan]) -> list[Item]:
    """Reported speech: a cue's content up to the first quotation in it (the quotation is a
    direct quote of its own), when at least a few words of paraphrase come first."""
    opens = [q.open for q in spans]
    items = []
    for cue in cues:
        if cue.content is None or (cue.speaker is None and not _unnamed_question(cue)):
            continue
        lo, hi = cue.content
        k = bisect.bisect_left(opens, lo)
        if k and spans[k - 1].outer_end > lo:
            continue  # the content starts inside a quotation
        if k < len(spans) and spans[k].open < hi and cue.lemma != "call":
            hi = spans[k].open
            while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ",;:—–-"):
                hi -= 1
            if len(text[lo:hi].split()) < 4:
                continue
        hi = _close_open_mark(text, lo, hi)
        if (hi - lo >= 8 and len(text[lo:hi].split()) >= 2) or (cue.lemma in OBJECT_LEMMAS and hi - lo >= 2) \
                or text[lo:hi].lower() in _SHORT_ANSWERS:
            items.append(Item(pi, lo, hi, "indirect", cue))
    return items


_PAIRS = (("“", "”"), ("‘", "’"), ("«", "»"))


def _close_open_mark(text: str, lo: int, hi: int) -> int:
    """ "called it “a triumph.”": content that opens a quotation mark ends after its closing one
    (the parse stops at the last word)."""
    piece = text[lo:hi]
    for opener, closer in _PAIRS + (('"', '"'),):
        opened = piece.count(opener) > piece.count(closer) if opener != closer else piece.count(opener) % 2 == 1
        if opened:
            j = text.find(closer, hi, hi + 3)
            if j >= 0:
                return j + 1
    return hi


def _unnamed_question(cue: Cue) -> bool:
    """ "Asked whether he would run, Reid said ...": a question put by someone unnamed (an
    interviewer) is reported speech with no speaker; the one who answers did not ask it."""
    verb = cue.verb
    return verb.lower_ == "asked" and verb.tag_ == "VBN" and verb.dep_ in ("advcl", "ROOT", "ccomp") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children)


def _named(tok: Any, verb: Any) -> bool:
    """A one-word direct object that names a person or party ("endorsed Clinton", "backed her");
    a phrasal verb ("backed her up") says something else."""
    if tok.dep_ != "dobj" or any(c.dep_ == "prt" for c in verb.children):
        return False
    return tok.pos_ == "PROPN" or tok.lower_ in ("her", "him", "them", "us", "me")


_MODALS = frozenset("can could may might would should must".split())


def hypothetical(verb: Any) -> bool:
    """ "Audiences can expect him to …", "voters might think …": what someone could believe is
    reported, but words quoted inside it are not theirs."""
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


def _not_narration(verb: Any) -> bool:
    """A stance verb in a subordinate clause ("the plan, which critics praised") is description;
    "Obama, who endorsed Clinton," and "groups supporting Cruz" still say who backs whom."""
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children):
        return False
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and is_animate(speaker_of(verb.head)):
        return False
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and any(
            c.dep_ == "nsubj" and c.i < verb.i and is_animate(speaker_of(c)) for c in verb.children):
        return False  # "with O'Malley calling Trump a fascist": the gerund has its own speaker
    return verb.dep_ in ("relcl", "acl", "amod", "pcomp", "pobj")
