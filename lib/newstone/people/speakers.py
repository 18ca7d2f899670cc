"""Speaker names from the dependency parse, and pronoun speakers resolved without guessing.

A reporting verb's subject token is grown into the whole name (entity span, compound and flat
names), a role in front of a name is dropped ("Taliban Spokesman Zabihullah Mujahid" is
"Zabihullah Mujahid"), group sources are kept ("police officials"), and an appositive names an
otherwise anonymous role ("the spokesman, Zabihullah Mujahid,"). Pronouns are resolved by
`Discourse`, which remembers who was named, as what, in reading order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from newstone.people.given_names import given_name_gender

# Titles and roles: dropped from the front of a person's name; alone they are a role source.
ROLE_WORDS = frozenset(
    """
    spokesman spokeswoman spokesperson spokesmen spokeswomen president vice prime minister senator
    sen leader secretary chairman chairwoman chair chief commander general gen director ambassador
    governor gov mayor deputy king queen prince princess crown sheikh ayatollah envoy head official
    representative rep congressman congresswoman lawmaker mp judge justice attorney colonel col
    lieutenant lt major maj captain capt sergeant sgt admiral adm marshal dr mr mrs ms miss mx
    professor prof analyst expert researcher correspondent reporter editor founder ceo cfo executive
    foreign defense defence interior finance state affairs supreme former acting interim senior top
    coach pope cardinal bishop rabbi imam cleric mullah emir commissioner speaker premier chancellor
    adviser advisor aide negotiator candidate nominee sir dame lord lady dean general-secretary
    secretary-general assistant associate manager officer strategist economist author writer
    """.split()
)
_FEMALE = frozenset("she her ms mrs miss spokeswoman chairwoman congresswoman queen princess lady dame madam "
                    "woman girl mother wife daughter sister widow grandmother businesswoman".split())
_MALE = frozenset("he him his mr spokesman chairman congressman king prince sir lord "
                  "man boy father husband son brother widower grandfather businessman".split())
_KIN = frozenset("mother father wife husband son daughter sister brother widow widower grandmother "
                 "grandfather mom dad retiree veteran nurse homemaker".split())
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady".split())  # titles that name no role
_MALE_PRON = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRON = frozenset({"she", "her", "hers", "herself"})
_PLURAL_PRON = frozenset({"they", "them"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_RELATIVE = frozenset({"who", "which", "that"})
_QUANTIFIERS = frozenset("many some most several few others both one all".split())
_NAME_DEPS = frozenset({"compound", "flat", "nmod"})
_GROUP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "case"})
_PERSON_LABELS = frozenset({"PERSON"})
_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC"})
_NOT_SOURCES = frozenset({"DATE", "TIME", "MONEY", "QUANTITY"})  # not "two" or "62 percent" (of voters)


@dataclass(frozen=True)
class Speaker:
    """A source as written: `kind` person | group | role | pronoun; `role` the role word if any."""

    name: str
    kind: str
    role: str | None = None
    plural: bool = False
    gender: str | None = None  # "f" | "m" | None
    named: bool = False  # a proper name or entity (not a common noun such as "the report")
    definite: bool = False  # "the senator" (may refer back to a named senator), not "a senator"
    disjoint: frozenset[str] = frozenset()  # a pronoun's: surnames its own clause names after it


def _clean_words(words: list[str]) -> list[str]:
    """Drop articles and a possessive ending; keep the words of the name."""
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if words and words[-1] in ("’s", "'s", "’", "'"):
        words = words[:-1]
    return words


def _joined(words: list[str]) -> str:
    """Words of a name as written: "Trump’s campaign", not "Trump ’s campaign"."""
    return " ".join(words).replace(" ’s ", "’s ").replace(" 's ", "'s ")


def strip_role(words: list[str]) -> tuple[list[str], str | None]:
    """Drop titles in front of a name ("Taliban Spokesman", "Secretary of State", "Rep.")."""
    norm = [w.lower().strip(".") for w in words]
    last = max((i for i, w in enumerate(norm[:-1]) if w in ROLE_WORDS), default=None)
    if last is None:
        return words, None
    rest = words[last + 1 :]
    while len(rest) > 1 and rest[0].lower() in ("of", "the", "for"):
        rest = rest[1:]
        if len(rest) >= 3 and rest[0][:1].isupper():  # "Secretary of State John Kerry"
            rest = rest[1:]
    return (rest, norm[last]) if rest and rest[0][:1].isupper() else (words, None)


def _gender_of(words: list[str]) -> str | None:
    low = {w.lower().strip(".") for w in words}
    if low & _FEMALE:
        return "f"
    if low & _MALE:
        return "m"
    return None


def full_name_gender(words: list[str]) -> str | None:
    """The usual gender of a full name's given name ("Maryam Violet"), not of a lone surname
    ("Clinton") nor of a title ("Sen. Graham")."""
    if len(words) < 2 or words[0].lower().strip(".") in ROLE_WORDS or not all(w[:1].isupper() for w in words):
        return None
    return given_name_gender(words[0])


def _named_later_in_clause(tok: Any, reach: int = 60) -> frozenset[str]:
    """The people a subject pronoun's own clause names after it (within `reach` tokens), outside
    quotation marks: "he" in "He insisted Curiel had a conflict" or "he told Clinton that ..." is
    neither Curiel nor Clinton (a pronoun does not refer to a name it governs)."""
    doc, out, marks = tok.doc, set(), 0
    for t in doc[tok.i + 1:min(tok.head.right_edge.i + 1, tok.i + 1 + reach)]:
        if t.is_quote:
            marks += 1
        elif (not marks % 2 and t.ent_type_ == "PERSON" and t.dep_ != "compound" and t.head.dep_ != "compound"
              and (t.i + 1 == len(doc) or doc[t.i + 1].ent_iob_ != "I") and not t.is_ancestor(tok)
              and tok.head.is_ancestor(t) and not _in_modifier_clause(t, tok.head)):
            start = t.i
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1  # the entity's first token, without searching the document's entities
            out.add(" ".join(w.text for w in doc[start:t.i + 1]))
    return frozenset(out)


def _in_modifier_clause(t: Any, top: Any) -> bool:
    """Whether `t` lies in a relative or adverbial clause below `top` ("the man who Beck admires")."""
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl", "advcl"):
            return True
        t = t.head
    return False


def _titled_person_after_of(tok: Any) -> Any:
    """The person a capitalised title's "of" phrase ends in, when that person has a title of their
    own ("Speaker of the House Rep. Paul Ryan"): the title, not the name, took the verb."""
    if not tok.text[:1].isupper() or tok.lower_ not in ROLE_WORDS:
        return None
    of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is None or obj.ent_type_ != "PERSON" or not any(
            c.dep_ == "compound" and c.lower_.strip(".") in ROLE_WORDS for c in obj.lefts):
        return None
    return obj


def _person_ending_title(tok: Any) -> Any:
    """ "Sirius XM Vice President for news and talk Dave Gorab called …": a long title took the
    verb and the name that ends the phrase hangs under it."""
    if tok.lower_.strip(".") not in ROLE_WORDS or any(c.dep_ == "det" for c in tok.children):
        return None
    last = tok.right_edge
    if last.i <= tok.i or last.ent_type_ != "PERSON" or last.dep_ == "pobj":  # "Press secretary for Sen. X" is not X
        return None
    ent = _entity_of(last)
    if ent.start <= tok.i + 1 or tok.doc[ent.start - 1].lower_ in ("and", "or", ",", "&"):
        return None
    return last


def _entity_of(tok: Any) -> Any:
    """The entity span the token lies in, if any, found from the token's own IOB tags (a search
    of the sentence's entities would cost a run-on line's length per call)."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    span = doc[start:end]
    span.label_ = tok.ent_type_
    return span


