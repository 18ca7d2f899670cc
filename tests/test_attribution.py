"""Attribution rules of issue 11, each on a small hand-written fixture."""

from __future__ import annotations

import pandas as pd
import pytest

from newstone.people.quotes import COLUMNS, extract_quotes


def rows(paragraphs: list[str]) -> list[tuple]:
    """(paragraph, kind, speaker, text) per row, after checking the offset contract."""
    df = extract_quotes(paragraphs)
    assert list(df.columns) == COLUMNS
    for r in df.itertuples():
        assert paragraphs[r.paragraph][r.start : r.end] == r.text
    return [(r.paragraph, r.kind, r.speaker, r.text) for r in df.itertuples()]


def test_he_said_does_not_jump_to_the_opposing_side():
    got = rows([
        "Jo Grady, the general secretary of the University and College Union, said: “Staff have had enough of falling pay.”",
        "A spokesperson for the Universities and Colleges Employers’ Association said: “The offer on the table is fair.”",
        "“We have made our final offer and it is a good one,” he said.",
    ])
    speakers = [s for _, _, s, _ in got]
    assert speakers[0] == "Jo Grady"
    assert "spokesperson" in speakers[1] and "Jo Grady" not in speakers[1]
    assert speakers[2] == speakers[1]


def test_he_is_unresolved_rather_than_guessed_across_another_speakers_quote():
    got = rows([
        "John Smith criticised the plan on Monday.",
        "The ministry said: “The plan will go ahead as announced.”",
        "“It is a disaster for the town,” he said.",
    ])
    assert got[-1][2] == "unresolved (he)"


def test_whole_organisation_name_is_the_speaker():
    got = rows(["The University and College Union said that its members would strike in March."])
    assert got == [(0, "indirect", "University and College Union", "its members would strike in March")]


def test_post_posed_attribution_is_reported_speech():
    got = rows(["Crops are withering in the fields across the region, the farmer noted."])
    assert got == [(0, "indirect", "farmer", "Crops are withering in the fields across the region")]


def test_group_source_is_a_speaker():
    got = rows(["Police officials said a second device was found near the station."])
    assert got == [(0, "indirect", "Police officials", "a second device was found near the station")]


def test_told_a_meeting_that_is_reported_speech():
    got = rows(["The minister told a meeting of leaders that the budget would be cut by a third."])
    assert got == [(0, "indirect", "minister", "the budget would be cut by a third")]


def test_british_single_quotes_with_apostrophes_nearby():
    got = rows([
        "‘We don’t accept the players’ offer and we won’t,’ said Mark Jones, the league’s chairman.",
        "It’s the clubs’ view, he added, that ‘the talks are over for this season’.",
    ])
    assert got[0] == (0, "direct", "Mark Jones", "We don’t accept the players’ offer and we won’t")
    assert got[1][0] == 1 and got[1][3] == "the talks are over for this season"


def test_doubled_apostrophes_of_the_nyt_archive():
    got = rows(["''We will win this race,'' Mr. Smith said at the rally."])
    assert got == [(0, "direct", "Smith", "We will win this race")]


def test_quoted_film_title_is_not_a_quote():
    assert rows(["She watched the film “The Lord of the Rings” again on Sunday."]) == []
    assert rows(["“Succession” won the award for best drama series."]) == []


def test_multi_paragraph_quote_takes_the_speaker_of_its_last_part():
    got = rows([
        "“We will rebuild the school before the winter comes, whatever it costs.",
        "“It will take two years, and the town will help,” the mayor, Anna Berg, said.",
    ])
    assert [(p, k, s) for p, k, s, _ in got] == [(0, "direct", "Anna Berg"), (1, "direct", "Anna Berg")]


def test_dash_credit_names_the_speaker():
    got = rows(["“Nothing will change until people vote.” ― Ariana Huichapa"])
    assert got == [(0, "direct", "Ariana Huichapa", "Nothing will change until people vote.")]


def test_quote_continuing_after_said_keeps_the_speaker():
    got = rows(["“The vote is close,” Barkley said. “But we have the numbers and we will win it.”"])
    assert [s for _, _, s, _ in got] == ["Barkley", "Barkley"]


