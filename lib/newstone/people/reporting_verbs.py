"""Reporting verbs: which verbs attribute words or views to someone, recognised by their forms.

The pipeline's lemmatizer is left unloaded (it is a third of the load time), so each verb's
inflected forms are generated here (regular endings plus a short list of irregular ones).
"""

from __future__ import annotations

# Verbs that report speech or writing: direct quotes and "that"-clauses.
SPEECH_LEMMAS = frozenset(
    """
    say tell add note claim warn insist argue explain state write acknowledge announce ask declare
    tweet post emphasize emphasise stress reiterate reply respond recall observe remark comment admit
    concede confirm deny allege maintain underline underscore suggest vow pledge promise predict
    caution assert contend complain assure report testify counter quip joke boast charge accuse
    urge reveal disclose mention indicate conclude estimate agree disagree answer repeat continue
    caution lament concede demand describe propose recommend signal brag shout scream yell cry
    whisper murmur read proclaim inform advise remind contend object protest retort snap question
    forecast confide exclaim muse opine recount scoff concur interject
    """.split()
)
# Verbs of belief and stance: attributions too, but only with a clause ("X believes that ...").
STANCE_LEMMAS = frozenset("think believe know expect hope fear worry feel doubt predict argue find show call project".split())
_IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote written", "think": "thought", "know": "knew known",
    "feel": "felt", "find": "found", "show": "shown", "read": "read", "cry": "cried", "deny": "denied",
    "reply": "replied", "testify": "testified", "signal": "signalled", "counter": "countered",
    "see": "saw seen seeing", "refer": "referred referring", "prefer": "preferred preferring",
    "seek": "sought", "plan": "planned planning", "quip": "quipped quipping", "snap": "snapped snapping",
    "brag": "bragged bragging", "speak": "spoke spoken", "concur": "concurred concurring",
}


def verb_forms(lemma: str) -> set[str]:
    """The inflected forms of a regular English verb (and the irregular ones listed above)."""
    forms = {lemma, *_IRREGULAR.get(lemma, "").split()}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms |= {stem + "ing", stem + "ed"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    else:
        forms.add(lemma + "s")
    if len(lemma) <= 6 and lemma[-1] in "ptm" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # admitted, quipping
    return forms


# Verbs whose "to"-clause is what is attributed ("vowed to repeal the law").
INTENT_LEMMAS = frozenset(
    "want plan hope expect vow promise refuse seek intend pledge threaten urge decide agree decline tell ask".split()
)
# Verbs of regard whose "Y as Z" is a view ("voters see Clinton as the stronger candidate").
AS_LEMMAS = frozenset("see view regard portray depict characterize characterise".split())
# Verbs whose object is what is attributed ("announced a series of steps", "praised the plan").
OBJECT_LEMMAS = frozenset(
    """
    announce confirm deny propose reveal unveil promise pledge discuss defend criticize criticise praise
    support back endorse reject dismiss blame accuse thank cite acknowledge admit predict mention
    demand recommend describe question condemn applaud welcome prefer favor favour oppose mock
    ridicule slam hail tout list vote point talk report refer express show speak
    """.split()
)
VERB_FORMS = {form: lemma for lemma in SPEECH_LEMMAS | STANCE_LEMMAS | INTENT_LEMMAS | OBJECT_LEMMAS | AS_LEMMAS
              for form in verb_forms(lemma)}
