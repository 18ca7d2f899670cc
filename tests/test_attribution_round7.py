"""Attribution round 7: constructions seen on real news where the speaker came out wrong, each on
a small hand-written fixture."""

from __future__ import annotations

from newstone.people.quotes import extract_quotes


def rows(paragraphs: list[str]) -> list[tuple]:
    """(paragraph, kind, speaker, text) per row."""
    df = extract_quotes(paragraphs)
    return [(r.paragraph, r.kind, r.speaker, r.text) for r in df.itertuples()]


def test_continuing_to_be_is_not_speaking_so_a_quote_in_it_is_the_reporters():
    got = rows(["In a statement, Cruz said he is certain Rubio will continue to be “a champion for "
                "limitless opportunity in America.”"])
    assert ("direct", "Cruz") in [(k, s) for _, k, s, _ in got]
    assert "Rubio" not in {s for _, _, s, _ in got}
    # "he continued" after a quotation still credits it
    got = rows(["“We will win,” Smith said. “The first loser would be the United States,” he continued."])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "Smith"), ("direct", "Smith")]


def test_confided_reports_what_was_confided():
    got = rows(["Freddy confided to her that his parents had panicked because the Smiths were "
                "“the first family to move into the neighborhood.”"])
    assert {s for _, _, s, _ in got} == {"Freddy"}


def test_as_x_reported_or_points_out_reports_the_whole_sentence():
    got = rows(["Mr. Hannity was among those supporting Mr. Ailes, eventually even discussing a walkout, "
                "as Breitbart reported a few days later."])
    assert any(s == "Breitbart" and t.startswith("Mr. Hannity was among") for _, _, s, t in got)
    got = rows(["But the last part, as Paul Krugman points out, is that cutting rates is awkward for Republicans."])
    assert any(s == "Paul Krugman" for _, _, s, _ in got)
    got = rows(["The plan, as the mayor told reporters, would cost billions."])
    assert [(s, t) for _, _, s, t in got] == [("mayor", "would cost billions")]
    # "as" telling when reports nothing
    assert rows(["As he said goodbye, the band began to play."]) == []


def test_a_long_title_before_a_name_gives_the_name():
    got = rows(["Sirius XM Vice President for news and talk Dave Gorab called the show “the conservative "
                "news show of record.”"])
    assert {s for _, _, s, _ in got} == {"Dave Gorab"}
    got = rows(["Press secretary for Senator John Smith said the bill was dead."])  # whose secretary, not who
    assert [s for _, _, s, _ in got] == ["Press secretary for Senator John Smith"]


def test_someones_remarks_are_theirs():
    got = rows(["The director of the FBI, James B. Comey, said that the messages were private.",
                "His remarks indicated that the comments were not made in public posts."])
    assert (1, "indirect", "James B. Comey", "the comments were not made in public posts") in got
    # a work of its own ("their analysis") stays the work's
    got = rows(["The economists published a paper.", "Their analysis did not mention the tax."])
    assert all(s != "unresolved (they)" for _, _, s, _ in got)


def test_a_dateline_is_not_the_speaker():
    got = rows(["CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told delegates that "
                "Clinton's use of a private email server should disqualify her."])
    assert [s for _, _, s, _ in got] == ["Michael Mukasey"]
    got = rows(["LA CROSSE, Wisc. — Gov. Mike Pence on Thursday blamed the media for the flap, saying they "
                "were nitpicking at the wording."])
    assert {s for _, _, s, _ in got} == {"Mike Pence"}
    # an agency or a party written in capitals is still a speaker
    got = rows(["NATO said the exercise would go ahead."])
    assert [s for _, _, s, _ in got] == ["NATO"]


def test_a_role_word_read_as_a_verb_before_a_name_after_a_quote():
    got = rows(["Critics said the image harked back to old stereotypes.",
                "\"Just saw the tweet. I'm impressed by his ability to insult literally every kind of human "
                "being,\" screenwriter Cole Haddon wrote on Twitter."])
    assert (1, "direct", "Cole Haddon") in [(p, k, s) for p, k, s, _ in got]


def test_a_pronoun_after_a_description_is_the_person_it_describes():
    got = rows(["Former Mexican President Felipe Calderon said the wall was stupid.",
                "But the former Mexican president did not stop there.",
                "“The first loser of such a policy would be the United States,” he continued."])
    assert (2, "direct", "Felipe Calderon") in [(p, k, s) for p, k, s, _ in got]
    got = rows(["Florida Sen. Marco Rubio spoke in Ohio. The senator added that he would win."])
    # the description is shown as written; a "he" after it would be Rubio
    assert [(s, t) for _, _, s, t in got] == [("senator", "he would win")]