def _name_tokens(tok: Any) -> list[Any]:
    """The head and its compound / flat children that stand next to it: the whole proper name."""
    toks = _left_compounds(tok, depth=1)
    for child in tok.rights:
        if child.dep_ in ("flat", "compound") and child.i == toks[-1].i + 1:
            toks.append(child)
    return toks


def _left_compounds(tok: Any, depth: int = 0) -> list[Any]:
    """`tok` with the name parts right before it; each part's own parts too, `depth` levels down."""
    out = [tok]
    for child in reversed(list(tok.lefts)):
        if child.dep_ in _NAME_DEPS and child.i == out[0].i - 1:
            out[0:0] = _left_compounds(child, depth - 1) if depth > 0 else [child]
    return out


def _described_as_person(tok: Any, ent: Any) -> bool:
    """A name the recogniser called an organisation that the sentence shows is a person: a title
    in front ("Mr. Prasad") or a role in apposition ("Eswar Prasad, a professor at ...")."""
    if ent.label_ not in ("ORG", "GPE") or tok.pos_ != "PROPN":
        return False
    before = tok.doc[ent.start - 1].lower_.strip(".") if ent.start else ""
    if before in ("mr", "mrs", "ms", "dr", "sen", "rep", "gov"):
        return True
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and _person_noun(c.lower_) for c in tok.rights)


