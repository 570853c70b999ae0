import pytest

from core.languages import UNDETERMINED
from ingest.language import detect_language

TEXTS = {
    "en": "The supplier shall deliver the goods within thirty days of the order and bear the risk of loss.",
    "de": "Der Lieferant liefert die Ware innerhalb von dreißig Tagen nach der Bestellung und trägt das Verlustrisiko.",
    "fr": "Le fournisseur livre les marchandises dans les trente jours suivant la commande et supporte le risque de perte.",
    "zh": "供应商应在订单后三十天内交付货物，并承担货物灭失的风险。本合同受中华人民共和国法律管辖。",
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_detects_language_deterministically(lang):
    assert {detect_language(TEXTS[lang]) for _ in range(5)} == {lang}


def test_text_without_letters_is_undetermined():
    assert detect_language("12 34 56 -- 78.90 %% 1000") == UNDETERMINED