def test_a_bare_credit_after_a_quote_that_ends_in_a_full_stop_credits_it():
    got = rows(["“Russia, if you are listening, I hope you are able to find the emails that are missing.” Trump said.",
                "Clinton says the emails were personal."])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "Trump"), ("indirect", "Clinton")]
    # a credit with content of its own starts a new statement
    got = rows(["“We are done.” Ohio Gov. John Kasich said he would stay in the race."])
    assert [(k, s, t) for _, k, s, t in got] == [("indirect", "John Kasich", "he would stay in the race")]


def test_a_surname_the_tagger_took_for_an_adverb_after_said():
    got = rows(["“Having access to the file is valuable,” said Skelly, explaining he worked with the team."])
    assert ("direct", "Skelly") in [(k, s) for _, k, s, _ in got]


def test_it_after_a_one_word_name_nothing_marks_as_a_person():
    got = rows(["In a blog post on Friday, Twitter said threats had long been against its terms. "
                "It added that it has worked with groups that counter recruitment."])
    assert [s for _, _, s, _ in got][:2] == ["Twitter", "Twitter"]


def test_words_quoted_inside_what_someone_could_believe_are_not_theirs():
    got = rows(["“It's straight from the heart,” Butz said.",
                "Audiences can expect him to approach the set with “maybe a little more recklessness than they're used to.”"])
    assert ("direct", "Audiences") not in [(k, s) for _, k, s, _ in got]


def test_of_two_subjects_the_parser_hangs_on_a_verb_the_nearest_across_a_break_speaks():
    got = rows(["An argument between those who fear softness (''This is less a crisis and more an occupation,'' "
                "Monica Crowley wrote in The Washington Times last week) and those who fear a backlash."])
    assert ("direct", "Monica Crowley") in [(k, s) for _, k, s, _ in got]
    got = rows(["Washington, star of television’s “Scandal,” thanked Obama for “taking these steps to make us ALL safer.”"])
    assert {s for _, _, s, _ in got} == {"Washington"}  # a quoted title is not the subject


def test_two_names_without_and_before_said_end_the_clause_and_name_the_speaker():
    got = rows(["His allegiance has shifted from Carly Fiorina to Rubio to, now, Cruz, Wilkin said during his speech."])
    assert [s for _, _, s, _ in got] == ["Wilkin"]
    got = rows(["Smith, Jones and Brown said the plan would fail."])
    assert "Wilkin" not in {s for _, _, s, _ in got} and got and got[0][2] != "Brown"


def test_a_paragraph_set_off_after_x_writes_colon_is_xs():
    got = rows(["Hewitt writes:", "The movie mentions neither the president nor the secretary of state by name."])
    assert (1, "indirect", "Hewitt") in [(p, k, s) for p, k, s, _ in got]
    # a list introduced by a colon with its own speakers keeps them; no speech verb, no statement
    got = rows(["The results were as follows:", "Smith won 52 percent of the vote."])
    assert got == []


def test_a_credit_set_between_commas_inside_the_clause_it_reports():
    got = rows(["And Trump, said Sunshine, who remains friendly with her former boss, doesn't forgive or forget."])
    assert [(s, t[:6], t[-6:]) for _, _, s, t in got] == [("Sunshine", "Trump,", "forget")]
    got = rows(["The economy, said Mr. Smith, will grow next year."])
    assert [s for _, _, s, _ in got] == ["Smith"]


def test_a_quoted_noun_is_not_the_speaker_of_its_own_words_and_reporting_to_a_boss_is_no_speech():
    got = rows(["Clinton is tough on trade.",
                "She has proposed appointing a \"chief trade prosecutor\" who reports directly to the president, "
                "and called for tripling \"the number of trade enforcement officers.\""])
    assert {s for _, _, s, _ in got} == {"Clinton"}
    assert any(k == "indirect" and t.startswith("tripling") for _, k, _, t in got)  # "called for tripling …"


def test_a_gerund_after_a_controlled_verb_shares_the_controllers_subject():
    got = rows(["Mr. Trump tries to turn the interruptions to his advantage, alternately shouting ''Get 'em out of here'' "
                "and ''Be nice.''"])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "Trump"), ("direct", "Trump")]
    got = rows(["Even a top GOP strategist said Clinton will have to choose whose side she is on, saying, “At some "
                "point, she is going to have to come out on where she stands.”"])
    assert {s for _, _, s, _ in got} == {"top GOP strategist"}


def test_a_credit_verb_the_tagger_read_as_a_noun():
    got = rows(["\"Today, the kingdom is one of the leading nations in combating terrorism,\" the Saudis state in the "
                "white paper, which was shared with lawmakers on Thursday."])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "Saudis")]


def test_a_quote_with_no_cue_is_the_person_its_paragraph_is_about():
    got = rows(["Trump toured a factory in Des Moines on Sunday. “We will bring the jobs back to this town, believe me.”"])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "Trump")]
    # with no person before it, no one is guessed
    got = rows(["The crowd grew restless in the afternoon heat. “Build the wall and make them pay for it!”"])
    assert all(s is None for _, _, s, _ in got)
