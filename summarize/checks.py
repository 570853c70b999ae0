"""Checks for the junk a schema-valid summary can still hold: key points that are headings
(alone or run into a sentence), note markers, pieces of sentences, courtesies, copies of the
summary or of each other, and numbers the document never states.

Pure functions over text, so the summarizer and the quality benchmark judge alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import Iterable, Iterator

from chunking.evidence import formula_gap
from core.words import is_cjk, jaccard
from rules.data import table

#: Note markers and labels that leak from map notes or from the prompt into key points.
_MARKER = re.compile(
    r"^\s*(facts?|notes?|keywords?|key points?|summary|point|text|pages?)\s*(\(|:|-\s)", re.IGNORECASE
)
_PAGES_TAG = re.compile(r"\((?:pages?|p\.)\s*\d+(?:\s*(?:,|and|-)\s*\d+)*\)", re.IGNORECASE)
#: "2.", "4.1", "IV.", "Article 3", "Section 12(b)", "§ 5" at the start of a heading.
_NUMBERING = re.compile(
    r"^\s*(?:(?:article|section|clause|chapter|part|§)\s*)?(?:\d+(?:\.\d+)*|[ivxlc]+)[.):]?\s+", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*\s*$")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _plain(text: str) -> str:
    return " ".join(_words(text))


def document_headings(document_text: str) -> set[str]:
    """Short lines of the document that stand alone (headings), in plain form, numbering removed."""
    headings = set()
    for line in document_text.splitlines():
        line = line.strip()
        if 0 < len(line) <= 80 and not _SENTENCE_END.search(line) and len(_words(line)) <= 8:
            headings.add(_plain(_NUMBERING.sub("", line)))
    headings.discard("")
    return headings


def heading_like(text: str, headings: set[str] = frozenset()) -> bool:
    """A few words without a verb's sentence: a heading of the document, or numbered, or in Title Case."""
    words = _words(text)
    if not words or len(words) > 8 or _SENTENCE_END.search(text.strip()):
        return False
    if _plain(_NUMBERING.sub("", text)) in headings or _NUMBERING.match(text):
        return True
    return len(words) <= 5 and title_case(text)


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
#: Thanks, welcomes, greetings and hand-overs: a meeting's courtesies, not its content, when that is all a turn says;
#: and a web page's prompts to read on ("Retrouvez tous les événements marquants de cette journée.").
#: Thanks, welcome, greetings to all, as a Chinese speaker says them.
_CJK_GREETING = r"感谢|谢谢|欢迎|大家好|各位好"
_COURTESY = re.compile(
    _CJK_GREETING + r"|你们好|(?:同仁|老师|校长|主持人|嘉宾|听众)(?:们)?好|很高兴(?:和|与|跟)大家"
    r"|\bthank(?:s| you)\b|\bwelcome\b|\bhello everyone\b|\bgood (?:morning|afternoon|evening)\b|\bdanke\b|\bmerci\b"
    r"|\bbonjour à tous\b|^(?:retrouvez|(?:à )?lire aussi|read more|click here|cliquez|lesen sie auch|mehr dazu)\b",
    re.IGNORECASE,
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
_NUMBERED = (
    r"(?:Definition|Definición|Défin\w*|Satz|Lemma|Lemme|Theorem|Théorème|Teorema|Proposition|Korollar|Corollary|Corollaire"
    r"|Bemerkung|Remark|Remarque|Beispiel|Example|Exemple|Abbildung|Figure|Fig\.|Figura|Table|Tabelle|Tableau|Tabla"
    r"|Equation|Gleichung|Équation|Algorithm|Algorithmus|Algorithme)\s+\d+(?:\.\d+)*"
)
#: Such a label opening a caption or a statement ("Definition 14 Sei X ...", "Figure 3: Accuracy", "Lemma 2
#: (Zorn) Jede ...") or alone with its name ("Bemerkung 1 (Mengen, die offen & abgeschlossen sind, ex.)");
#: "Table 2 shows that ...", "Figure 3 (a) shows ..." go on as sentences.
_CAPTION = re.compile(rf"^{_NUMBERED}\s*(?:[:.–-]|\([^()]*\)(?:\s+[A-ZÀ-Þ]|\s*$)|\s[A-ZÀ-Þ])")
#: An entity that is only such a label ("Definition 33", "R Definition 4").
LABEL_ONLY = re.compile(rf"(?:^|\s){_NUMBERED}$")


def caption(text: str) -> bool:
    """A figure's or table's caption, or a numbered definition or theorem: a label, not a finding."""
    return bool(_CAPTION.match(text))


#: "Agreement Number: CW251207 Effective Date: 11/4/10": a form's labels and values.
_FIELD_LABEL = re.compile(r"(?:^|\s)[A-ZÀ-Þ][\w.]*(?: [A-Za-zÀ-ÿ][\w.]*){0,2}:\s+\S")


def form_fields(text: str) -> bool:
    """Two or more "Label: value" pairs run together: a form or a cover page, not a sentence."""
    return len(_FIELD_LABEL.findall(text)) >= 2


#: One entry of a key: a code, a colon or a bracket at most, "=", its meaning ("2 (EN) = stark gefährdet").
_KEY_ENTRY = re.compile(r"(?:^|[;:,]\s*)[^\s;:,=][^;:,=]{0,24}\s=\s+[^\s=]")


def legend(text: str) -> bool:
    """A table's key run into text ("1 (CR) = vom Aussterben bedroht; 2 (EN) = stark gefährdet"):
    two or more codes with their meanings, not a sentence."""
    return len(_KEY_ENTRY.findall(text)) >= 2


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


def unbalanced(text: str) -> bool:
    """An opening bracket never closed, or a closing one never opened: a piece of a sentence."""
    return text.count("(") != text.count(")") or text.count("[") != text.count("]")


#: A speaker who greets, after the fillers of speech, and says who they are ("好，那个大家好，然后感谢
#: 童阳，我是 ..."): an introduction, however long; or a turn that closes the meeting ("我们就先在这里").
_INTRODUCES = re.compile(rf"^(?:[好嗯啊哦对那个么呃，,。\s]){{0,8}}(?:{_CJK_GREETING}).{{0,30}}我(?:是|叫|来自)")
_CLOSES = re.compile(r"(?:就|先)(?:到|在)这里|到此结束|圆满结束")


def courtesy(text: str) -> bool:
    """A short turn that thanks, welcomes, greets, hands over or closes (in CJK, under 36 characters),
    or a speaker's greeting and introduction."""
    cjk = sum(is_cjk(c) for c in text) >= 5
    short = len(text) < 36 if cjk else len(text.split()) < 12
    if cjk and len(text) < 80 and _INTRODUCES.match(text):
        return True
    return short and bool(_COURTESY.search(text) or (cjk and _CLOSES.search(text)))


def point_defect(text: str, summary: str, headings: set[str], others: list[str] = ()) -> str | None:
    """Why one key point is junk (a marker, a heading, a definition, too short, a courtesy, a signpost,
    a caption, form fields, formulas left out, a copy of the summary or of an earlier point), or None when it is worth reading."""
    words = _words(text)
    plain = _plain(text)
    plain_summary = _plain(summary)
    if _MARKER.match(text) or _PAGES_TAG.search(text):
        return f"marker: {text!r}"
    if heading_like(text, headings):
        return f"heading: {text!r}"
    if glued_heading(text):
        return f"heading run into a sentence: {text!r}"
    if DASH_LABEL.match(text):
        return f"a definition or labelled entry, not a sentence: {text!r}"
    if len(words) < 3:
        return f"too short: {text!r}"
    if unbalanced(text):
        return f"a piece of a sentence (unclosed bracket): {text!r}"
    if courtesy(text):
        return f"a courtesy, not content: {text!r}"
    if signpost(text):
        return f"a signpost, not content: {text!r}"
    if caption(text):
        return f"a caption or numbered statement: {text!r}"
    if form_fields(text):
        return f"form fields, not a sentence: {text!r}"
    if formula_gap(text):
        return f"formulas left out where they carry the point: {text!r}"
    if legend(text):
        return f"a table's key, not a sentence: {text!r}"
    if plain and plain_summary and (plain in plain_summary or plain_summary in plain or _near_sentence(set(words), summary)):
        # A sentence of the summary repeated as a point (or the summary itself) adds nothing.
        return f"copy of the summary: {text!r}"
    if any(jaccard(set(words), set(_words(other))) >= 0.8 for other in others):
        return f"repeats another key point: {text!r}"
    return None


#: A quotation mark that opens, or closes, a speaker's words ('"' does both).
_QUOTE_OPENS = re.compile(r"[\"“«„‹]\s*$")
_QUOTE_CLOSES = re.compile(r"^[.,!?…]?\s*[\"”»“›]")


def copies(words: list[str], text: str) -> Iterator[re.Match[str]]:
    """Where `text` writes these words in this order, whatever it puts between them (spaces,
    punctuation, line breaks; "stroke - free" for "stroke-free"), in any case."""
    return re.finditer(r"\W+".join(map(re.escape, words)), text, re.IGNORECASE)


def quotation(sentence: str, document_text: str) -> bool:
    """Whether the document gives `sentence` only as someone's words, between quotation marks
    ('"La crise est là, mais elle est gérée", a affirmé le chef du gouvernement'): alone in a
    summary or a key point, a speaker's claim reads as a fact."""
    words = re.findall(r"\w+", sentence)
    if not words or re.search(r"[\"“”«»„]", sentence):
        return False
    found = False
    for match in copies(words, document_text):
        before = document_text[max(0, match.start() - 3) : match.start()]
        if not (_QUOTE_OPENS.search(before) and _QUOTE_CLOSES.match(document_text[match.end() : match.end() + 4])):
            return False
        found = True
    return found


def key_point_defects(points: list[str], summary: str, document_text: str) -> list[str]:
    """One reason per defective key point (and one for too few points), in order."""
    headings = document_headings(document_text)
    defects = [
        d for i, text in enumerate(points)
        if (d := point_defect(text, summary, headings, points[:i])
            or (quotation(text, document_text) and f"a speaker's words without the speaker: {text!r}"))
    ]
    if len(points) < 3:
        defects.append(f"only {len(points)} key point(s)")
    return defects


def _stems(words: Iterable[str]) -> set[str]:
    """Words without a plural's or a verb's final s ("rnas are" and "rna is" say one thing)."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words}


def _near_sentence(words: set[str], summary: str) -> bool:
    """The point says what one sentence of the summary says: most of the same words, or
    nearly all of its words inside that sentence (a plural or a verb's number aside)."""
    words = _stems(words)
    for sentence in re.split(r"(?<=[.!?。！？])\s+", summary):
        other = _stems(_words(sentence))
        if other and (jaccard(words, other) >= 0.7 or len(words & other) >= 0.85 * len(words)):
            return True
    return False



# Digits with the separators numbers are written with: 1,000.50  1.000,50  10'000, and spaces
# only between groups of three (1 000 000), so "section 2 10 days" stays two numbers.
_NUMBER = re.compile(r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d(?:[\d,.']*\d)?")


def _forms(number: str) -> set[str]:
    """The values a written number may stand for: digits only, and with its last separator
    read as a decimal point (1.000 is a thousand in German, one in English)."""
    digits = re.sub(r"\D", "", number)
    forms = {digits.lstrip("0") or "0"}
    parts = re.split(r"[,.]", re.sub(r"['\u00a0\u202f ]", "", number))
    if len(parts) > 1:
        whole, fraction = "".join(parts[:-1]).lstrip("0") or "0", parts[-1].rstrip("0")
        forms.add(f"{whole}.{fraction}" if fraction else whole)
    return forms


def numbers_in(text: str) -> list[str]:
    """The numbers written in text, as written (trailing separators dropped)."""
    return [m.group().rstrip(",. ") for m in _NUMBER.finditer(text)]


#: The words for "per cent" after a number, per language (data: a language is added here).
PERCENT_WORDS: dict[str, tuple[str, ...]] = table("numbers", "percent_words")
_PERCENT_SIGN = r"(?:%|％|(?:" + "|".join(w for words in PERCENT_WORDS.values() for w in words) + r")(?!\w))"
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?" + _PERCENT_SIGN, re.IGNORECASE)
#: The start of a range of percentages ("5-10%", "5 to 10 percent"): a percentage too.
_RANGE_START = re.compile(
    r"(\d+(?:[.,]\d+)?)\s?%?\s?(?:-|–|—|to|and|or|bis|und|à|et|a|y|e|и|до)\s?\d+(?:[.,]\d+)?\s?" + _PERCENT_SIGN,
    re.IGNORECASE,
)


def _percents(text: str) -> set[str]:
    found = [m.group(1) for pattern in (_PERCENT, _RANGE_START) for m in pattern.finditer(text)]
    return {form for number in found for form in _forms(number)}


def unsupported_numbers(text: str, document_text: str) -> list[str]:
    """Numbers of two or more digits in text that the document never writes (in any of the
    usual notations). One-digit numbers are left out: documents spell them as words. A
    percentage, of any number of digits, must be one in the document: "1%" where a contract
    reads "[●%]" fills a blank the parties left."""
    known: set[str] = set()
    for number in numbers_in(document_text):
        known |= _forms(number)
    found = [m.group(1) for m in _PERCENT.finditer(text)]
    stated = _percents(document_text) if found else set()
    flagged = [n for n in found if not _forms(n) & stated]
    out = [f"{n}%" for n in flagged]
    for number in numbers_in(text):
        if number in flagged:
            continue
        parts = re.split(r"[.,']", number)
        if len(parts) > 2 and not all(len(p) == 3 for p in parts[1:-1]):
            pieces = parts  # 01.03.2024 or 1.2.3: a date or a version, judged part by part
        else:
            pieces = [number]
        for piece in pieces:
            if len(re.sub(r"\D", "", piece)) >= 2 and not _forms(piece) & known:
                out.append(number)
                break
    return out


def _script(ch: str) -> str:
    """The script a letter beyond Latin belongs to, by its Unicode name ("CJK", "CYRILLIC", "GREEK")."""
    return unicodedata.name(ch, "?").split()[0]


@functools.lru_cache(maxsize=8)
def _scripts(text: str) -> frozenset[str]:
    return frozenset(_script(ch) for ch in set(text) if ch.isalpha() and ord(ch) > 0x2FF)


def foreign_letters(text: str, document_text: str) -> bool:
    """A few letters of a script that neither the document nor the rest of the text writes: a
    small model slips into another language mid-word ("a price信用 on any such Product"). A
    summary written in another script than the document's is not foreign: its letters are most."""
    letters = [ch for ch in text if ch.isalpha()]
    counts = Counter(_script(ch) for ch in letters if ord(ch) > 0x2FF)
    return any(n * 2 < len(letters) and script not in _scripts(document_text) for script, n in counts.items())


def unsupported(text: str, document_text: str) -> bool:
    """Whether text states a number, or writes letters, that the document does not."""
    return bool(unsupported_numbers(text, document_text)) or foreign_letters(text, document_text)


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}
_DURATION = re.compile(r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\b(?:\s*\(\d+\))?[\s-]*(years?|months?|days?)\b", re.IGNORECASE)


def first_duration(text: str) -> set[tuple[int, str]]:
    """The first duration a text states, as durations() gives it (empty when it states none)."""
    found = _DURATION.search(text or "")
    return durations(found.group()) if found else set()


def durations(text: str) -> set[tuple[int, str]]:
    """The durations a text states, as (number, unit), each also in the other unit where it
    converts ("five (5) years" is (5, "year") and (60, "month"))."""
    out = set()
    for number, unit in _DURATION.findall(text or ""):
        value = int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
        unit = unit.lower().rstrip("s")
        out.add((value, unit))
        if unit == "month" and value % 12 == 0:  # 36 months is 3 years
            out.add((value // 12, "year"))
        if unit == "year":
            out.add((value * 12, "month"))
    return out