def _person_noun(low: str) -> bool:
    """A noun that only a person can be ("Maryam Violet, an Iranian journalist,")."""
    return low in ROLE_WORDS or low + "s" in _PEOPLE_NOUNS or low in _KIN


# Documents that speak for their authors: "a report by X said", "according to X's tally".
_DOCUMENTS = frozenset(
    "report reports study survey poll analysis tally review statement letter piece article story memo "
    "filing paper count estimate estimates data editorial column release audit investigation".split()
)

# Nouns that end an institution's name or stand for one ("the ministry", "the campaign"):
# institutions speak through people, so their quotes hide a later "he" or "she".
ORG_NOUNS = frozenset(
    """
ministry department government office army police forces force group council
committee party agency commission organization organisation union court
parliament military administration embassy company corporation bank institute
university movement front alliance coalition authority authorities cabinet
state-department network channel agency newspaper team federation association
senate congress assembly house board service services guard militia
valley province region city republic kingdom states island islands strait sea
river mountains strip nations
""".split()
)


# Words someone said, as nouns: "His remarks indicated …" is his, whoever "he" is.
_POSSESSIVE = {"his": "he", "her": "she", "their": "they"}
_UTTERANCES = frozenset("remarks comments words tweet tweets testimony speech message email response answer".split())
_OWN_WORDS = frozenset("statement letter memo".split()) | _UTTERANCES  # not "their analysis": a work of its own


def _author_of_document(tok: Any) -> Speaker | None:
    """ "a recent report from Bloomberg New Energy Finance", "a tally by the Associated Press",
    "Clinton's statement", "his remarks": the author is the source, not the document."""
    if tok.lower_ not in _DOCUMENTS and tok.lower_ not in _UTTERANCES:
        return None
    owners = [c for c in tok.children if c.dep_ == "poss"]
    if owners and owners[0].lower_ in _POSSESSIVE and tok.lower_ in _OWN_WORDS:  # resolved like a subject "he"
        low = _POSSESSIVE[owners[0].lower_]
        return Speaker(low, "pronoun", plural=low == "they", gender={"he": "m", "she": "f"}.get(low),
                       disjoint=_named_later_in_clause(owners[0]))
    owners += [o for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
               for o in c.children if o.dep_ == "pobj"]
    for owner in owners:
        if owner.pos_ == "PROPN" or owner.ent_type_ in _PERSON_LABELS | _GROUP_LABELS:
            spk = speaker_of(owner)
            if spk is not None and spk.kind in ("person", "group"):
                return spk
    return None


def mistagged_name(tok: Any) -> bool:
    """A capitalised word inside a sentence that the tagger called an adverb ("said Skelly,"):
    a surname it did not know."""
    return tok.pos_ in ("ADV", "X", "INTJ") and tok.is_alpha and tok.text[:1].isupper() \
        and not tok.text.isupper() and tok.i > tok.sent.start and not tok.ent_type_ \
        and tok.doc[tok.i - 1].pos_ != "DET"  # "The Latest" is an adjective


