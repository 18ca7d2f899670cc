"""Given-name genders (nomquamgender's table, read in place) and what they change in attribution."""

from __future__ import annotations

import pytest

from newstone.people import given_names
from newstone.people.given_names import given_name_gender
from newstone.people.quotes import extract_quotes


def direct_speakers(paragraphs: list[str]) -> list[str]:
    df = extract_quotes(paragraphs)
    return [r.speaker for r in df.itertuples() if r.kind == "direct"]


@pytest.mark.parametrize(("name", "gender"), [
    ("Maryam", "f"), ("Mary", "f"), ("Thomas", "m"), ("Tom", "m"), ("Ahmad", "m"),
    ("Jean-Pierre", "m"),  # absent as a whole: its first part
    ("Lindsey", None), ("Taylor", None), ("Jesse", None),  # borne by both: the article must say
    ("J.", None), ("Xq", None), ("1999", None), ("", None),
])
def test_only_names_nearly_all_of_whose_bearers_share_a_gender_count(name, gender):
    assert given_name_gender(name) == gender


def test_the_table_is_the_vetted_file():
    data = given_names._table()
    assert data is not None, "nomquamgender's name table is missing or not the vetted version"
    assert given_names._lookup(data, "aaaaaa-not-a-name") is None


def test_he_said_after_two_named_people_is_the_man_not_the_last_named():
    # neither person's gender is written in the article: the given names say who "he" and "she" are
    base = "Tom Baker defended the plan on Monday. Mary Bousted, who leads the union, criticised it. "
    assert direct_speakers([base + "“It is fair to everyone,” he said."]) == ["Tom Baker"]
    assert direct_speakers([base + "“It is a pay cut by stealth,” she said."]) == ["Mary Bousted"]


def test_a_name_borne_by_both_genders_stays_open_to_either_pronoun():
    got = direct_speakers(["Tom Baker defended the plan on Monday. Taylor Jones criticised it. "
                           "“It is a pay cut by stealth,” she said."])
    assert got == ["Taylor Jones"]


def test_what_the_article_says_outweighs_the_given_name():
    # an Evelyn who is "Mr." in the article is a "he", whatever most Evelyns are
    assert given_name_gender("Evelyn") == "f"
    got = direct_speakers(["Mr. Evelyn Hart spoke first. Maryam Violet, an Iranian journalist, answered him. "
                           "“We were warned not to speak,” she said. “It was not a warning,” he said."])
    assert got == ["Maryam Violet", "Evelyn Hart"]


def test_a_title_before_a_surname_is_not_read_as_a_given_name():
    got = direct_speakers(["Senator Graham met the minister. Mary Bousted spoke later. "
                           "“We will not back down,” he said."])
    assert got == ["Graham"] or got == ["Senator Graham"]


def test_a_surnames_pronoun_votes_do_not_make_a_woman_who_shares_it_a_he():
    # "Trump ... he" votes "he" for the surname; his daughter Ivanka Trump is still a "she"
    got = direct_speakers(["Trump's gloomy tone was a jarring contrast to the sunny introduction by his daughter "
                           "Ivanka Trump, who portrayed him as a generous business executive who would be "
                           "“the people's champion.”",
                           "She said her father has been an advocate for women, saying “he supports equal pay.”"])
    assert got[-1] == "Ivanka Trump"
