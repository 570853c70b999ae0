"""Chat prompts as token lists in which document text is always data.

The model's own chat template is rendered with placeholder contents; the
template's pieces are tokenized with special tokens enabled and the message
contents with them disabled, so a literal "<|im_end|>" inside a document is
ordinary text and can never end the turn.
"""

from __future__ import annotations

from typing import Callable

from llama_cpp.llama_chat_format import Jinja2ChatFormatter

#: ChatML, for models whose GGUF carries no template.
CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)

_SYSTEM, _USER = "\u2063DOCSUM-SYSTEM-7F3A\u2063", "\u2063DOCSUM-USER-7F3A\u2063"

Tokenize = Callable[[str, bool, bool], list[int]]  # (text, add_bos, special) -> ids


class ChatPrompt:
    """Turns (system, user) into prompt token ids with the model's template."""

    def __init__(self, template: str | None, eos_token: str, tokenize: Tokenize):
        formatter = Jinja2ChatFormatter(template or CHATML, eos_token=eos_token, bos_token="")
        rendered = formatter(
            messages=[{"role": "system", "content": _SYSTEM}, {"role": "user", "content": _USER}]
        ).prompt
        if rendered.count(_SYSTEM) != 1 or rendered.count(_USER) != 1:
            # A template that drops or rewrites system messages: fall back to ChatML.
            rendered = Jinja2ChatFormatter(CHATML, eos_token=eos_token, bos_token="")(
                messages=[{"role": "system", "content": _SYSTEM}, {"role": "user", "content": _USER}]
            ).prompt
        head, rest = rendered.split(_SYSTEM)
        middle, tail = rest.split(_USER)
        self._tokenize = tokenize
        # add_bos on the first piece lets the vocabulary decide whether a BOS belongs there.
        self._head = tokenize(head, True, True)
        self._middle = tokenize(middle, False, True)
        self._tail = tokenize(tail, False, True)

    def tokens(self, system: str, user: str) -> list[int]:
        """Prompt ids; contents are tokenized with special-token parsing off."""
        fixed, rest = self.parts(system, user)
        return fixed + rest

    def parts(self, system: str, user: str) -> tuple[list[int], list[int]]:
        """The prompt's ids in two: what every prompt with this system message starts with
        (template head, system message, the user turn's opening), and the rest."""
        fixed = self._head + self._tokenize(system, False, False) + self._middle
        return fixed, self._tokenize(user, False, False) + self._tail
