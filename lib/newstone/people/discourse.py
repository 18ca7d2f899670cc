"""Who has been named so far, in reading order: the memory that resolves "he", "they" and "the
senator" to the people an article has named.

A pronoun takes the nearest compatible subject before it, never across a statement introduced
by someone else; a person named only aside ("a message from Wendy Sherman") is its last resort;
a person its own clause names ("He insisted Curiel ...") is never its referent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newstone.people.speakers import HONORIFICS, ROLE_WORDS, VOICES, Speaker, full_name_gender

_REACH = 60  # history entries a pronoun may look back over


# A title written short and the word a later description uses ("Sen. X" ... "the senator").
_ROLE_ALIASES = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
                 "lt": "lieutenant", "col": "colonel", "maj": "major", "capt": "captain", "sgt": "sergeant",
                 "adm": "admiral", "prof": "professor", "spokeswoman": "spokesman", "spokesperson": "spokesman",
                 "congresswoman": "congressman", "chairwoman": "chairman", "chair": "chairman"}
_LINKING = frozenset("of for to at with from in on by and or".split())


def _plain_description(name: str) -> bool:
    """A role with only modifiers before it ("Vermont senator", "former Mexican president"); one
    with a phrase after it ("leader of the group") may describe someone else."""
    words = name.lower().split()
    return len(words) <= 4 and not _LINKING.intersection(words)


def _named_in(name: str, names: frozenset[str]) -> bool:
    """Whether a full name is one of `names`, written in full or by its surname alone."""
    words = name.split()
    return bool(names) and (name in names or all(w[:1].isupper() for w in words) and words[-1] in names)


@dataclass
class _Entry:
    name: str
    kind: str
    plural: bool
    gender: str | None
    speaker: bool  # introduced a direct quote (a pronoun may not be resolved across it)
    animate: bool = True  # a person, a named group or people ("voters"): a pronoun may refer to it
    named: bool = True  # a name, not a common noun such as "the book"
    aside: bool = False  # named, but not as a sentence's subject: a pronoun's last resort


@dataclass
class Discourse:
    """Who has been named so far, in reading order: resolves pronouns and anonymous roles."""

    history: list[_Entry] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)  # surname -> "f" | "m", from the article
    persons: set[str] = field(default_factory=set)  # surnames the recogniser called a PERSON somewhere
    _known: dict[str, str] = field(default_factory=dict)  # surname or short form -> full name
    _titled: dict[str, str] = field(default_factory=dict)  # a title's word ("senator") -> who last bore it
    _families: dict[str, set] = field(default_factory=dict)  # surname -> the full names seen with it

    def mention(self, spk: Speaker, is_speaker: bool = False, aside: bool = False) -> str:
        """Record a named source (or a sentence subject) and return its display name; a person
        named aside is only remembered for pronouns (it says nothing of surnames and roles)."""
        name = self._known.get(spk.name, spk.name) if aside else self.resolve(spk)
        if spk.kind == "pronoun":
            if not name.startswith("unresolved"):
                self._again(name, is_speaker, spk.gender)
            return name
        if spk.kind == "person" and not aside:
            if spk.role:
                self.roles[spk.role] = name
                if spk.role not in HONORIFICS:
                    self._titled[_ROLE_ALIASES.get(spk.role, spk.role)] = name
            if spk.gender:
                self.genders.setdefault(name.split()[-1], spk.gender)
        meant = self._described(spk) if name == spk.name else None
        if meant is not None:  # "the former Mexican president didn't stop there. “…,” he continued"
            self._again(meant, is_speaker, spk.gender)  # shown as written, remembered as the person
            return name
        last = name.split()[-1]
        # "Sanders" tagged a plural ORG here but PERSON elsewhere in the article is one person
        # ("footage of Al-Awlaki" is footage, though its last word is a person's name)
        proper = spk.named or spk.kind == "person" or all(w[:1].isupper() for w in name.split())
        by_name = proper and (
            name in self._known.values() or last in self.persons or last in self.genders)
        person = spk.kind in ("person", "role") or by_name
        plural = spk.plural and not (by_name or spk.kind == "person")
        # a surname two people share ("Hillary Clinton", "Bill Clinton") says nothing of either's pronoun
        family = len(self._families.get(last, ())) > 1
        gender = spk.gender or (None if family else self.genders.get(last)) if person else spk.gender
        given = full_name_gender(name.split()) if person and spk.kind != "role" else None
        if gender is None:  # nothing in the article says: the given name's usual gender
            gender = given  # ("Maryam Violet", not "Florida senator")
        elif given is not None and gender != given and spk.gender is None:
            gender = None  # the article's pronoun votes (", he added" after "Hillary Clinton") against
            # the given name, with no title to settle it: unknown
        animate = person or is_speaker or spk.named or last.lower() in VOICES  # "the campaign ... it said"
        entry = _Entry(name, "person" if person else "group", plural, gender, is_speaker, animate,
                       proper or person, aside)
        self.history.append(entry)
        del self.history[:-_REACH]  # only the recent past matters for pronouns
        return name

    def _described(self, spk: Speaker) -> str | None:
        """The person a definite description stands for ("the Vermont senator" after "Sen. Bernie
        Sanders"), for the pronouns after it; the description itself is what the article wrote."""
        if spk.kind != "role" or spk.plural or not spk.definite or not _plain_description(spk.name):
            return None
        return self._titled.get(_ROLE_ALIASES.get(spk.role, spk.role))

    def _bare_name(self, entry: _Entry) -> bool:
        """One proper word that no full name, title or pronoun marks as a person ("Twitter said … It
        added"): a company or a product as readily as a surname, so an "it" may stand for it."""
        return entry.kind == "person" and entry.gender is None and " " not in entry.name \
            and entry.name not in self._known  # (the recogniser calls "Twitter" a person, too)

    def _again(self, name: str, is_speaker: bool, gender: str | None = None) -> None:
        """A pronoun that was resolved mentions its referent once more, and says its gender
        ("Kelly ... she said": a later "he" is not Kelly)."""
        for entry in reversed(self.history):
            if entry.name == name:
                g = entry.gender or gender
                if g is not None:
                    for older in self.history:
                        if older.name == name and older.gender is None:
                            older.gender = g
                self.history.append(_Entry(entry.name, entry.kind, entry.plural, g, is_speaker,
                                           entry.animate, entry.named))
                del self.history[:-_REACH]
                return

    def resolve(self, spk: Speaker) -> str:
        """The display name: full name for a surname, named person for a role, a pronoun's referent."""
        if spk.kind == "pronoun":
            return self._pronoun(spk)
        if spk.kind == "role" and spk.role in self.roles and not spk.plural and (
                spk.definite and len(spk.name.split()) <= 2 or spk.name.lower() == spk.role):
            return self.roles[spk.role]  # "the minority leader" after "Minority Leader Harry Reid"
        words = spk.name.split()
        if spk.kind in ("person", "group") and len(words) == 1 and words[0] in self._known:
            return self._known[words[0]]  # a surname, whatever the recogniser called it
        if spk.kind == "person" and len(words) >= 2:
            # the person last named in full: "Bill Clinton ... Mr. Clinton said" after "Hillary Clinton"
            self._known[words[-1]] = spk.name
            if words[0].lower().strip(".") not in ROLE_WORDS:
                self._families.setdefault(words[-1], set()).add(words[0])
        return spk.name

    def _pronoun(self, spk: Speaker) -> str:
        """Nearest compatible person or group, never across a statement introduced by another;
        a person named aside (not as a subject) only when no subject can be meant."""
        person = spk.name in ("he", "she")
        aside = None
        for entry in reversed(self.history):
            if not entry.animate or _named_in(entry.name, spk.disjoint):
                continue  # "the lines", "the report": subjects a "they" or "he" does not stand for
            if person:
                ok = entry.kind == "person" and not entry.plural and (
                    entry.gender is None or entry.gender == spk.gender)
            elif spk.name == "they":
                ok = entry.kind == "group" or entry.plural
            elif spk.name == "it":
                ok = entry.kind == "group" and not entry.plural or self._bare_name(entry)
            else:  # we / I / you in narration: the writer or an unnamed party
                ok = False
            if entry.aside:
                if ok and aside is None:
                    aside = entry.name
                continue
            if ok:
                return entry.name
            if entry.speaker and not (person and entry.kind == "person" and entry.gender
                                      and entry.gender != spk.gender) and not (
                    person and entry.kind == "group" and not entry.named
                    and entry.name.split()[-1].lower() not in VOICES):
                break  # a quote by someone of the other gender, or by "the book", does not hide "he" or
                # "she"; "the ministry said: “…”" does (an institution speaks through people)
        return aside or f"unresolved ({spk.name})"
