"""The bounds on what policygen reads, each with why it is what it is (the one home of these numbers).

Policies arrive as e-mail attachments, from old file servers and web pages: damaged, huge, sometimes
hostile. Every limit here is far above the real policies we have (the largest file of the corpus, the
development set and the 例規集 samples is 28 KB, the longest line 234 characters) and below what would
exhaust a workstation; crossing one is a PolicygenError naming the file, raised before the expensive
step it protects.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from policygen.errors import PolicygenError

MIB = 1024 * 1024

# Any input file: room for a PDF or .docx with scanned pages and images. The file is held in memory
# while it is read.
MAX_INPUT_BYTES = 128 * MIB
# Text, Markdown and HTML: parsed HTML takes over 30 times its size in memory (a 58 MB page ran out of
# 2 GB; an 8 MB one is read within 1 GB), so these are held to much less.
MAX_TEXT_INPUT_BYTES = 8 * MIB

# .docx (a zip archive): what the archive says each part inflates to is checked before anything is
# inflated. The main text of a 10,000-paragraph document is 1.5 MB (measured); images are the big parts.
# XML parts are parsed whole into a tree several times their size, so they are held to less.
MAX_DOCX_PART_BYTES = 128 * MIB
MAX_DOCX_XML_PART_BYTES = 32 * MIB
MAX_DOCX_TOTAL_BYTES = 256 * MIB
# WordprocessingML compresses about 5 to 1 (a Word draft), 47 to 1 when very repetitive (10,000 generated
# paragraphs); a zip bomb of spaces reaches 1,000 to 1. Parts smaller than
# MIN_RATIO_CHECK_BYTES are not held to the ratio (a tiny, very regular part may compress better).
MAX_DOCX_COMPRESSION_RATIO = 200
MIN_RATIO_CHECK_BYTES = 1 * MIB
# A Word document has a few dozen parts; thousands are an archive that is not one.
MAX_DOCX_PARTS = 10_000

# PDF: a byte budget for everything inflated from the file's streams (page contents, fonts, object
# streams). The 500-page PDF of the tests inflates to 0.4 MB in all.
MAX_PDF_STREAM_BYTES = 64 * MIB
MAX_PDF_INFLATED_BYTES = 256 * MIB
# A 例規集 export of a whole body runs to a few thousand pages; 500 simple pages are read in about 11 s.
MAX_PDF_PAGES = 5_000

# YAML (profiles, corpus meta.yaml): a profile nests 4 levels at most and holds some hundred values;
# nesting and alias expansion past these bounds is a YAML bomb, not a profile.
MAX_YAML_DEPTH = 64
MAX_YAML_NODES = 100_000

# HTML: element nesting followed as structure; deeper elements (5,000 unclosed <font> tags on an old
# page) are read as plain text inside the block that holds them.
MAX_HTML_BLOCK_DEPTH = 100

# Text handed to MeCab at once: fugashi crashes (segmentation fault) on a single "word" of some
# hundred thousand characters (200,000 in the tests); the longest line of the real policies is 234.
MAX_TAGGER_CHARS = 4_096

# Paragraphs of one document: a consolidated policy with its standards runs to some thousands; comparing
# grows with the count (10,000 paragraphs take about 30 s).
MAX_PARAGRAPHS = 50_000

# Characters of one paragraph: the longest real one has hundreds; a 5 MB line is a file that is not a
# policy (a minified page, a data dump); a 290,000-character one is compared in about 11 s.
MAX_PARAGRAPH_CHARS = 300_000


def read_input(path: str | Path, *, what: str = "") -> bytes:
    """Return the bytes of a regular input file, refusing devices, FIFOs and files over MAX_INPUT_BYTES."""
    path = Path(path)
    try:
        info = os.stat(path)  # before open: opening a FIFO would block
    except FileNotFoundError:
        raise PolicygenError(f"{path}: no such file") from None
    except OSError as exc:
        raise PolicygenError(f"{path}: cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise PolicygenError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise PolicygenError(f"{path}: not a regular file (a device, pipe or socket); give a {what or 'policy'} file")
    if info.st_size > MAX_INPUT_BYTES:
        raise PolicygenError(f"{path}: {info.st_size / MIB:.0f} MB is over the {MAX_INPUT_BYTES // MIB} MB limit for an input file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)  # the file may grow after stat
    except OSError as exc:
        raise PolicygenError(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise PolicygenError(f"{path}: over the {MAX_INPUT_BYTES // MIB} MB limit for an input file")
    return data


_FORMAT_NAMES = {"text": "text", "markdown": "Markdown", "html": "HTML"}


def check_text_size(data: bytes, fmt: str, label: str) -> None:
    """Refuse a text, Markdown or HTML input over MAX_TEXT_INPUT_BYTES, before it is decoded or parsed."""
    if len(data) > MAX_TEXT_INPUT_BYTES:
        raise PolicygenError(f"{label or 'input'}: {len(data) / MIB:.0f} MB is over the {MAX_TEXT_INPUT_BYTES // MIB} MB "
                             f"limit for {_FORMAT_NAMES.get(fmt, fmt)} input (is this one policy?)")


def check_zip_sizes(archive, label: str) -> None:
    """Refuse a zip archive whose parts would inflate past the .docx limits (read from its directory)."""
    infos = archive.infolist()
    if len(infos) > MAX_DOCX_PARTS:
        raise PolicygenError(f"{label}: {len(infos)} parts in the archive, over the limit of {MAX_DOCX_PARTS}")
    total = 0
    for info in infos:
        size = info.file_size
        xml = info.filename.lower().endswith((".xml", ".rels"))
        limit = MAX_DOCX_XML_PART_BYTES if xml else MAX_DOCX_PART_BYTES
        if size > limit:
            raise PolicygenError(f"{label}: part {info.filename} would inflate to {size / MIB:.0f} MB, over the "
                                 f"{limit // MIB} MB limit")
        if size >= MIN_RATIO_CHECK_BYTES and size > MAX_DOCX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise PolicygenError(f"{label}: part {info.filename} is compressed {size // max(info.compress_size, 1)} to 1, "
                                 f"over the limit of {MAX_DOCX_COMPRESSION_RATIO} to 1 (a zip bomb?)")
        total += size
        if total > MAX_DOCX_TOTAL_BYTES:
            raise PolicygenError(f"{label}: the archive would inflate to over {MAX_DOCX_TOTAL_BYTES // MIB} MB")


def check_docx_bytes(data: bytes, label: str) -> None:
    """Refuse a .docx whose parts would inflate past the limits; a damaged archive is left to its reader."""
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError):  # damaged: its reader says how
        return
    with archive:
        check_zip_sizes(archive, label)


def check_paragraphs(texts: list[str], label: str) -> None:
    """Refuse over MAX_PARAGRAPHS paragraphs or one over MAX_PARAGRAPH_CHARS, before clauses are built."""
    if len(texts) > MAX_PARAGRAPHS:
        raise PolicygenError(f"{label or 'input'}: {len(texts):,} paragraphs, over the limit of {MAX_PARAGRAPHS:,} "
                             "(is this one policy?)")
    for number, text in enumerate(texts, start=1):
        if len(text) > MAX_PARAGRAPH_CHARS:
            raise PolicygenError(f"{label or 'input'}: paragraph {number} has {len(text):,} characters, over the limit of "
                                 f"{MAX_PARAGRAPH_CHARS:,} (is this a policy?)")


def load_yaml(text: str, source: str):
    """Parse YAML safely within MAX_YAML_DEPTH and MAX_YAML_NODES; any problem is one PolicygenError line.

    Nesting is measured on the event stream (the composer would recurse once per level, so 3,000 levels
    end in a RecursionError), and alias expansion on the composed graph before anything is built from it
    (an anchor bomb is small as text and as a graph, and huge once walked).
    """
    import yaml

    def where(mark) -> str:
        return f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""

    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise PolicygenError(f"{source}: {where(event.start_mark)}nested over {MAX_YAML_DEPTH} levels deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        loader = _loader_class()(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_expansion(node, source)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PolicygenError(f"{source}: {where(mark)}invalid YAML: {problem}") from None


def _check_expansion(root, source: str) -> None:
    """Refuse a YAML graph that expands to more than MAX_YAML_NODES values, or refers to itself."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > MAX_YAML_NODES:
                raise PolicygenError(f"{source}: {_mark(node)}aliases expand to over {MAX_YAML_NODES:,} values "
                                     "(an alias bomb?)")
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise PolicygenError(f"{source}: {_mark(node)}an alias refers to the value that contains it")
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                raise PolicygenError(f"{source}: {_mark(child)}an alias refers to the value that contains it")
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node) -> list:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _mark(node) -> str:
    mark = getattr(node, "start_mark", None)
    return f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""


def _loader_class():
    """Return a SafeLoader whose impossible dates (2026-02-30) are YAML errors with a line, not crashes."""
    import yaml

    class Loader(yaml.SafeLoader):
        def construct_yaml_timestamp(self, node):  # type: ignore[override]
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError as exc:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{node.value!r} is not a date ({exc})", node.start_mark) from None

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader
