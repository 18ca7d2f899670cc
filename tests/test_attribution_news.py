"""Attribution rules for everyday news constructions (pronouns, roles, stances), each on a
small hand-written fixture."""

from __future__ import annotations

from newstone.people.quotes import extract_quotes


def rows(paragraphs: list[str]) -> list[tuple]:
    """(paragraph, kind, speaker, text) per row."""
    df = extract_quotes(paragraphs)
    return [(r.paragraph, r.kind, r.speaker, r.text) for r in df.itertuples()]


def test_they_skips_an_inanimate_subject_for_the_people_before_it():
    got = rows([
        "Local farmers met the minister on Monday.",
        "The talks lasted three hours. They said the new rules would ruin their harvest.",
    ])
    assert (1, "indirect", "farmers", "the new rules would ruin their harvest") in [
        (p, k, s and s.split()[-1], t) for p, k, s, t in got]


def test_conjoined_verbs_share_the_first_verbs_subject():
    got = rows(["Jones summed up his rival as weak, denounced her voting record in the Senate and said she should not run again."])
    assert (0, "indirect", "Jones", "she should not run again") in got


def test_content_is_the_clause_after_the_verb_not_one_before_a_colon():
    got = rows(["The campaign is paying off: Smith said he had raised $100,000 in three days."])
    said = [r for r in got if r[2] == "Smith"]
    assert said and said[0][3].startswith("he had raised")


def test_unattributed_quote_after_an_indirect_statement_is_the_same_speakers():
    got = rows([
        "Ashton Carter said that the region would remain a priority for decades.",
        "“This region is home to half the world’s people and remains the most consequential for us.”",
    ])
    assert got[-1][1] == "direct" and got[-1][2] == "Ashton Carter"


def test_who_relative_and_one_name_object_say_who_backs_whom():
    got = rows(["Senator Jane Doe, who endorsed Clinton on Tuesday, spoke at the rally in Ohio."])
    assert (0, "indirect", "Jane Doe", "Clinton") in got


def test_people_supporting_a_candidate_are_the_source_of_the_support():
    got = rows(["Super PACs supporting Ted Cruz spent five million dollars on television ads."])
    assert any(k == "indirect" and t == "Ted Cruz" and "PACs" in s for _, k, s, t in got)


def test_a_report_supporting_a_plan_is_not_a_source():
    got = rows(["The report supporting the plan was published on Monday by the ministry."])
    assert not any(t == "the plan" for *_, t in got)


def test_definite_role_refers_to_the_person_named_with_that_role():
    got = rows([
        "Senate Minority Leader Harry Reid criticised the bill on Monday.",
        "“It is a disaster for working families,” the minority leader said.",
    ])
    assert got[-1][2] == "Harry Reid"


def test_indefinite_role_is_not_resolved_to_a_named_holder():
    got = rows([
        "Senate Minority Leader Harry Reid criticised the bill on Monday.",
        "“It is a disaster for working families,” a party leader said.",
    ])
    assert got[-1][2] != "Harry Reid"


def test_quantifier_subject_is_a_group_source():
    got = rows(["Many believe the economy has improved since the election."])
    assert got == [(0, "indirect", "Many", "the economy has improved since the election")]


def test_a_documents_named_author_is_the_source():
    got = rows(["A recent report from the Energy Research Institute said that solar power had become cheaper than coal."])
    assert got == [(0, "indirect", "Energy Research Institute", "solar power had become cheaper than coal")]


def test_regard_verbs_report_y_as_z():
    got = rows(["Farmers see the new dam as a threat to their land."])
    assert (0, "indirect", "Farmers", "the new dam as a threat to their land") in got


def test_declined_to_comment_is_attributed():
    got = rows(["A spokeswoman for the ministry declined to comment on the report."])
    assert got and got[0][1:] == ("indirect", "spokeswoman", "to comment on the report")


def test_a_named_poll_reports_the_clause_it_introduces():
    got = rows(["In the latest Gallup survey, the governor leads his rival by six points."])
    assert got == [(0, "indirect", "latest Gallup survey", "the governor leads his rival by six points")]


