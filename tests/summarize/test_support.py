"""Whether a sentence the model wrote rests on what it read: the note and its part's text, and
the document's numbers."""

from core.words import term_list
from summarize.support import SUPPORT, Source, stems, support, supported

LEASE = ("Acme Holdings rents the warehouse in Leeds to Beta Logistics. The rent is 2,000 GBP per month, "
         "payable in advance. Either party may terminate the lease with three months written notice.")
LEASE_NOTE = "Acme Holdings leases its Leeds warehouse to Beta Logistics for 2,000 GBP a month."
RIVER = "The council replaced twelve pipes near the reservoir. The budget for the water supply was 3000 pounds."
SOURCES = [Source(LEASE_NOTE, LEASE, (1,)), Source("The council replaced pipes near the reservoir.", RIVER, (2,))]
DOCUMENT = LEASE + " " + RIVER


def test_stems_join_the_forms_of_a_word():
    assert stems(["examines", "examined", "examination"]) == {"exami"}
    assert stems(term_list("Die Untersuchung untersuchte")) == {"unter"}


def test_a_paraphrase_of_a_note_or_its_part_is_supported():
    for sentence in ("Acme Holdings leases a warehouse in Leeds to Beta Logistics.",
                     "The monthly rent of 2,000 GBP is payable in advance.",
                     "Either party may end the lease with three months notice.",  # the part's text, not its note
                     "The council replaced pipes near the reservoir."):
        assert supported(sentence, SOURCES, DOCUMENT), sentence
    share, source = support("The council replaced pipes near the reservoir.", SOURCES)
    assert share == 1.0 and source.pages == (2,), "the source it rests on"


def test_a_sentence_about_something_else_is_unsupported():
    for sentence in ("The tenant must insure the building against fire and flood damage.",
                     "Beta Logistics plans to open new depots across Scotland and Wales."):
        share, _ = support(sentence, SOURCES)
        assert share < SUPPORT and not supported(sentence, SOURCES, DOCUMENT), sentence


def test_a_number_the_document_never_writes_is_unsupported_even_when_every_word_is():
    assert not supported("The rent is 2,500 GBP per month, payable in advance.", SOURCES, DOCUMENT)
    assert not supported("The budget for the water supply was 3500 pounds.", SOURCES, DOCUMENT)
    assert supported("The budget for the water supply was 3,000 pounds.", SOURCES, DOCUMENT), "another notation of 3000"
    assert not supported("Die Miete beträgt 9.999 GBP im Monat.", SOURCES, DOCUMENT, lexical=False), (
        "a translation is checked for its numbers only"
    )
    assert supported("Die Miete beträgt 2.000 GBP im Monat.", SOURCES, DOCUMENT, lexical=False)


def test_a_sentence_of_only_the_instructions_words_is_unsupported():
    instructions = "End of notes. Reply with the JSON object. Notes on the document's parts, in order."
    allowed = stems(term_list(instructions))
    for echo in ("End of notes.", "Reply with the JSON object.", "Notes on the document's parts."):
        assert support(echo, SOURCES, allowed) == (0.0, None)
        assert not supported(echo, SOURCES, DOCUMENT, allowed), echo
    # The instructions' words do not count against a sentence that says something of the document.
    assert supported("The document says Acme Holdings rents the warehouse in Leeds.", SOURCES, DOCUMENT, allowed)


def test_sentences_in_other_languages_and_scripts_are_checked_by_their_own_words():
    bericht = "Der Stadtrat ersetzte zwölf Leitungen am Stausee. Das Budget für die Wasserversorgung betrug 3000 Euro."
    german = [Source("Der Stadtrat ersetzte Leitungen am Stausee.", bericht)]
    assert supported("Der Stadtrat ersetzte zwölf Leitungen am Stausee.", german, bericht)
    assert not supported("Der Bürgermeister eröffnete ein neues Schwimmbad im Park.", german, bericht)
    huiyi = "会议讨论了城市供水管网的漏损问题，预算为3000元。"
    chinese = [Source("会议讨论了供水管网漏损。", huiyi)]
    assert supported("会议讨论了城市供水管网的漏损。", chinese, huiyi)
    assert not supported("市长宣布了新的公园建设计划。", chinese, huiyi)
    assert not supported("会议讨论了供水管网漏损，预算为5000元。", chinese, huiyi), "an invented number"


def test_without_sources_only_the_numbers_are_checked():
    assert supported("Anything at all about 2,000 GBP.", [], DOCUMENT)
    assert not supported("Anything at all about 7,777 GBP.", [], DOCUMENT)
