"""Parties as names, read from the contract's opening clause."""

from rules.parties import contract_parties


def test_names_with_their_defined_terms_from_the_opening_clause():
    text = (
        'This License Agreement (the "Agreement") is made and entered into as of October 29, 1999 ("EFFECTIVE DATE") '
        "by and between Corio Inc., a Delaware corporation, having its principal place of business at 700 Bay Road, "
        'Redwood City, CA 94063 ("CORIO") and Commerce One, Inc., a Delaware corporation ("COMMERCE ONE").'
    )
    assert contract_parties(text) == ['Corio Inc. ("CORIO")', 'Commerce One, Inc. ("COMMERCE ONE")']


def test_a_description_with_and_in_it_does_not_start_a_name():
    text = (
        "THIS AGREEMENT is made by and between Todos Medical Ltd., a corporation organized and existing under the laws "
        'of Israel ("Todos") and Care Plus Ltd., a corporation organized and existing under the laws of Israel '
        '(the "Reseller").'
    )
    assert contract_parties(text) == ['Todos Medical Ltd. ("Todos")', 'Care Plus Ltd. ("Reseller")']


def test_defined_terms_that_are_not_parties_are_left_out():
    text = 'This Agreement (the "Agreement") has an effective date (the "Effective Date") and no parties named.'
    assert contract_parties(text) == []
