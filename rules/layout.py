"""Layout: what a page holds besides sentences. Headings run into a sentence, captions and
numbered statements, form fields, a table's key, signposts about the document itself, and a
title written as a sentence."""

from __future__ import annotations

import re
import unicodedata

from rules.data import fragments, table
from rules.registry import matched, rule, searched


def title_case(text: str) -> bool:
    """The first word and every word of four letters or more capitalized ("Term of Agreement")."""
    letters = [w for w in text.split() if w[:1].isalpha()]
    return bool(letters) and letters[0][:1].isupper() and all(w[:1].isupper() for w in letters if len(w) >= 4)


def a_title(sentence: str) -> bool:
    """A title with a full stop, not a statement: up to 10 words, at least three of four letters or
    more, all capitalized ("Sexual Assault and Sexual Harassment in the U.S."). Not for German,
    which capitalizes every noun."""
    words = sentence.split()
    return len(words) <= 10 and sum(len(w) >= 4 and w[:1].isalpha() for w in words) >= 3 and title_case(sentence)


#: A heading that text extraction ran into its paragraph: two or more words in capitals (with
#: section numbers) before the sentence's first word ("A PROOF OF LEMMA 1 In this section ...",
#: "MEMORY UPDATE The authors ..."); one of them a word of four capitals, not only acronyms ("EU AI Act").
_GLUED_HEADING = re.compile(r"^(?:[A-Z\d][A-Z\d.:’'&\-]*\s+){2,}(?=[A-Z][a-z])")


#: A title-case label and a dash before the text: a section heading ("Choice of Law and Forum - This
#: Agreement ...") or, before a lower-case word, a definition ("Time and Materials Rates - the rates ...").
#: Not a name with an aside between dashes ("Microsoft - the company behind Windows - said ...").
DASH_LABEL = re.compile(
    r"^(?:[A-Z][\w’'&/.]*,?\s+(?:(?:and|of|or|for|&)\s+)?){0,5}[A-Z][\w’'&/.]*\s+[-–—]\s+(?![a-zà-ÿ]\S*\s+(?:\S+\s+){0,7}?[-–—]\s+\w)"
)


#: A heading a web page's text ran into its paragraph without a space: a lower-case word glued to
#: the article that starts the sentence ("Un système universelLe futur système ...", "bonus-malusL'âge").
#: Only before an article: "PowerPoint" and "YouTube" are names.
_GLUED_LOWER = re.compile(
    r"^(?:\S+\s+){0,12}?\S*?[a-zà-ÿ]{3,}(?=(?:Le|La|Les|L['’]|Un|Une|Des|Du|Der|Die|Das|Ein|Eine|The|El|Los|Las|Il)(?:\s|(?<=['’])))"
)


