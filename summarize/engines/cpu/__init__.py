"""The in-process engine and the CPU it lands on: what the CPU offers, what llama.cpp was
built with, a probe that proves the pair in a subprocess, the fallback builds setup tries
when the probe dies of a signal, and the CPU variants of a portable build.

Nothing here imports llama_cpp in the calling process: a library built for instructions
this CPU lacks may die of SIGILL on first use, and only a subprocess may take that risk.
"""
