"""The systems compared side by side: docsum, and three baselines on the same documents.

Each takes a Pair and returns an Output; none sees another's results. Lead-N,
LexRank and docsum are told the reference's length (the usual convention for
extractive baselines; docsum through --length); LangChain's chain has no length
option, so its answer is cut to the reference's length when it is longer.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from jsonschema import Draft202012Validator

from bench.quality.metrics import tokenize
from bench.quality.pairs import Pair
from core.errors import DocsumError
from docsum.pipeline import Pipeline
from core.settings import Settings
from summarize.engines.base import Engine
from summarize.length import Length
from summarize.schema import DOCUMENT_SCHEMA


@dataclass
class Output:
    """What one system made of one document."""

    text: str = ""  # the summary text that ROUGE scores
    seconds: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    truncated: bool = False  # cut off by a token limit
    document: dict | None = None  # docsum's whole summary document
    schema_valid: bool | None = None  # None: the system has no schema
    error: str | None = None
    extra: dict = field(default_factory=dict)


class System(Protocol):
    name: str

    def summarize(self, pair: Pair) -> Output: ...


def _budget(pair: Pair) -> int:
    return len(tokenize(pair.reference))


def _within_budget(items: list, budget: int, text=str) -> list:
    """Items in the given order until their text reaches the budget of tokens (the last one may cross it)."""
    chosen, used = [], 0
    for item in items:
        if used >= budget:
            break
        chosen.append(item)
        used += len(tokenize(text(item)))
    return chosen


def sentences(text: str, language: str) -> list[str]:
    """The text's sentences by pysbd (English rules for a language it has none for): the baselines'
    own splitter, not docsum's, which mends pysbd's cuts."""
    import pysbd

    try:
        segmenter = pysbd.Segmenter(language=language, clean=False)
    except ValueError:
        segmenter = pysbd.Segmenter(language="en", clean=False)
    return [s.strip() for line in text.splitlines() for s in segmenter.segment(line) if s.strip()]


class Lead:
    """The document's first sentences, up to the reference's length."""

    name = "lead"

    def summarize(self, pair: Pair) -> Output:
        started = time.perf_counter()
        text = " ".join(_within_budget(sentences(pair.text, pair.lang), _budget(pair)))
        return Output(text=text, seconds=time.perf_counter() - started)


# sumy names languages in English; its stop-word lists and Snowball stemmers ship with it.
_SUMY_LANGUAGES = {
    "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
    "pt": "portuguese", "cs": "czech", "sk": "slovak", "pl": "polish", "el": "greek",
    "uk": "ukrainian", "zh": "chinese", "ja": "japanese", "ko": "korean", "ar": "arabic",
}


class _SentenceTokenizer:
    """sumy's tokenizer interface, backed by pysbd and our ROUGE tokenizer.

    sumy's own Tokenizer needs NLTK's punkt data, which it downloads at run
    time; these machines cannot, and a small box should not.
    """

    def __init__(self, language: str):
        self.language = language

    def to_sentences(self, text: str) -> list[str]:
        return sentences(text, self.language)

    def to_words(self, sentence: str) -> list[str]:
        return tokenize(sentence)


class LexRank:
    """sumy's LexRank, its best-ranked sentences in document order, up to the reference's length."""

    name = "lexrank"

    def summarize(self, pair: Pair) -> Output:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer, null_stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words

        started = time.perf_counter()
        language = _SUMY_LANGUAGES.get(pair.lang)
        tokenizer = _SentenceTokenizer(pair.lang)
        sentences = [Sentence(s, tokenizer) for s in tokenizer.to_sentences(pair.text)]
        document = ObjectDocumentModel([Paragraph(sentences)])
        summarizer = LexRankSummarizer(Stemmer(language) if language else null_stemmer)
        if language:
            summarizer.stop_words = get_stop_words(language)
        budget = _budget(pair)
        # sumy hands the ranked sentences to a callable count: keep the best until the budget.
        chosen = summarizer(document, lambda ranked: _within_budget(ranked, budget, lambda info: str(info.sentence)))
        return Output(text=" ".join(str(s) for s in chosen), seconds=time.perf_counter() - started)


def length_for(pair: Pair) -> int:
    """The reference's length as docsum's --length in words (a CJK "word" is about 1.6 characters,
    and the ROUGE tokenizer counts CJK characters one by one)."""
    tokens = _budget(pair)
    words = tokens if Length(1, pair.lang).spaced else round(tokens / 1.6)
    return max(20, min(1000, words))


class Docsum:
    """docsum itself, through the same entry point as `docsum summarize FILE`, told the reference's
    length (as Lead and LexRank are) unless fixed_length is set."""

    name = "docsum"

    def __init__(self, settings: Settings, engine: Engine, fixed_length: bool = False):
        self.settings = settings
        self.engine = engine
        self.fixed_length = fixed_length
        self.validator = Draft202012Validator(DOCUMENT_SCHEMA)

    def summarize(self, pair: Pair) -> Output:
        settings = self.settings if self.fixed_length else self.settings.replace(length=str(length_for(pair)))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{pair.id.replace('/', '_')}.txt"
            path.write_text(pair.text, encoding="utf-8")
            started = time.perf_counter()
            try:
                summary = Pipeline.with_engine(settings, self.engine).summarize_file(path)
            except DocsumError as exc:
                return Output(seconds=time.perf_counter() - started, error=str(exc), schema_valid=False)
            seconds = time.perf_counter() - started
        data = summary.to_dict()
        return Output(
            text=data["summary"],
            seconds=seconds,
            prompt_tokens=data["usage"]["prompt_tokens"],
            completion_tokens=data["usage"]["completion_tokens"],
            document=data,
            schema_valid=not any(True for _ in self.validator.iter_errors(data)),
            extra={"mode": data["strategy"]["mode"], "chunks": data["strategy"]["chunks"],
                   "length_words": data["strategy"].get("length_words")},
        )


class LangChainMapReduce:
    """LangChain's classic map_reduce summarize chain over the same GGUF model, as its docs show it.

    Three of LlamaCpp's defaults are changed, in LangChain's favour: n_batch 8
    (prefill one eighth as fast) becomes 512; rope_freq_base 10000, which
    overrides the model's own value and breaks Qwen2.5 (trained with 1e6),
    becomes 0, "from the model"; and it gets docsum's thread count instead of
    half the cores. Greedy decoding, like docsum.
    """

    name = "langchain"
    MAX_TOKENS = 256

    def __init__(self, model_path: Path, n_ctx: int, threads: int):
        from langchain_community.llms import LlamaCpp

        self.n_ctx = n_ctx
        self.llm = LlamaCpp(
            model_path=str(model_path),
            n_ctx=n_ctx,
            n_batch=512,
            n_threads=threads,
            model_kwargs={"n_threads_batch": threads},
            rope_freq_base=0.0,
            max_tokens=self.MAX_TOKENS,
            temperature=0.0,
            streaming=False,
            verbose=False,
        )

    def summarize(self, pair: Pair) -> Output:
        from langchain_classic.chains.summarize import load_summarize_chain
        from langchain_core.callbacks import BaseCallbackHandler
        from langchain_core.documents import Document as LCDocument
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        llm = self.llm

        class Counter(BaseCallbackHandler):
            prompt_tokens = completion_tokens = calls = last = 0

            def on_llm_start(self, serialized, prompts, **kwargs):
                self.prompt_tokens += sum(llm.get_num_tokens(p) for p in prompts)

            def on_llm_end(self, response, **kwargs):
                for generations in response.generations:
                    for g in generations:
                        self.last = llm.get_num_tokens(g.text)
                        self.completion_tokens += self.last
                        self.calls += 1

        counter = Counter()
        started = time.perf_counter()
        # Chunks as large as the context allows after the prompt and the answer.
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=self.n_ctx - self.MAX_TOKENS - 64, chunk_overlap=100, length_function=llm.get_num_tokens
        )
        chunks = [LCDocument(page_content=t) for t in splitter.split_text(pair.text)]
        chain = load_summarize_chain(llm, chain_type="map_reduce")
        try:
            result = chain.invoke({"input_documents": chunks}, config={"callbacks": [counter]})
        except ValueError as exc:  # e.g. a prompt longer than the context
            return Output(seconds=time.perf_counter() - started, error=str(exc).splitlines()[0])
        words = result["output_text"].split()
        budget = _budget(pair)
        text = " ".join(_within_budget(words, budget)) if len(tokenize(result["output_text"])) > budget else result["output_text"]
        return Output(
            text=text.strip(),
            seconds=time.perf_counter() - started,
            prompt_tokens=counter.prompt_tokens,
            completion_tokens=counter.completion_tokens,
            truncated=counter.last >= self.MAX_TOKENS,
            extra={"chunks": len(chunks), "calls": counter.calls},
        )
