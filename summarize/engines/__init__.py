"""What runs the model: the engine protocol (`base`), the built-in engines named in
`registry`, and what they need (chat template, grammar, token counting, HTTP)."""
