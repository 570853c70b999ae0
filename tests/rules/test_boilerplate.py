"""Small print and boilerplate, per language: left out of evidence, summaries and titles."""

from rules.boilerplate import is_notice, opens_as_boilerplate


def test_a_web_archive_s_crawl_note_is_boilerplate():
    # The notes the Wayback Machine's crawls put before a multi-news article.
    for note in (
        "The seed for this crawl was a list of every host in the Wayback Machine",
        "This crawl was run at a level 1 (URLs including their embeds, plus the URLs of all outbound links)",
        "The WARC files associated with this crawl are not currently available to the general public.",
    ):
        assert is_notice(note) and opens_as_boilerplate(note), note


def test_small_print_in_any_language_is_a_notice():
    for line in ("© 2020 Springer Nature. All rights reserved.", "Copyright 2003 Acme Corp.",
                 "Alle Rechte vorbehalten.", "Tous droits réservés.", "版权所有", "本站内容版权所有，未经许可不得转载。",
                 "Write to info@example.org."):
        assert is_notice(line), line


def test_prose_about_the_same_things_is_not():
    for line in ("Copyright law protects the authors of software.", "The crawl was slow, and the seed was poor.",
                 "Previously, only one host was on the list.", "The company reserved all rights to the name.",
                 "Previously on Monday, the board voted to raise rates."):
        assert not is_notice(line), line


def test_a_recap_is_no_title():
    assert opens_as_boilerplate("Previously on Friends", recaps=True) and not opens_as_boilerplate("Previously on Friends")