#: A sentence about the document's layout ("In this section, we review ..."): no fact to report.
_SIGNPOST = re.compile(
    r"^(?:in |this |the )?(?:this|the (?:next|following|previous|present)|next) (?:section|chapter|subsection|appendix)\b"
    r"|^in (?:section|chapter|appendix) \d"
    # "Finally, we show the training process in Section 3.4": where it is, not what it found
    # ("Below we show simple derivations of the bounds in Table 1", "It shows ... in Table 1")
    r"|^(?:\w+,\s+)?(?:(?:below|here|above)\s+)?(?:we|it|this) (?:show|present|describe|discuss|give|provide|detail|outline|review|summari[sz]e|introduce|list)s?\b"
    r"(?!.*\bthat\b)[^.]{0,80}\b(?:in (?:section|sect\.|chapter|appendix)\s*[\dA-Z]|in (?:table|fig\.|figure)\s*\d+[a-z]?\.?$)"
    r"|^(?:in diese[mr]|im (?:folgenden|nächsten|vorigen)) (?:Abschnitt|Kapitel)\b"
    # "Wenn im Folgenden von 'Amphibien' die Rede ist, ...": how the text uses a word, not the subject
    # ("Im folgenden Jahr ...", "In the following years ..." are about the subject)
    r"|^(?:wenn )?(?-i:im Folgenden|Im Folgenden)\b|^in (?:what follows|the following)(?=,|\s+(?:we|I|it|the (?:term|word))\b)|^dans ce qui suit\b"
    # "(Name ist fett hervorgehoben)", "names in bold are ...": how the text is typeset
    r"|\b(?:fett|kursiv) (?:hervorgehoben|gedruckt|markiert|gesetzt)\b|\b(?:shown|marked|printed|highlighted|set) in (?:bold|italics?)\b"
    r"|\b(?:in|en) (?:bold|italics?|gras|italique)(?:\s+(?:are|is|mark|marks|indicate|indicates|denote|denotes|sont|est)\b|\s*[),.;])"
    r"|^(?:dans )?(?:cette|la) (?:section|partie) (?:suivante|précédente)\b|^dans cette (?:section|partie)\b|^本(?:节|章)"
    # "(The full proof is in Appendix C)": where a proof is, anywhere in the sentence
    r"|\b(?:full |complete )?(?:proofs?|derivations?|details) (?:is|are|can be found|(?:is |are )?(?:given|deferred)) (?:in|to) (?:the )?appendi"
    r"|\b(?:with|and) (?:the|its|their) (?:full |complete )?(?:proofs?|derivations?) in (?:the )?appendi",
    re.IGNORECASE,
)


#: A numbered label of a figure, table or mathematical statement ("Abbildung 1.8", "Definition 14").
_NUMBERED = rf"(?:{fragments('layout', 'numbered_labels')})\s+\d+(?:\.\d+)*"


#: Such a label opening a caption or a statement ("Definition 14 Sei X ...", "Figure 3: Accuracy", "Lemma 2
#: (Zorn) Jede ...") or alone with its name ("Bemerkung 1 (Mengen, die offen & abgeschlossen sind, ex.)");
#: "Table 2 shows that ...", "Figure 3 (a) shows ..." go on as sentences.
_CAPTION = re.compile(rf"^{_NUMBERED}\s*(?:[:.–-]|\([^()]*\)(?:\s+[A-ZÀ-Þ]|\s*$)|\s[A-ZÀ-Þ])")


#: An entity that is only such a label ("Definition 33", "R Definition 4").
LABEL_ONLY = re.compile(rf"(?:^|\s){_NUMBERED}$")


@rule("caption", "layout", "a caption or numbered statement",
      drops=("Figure 3: Accuracy of the model on the test set.", "Definition 14 Sei X eine Menge.", "Lemma 2 (Zorn) Jede Kette hat eine Schranke."),
      keeps=("Table 2 shows that the rate doubled.", "Figure 3 (a) shows the rate."),
      languages=tuple(table("layout", "numbered_labels")))
def caption(text: str) -> bool:
    """A figure's or table's caption, or a numbered definition or theorem: a label, not a finding."""
    return bool(_CAPTION.match(text))


#: "Agreement Number: CW251207 Effective Date: 11/4/10": a form's labels and values.
_FIELD_LABEL = re.compile(r"(?:^|\s)[A-ZÀ-Þ][\w.]*(?: [A-Za-zÀ-ÿ][\w.]*){0,2}:\s+\S")


@rule("form_fields", "layout", "form fields, not a sentence",
      drops=("Agreement Number: CW251207 Effective Date: 11/4/10",),
      keeps=("The parties agree on one thing: the price is fixed.",))
def form_fields(text: str) -> bool:
    """Two or more "Label: value" pairs run together: a form or a cover page, not a sentence."""
    return len(_FIELD_LABEL.findall(text)) >= 2


#: One entry of a key: a code, a colon or a bracket at most, "=", its meaning ("2 (EN) = stark gefährdet").
_KEY_ENTRY = re.compile(r"(?:^|[;:,]\s*)[^\s;:,=][^;:,=]{0,24}\s=\s+[^\s=]")


@rule("legend", "layout", "a table's key, not a sentence",
      drops=("1 (CR) = vom Aussterben bedroht; 2 (EN) = stark gefährdet",),
      keeps=("The price p = 5 was agreed in March.",))