def speaker_of(tok: Any) -> Speaker | None:
    """The source a subject token stands for: a whole name, a group, a role or a pronoun."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Smith, who said ..." -> Smith
    if tok.text[:1] == "#" or tok.ent_type_ in _NOT_SOURCES:
        return None  # a hashtag is a topic, "Tuesday" or "$5 billion" a circumstance, not a source
    low = tok.lower_
    if low in PRONOUNS:
        return Speaker(low, "pronoun", plural=low in _PLURAL_PRON or low == "we",
                       gender="f" if low == "she" else "m" if low == "he" else None,
                       disjoint=_named_later_in_clause(tok))
    appos = next((c for c in tok.rights if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")), None)
    if low in _QUANTIFIERS and appos is not None and appos.ent_type_ == "PERSON":
        named = speaker_of(appos)  # "One of the men, Jessie Elkins, 70, said"
        if named is not None and named.kind == "person":
            return named
    titled = _titled_person_after_of(tok) or _person_ending_title(tok)
    if titled is not None:  # "Speaker of the House Rep. Paul Ryan said", the title parsed as the head
        named = speaker_of(titled)
        if named is not None and named.kind == "person":
            return Speaker(named.name, "person", named.role or low, gender=named.gender, named=True)
    if low in _QUANTIFIERS and tok.dep_ in ("nsubj", "nsubjpass", "pobj"):
        # "many believe ...", "some of his aides said ...": an unnamed group is the source
        of = [t for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
        words = _clean_words([tok.text] + [t.text for t in of])
        return Speaker(_joined(words), "group", plural=low != "one")
    if low in ("those", "these") and tok.dep_ in ("nsubj", "nsubjpass"):
        done = next((c for c in tok.rights if c.dep_ in ("acl", "amod") and c.tag_ == "VBN"), None)
        if done is not None:  # "those surveyed say ...", "those polled": the people asked
            return Speaker(f"{low} {done.lower_}", "group", plural=True)
    if tok.pos_ == "PRON" or tok.pos_ == "DET":
        return None
    ent = _entity_of(tok)
    if ent is not None and (ent.label_ in _PERSON_LABELS or ent.label_ in _GROUP_LABELS):
        words = _clean_words([t.text for t in ent])
        role = None
        if ent.label_ in _PERSON_LABELS:  # "Interior Ministry" keeps its "Interior"
            words, role = strip_role(words)
        if not words:
            return None
        if role is None and ent.label_ in _PERSON_LABELS:  # "Harry Reid, the minority leader,"
            role = next((c.lower_ for c in tok.rights if c.dep_ == "appos" and c.pos_ == "NOUN"
                         and c.lower_ in ROLE_WORDS), None)
        j = ent.start - 1
        while role is None and j >= max(0, ent.start - 3) and tok.doc[j].dep_ in ("compound", "amod", "nmod"):
            if tok.doc[j].lower_.strip(".") in ROLE_WORDS:  # "Taliban Spokesman" before the name
                role = tok.doc[j].lower_.strip(".")
            j -= 1
        kind = "person" if ent.label_ in _PERSON_LABELS or _described_as_person(tok, ent) else "group"
        if kind == "group" and tok.pos_ == "NOUN" and tok.lower_ in ROLE_WORDS:
            kind = "role"
        before = tok.doc[ent.start - 1].lower_.strip(".") if ent.start else ""
        title = [before] if before in HONORIFICS else []  # "Mr." outside the entity
        return Speaker(_joined(words), kind, role, plural=kind != "person" and tok.tag_ in ("NNS", "NNPS"),
                       gender=_gender_of(title + [t.text for t in ent]), named=True)
    if tok.pos_ == "PROPN" or mistagged_name(tok):
        toks = _name_tokens(tok)
        words, role = strip_role(_clean_words([t.text for t in toks]))
        if not words:
            return None
        return Speaker(_joined(words), "person", role, gender=_gender_of([t.text for t in toks]), named=True)
    if tok.pos_ == "NUM" or (tok.pos_ == "NOUN" and tok.lower_ in ("half", "majority", "most", "third", "quarter")):
        words = _clean_words([t.text for t in tok.subtree if t.i <= tok.i or t.dep_ in ("prep", "pobj", "nummod", "amod", "compound")])
        return Speaker(_joined(words), "group", plural=True) if words else None
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    author = _author_of_document(tok)
    if author is not None:
        return author
    if appos is not None:  # "the spokesman, Zabihullah Mujahid, said"
        named = speaker_of(appos)
        if named is not None and named.kind == "person":
            return Speaker(named.name, "person", low if low in ROLE_WORDS else named.role,
                           gender=named.gender or _gender_of([low]))
    mods = [c for c in tok.lefts if c.dep_ in _GROUP_DEPS]
    start = min([tok.i] + [m.left_edge.i for m in mods])
    toks = [t for t in tok.doc[start : tok.i + 1] if t.dep_ not in ("det", "punct") and t.pos_ != "DET"]
    of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "with")), None)
    words = _clean_words([t.text for t in toks])
    if of is not None:
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is not None and any(t.pos_ == "PROPN" or t.ent_type_ for t in obj.subtree):
            # "the leader of Afghanistan's Panjshir Valley front": whose leader says who it is
            phrase = "".join(t.text_with_ws for t in obj.subtree).strip()
            words += [of.text, phrase]
    if not words:
        return None
    kind = "role" if low in ROLE_WORDS or low in _KIN or low in ("woman", "man", "girl", "boy") else "group"
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
    return Speaker(_joined(words), kind, low if kind == "role" else None,
                   plural=tok.tag_ == "NNS", gender=_gender_of([low]), definite=definite)


# Plural common nouns that name people ("voters", "officials"): a "they" may refer to them, not
# to "the accomplishments" or "the lines" that were a sentence's subject before it.
_PEOPLE_NOUNS = frozenset(
    """
    people persons men women children kids parents families voters residents citizens officials
    leaders members critics experts analysts activists supporters opponents allies aides staff
    staffers lawmakers legislators delegates democrats republicans conservatives liberals
    progressives protesters demonstrators workers employees students teachers doctors police
    officers soldiers troops investigators prosecutors lawyers attorneys judges authorities
    executives advisers advisors strategists donors candidates rivals organizers organisers
    americans immigrants refugees fans viewers readers users consumers customers scientists
    researchers economists observers diplomats negotiators senators representatives governors
    mayors ministers spokesmen spokeswomen reporters journalists editors authors writers
    participants respondents pollsters campaigners insiders sources witnesses victims militants
    fighters rebels insurgents contractors agents farmers owners hosts others
    """.split()
)
_PLACES = frozenset("valley province region city republic kingdom states island islands strait sea river mountains strip".split())
_INSTITUTIONS = ORG_NOUNS - _PLACES | frozenset({"campaign", "firm", "group", "nonprofit", "charity", "club"})
VOICES = _INSTITUTIONS | _PEOPLE_NOUNS  # unnamed sources that speak for someone


def is_animate(spk: Speaker | None) -> bool:
    """Whether a source can hold a view: a person, a role, a named group, or people ("voters"),
    not "the report" or "huge crowds"' lines."""
    if spk is None:
        return False
    return spk.kind in ("person", "role", "pronoun") or spk.named or spk.name.split()[-1].lower() in _PEOPLE_NOUNS


