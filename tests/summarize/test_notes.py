"""The model's notes on sections: cleaned into sentences, checked against their section, and
the key points of a summary written from them."""

from summarize.citations import PageIndex
from summarize.notes import META_OPENERS, joined, note_from, notes_text, points_from_notes, sentences, sources, stated
from summarize.schema import Notes


def test_a_meta_opener_is_cut_and_the_statement_after_it_kept():
    cases = [
        ("The main fact is that the council approved the budget.", "en", "The council approved the budget."),
        ("This part states that the rent is due monthly.", "en", "The rent is due monthly."),
        ("In this section, the authors measure rainfall.", "en", "The authors measure rainfall."),
        ("Cette partie indique que le budget a été voté.", "fr", "Le budget a été voté."),
        ("Dans cette partie, le conseil vote le budget.", "fr", "Le conseil vote le budget."),
        ("Der Abschnitt besagt, dass der Rat 3000 Euro bewilligt.", "de", "Der Rat 3000 Euro bewilligt."),
        ("Esta parte explica que el contrato dura dos años.", "es", "El contrato dura dos años."),
        ("该部分讨论了预算问题。", "zh", "预算问题。"),
    ]
    for raw, language, clean in cases:
        assert sentences(raw, language) == [clean], raw
    assert {"en", "fr", "de", "zh"} <= set(META_OPENERS), "the openers are data, per language"
    for plain in ("The main road was closed in May.", "This partnership ended in 2020.", "Dans ce cas, le conseil vote."):
        assert stated(plain) == plain, "a sentence that only starts like an opener stays as it is"


def test_a_note_cut_at_its_bound_or_written_without_a_full_stop_is_ended():
    assert sentences("The council approved the budget", "en") == ["The council approved the budget."]
    assert sentences("Rent is due monthly; late fees apply,", "en") == ["Rent is due monthly; late fees apply."]
    assert sentences("会议讨论了预算", "zh") == ["会议讨论了预算。"], "a CJK sentence ends with its own full stop"
    assert sentences("  The lease   runs two years.  It renews yearly  ", "en") == ["The lease runs two years.", "It renews yearly."]
    assert sentences('"}', "en") == [] and sentences("12", "en") == [], "debris says nothing"
    assert joined(["会议开始了。", "预算增加了。"], "zh") == "会议开始了。预算增加了。"
    assert joined(["One.", "Two."], "en") == "One. Two."


SECTION = ("[page 3]\nThe council replaced twelve pipes near the reservoir in March. "
           "The budget for the water supply was 3000 pounds.")


def test_a_note_keeps_the_sentences_its_section_supports_and_counts_the_others():
    answer = ("The main fact is that the council replaced twelve pipes near the reservoir. "
              "The budget for the water supply was 4500 pounds. The mayor opened a new swimming pool in the park.")
    note = note_from(answer, SECTION, (3,), "en", "en")
    assert note.summary == "The council replaced twelve pipes near the reservoir."
    assert note.unsupported == 2, "an invented number and a sentence about something else"
    assert note.pages == (3,) and not note.extractive
    translated = note_from("Der Rat ersetzte zwölf Leitungen. Das Budget betrug 4500 Pfund.", SECTION, (3,), "de", "en")
    assert translated.summary == "Der Rat ersetzte zwölf Leitungen." and translated.unsupported == 1, (
        "in another language than the section only the numbers are checked"
    )
    many = " ".join(["The council replaced pipes near the reservoir."] * 5)
    assert note_from(many, SECTION, (3,), "en", "en").summary.count(".") == 3, "at most three sentences of a note"


PAGES = {
    1: "Acme Holdings rents the warehouse in Leeds to Beta Logistics from 1 May 2023.",
    2: "The rent is 2,000 GBP per month, payable in advance on the first day of each month.",
    3: "The lessor repairs the roof within ten days of a written notice from the lessee.",
    4: "Either party may terminate the lease with three months written notice.",
    5: "The lease is governed by the laws of England and Wales.",
}
NOTES = [
    Notes("Acme Holdings rents its Leeds warehouse to Beta Logistics from 1 May 2023.", (), (), (1,)),
    Notes("The monthly rent of 2,000 GBP is payable in advance.", (), (), (2, 3)),
    Notes("Either party may terminate the lease with three months notice. English law governs it.", (), (), (4, 5)),
]


def test_key_points_from_notes_say_what_the_summary_does_not_and_cite_the_pages_that_hold_them():
    index = PageIndex(PAGES)
    summary = ["Acme Holdings rents its Leeds warehouse to Beta Logistics from 1 May 2023."]
    points = points_from_notes(NOTES, summary, index, 6, "en")
    assert [p.text for p in points] == [
        "The monthly rent of 2,000 GBP is payable in advance.",
        "Either party may terminate the lease with three months notice.",
    ], "not what the summary says; one point a part, in document order"
    assert [p.pages for p in points] == [(2,), (4, 5)], "pages of its part that hold its words (page 3 holds none)"
    one_page = points_from_notes([Notes("The lessor repairs the roof within ten days.", (), (), (1, 2, 3, 4))],
                                 [], index, 6, "en")
    assert one_page[0].pages == (3,), "only a page that holds it, not another page of its part"
    other_language = points_from_notes([Notes("Der Vermieter repariert das Dach.", (), (), (2, 3))], [], index, 6, "de")
    assert other_language[0].pages == (2,), "no page holds a translated point's words: the part's first page"
    # A part whose first sentence the summary says gives its next one instead.
    said = ["Either party may terminate the lease with three months notice."]
    assert points_from_notes(NOTES[2:], said, index, 6, "en")[0].text == "English law governs it."


def test_more_notes_than_points_are_spread_over_the_document():
    topics = ["water pipes", "school meals", "road repairs", "library hours", "park lighting", "bus timetables",
              "recycling bins", "flood barriers"]
    notes = [Notes(f"The council reviewed {topic} in {place}.", (), (), (i,))
             for i, (topic, place) in enumerate(zip(topics, ["Leeds", "York", "Hull", "Bath", "Ely", "Wells", "Ripon", "Derby"]), 1)]
    index = PageIndex({n.pages[0]: n.summary for n in notes})
    points = points_from_notes(notes, [], index, 4, "en")
    assert [p.pages for p in points] == [(1,), (3,), (5,), (7,)]
    assert len({p.text for p in points}) == 4


def test_the_notes_are_read_one_line_a_part_and_each_rests_on_its_pages():
    index = PageIndex(PAGES)
    text = notes_text(NOTES + [Notes("", (), (), (6,))])
    assert text.splitlines() == [f"- {n.summary}" for n in NOTES], "no labels to copy, no empty note"
    lexical = sources(NOTES, index, lexical=True)
    assert [s.pages for s in lexical] == [(1,), (2, 3), (4, 5)]
    assert lexical[1].text == PAGES[2] + "\n\n" + PAGES[3]
    assert all(s.text == "" for s in sources(NOTES, index, lexical=False)), "pages in another language do not count"
