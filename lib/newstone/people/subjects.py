"""Who a reporting verb's subject is, when the small parser misattaches it.

The subject of "said" is usually its `nsubj`; news prose often hides it: conjoined verbs ("X summed
up ..., denounced ... and said"), "by saying", "went on to say", a second "said" hung on the reported
clause, an inverted "said X", a relative clause between subject and verb, or a message's sender
("Trump released a video that said ..."). Split from `attribution` so each module keeps one concern.
"""

from __future__ import annotations

from typing import Any

from newstone.people.reporting_verbs import SPEECH_LEMMAS, VERB_FORMS
from newstone.people.speakers import is_animate, mistagged_name, speaker_of

_TO_SAY = frozenset("say add note explain warn argue claim declare state insist".split())
_BY_DOING = frozenset("by after before while when in since upon".split())
_SPEECH_FORMS = frozenset(f for f, lemma in VERB_FORMS.items() if lemma in SPEECH_LEMMAS)


def subject_of(verb: Any) -> Any:
    """The verb's subject; a conjoined or "…, saying" verb shares its head's; a passive's agent."""
    credit = interposed_credit(verb)
    if credit is not None:
        return credit
    head = verb.head if verb.dep_ in ("conj", "advcl", "dep") else None
    if verb.dep_ == "xcomp" and VERB_FORMS.get(verb.lower_) in _TO_SAY and any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children) \
            and not any(c.dep_ == "dobj" for c in verb.head.children):
        head = verb.head  # "X went on to say: “…”" ("asked Y to say" is not X's)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.lower_ in _BY_DOING:
        head = verb.head.head  # "X distanced himself by saying ...": X says it
    if (head is not None and head.dep_ == "ccomp" and head.lower_ not in VERB_FORMS
            and head.head.lower_ in VERB_FORMS and (verb.lower_ in _SPEECH_FORMS or (
                verb.dep_ == "conj" and verb.lower_ in VERB_FORMS and not _animate_subject(head)))):
        head = head.head  # "X said the move was made by Y and said, “…”": the parse hangs the
        # second "said" (or "before claiming") on the reported clause; it is X's, like the first;
        # so is "praised" in "X forecast that the economy would rebound and praised ..."
    while head is not None and head.dep_ == "conj" and head.head.i != head.i and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        head = head.head  # "X summed up ..., denounced ... and said ...": the first verb's subject
    while head is not None and head.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) \
            and not any(c.dep_ == "dobj" for c in head.head.children):
        head = head.head  # "Trump tries to turn …, alternately shouting “…”": who tries, shouts ("asked him to" is his)
        if head.dep_ == "ccomp" and head.head.lower_ in VERB_FORMS and verb.lower_ in _SPEECH_FORMS:
            head = head.head  # "X said Clinton will have to choose …, saying “…”": X says it
    for tok in (verb, head):
        if tok is None:
            continue
        for child in _nearest_subject_first(tok):
            if child.dep_ == "nsubj":
                if tok is verb and child.lower_ in ("that", "which") and verb.dep_ == "relcl":
                    sender = _sender_of(verb.head)  # "Trump released a video that said …"
                    if sender is not None:
                        return sender
                return _past_dateline(_last_of_unjoined(child))
            if child.dep_ == "agent":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if tok is verb and verb.dep_ == "advcl" and verb.tag_ != "VBG":
            break
        if tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBN") and tok.head.pos_ == "PROPN" and tok.i > 0 \
                and tok.doc[tok.i - 1].text == "," and not any(c.dep_ == "agent" for c in tok.children):
            return tok.head  # "O'Malley, who signed …, interjected": the parser hung the main verb on the name
    interrupted = _interrupted_subject(verb)
    return interrupted if interrupted is not None else _author_of_message(verb)


def interposed_credit(verb: Any) -> Any:
    """ "And Trump, said Sunshine, who …, doesn't forgive": a credit set between commas inside the
    clause it reports; the parser took the clause's subject for the verb's."""
    doc, i = verb.doc, verb.i
    if verb.lower_ not in _SPEECH_FORMS or i < 2 or i + 2 >= len(doc) or doc[i - 1].text != ",":
        return None
    if doc[i + 1].pos_ != "PROPN":
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < i), None)
    if subj is None or subj.right_edge.i != i - 2 or subj.pos_ not in ("PROPN", "NOUN"):
        return None
    j = i + 1
    while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
        j += 1
    return doc[j] if j + 1 < len(doc) and doc[j + 1].text == "," else None