def gender_votes(doc: Any, offset: int, quoted: Any, persons: frozenset[str] = frozenset()) -> dict[str, Counter]:
    """Surname -> he/she votes: a sentence of narration naming one person and using "his" or
    "her" is evidence of that person's pronoun (how readers learn it too). `persons`: surnames
    tagged PERSON elsewhere in the article, so a sentence where the recogniser missed the second
    person ("Trump took offense when Kelly confronted him") is not taken as naming one."""
    votes: dict[str, Counter] = {}
    for sent in doc.sents:
        ents = [ent for ent in sent.ents if ent.label_ == "PERSON"]
        people = {ent.text.split()[-1] for ent in ents}
        people |= {t.text for t in sent if t.text in persons and t.text[:1].isupper() and t.ent_type_ != "PERSON"}
        if not ents or len(people) != 1:
            continue
        c = Counter()
        for tok in sent[ents[0].end - sent.start :]:  # "Her rival, Tom Baker": "her" is not Baker
            if _bound_away(tok, ents):
                continue
            if tok.lower_ in _MALE_PRON and not quoted(offset + tok.idx):
                c["m"] += 1
            elif tok.lower_ in _FEMALE_PRON and not quoted(offset + tok.idx):
                c["f"] += 1
        if c:
            votes.setdefault(next(iter(people)).replace("’s", "").replace("'s", ""), Counter()).update(c)
    return votes


def _bound_away(tok: Any, ents: list[Any]) -> bool:
    """An object pronoun of the verb a named person is the subject of is someone else
    ("Obama backed her up": "her" is not Obama)."""
    if tok.dep_ not in ("dobj", "dative", "iobj"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(e.start <= c.i < e.end for e in ents)
               for c in tok.head.children)