def test_rising_in_the_polls_is_no_attribution():
    assert rows(["The governor has risen in the polls since March."]) == []


def test_name_and_colon_headline_is_reported_speech():
    got = rows(["Senator Warren: Banks Must Pay For The Crisis", "Update: The vote was moved to Friday."])
    assert got == [(0, "indirect", "Warren", "Banks Must Pay For The Crisis")]


def test_referring_to_after_a_quote_is_the_speakers():
    got = rows(["“We will not back down,” the mayor said, referring to the dispute with the council."])
    assert (0, "indirect", "mayor", "the dispute with the council") in got


def test_said_yes_is_a_short_answer():
    got = rows(["Asked whether the law was fair, 46 percent of voters said yes."])
    assert any(k == "indirect" and s and "percent" in s and t == "yes" for _, k, s, t in got)


def test_as_x_said_reports_the_main_clause():
    got = rows(["As Ross said, the two candidates have become the least ideological in the race."])
    assert (0, "indirect", "Ross", "the two candidates have become the least ideological in the race") in got


def test_a_shared_surname_does_not_give_one_persons_pronoun_to_another():
    got = rows([
        "Hillary Clinton said her plan would help families. Clinton said her team was ready.",
        "Bill Clinton spoke after her at the rally. He said the plan would create jobs.",
    ])
    assert got[-1][2] == "Bill Clinton"


def test_a_poll_shows_its_finding_and_a_person_showing_something_does_not():
    got = rows(["A new state poll shows the mayor with a ten-point lead.", "The mayor showed his ticket at the gate."])
    assert [(p, t) for p, _, _, t in got] == [(0, "the mayor with a ten-point lead")]


def test_gerund_complement_of_a_reporting_verb_is_reported():
    got = rows(["Conservative groups reported spending six million dollars on attack ads."])
    assert (0, "indirect", "Conservative groups", "spending six million dollars on attack ads") in got


def test_a_name_described_by_a_role_is_a_person_a_pronoun_can_refer_to():
    got = rows([
        "Eswar Prasad, a professor of economics at Cornell University, said the Fed had amplified its role.",
        "“Many people have ignored it,” he said.",
    ])
    assert got[-1][1:3] == ("direct", "Eswar Prasad")


def test_curly_opening_mark_closed_by_a_straight_one():
    got = rows(['“We are going to start winning again," Trump said at the rally.'])
    assert got == [(0, "direct", "Trump", "We are going to start winning again")]
    nested = rows(['“He said "no" to me twice,” she said.'])
    assert nested[0][3] == 'He said "no" to me twice'


def test_a_second_said_hung_on_the_reported_clause_is_still_the_first_speakers():
    got = rows(["De Blasio said the move was made by police commissioner Bill Bratton and said, “Who are you going to trust on security?”"])
    assert [s for _, k, s, _ in got if k == "direct"] == ["De Blasio"]


def test_by_saying_takes_the_subject_of_the_verb_it_modifies():
    got = rows(["Bolton distanced himself from the movement by saying he would be willing to help if asked."])
    assert (0, "indirect", "Bolton", "he would be willing to help if asked") in got


def test_an_object_pronoun_is_not_evidence_of_the_subjects_gender():
    # "her" is Clinton, not Obama: the "he" of the quote is still Obama's
    got = rows(["Mrs. Clinton has always maintained that the server was secure. President Obama backed her up "
                "in an interview on Sunday. “I don't think it posed a national security problem,” he said."])
    assert [s for _, k, s, _ in got if k == "direct"] == ["Obama"]


def test_the_owner_of_a_subject_is_who_a_later_he_refers_to():
    got = rows(["Justice Scalia's comments from the bench brought the case into vivid relief. "
                "He said some students may be better off at a slower-track school."])
    assert got and got[0][2] == "Scalia"


def test_a_colon_hands_a_quote_to_the_speaker_of_the_sentence():
    got = rows(["The mayor said the city had done everything it could for the families who lost their homes "
                "in the flood last spring: “We will not stop until every one of them is back.”"])
    assert [s for _, k, s, _ in got if k == "direct"] == ["mayor"]


