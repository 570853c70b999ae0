"""Contract fields against lawyers' answers: docsum's parties, effective date and term
(with renewal) judged against the clauses CUAD's annotators marked for the same questions
(`../shared/corpus/contracts/cuad_clause_qa.jsonl`: {id, text, qa: [{question, answer}]}).

A field agrees with an answer when it states what the answer's clause states: the parties'
names, the date's numbers, the term's duration (and, for renewal, that it renews).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bench.quality.halves import in_half

#: Number words a clause writes its durations with ("five (5) years"); the bench's own, apart from
#: docsum's, so that the fields are not judged by the rules that made them.
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}
_DURATION = re.compile(r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\b(?:\s*\(\d+\))?[\s-]*(years?|months?|weeks?|days?)\b",
                       re.IGNORECASE)
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def durations(text: str) -> set[int]:
    """The durations a text states, in days (a month as 30, so "36 months" and "three years" differ
    by 15 days: compared within a month, below)."""
    out = set()
    for number, unit in _DURATION.findall(text or ""):
        value = int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
        out.add(value * _DAYS[unit.lower().rstrip("s")])
    return out


def _same_duration(wanted: set[int], stated: set[int]) -> bool:
    return any(abs(a - b) <= 30 and abs(a - b) <= 0.05 * max(a, b) or a == b for a in wanted for b in stated)


def content_words(text: str) -> set[str]:
    """The words of more than three letters, lower case."""
    return set(re.findall(r"[^\W\d_]{4,}", text.lower()))


#: CUAD category -> the docsum field it is judged against.
CATEGORIES = {
    "Parties": "parties",
    "Agreement Date": "effective_date",
    "Effective Date": "effective_date",
    "Expiration Date": "term",
    "Renewal Term": "term",
}
_CATEGORY = re.compile(r'related to "([^"]+)"')
_NAME_STOP = {"the", "this", "party", "parties", "agreement", "each", "and", "are", "referred", "herein", "individually",
              "collectively", "sometimes", "hereinafter", "inc", "ltd", "llc", "corporation", "company"}


@dataclass(frozen=True)
class Question:
    contract: str
    category: str
    field: str
    answer: str


def load_questions(path: Path, half: str | None = None) -> tuple[list[dict], list[Question]]:
    """The contracts (of one half, bench.quality.halves, when half is given) and their
    questions about parties, dates, term and renewal."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if half is not None:
        kept = in_half([r["id"] for r in records], half)
        records = [r for r in records if r["id"] in kept]
    contracts, questions = [], []
    for record in records:
        contracts.append(record)
        for qa in record["qa"]:
            match = _CATEGORY.search(qa["question"])
            if match and match.group(1) in CATEGORIES:
                questions.append(Question(record["id"], match.group(1), CATEGORIES[match.group(1)], qa["answer"]))
    return contracts, questions


def clause_reference(record: dict) -> str:
    """A clause-QA contract's reference for a reader: the clauses lawyers marked, by category."""
    lines = []
    for qa in record.get("qa", []):
        found = _CATEGORY.search(qa.get("question", ""))
        if found and qa.get("answer", "").strip():
            lines.append(f"{found.group(1)}: {' '.join(qa['answer'].split())}")
    return "\n".join(lines)


def _name_words(text: str) -> set[str]:
    words = re.findall(r"[A-Za-z][\w'&.-]*[\w']|[A-Z]", text)
    return {w.lower().strip(".") for w in words if w[:1].isupper() and w.lower().strip(".") not in _NAME_STOP}