def _nearest_subject_first(verb: Any) -> list[Any]:
    """The verb's children, its nearest subject before it first: with two subjects ("An argument
    … (''…,'' Monica Crowley wrote …)", "In declaring Trump's statements …, the pope
    demonstrated") the parser hung a far noun on the verb as well."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if len(subjects) < 2:
        return children
    doc = verb.doc
    before = [c for c in subjects if c.i < verb.i and c.lower_ not in ("both", "all", "each")  # "figures — … — both"
              and not _quoted(c)]
    if not before or before[-1].i == subjects[0].i:
        return children
    first = before[-1]
    if not any(t.is_punct for t in doc[subjects[0].i : first.left_edge.i]):
        return children  # "outlets reported on Wednesday the Secret Service had": one clause, the first
    return [first] + [c for c in children if c.i != first.i]


def _quoted(tok: Any) -> bool:
    """ "Washington, star of “Scandal,” thanked": the noun phrase stands between quotation marks."""
    doc, lo, hi = tok.doc, tok.left_edge.i, tok.right_edge.i
    opened = doc[lo].is_quote or lo > 0 and doc[lo - 1].is_quote  # the marks may hang on the noun
    return opened and any(t.is_quote for t in doc[max(lo + 1, hi - 1) : hi + 3])


def _last_of_unjoined(subj: Any) -> Any:
    """ "… to, now, Cruz, Wilkin said": two names in a row with no "and" are the end of the
    reported clause and the speaker; the speaker is the last."""
    conj = [c for c in subj.children if c.dep_ == "conj" and c.i > subj.i]
    if not conj or any(c.dep_ == "cc" for c in subj.children) or any(c.dep_ == "cc" for c in conj[-1].children):
        return subj
    last = conj[-1]
    if last.pos_ != "PROPN" or subj.doc[last.left_edge.i - 1].text != ",":
        return subj
    return last


_DASHES = frozenset({"—", "–", "--", "-"})


def _past_dateline(subj: Any) -> Any:
    """ "CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told …": the parser took
    the dateline's city for the subject and hung the name after the dash on it."""
    if len(subj.text) < 2 or not subj.text.isupper() or subj.left_edge.i != subj.sent.start:
        return subj
    dash = next((t for t in subj.subtree if t.text in _DASHES), None)
    named = next((c for c in subj.subtree if dash is not None and c.i > dash.i and c.dep_ == "appos"), None)
    return named if named is not None else subj


def _interrupted_subject(verb: Any) -> Any:
    """ "One attendee, who like others spoke on the condition of anonymity, said …": the parser
    gives the sentence's first noun to the verb inside the interruption and leaves "said"
    without a subject."""
    doc = verb.doc
    if verb.dep_ != "ROOT" or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    for child in verb.lefts:
        if child.dep_ not in ("ccomp", "advcl", "parataxis"):
            continue
        for subj in child.children:
            if subj.dep_ == "nsubj" and subj.left_edge.i == verb.sent.start and subj.i + 1 < child.i \
                    and doc[subj.i + 1].text == "," and subj.pos_ in ("NOUN", "PROPN"):
                return subj
    return None


def _animate_subject(verb: Any) -> bool:
    """Whether the verb's own subject can hold a view (a person or group, not "the economy")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and is_animate(speaker_of(subj))


_MESSAGES = frozenset("statement letter tweet message note email e-mail memo post video release".split())
_SENDING = frozenset("issued issues issue released releases release sent sends send posted posts post "
                     "put puts published publishes wrote writes shared shares tweeted".split())


def _author_of_message(verb: Any) -> Any:
    """ "Trump issued a statement saying that …": whoever issued the statement says it."""
    return _sender_of(verb.head) if verb.dep_ == "acl" else None


def _sender_of(noun: Any) -> Any:
    """The subject of the verb that sent a message noun ("issued a statement", "released a video")."""
    if noun.lower_ not in _MESSAGES or noun.dep_ != "dobj" or noun.head.lower_ not in _SENDING:
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


def inverted_subject(verb: Any) -> Any:
    """ "…,” said Mr. Gunnels, who …": after a quotation or comma the speaker follows the verb, and
    the parser sometimes files that name as an object."""
    if verb.i == 0 or not verb.doc[verb.i - 1].is_punct:
        return None
    found = next((c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod", "dep", "appos")
                  and c.left_edge.i <= verb.i + 3 and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG"))), None)
    if found is not None:
        return found
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and mistagged_name(nxt) and (nxt.i + 1 == len(nxt.doc) or nxt.doc[nxt.i + 1].is_punct):
        return nxt  # "“…,” said Skelly, explaining …": the name tagged as an adverb
    # "“…,” said David Brock, a confidant who heads …": the parser made the name the subject of a
    # later verb; the name right after the verb is still the speaker
    doc, j = verb.doc, verb.i + 1
    if doc[verb.i - 1].text not in (",", "”", '"', "''", "’", "'", "?", "!"):
        return None
    while j < min(len(doc), verb.i + 4) and doc[j].pos_ == "PROPN" and doc[j].dep_ == "compound":
        j += 1
    if j < len(doc) and j <= verb.i + 4 and doc[j].pos_ == "PROPN" and (j == verb.i + 1 or doc[verb.i + 1].pos_ == "PROPN"):
        return doc[j]
    return None