def test_a_hashtag_is_not_a_speaker_and_a_person_in_apposition_is():
    got = rows(["One of the men, Jessie Elkins, 70, had served in Vietnam and said he was convinced it would lead to war."])
    assert (0, "indirect", "Jessie Elkins", "he was convinced it would lead to war") in got
    got = rows(["#StrandedInUS said that flights were cancelled."])
    assert all(s != "#StrandedInUS" for _, _, s, _ in got)


def test_a_question_put_by_someone_unnamed_has_no_speaker_and_the_answer_keeps_its_own():
    got = rows(["Asked whether he would counsel Clinton to pick Sanders, Reid said he would not give her advice."])
    assert (0, "indirect", None, "whether he would counsel Clinton to pick Sanders") in got
    assert (0, "indirect", "Reid", "he would not give her advice") in got


def test_headline_name_and_colon_credits_the_statement():
    got = rows(["AP: Trump chair routed Ukrainian money to lobbyists.", "The story follows here."])
    assert (0, "indirect", "AP", "Trump chair routed Ukrainian money to lobbyists") in got
    assert rows(["Update: The story was changed to add a comment.", "More text."]) == []


def test_name_and_colon_inside_a_paragraph_credits_the_next_quote():
    got = rows(['Clinton: "Our goal is not to contain ISIS, but to defeat it." Bush: "The mission is to destroy ISIS."'])
    assert [s for _, k, s, _ in got if k == "direct"] == ["Clinton", "Bush"]


def test_as_x_put_it_and_a_clause_ending_in_a_colon_credit_the_quote():
    got = rows(['As Senator John Cornyn put it: "This person will not be confirmed, so there is no reason to pretend."'])
    assert [s for _, k, s, _ in got if k == "direct"] == ["John Cornyn"]
    got = rows(['Mitch McConnell delivered a blunt message to Trump: "It is time to quit attacking people and get on message."'])
    assert [s for _, k, s, _ in got if k == "direct"] == ["Mitch McConnell"]


def test_name_after_the_closing_mark_credits_the_quote_when_the_parse_loses_it():
    got = rows(["The effort reflects her advisers’ wariness of polls continuing to show deep dissatisfaction. "
                "“It is not the position that everything is hunky-dory,” Gene Sperling, a top outside Clinton "
                "adviser, said at an event in Iowa."])
    assert [s for _, k, s, _ in got if k == "direct"] == ["Gene Sperling"]


def test_a_copula_with_a_thing_for_subject_gives_the_quote_to_its_owner_or_the_speaker_before():
    got = rows(["Rubio’s catch phrase in that election was that Crist “would say or do anything to win an election.”"])
    assert [s for _, k, s, _ in got if k == "direct"] == ["Rubio"]
    got = rows(["Romney went after Trump on Wednesday, calling it “disqualifying” and asserting that the only "
                "explanation must be “a bombshell of unusual size.”"])
    assert [s for _, k, s, _ in got if k == "direct"][-1] == "Romney"


def test_content_that_opens_a_quotation_mark_includes_its_closing_one():
    got = rows(["Critics called it “a triumph.”"])
    assert (0, "indirect", "Critics", "it “a triumph.”") in got


def test_a_verb_after_a_quotation_that_ends_its_sentence_does_not_credit_it():
    got = rows(['“This has no place in a campaign,” Cruz told reporters. “It is the consequence of an abusive culture.” '
                'Ohio Gov. John Kasich said he would have fired the manager.'])
    assert [s for _, k, s, _ in got if k == "direct"] == ["Cruz", "Cruz"]


def test_a_surname_two_people_share_is_the_one_last_named_in_full():
    got = rows(["Hillary Clinton spoke in Ohio on Monday. Clinton said the plan would work.",
                "Bill Clinton campaigned in Iowa. Mr. Clinton said the campaign was ready."])
    assert [s for _, _, s, _ in got] == ["Hillary Clinton", "Bill Clinton"]


def test_said_then_a_name_the_parse_gave_to_a_later_verb_is_that_name():
    got = rows(['"What is shaping up is a battle for the ages," said David Brock, a Clinton confidant who heads '
                'the super PAC Correct the Record.'])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "David Brock")]