def agrees(question: Question, contract: dict | None) -> bool:
    """Whether docsum's contract block states what the lawyers' answer does."""
    if not contract:
        return False
    value = contract.get(question.field)
    if question.field == "parties":
        named = _name_words(" ".join(value or []))
        wanted = _name_words(question.answer)
        return bool(wanted) and len(wanted & named) / len(wanted) >= 0.6
    text = value or ""
    if question.field == "effective_date":
        years = set(re.findall(r"\b(?:19|20)\d\d\b", question.answer))
        if years:
            return years <= set(re.findall(r"\b(?:19|20)\d\d\b", text))
        # A date defined by the signatures ("the date last written below"): any value that
        # says so, or none, is right; a made-up calendar date is not, nor a number that is no
        # date at all (a party's ZIP code).
        return not text or (not re.search(r"\b(?:19|20)\d\d\b", text) and not re.fullmatch(r"[\d\s.,/-]+", text))
    wanted = durations(question.answer)
    if question.category == "Renewal Term" and not re.search(r"renew|extend|extension|successive", text, re.IGNORECASE):
        return False
    if wanted:
        return _same_duration(wanted, durations(text))
    # No duration to compare ("through the day prior to the second anniversary"): most of the
    # clause's content words must be there.
    clause = content_words(question.answer)
    return bool(clause) and len(clause & content_words(text)) >= 0.5 * len(clause)


def score_contracts(questions: list[Question], blocks: dict[str, dict | None]) -> dict:
    """Agreement per category and overall, with every judgement for reading."""
    judged = [
        {"contract": q.contract, "category": q.category, "answer": q.answer[:300],
         "docsum": (blocks.get(q.contract) or {}).get(q.field), "agrees": agrees(q, blocks.get(q.contract))}
        for q in questions
    ]
    by_category: dict[str, list[bool]] = {}
    for j in judged:
        by_category.setdefault(j["category"], []).append(j["agrees"])
    return {
        "questions": len(judged),
        "agreement": round(sum(j["agrees"] for j in judged) / len(judged), 4) if judged else None,
        "by_category": {c: f"{sum(v)}/{len(v)}" for c, v in by_category.items()},
        "judged": judged,
    }


def run_contracts(path: Path, summarize_text, log=print, half: str | None = None) -> dict:
    """summarize_text(id, text) -> docsum's summary dict, for every contract (of the half); scored."""
    contracts, questions = load_questions(path, half)
    blocks: dict[str, dict | None] = {}
    runs = []
    for record in contracts:
        data = summarize_text(record["id"], record["text"])
        blocks[record["id"]] = data.get("contract") if data else None
        runs.append({"id": record["id"], "doc_type": data.get("doc_type") if data else None,
                     "mode": data["strategy"]["mode"] if data else None,
                     "seconds": data["timings"].get("total_s") if data else None,
                     "contract": blocks[record["id"]], "error": None if data else "failed"})
        log(f"{record['id']}: {runs[-1]['doc_type']} {runs[-1]['mode']} {runs[-1]['seconds']}s")
    return {**score_contracts(questions, blocks), "runs": runs}


def rescore_contracts(path: Path, runs: list[dict], half: str | None = None) -> dict:
    """The stored contract blocks of an earlier run judged again (after the judging changed)."""
    _, questions = load_questions(path, half)
    return {**score_contracts(questions, {r["id"]: r["contract"] for r in runs}), "runs": runs}


def runs_from_records(path: Path, records: list[dict], half: str | None = None, system: str = "docsum") -> list[dict]:
    """The contract runs a quality run already made (its panel held the contracts): one per contract
    of the half; a record that repeats another's text (the clause-QA file holds one contract twice,
    with other questions) takes that one's summary."""
    contracts, _ = load_questions(path, half)
    mine = {r["id"]: r for r in records if r["system"] == system and r.get("document")}
    by_text = {c["text"]: mine[c["id"]] for c in contracts if c["id"] in mine}
    runs = []
    for c in contracts:
        r = mine.get(c["id"]) or by_text.get(c["text"])
        doc = r["document"] if r else None
        runs.append({"id": c["id"], "doc_type": doc and doc.get("doc_type"), "mode": doc and doc["strategy"]["mode"],
                     "seconds": doc and doc["timings"].get("total_s"), "contract": doc and doc.get("contract"),
                     "error": None if doc else "not in the run"})
    return runs


def contracts_table(result: dict) -> str:
    """Markdown: agreement per category and overall."""
    lines = ["| question | agree |", "|---|---|"]
    lines += [f"| {c} | {v} |" for c, v in result["by_category"].items()]
    lines.append(f"| **all {result['questions']}** | **{result['agreement']:.0%}** |")
    return "\n".join(lines)
