"""Quotes and speakers: the seed article plus hand-written quote styles."""

from __future__ import annotations

import pandas as pd
import pytest

from newstone.people.quotemarks import find_quote_spans
from newstone.people.quotes import COLUMNS, extract_quotes, merge_name_variants, speaker_table


def rows(paragraphs: list[str]) -> list[tuple]:
    """(paragraph, kind, speaker, text) per row, after checking the offset contract."""
    df = extract_quotes(paragraphs)
    assert list(df.columns) == COLUMNS
    for r in df.itertuples():
        assert paragraphs[r.paragraph][r.start : r.end] == r.text
    return [(r.paragraph, r.kind, r.speaker, r.text) for r in df.itertuples()]


@pytest.fixture
def seed_paragraphs(seed_path) -> list[str]:
    return seed_path.read_text(encoding="utf-8").splitlines()[:9]


# ---------------------------------------------------------------- seed article


def test_seed_has_exactly_three_direct_quotes_all_from_masoud(seed_paragraphs):
    df = extract_quotes(seed_paragraphs)
    direct = df[df["kind"] == "direct"]
    assert direct["paragraph"].tolist() == [1, 2, 5]
    assert direct["speaker"].tolist() == ["Ahmad Masoud"] * 3
    texts = direct["text"].tolist()
    assert texts[0].startswith("We welcomed the statement") and texts[0].endswith("through talks")
    assert texts[1].startswith("But the Taliban, in defiance") and texts[1].endswith("also unity.")
    assert texts[2].startswith("The international community") and "eyes on their behavior" in texts[2]
    assert direct["cue"].tolist() == ["said", None, "added"]


def test_seed_indirect_statements(seed_paragraphs):
    df = extract_quotes(seed_paragraphs)
    indirect = df[df["kind"] == "indirect"]
    got = list(zip(indirect["paragraph"], indirect["speaker"], indirect["cue"], indirect["text"]))
    assert got == [
        (0, "Ahmad Masoud", "called", "national uprising against the Taliban"),  # the lede names his role first
        (4, "Ahmad Masoud", "stressed",
         "the group has not changed in comparison with how their rule looked like before "
         "the US invasion of Afghanistan in 2001"),
        (6, "Ahmad Masoud", "stressed",
         "forces loyal to him remain present in different parts of Panjshir and continue "
         "their struggle against the Taliban"),
        (7, "Zabihullah Mujahid", "claimed", "the Panjshir resistance has collapsed"),
        (8, "Taliban", "claimed",
         "some leaders of Panjshir have been defeated and others have escaped the region"),
    ]


def test_seed_offsets_slice_the_paragraph(seed_paragraphs):
    df = extract_quotes(seed_paragraphs)
    for r in df.itertuples():
        assert seed_paragraphs[r.paragraph][r.start : r.end] == r.text
        assert "“" not in r.text and "”" not in r.text


def test_seed_speaker_table_counts_and_tone(seed_paragraphs):
    df = extract_quotes(seed_paragraphs)
    df["compound"] = [0.5 if k == "direct" else -0.5 for k in df["kind"]]
    table = speaker_table(df).set_index("name")
    assert list(table.columns) == ["n_quotes", "n_direct", "n_indirect", "compound"]
    assert table.loc["Ahmad Masoud", ["n_quotes", "n_direct", "n_indirect"]].tolist() == [6, 3, 3]
    assert table.loc["Ahmad Masoud", "compound"] == pytest.approx((3 * 0.5 - 3 * 0.5) / 6)
    assert table.loc["Zabihullah Mujahid", "n_indirect"] == 1
    assert table.loc["Taliban", "compound"] == pytest.approx(-0.5)
    assert table.index[0] == "Ahmad Masoud"


# ---------------------------------------------------------------- direct quotes


def test_straight_quotes_with_role_and_told_reporters():
    got = rows(['"We will not negotiate with terrorists," Senator Jane Doe told reporters on Tuesday.'])
    assert got == [(0, "direct", "Jane Doe", "We will not negotiate with terrorists")]


def test_said_x_inversion_and_noun_phrase_speakers():
    got = rows([
        '"The valley will not fall," said Masoud.',
        "“We have never seen the river this high,” said a farmer who lost his crops.",
    ])
    assert got == [
        (0, "direct", "Masoud", "The valley will not fall"),
        (1, "direct", "farmer", "We have never seen the river this high"),
    ]


def test_interrupted_quote_both_parts_carry_the_speaker():
    df = extract_quotes(["“We will fight,” Masoud said, “until the very last drop of our blood.”"])
    assert df["text"].tolist() == ["We will fight", "until the very last drop of our blood."]
    assert df["speaker"].tolist() == ["Masoud", "Masoud"]
    assert set(df["kind"]) == {"direct"}


def test_interrupted_quote_with_pronoun_resolves_to_previous_subject():
    got = rows(["Ahmad Masoud spoke from the valley.", "“We will fight,” he said, “until the end.”"])
    assert got == [
        (1, "direct", "Ahmad Masoud", "We will fight"),
        (1, "direct", "Ahmad Masoud", "until the end."),
    ]


def test_speaker_before_the_quote():
    got = rows([
        'Masoud said: "We will never accept a government imposed by force."',
        "The defense minister, Lloyd Austin, said: “The United States stands with its allies.”",
        "According to Ahmad Masoud, “the resistance is alive in every district of the valley.”",
    ])
    assert [(p, s) for p, _, s, _ in got] == [(0, "Ahmad Masoud"), (1, "Lloyd Austin"), (2, "Ahmad Masoud")]
    assert got[0][3] == "We will never accept a government imposed by force."
    assert extract_quotes(["According to the ministry, “at least 40 people were killed on Sunday.”"])[
        ["speaker", "cue"]
    ].values.tolist() == [["ministry", "according to"]]


def test_multi_paragraph_quote_unclosed_then_reopened():
    paras = [
        "President Maria Lopez said: “We have rebuilt the schools, the clinics and the roads.",
        "“Nobody believed we could do it in two years, but we did it together.”",
        "Critics disagreed with that view.",
    ]
    got = rows(paras)
    assert got == [
        (0, "direct", "Maria Lopez", "We have rebuilt the schools, the clinics and the roads."),
        (1, "direct", "Maria Lopez", "Nobody believed we could do it in two years, but we did it together."),
    ]
    # the unclosed quote runs to the end of its paragraph
    assert extract_quotes(paras)["end"].iloc[0] == len(paras[0])


def test_multi_paragraph_quote_attributed_only_at_its_end():
    got = rows([
        '"We will fight on in the mountains and in the valleys.',
        '"We will never surrender to anyone," Masoud said.',
    ])
    assert [s for _, _, s, _ in got] == ["Masoud", "Masoud"]
    assert got[0][3] == "We will fight on in the mountains and in the valleys."


def test_nested_single_quotes_stay_inside_the_outer_quote():
    got = rows(["“They called it ‘a temporary measure,’ but it has lasted ten years now,” the mayor said."])
    assert got == [
        (0, "direct", "mayor", "They called it ‘a temporary measure,’ but it has lasted ten years now")
    ]


def test_apostrophes_are_not_quote_marks():
    got = rows([
        "“Afghanistan’s economy collapsed in the ’90s and we don’t forget it,” said Masoud.",
        "\"We don't accept the country's new rules, and we won't,\" Masoud added.",
    ])
    assert got == [
        (0, "direct", "Masoud", "Afghanistan’s economy collapsed in the ’90s and we don’t forget it"),
        (1, "direct", "Masoud", "We don't accept the country's new rules, and we won't"),
    ]


def test_pronoun_and_unattributed_paragraph_carry_last_named_speaker():
    got = rows([
        "Prime Minister Ahmed Khan spoke in parliament on Monday.",
        "“Our economy is growing faster than anyone expected,” he said.",
        "“The next budget will cut taxes for the families who need it most.”",
        "He also stressed that inflation had fallen for six months in a row.",
    ])
    assert [(p, k, s) for p, k, s, _ in got] == [
        (1, "direct", "Ahmed Khan"),
        (2, "direct", "Ahmed Khan"),
        (3, "indirect", "Ahmed Khan"),
    ]
    assert got[2][3] == "inflation had fallen for six months in a row"


def test_role_reference_resolves_to_the_named_holder():
    got = rows([
        "Taliban Spokesman Zabihullah Mujahid claimed that the valley had fallen.",
        "“The war is over and everyone can go home,” the spokesman said.",
    ])
    assert [s for _, _, s, _ in got] == ["Zabihullah Mujahid", "Zabihullah Mujahid"]


def test_name_variants_merge_inside_an_article():
    got = rows([
        "“The sanctions will hurt ordinary people first,” Masoud said.",
        "“We are ready to talk at any time,” Ahmad Masoud added.",
        "Mr. Masoud insisted that talks were the only way forward.",
    ])
    assert [s for _, _, s, _ in got] == ["Ahmad Masoud"] * 3


def test_scare_quotes_and_titles_are_not_quotes():
    df = extract_quotes([
        "The minister called the report a “piece of shit” and left the room.",
        "She read “War and Peace” twice during the long winter.",
        "“No,” he said.",
    ])
    assert df[df["kind"] == "direct"]["text"].tolist() == ["No"]
    # the minister's label is reported as his words about the report, never as a quote
    assert df[df["kind"] == "indirect"][["speaker", "text"]].values.tolist() == [
        ["minister", "the report a “piece of shit”"]]


def test_partial_quote_inside_reported_speech_is_direct_not_indirect():
    got = rows(["Masoud told Al Jazeera on Sunday that “the resistance is alive and growing stronger.”"])
    assert got == [(0, "direct", "Masoud", "the resistance is alive and growing stronger.")]