def test_went_on_to_say_is_the_subjects_and_a_main_verb_hung_on_the_name_too():
    got = rows(["O'Malley, who signed sweeping gun laws as governor, interjected to say: \"They've both been "
                "inconsistent when it comes to this issue.\""])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "O'Malley")]


def test_a_dash_credit_in_the_next_paragraph_names_the_quote_and_questioned_is_a_speech_verb():
    got = rows(['"I went to Wall Street before the crash and warned them about the mortgages."', "", "- Clinton.",
                "Clinton tends to overstate the visit."])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "Clinton")]
    got = rows(["“What was the pivot point to make him change so fundamentally?” Beck questioned."])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "Beck")]


def test_curly_and_straight_marks_mixed_in_one_paragraph_are_two_quotations():
    got = rows(['“I heard parts of the speech," Trump said. "He wants to give away our country, folks.”'])
    assert [(k, s, t) for _, k, s, t in got] == [
        ("direct", "Trump", "I heard parts of the speech"), ("direct", "Trump", "He wants to give away our country, folks.")]
    nested = rows(['“He said "no" to me twice, and "never" the third time,” she said.'])
    assert nested[0][3] == 'He said "no" to me twice, and "never" the third time'


def test_a_message_that_said_something_is_its_senders_words():
    got = rows(['In selling the courses, Trump released a marketing video that said, "We are going to have '
                'professors that are absolutely terrific and handpicked by me."'])
    assert [(k, s) for _, k, s, _ in got] == [("direct", "Trump")]


def test_he_after_reported_speech_is_the_reporter_not_a_subject_inside_what_was_reported():
    got = rows([
        "Senator Lindsey Graham, Republican of South Carolina, said on Sunday that Mr. Trump had crossed "
        "another line. Like his comments about the judge, Mr. Graham said, Mr. Trump's jabs at the family "
        "were entirely unacceptable. “This is going to a place where we've never gone before,” he said.",
    ])
    assert [r[2] for r in got if r[1] == "direct"] == ["Lindsey Graham"]


