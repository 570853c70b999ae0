"""A real illegal instruction: what a CPU does with code built for instructions it lacks.

`python -m tests.helpers.sigill` executes ud2 (an opcode defined to be invalid on every
x86-64 CPU) from an executable page, and the kernel kills the process with SIGILL.
Elsewhere it falls back to raising SIGILL itself, which a parent sees the same way.
"""

from __future__ import annotations

import ctypes
import mmap
import os
import platform
import signal
import sys

UD2 = b"\x0f\x0b"


def illegal_instruction() -> None:
    """Die of SIGILL, the way the AMX kernels die on the machines that refuse them."""
    if platform.machine() in ("x86_64", "AMD64"):
        page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        page.write(UD2)
        address = ctypes.addressof(ctypes.c_char.from_buffer(page))
        ctypes.CFUNCTYPE(None)(address)()
    os.kill(os.getpid(), signal.SIGILL)


if __name__ == "__main__":
    illegal_instruction()
    sys.exit(0)  # never reached