def test_according_to_and_role_stripped_from_the_name():
    got = rows(["The bridge will reopen in May, according to Transport Secretary Louise Haigh."])
    assert got == [(0, "indirect", "Louise Haigh", "The bridge will reopen in May")]


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "paragraphs",
    [
        [],
        [""],
        ["", "   ", "\n"],
        ["\u200b\u200b", "\ufeff", "\u202eevil text\u202c said nobody."],
        ["“", "”", "‘", "''", "« »"],
        ["Emoji 😀 “quoted 😀 words go here,” she said. Combining a\u0301\u0301\u0301 marks."],
    ],
)
def test_odd_input_gives_a_sensible_table(paragraphs):
    df = extract_quotes(paragraphs)
    assert list(df.columns) == COLUMNS
    for r in df.itertuples():
        assert paragraphs[r.paragraph][r.start : r.end] == r.text


def test_a_100k_character_sentence_is_parsed_in_windows():
    sentence = "“" + "word " * 20_000 + "end,” the official said"
    df = extract_quotes([sentence, "“Short and clear words here,” Ms. Ray said."])
    assert isinstance(df, pd.DataFrame)
    assert df.iloc[-1]["speaker"] == "Ray"


def test_subject_inside_the_quotation_is_not_the_speaker():
    got = rows(["''My bosses, whoever they have been, all say the same thing,'' Mr. Conant, the consultant, said, ''the top comment is that they saw you on television.''"])
    assert got and all("Conant" in (s or "") for _, _, s, _ in got)


def test_she_resolves_across_a_quote_by_a_man():
    got = rows([
        "Maria Lopez, the mayor, said her budget was ready.",
        "Her rival, Tom Baker, said on his radio show: “She has done nothing for this city in four years.”",
        "“I have balanced the books every single year,” she said.",
    ])
    assert got[-1][2] == "Maria Lopez"


def test_clause_the_parser_hung_under_a_gerund_is_still_reported_speech():
    got = rows(["Jane Cole said legalizing it could put thousands of people to work in the north."])
    assert got == [(0, "indirect", "Jane Cole", "legalizing it could put thousands of people to work in the north")]


def test_subject_of_a_loosely_attached_say_is_its_head_subject():
    got = rows(["Majorities of Democrats in five states going to the polls Tuesday say they would be satisfied with both candidates."])
    assert [(k, t) for _, k, _, t in got] == [("indirect", "they would be satisfied with both candidates")]
    assert "Democrats" in got[0][2]


def test_called_x_quoted_words_is_the_callers_label():
    got = rows(["On Twitter, former Governor Jeb Bush called Trump “unhinged.” Senator Marco Rubio called the statement “offensive and outlandish.”"])
    assert [(k, s, t) for _, k, s, t in got] == [
        ("indirect", "Jeb Bush", "Trump “unhinged.”"), ("indirect", "Marco Rubio", "the statement “offensive and outlandish.”")]


def test_called_a_meeting_is_not_an_attribution():
    assert rows(["She called a meeting for Monday night at the town hall."]) == []


def test_company_reported_a_result():
    got = rows(["The company reported its smallest quarterly profit in 17 years."])
    assert got == [(0, "indirect", "company", "its smallest quarterly profit")]


def test_two_word_object_of_a_stance_verb_is_an_attribution():
    got = rows(["The governor endorsed Ted Cruz on Tuesday."])
    assert got == [(0, "indirect", "governor", "Ted Cruz")]


def test_statement_saying_belongs_to_whoever_issued_it():
    got = rows(["On Saturday, Maria Lopez issued a statement saying that the judge was a remarkable person."])
    assert got == [(0, "indirect", "Maria Lopez", "the judge was a remarkable person")]



def test_name_after_said_filed_as_an_object_is_the_speaker():
    """The small parser sometimes files the name in "…,” said Mr. Gunnels" as an object."""
    import spacy
    from spacy.tokens import Doc

    from newstone.people.attribution import find_cues

    words = ["“", "No", ",", "”", "said", "Mr.", "Gunnels", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[False, False, False, True, True, True, False, False],
              heads=[4, 4, 4, 4, 4, 6, 4, 4], deps=["punct", "ccomp", "punct", "punct", "ROOT", "compound", "dobj", "punct"],
              pos=["PUNCT", "INTJ", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT"])
    cues = find_cues([(0, doc)], [(0, 5)])
    assert [(c.verb.text, c.speaker.text) for c in cues] == [("said", "Gunnels")]