def test_unattributed_quote_without_any_speaker_is_none():
    df = extract_quotes(["“We will win this war in the end.” The rain fell on Kabul all night."])
    assert df["speaker"].tolist() == [None]
    assert df["kind"].tolist() == ["direct"]


# ---------------------------------------------------------------- indirect speech


def test_indirect_speech_from_organisations():
    got = rows([
        "The ministry said in a statement that the talks would resume next week in Doha.",
        "The Taliban further claimed that some leaders of the resistance have escaped.",
        "They also claimed that the leaders had fled to Tajikistan.",
        "Some 30 fighters were killed in the clashes, according to the Interior Ministry.",
        "The resistance has collapsed, Taliban spokesman Zabihullah Mujahid said on Monday.",
    ])
    assert got == [
        (0, "indirect", "Interior Ministry", "the talks would resume next week in Doha"),
        (1, "indirect", "Taliban", "some leaders of the resistance have escaped"),
        (2, "indirect", "Taliban", "the leaders had fled to Tajikistan"),
        (3, "indirect", "Interior Ministry", "Some 30 fighters were killed in the clashes"),
        (4, "indirect", "Zabihullah Mujahid", "The resistance has collapsed"),
    ]
    cues = extract_quotes(["Some 30 fighters died, according to the Interior Ministry."])["cue"].tolist()
    assert cues == ["according to"]


def test_indirect_without_that_and_non_speech_sentences():
    got = rows([
        "Masoud said the Taliban had broken every promise made in Doha.",
        "The statement by the religious leaders called for an end to the war.",
        "Masoud said in a voice message.",
    ])
    # a call for something is a stance attributed to who calls: here the statement
    assert got == [(0, "indirect", "Masoud", "the Taliban had broken every promise made in Doha"),
                   (1, "indirect", "statement", "an end to the war")]


# ---------------------------------------------------------------- name variants and tables


def test_merge_name_variants_rules():
    m = merge_name_variants(["Masoud", "Ahmad Masoud", "Zabihullah Mujahid", "Mujahid", "Taliban"])
    assert m == {
        "Masoud": "Ahmad Masoud",
        "Ahmad Masoud": "Ahmad Masoud",
        "Zabihullah Mujahid": "Zabihullah Mujahid",
        "Mujahid": "Zabihullah Mujahid",
        "Taliban": "Taliban",
    }
    # titles are ignored; an ambiguous short name stays as it is
    assert merge_name_variants(["President Biden", "Joe Biden"])["President Biden"] == "Joe Biden"
    assert merge_name_variants(["Biden", "Joe Biden", "Hunter Biden"])["Biden"] == "Biden"
    # organisations keep all their words
    orgs = merge_name_variants(["Defense Ministry", "Foreign Ministry", "Ministry"])
    assert orgs == {"Defense Ministry": "Defense Ministry", "Foreign Ministry": "Foreign Ministry", "Ministry": "Ministry"}


def test_speaker_table_merges_variants_and_drops_unknown_speakers():
    quotes = pd.DataFrame(
        {
            "paragraph": [0, 1, 2, 3],
            "start": [0, 0, 0, 0],
            "end": [1, 1, 1, 1],
            "text": ["a", "b", "c", "d"],
            "speaker": ["Masoud", "Ahmad Masoud", None, "Taliban"],
            "kind": ["direct", "indirect", "direct", "indirect"],
            "cue": ["said", "said", None, "claimed"],
            "vader": [0.2, 0.4, 0.9, -0.6],
        }
    )
    table = speaker_table(quotes, tone_column="vader")
    assert table.to_dict("records") == [
        {"name": "Ahmad Masoud", "n_quotes": 2, "n_direct": 1, "n_indirect": 1, "compound": pytest.approx(0.3)},
        {"name": "Taliban", "n_quotes": 1, "n_direct": 0, "n_indirect": 1, "compound": pytest.approx(-0.6)},
    ]
    assert list(speaker_table(quotes.drop(columns="vader")).columns) == ["name", "n_quotes", "n_direct", "n_indirect"]


def test_empty_input_gives_empty_frames():
    df = extract_quotes([])
    assert df.empty and list(df.columns) == COLUMNS
    assert speaker_table(df).empty


def test_a_straight_opening_mark_closed_by_a_curly_one_ends_there():
    text = ('"Donald Trump doesn\'t understand the first thing about counterterrorism,” said Daniel '
            'Benjamin, a former coordinator. "He is jaw-droppingly ignorant. First of all, it is wrong."')
    got = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert got == ["Donald Trump doesn't understand the first thing about counterterrorism",
                   "He is jaw-droppingly ignorant. First of all, it is wrong."]
    inner = '"He said “no” to me," she said.'
    assert [inner[q.start : q.end] for q in find_quote_spans(inner)] == ["He said “no” to me"]