def legend(text: str) -> bool:
    """A table's key run into text ("1 (CR) = vom Aussterben bedroht; 2 (EN) = stark gefährdet"):
    two or more codes with their meanings, not a sentence."""
    return len(_KEY_ENTRY.findall(text)) >= 2


@rule("signpost", "layout", "a signpost, not content",
      drops=("In this section, we review the prior work.", "Finally, we show the training process in Section 3.4.",
             "Im folgenden Abschnitt wird das Verfahren beschrieben.", "The full proof is in Appendix C."),
      keeps=("In the following years the town grew quickly.", "Im folgenden Jahr wuchs die Stadt."),
      languages=("en", "de", "fr", "zh"))
def signpost(text: str) -> bool:
    """A sentence about the document itself (where things are, how it uses a word or prints a name),
    not about its subject."""
    return bool(_SIGNPOST.search(text))


#: A news page's subheading in capitals glued to its paragraph ('DES "RÉFORMISTES" DÉTERMINÉSFace à eux, ...';
#: two words at least: "SQLServer" is a name),
#: or in any case before a dash glued to the sentence ('Vénézuéliens "nouveaux Cubains" -A l'opposé, ...').
_GLUED_CAPS = re.compile(
    r'^(?:[\W\d]*[A-ZÀ-Þ][A-ZÀ-Þ\d.:’\'&"«»“”-]*\s+)+[\W\d]*[A-ZÀ-Þ]{3,}["»”]?(?=["«“]?[A-ZÀ-Þ](?:[a-zà-ÿ]|[\'’][a-zà-ÿ]))'
)


_GLUED_DASH = re.compile(r"^[^.!?:;]{3,100}?\s[-–](?=[A-ZÀ-Þ])")


def glued_heading(text: str, dashed: bool = True) -> str | None:
    """The heading run into the front of a sentence, or None; `dashed`: also a title-case label
    before a dash ("Choice of Law - This Agreement ...")."""
    m = _GLUED_HEADING.match(text)
    if m and any(len(w) >= 4 and w.isupper() for w in m.group().split()):
        return m.group()
    m = _GLUED_CAPS.match(text) or _GLUED_DASH.match(text)
    if m:
        return m.group()
    m = DASH_LABEL.match(text) if dashed else None
    if m and text[m.end():][:1].isupper():
        return m.group()
    m = _GLUED_LOWER.match(text)
    return m.group() if m else None


#: A numbered heading in capitals inside a "sentence" ("... depends linearly on K. 5.3 VARIATIONS OF
#: THE JVI ESTIMATOR Variations of ..."): the end of one sentence, a heading and the start of the next.
_HEADING_INSIDE = re.compile(r"[.!?]\s+\d+(?:\.\d+)+\.?\s+[A-Z][A-Z-]+(?:\s+[A-Z][A-Z-]*){1,}\s+[A-Z][a-z]")


#: A pointer to a table or figure, and the word before it.
_POINTER = re.compile(
    r"(\S+)\s(?:table|figure|fig\.)\s?\d+[a-z]?\s(?:shows|presents|lists|summari[sz]es|gives|displays|illustrates|compares|reports|describes)\b",
    re.IGNORECASE,
)


#: Words that "table 2 shows" can follow inside a sentence.
_BEFORE_POINTER = {"as", "and", "but", "while", "whereas", "which", "where", "so", "then", "also", "here", "below", "above", "that"}


@rule("heading_then_pointer", "layout", "a heading run into a pointer to a table",
      drops=("Demographic characteristics of school aged children in shiraz, iran table 2 shows the rates.",),
      keeps=("As table 2 shows the rates, we compare them.", "The rates are high, and table 2 shows them."),
      languages=("en",))
def heading_then_pointer(text: str) -> bool:
    """A heading run into the sentence after it, where that sentence points at a table ("Demographic
    characteristics of school aged children in shiraz, iran table 2 shows ..."): in prose, "table 2
    shows" follows a sentence's end, a comma or a conjunction, never a bare noun."""
    return any(m.group(1)[-1].isalnum() and m.group(1).lower() not in _BEFORE_POINTER for m in _POINTER.finditer(text))


heading_inside = rule("heading_inside", "layout", "a heading between two sentences",
                      drops=("It depends linearly on K. 5.3 VARIATIONS OF THE JVI ESTIMATOR Variations of it exist.",),
                      keeps=("It depends linearly on K. 5.3 percent of the cases vary.",))(searched(_HEADING_INSIDE))
rule("glued_heading", "layout", "heading run into a sentence",
     drops=("A PROOF OF LEMMA 1 In this section we prove it.", 'Un système universelLe futur système sera simple.'),
     keeps=("The EU AI Act applies from 2026.", "PowerPoint slides were shown."))(lambda text: glued_heading(text) is not None)
rule("dash_label", "layout", "a definition or labelled entry, not a sentence",
     drops=("Choice of Law and Forum - This Agreement is governed by Scots law.", "Party - Bank of America or Supplier."),
     keeps=("Microsoft - the company behind Windows - said it would appeal.",))(matched(DASH_LABEL))


#: Note markers and labels that leak from map notes or from the prompt into key points.
_MARKER = re.compile(
    r"^\s*(facts?|notes?|keywords?|key points?|summary|point|text|pages?)\s*(\(|:|-\s)", re.IGNORECASE
)


_PAGES_TAG = re.compile(r"\((?:pages?|p\.)\s*\d+(?:\s*(?:,|and|-)\s*\d+)*\)", re.IGNORECASE)
rule("note_marker", "layout", "marker",
     drops=("Key points: the rate rose.", "The rate rose (pages 3, 4)."),
     keeps=("The summary of the talks was short.",))(lambda text: bool(_MARKER.match(text) or _PAGES_TAG.search(text)))


#: Clause numbers a sentence of the document starts with ("3.3 Provider shall...").
NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)+\.?|\d+\.|\(\d+\)|\([a-z]\)|[a-z]\))\s+")


#: A clause number the model copied before a sentence ("7. MICOA will ..."); unlike NUMBERING,
#: not a figure that starts a sentence ("2.5 million children were ...").
CLAUSE_NUMBER = re.compile(r"^\s*(?:\d+\.(?:\d+\.?)*|\([a-z0-9]{1,3}\))\s+(?=[A-ZÀ-Þ])")


#: "Speaker 2:", "说话人1：", "- ", "• ": labels and bullets before a transcript turn or list item.
LABEL = re.compile(r"^\s*(?:[-–•*]\s+|[^\s:：]{1,12}[:：]\s*)")


#: "2.", "4.1", "IV.", "Article 3", "Section 12(b)", "§ 5" at the start of a heading.
HEADING_NUMBER = re.compile(
    r"^\s*(?:(?:article|section|clause|chapter|part|§)\s*)?(?:\d+(?:\.\d+)*|[ivxlc]+)[.):]?\s+", re.IGNORECASE
)


_WORD = re.compile(r"[^\W_]+")


_LINE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*\s*$")


def plain_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def plain(text: str) -> str:
    return " ".join(plain_words(text))


def document_headings(document_text: str) -> set[str]:
    """Short lines of the document that stand alone (headings), in plain form, numbering removed."""
    headings = set()
    for line in document_text.splitlines():
        line = line.strip()
        if 0 < len(line) <= 80 and not _LINE_END.search(line) and len(plain_words(line)) <= 8:
            headings.add(plain(HEADING_NUMBER.sub("", line)))
    headings.discard("")
    return headings


def heading_like(text: str, headings: set[str] = frozenset()) -> bool:
    """A few words without a verb's sentence: a heading of the document, or numbered, or in Title Case."""
    words = plain_words(text)
    if not words or len(words) > 8 or _LINE_END.search(text.strip()):
        return False
    if plain(HEADING_NUMBER.sub("", text)) in headings or HEADING_NUMBER.match(text):
        return True
    return len(words) <= 5 and title_case(text)