def test_a_title_outside_the_recognised_name_gives_its_gender():
    from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline
    from newstone.people.speakers import speaker_of

    doc = load_pipeline(PEOPLE_EXCLUDE)("Mr. Graham said the vote would be close.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert speaker_of(subject).gender == "m"


def test_a_first_named_subject_the_parse_hung_on_a_modifier_is_who_he_refers_to():
    got = rows([
        "Clinton also has ties to the town, where she was christened as a child.",
        "Repeating from his much-praised speech at the convention last week, Biden rubbished Trump’s "
        "claim to understand the middle class.",
        "“To repeat myself, it’s a bunch of malarkey,” he said.",
    ])
    assert [r[2] for r in got if r[1] == "direct"] == ["Biden"]


def test_a_quote_introduced_by_a_thing_does_not_hide_he_from_the_person_before_it():
    got = rows([
        "Bob said he arrived in Benghazi as base chief in December 2011.",
        "The book accuses Bob of treating the contractors like “security guards.” He said that is a "
        "distortion of what happened.",
    ])
    assert (1, "indirect", "Bob", "that is a distortion of what happened") in got


def test_a_view_the_parse_hung_on_the_reported_clause_is_the_reporters_not_the_clauses_thing():
    got = rows(["Mr. Putin forecast that the slumping economy would soon rebound and praised efforts "
                "by the secretary of state to find a political solution in Syria."])
    praised = [r for r in got if r[3].startswith("efforts")]
    assert praised and praised[0][2] == "Putin"


def test_a_subject_interrupted_by_a_relative_clause_is_the_speaker_the_parser_lost():
    got = rows(['One attendee, who like others spoke on the condition of anonymity to discuss the private '
                'meeting, said the message was that "this is not going to be over in February or March '
                'as much as we would all like it to be."'])
    assert [r[2] for r in got if r[1] == "direct"] == ["One attendee"]


def test_those_surveyed_are_a_group_source():
    got = rows(["By an overwhelming 80%-10%, those surveyed say the United States should move to clean energy."])
    assert (0, "indirect", "those surveyed", "the United States should move to clean energy") in got


def test_called_for_and_spoke_about_report_their_prepositional_object_only():
    got = rows([
        "Warren has called for increased regulation of the shadow banking at hedge funds.",
        "Kenneth Starr spoke highly of Bill Clinton's work on welfare reform.",
        "Valls also spoke out sharply against Trump’s influence in Europe.",
        "Trump spoke to CNN on Monday.",
        "In 2010, Sanders voted against a measure to extend the tax cuts.",
    ])
    said = {(p, s): t for p, k, s, t in got}
    assert said[(0, "Warren")].startswith("increased regulation")
    assert said[(1, "Kenneth Starr")] == "Bill Clinton's work on welfare reform"
    assert said[(2, "Valls")] == "Trump’s influence in Europe"
    assert not [r for r in got if r[0] == 3]
    assert said[(4, "Sanders")].startswith("a measure")


def test_made_it_clear_reports_the_clause_made_clear():
    got = rows([
        "Hillary Clinton made it clear to House Democrats on Wednesday that she has their backs.",
        "Obama made clear Tuesday night that he intends to use his veto.",
        "The rain made the roads slippery.",
    ])
    said = {(p, s): t for p, k, s, t in got}
    assert said[(0, "Hillary Clinton")] == "she has their backs"
    assert (1, "indirect", "Obama", "he intends to use his veto") in got
    assert not [r for r in got if r[0] == 2]


def test_calling_someone_something_in_a_with_clause_is_the_callers_view():
    got = rows(["Democratic candidates went further, with former Maryland Gov. Martin O’Malley calling Trump a fascist."])
    assert (0, "indirect", "Martin O’Malley", "Trump a fascist") in got


def test_quoted_headlines_titled_or_followed_by_a_byline_are_titles_not_quotes():
    got = rows([
        "Anyone questioning her lead can find solace in a CounterPunch article titled "
        "\"Clinton Does Best Where Voting Machines Flunk Hacking Tests.\"",
        "—\"Posthumous books could come with a lot of dollar signs,\" by Boston Globe's Joseph P. Kahn: http://bit.ly/1NSbMIk.",
        "He has declared Cruz to be “anointed” by God and “a man who was raised for these times” by God.",
    ])
    assert not [r for r in got if r[0] in (0, 1)]
    assert [r for r in got if r[0] == 2]  # a quote followed by an agent ("by God") stays


def test_a_that_clause_verb_is_not_a_parenthetical_reporting_the_clause_above_it():
    got = rows(["Now it turns out that the bureau asked Florida agencies to stonewall records requests.",
                "The resistance has collapsed, Mujahid said.",
                "If Trump moderates his rhetoric, he offers both sexes what they want most."])
    assert not [r for r in got if r[3] == "Now it turns out"]
    assert not [r for r in got if r[0] == 2 and r[3].startswith("If Trump")]
    assert (1, "indirect", "Mujahid", "The resistance has collapsed") in got


def test_it_can_be_a_campaign_or_other_institution_named_by_a_common_noun():
    got = rows(["Trump’s campaign immediately backtracked, putting out a statement contradicting his earlier "
                "comments. In cases of abortion, it said, the woman is a victim."])
    assert [r[2] for r in got if r[3] == "the woman is a victim"] == ["Trump’s campaign"]


def test_a_pronoun_is_not_a_person_its_own_clause_names():
    # without the rule, "He" would be Curiel, the subject just before it
    got = rows(["Donald Trump attacked the ruling again on Friday. Gonzalo Curiel, the judge in the case, "
                "grew up in Indiana. He insisted Curiel had a conflict of interest."])
    assert [(k, s) for _, k, s, _ in got] == [("indirect", "Donald Trump")]


def test_the_person_a_question_is_put_to_gives_the_reply():
    got = rows(["A reporter asked Sanders how he was feeling on caucus day. "
                "He replied: “The bigger the turnout, the better I feel.”"])
    assert [s for _, k, s, _ in got if k == "direct"] == ["Sanders"]


def test_a_person_named_aside_is_a_pronouns_last_resort():
    # no person is a subject here: "she" is the one the sentence names ...
    got = rows(["The talks collapsed on Tuesday after a message from Wendy Sherman reached Tehran. "
                "“We will not wait any longer,” she wrote."])
    assert [s for _, k, s, _ in got if k == "direct"] == ["Wendy Sherman"]
    # ... but a subject before it still comes first
    got = rows(["Mary Bousted spoke on Tuesday after a message from Wendy Sherman reached the union. "
                "“We will not wait any longer,” she said."])
    assert [s for _, k, s, _ in got if k == "direct"] == ["Mary Bousted"]


def test_a_lede_that_names_the_role_first_is_the_person_named_next():
    got = rows(["The leader of the Transport Workers Union has called for a national strike over pay.",
                "“We have waited long enough for a fair offer,” Maria Santos said in a statement."])
    assert [s for _, _, s, _ in got] == ["Maria Santos", "Maria Santos"]


def test_a_lede_role_stays_a_role_when_the_next_person_has_another_role_or_is_named_in_the_lede():
    got = rows(["The leader of the Transport Workers Union has called for a national strike over pay.",
                "“The offer is fair,” said port spokesman Tom Baker."])
    assert got[0][2] == "leader of the Transport Workers Union"
    got = rows(["The leader of the Transport Workers Union has called for a strike after talks with John Reyes failed.",
                "“We have waited long enough for a fair offer,” Maria Santos said in a statement."])
    assert got[0][2] == "leader of the Transport Workers Union"


def test_a_doubled_apostrophe_after_a_space_closes_the_archive_quote():
    got = rows(["''The reason he has been so successful is that he built coalitions, '' said Mr. Gunnels, "
                "who now works on the campaign. ''He doesn't see himself as a partisan.''"])
    assert [(k, s, t) for _, k, s, t in got] == [
        ("direct", "Gunnels", "The reason he has been so successful is that he built coalitions"),
        ("direct", "Gunnels", "He doesn't see himself as a partisan.")]


def test_a_title_the_parser_made_the_subject_gives_way_to_the_titled_name_after_it():
    got = rows(["Speaker of the House Rep. Paul Ryan (R-WI) said the bill would pass."])
    assert got[0][2] == "Paul Ryan"
    got = rows(["The wife of John Smith said the bill would pass."])  # not a title: her words
    assert got[0][2] == "wife of John Smith"


def test_calling_someone_a_name_the_parser_read_as_an_apposition_or_a_quoted_object_is_a_view():
    got = rows(["Speaking at a campaign rally in Florida on Wednesday, Trump called Clinton, his Democratic presidential "
                "challenger, an ISIS “co-founder.”"])
    assert [(k, s) for _, k, s, _ in got] == [("indirect", "Trump")] and "an ISIS “co-founder" in got[0][3]
    got = rows(["Jacobs called Merkel “The Chancellor of the Free World.”"])
    assert [(k, s) for _, k, s, _ in got] == [("indirect", "Jacobs")]
    # a phone call to someone described, or a quoted name inside the object, is no view
    for text in ("She called her brother, a doctor in Ohio.", "The president called Mr. Kim, a leader he has praised, on Sunday.",
                 "He called the “Daily Show” host on Monday."):
        assert rows([text]) == [], text


def test_findings_of_polls_named_in_front_or_as_an_average_of_polls():
    got = rows(["In exit polls, voters in both parties were unhappy with the federal government."])
    assert [(s, t) for _, _, s, t in got] == [("exit polls", "voters in both parties were unhappy with the federal government")]
    got = rows(["Trump leads Cruz by roughly 9 percentage points in the RealClearPolitics average of recent Hoosier polls."])
    assert got and got[0][2] == "RealClearPolitics average of recent Hoosier polls"
    assert rows(["Sanders has sagged in the polls and is coping with a sudden controversy."]) == []  # a standing


def test_asking_someone_about_something_or_to_do_something_reports_it():
    got = rows(["Conservative radio host Hugh Hewitt asked Trump about statements he had made the previous night."])
    assert [(k, s, t) for _, k, s, t in got] == [("indirect", "Hugh Hewitt", "statements he had made the previous night")]
    got = rows(["The mayor asked residents to leave their homes before the storm."])
    assert [(s, t) for _, _, s, t in got] == [("mayor", "to leave their homes before the storm")]
