"""A byte budget on what pdfminer inflates from one PDF's streams, so a flate bomb is refused, not expanded.

pdfminer inflates a stream whole with `zlib.decompress` (and retries a damaged one byte by byte); LZW and
run-length streams it decodes whole too. Within `budget()`, pdfminer's module sees a stand-in for zlib and lzwdecode
that stops at the limits in policygen.limits. The stand-in raises inside pdfminer, which swallows some
errors; the budget therefore also remembers that it ran out, and `budget()` raises after the read.
"""

from __future__ import annotations

import contextvars
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from policygen import limits
from policygen.errors import PolicygenError


class _Exhausted(Exception):
    """Raised inside pdfminer when a stream would pass the budget."""


class _Budget:
    def __init__(self) -> None:
        self.left = limits.MAX_PDF_INFLATED_BYTES
        self.exhausted = ""

    def allowance(self) -> int:
        """Return how many bytes one stream may still inflate to."""
        if self.exhausted:
            raise _Exhausted(self.exhausted)
        return min(limits.MAX_PDF_STREAM_BYTES, self.left)

    def spend(self, size: int, allowed: int) -> None:
        if size > allowed:
            if allowed < limits.MAX_PDF_STREAM_BYTES:
                self.exhausted = f"its streams inflate to over {limits.MAX_PDF_INFLATED_BYTES // limits.MIB} MB in all"
            else:
                self.exhausted = f"a stream inflates to over {limits.MAX_PDF_STREAM_BYTES // limits.MIB} MB"
            raise _Exhausted(self.exhausted)
        self.left -= size


_CURRENT: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("pdf_budget", default=None)


class _BoundedDecompress:
    """zlib.decompressobj's interface, stopping at the current budget."""

    def __init__(self, *args: Any) -> None:
        self._inner = zlib.decompressobj(*args)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        budget = _CURRENT.get()
        if budget is None:
            return self._inner.decompress(data, max_length)
        allowed = budget.allowance()
        if max_length and max_length <= allowed:
            allowed = max_length  # the caller asked for less than the budget allows: give it that
            out = self._inner.decompress(data, max_length)
        else:
            out = self._inner.decompress(data, allowed + 1)
        budget.spend(len(out), allowed)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BoundedZlib:
    """The zlib module as pdfminer uses it, with decompression held to the budget."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        decompressor = _BoundedDecompress(wbits)
        out = decompressor.decompress(data)
        if not decompressor.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says it
        return out

    decompressobj = _BoundedDecompress

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _bounded_lzwdecode(data: bytes) -> bytes:
    """pdfminer's LZW decoding, stopped when the output passes the budget."""
    import io

    from pdfminer.lzw import LZWDecoder

    budget = _CURRENT.get()
    allowed = budget.allowance() if budget is not None else None
    out: list[bytes] = []
    size = 0
    for piece in LZWDecoder(io.BytesIO(data)).run():
        out.append(piece)
        size += len(piece)
        if budget is not None and allowed is not None and size > allowed:
            budget.spend(size, allowed)
    if budget is not None and allowed is not None:
        budget.spend(size, allowed)
    return b"".join(out)


def _bounded_rldecode(data: bytes) -> bytes:
    """RunLengthDecode (PDF 1.7, 7.4.5), stopped when the output passes the budget (it expands up to 128 to 1)."""
    budget = _CURRENT.get()
    allowed = budget.allowance() if budget is not None else None
    out = bytearray()
    position = 0
    while position < len(data):
        length = data[position]
        if length == 128:  # end of data
            break
        if length < 128:  # copy the next length + 1 bytes
            out += data[position + 1 : position + 2 + length]
            position += 2 + length
        else:  # repeat the next byte 257 - length times
            out += data[position + 1 : position + 2] * (257 - length)
            position += 2
        if budget is not None and allowed is not None and len(out) > allowed:
            budget.spend(len(out), allowed)
    if budget is not None and allowed is not None:
        budget.spend(len(out), allowed)
    return bytes(out)


def _install() -> None:
    """Point pdfminer's stream decoding at the bounded stand-ins (once per process)."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
        pdftypes.lzwdecode = _bounded_lzwdecode
        pdftypes.rldecode = _bounded_rldecode


@contextmanager
def budget(label: str) -> Iterator[None]:
    """Hold the streams pdfminer inflates in this block to the limits; refuse the file when they pass."""
    _install()
    state = _Budget()
    token = _CURRENT.set(state)
    try:
        yield
    except _Exhausted:
        pass
    except Exception:
        if not state.exhausted:
            raise
    finally:
        _CURRENT.reset(token)
    if state.exhausted:
        raise PolicygenError(f"{label}: refused: {state.exhausted} (limit for a PDF)")
