"""Sort a review's blocks into title, reviewed work, body, reference list and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exporter.reader.references.finding import MARKDOWN_HEAD, NOTE, Entry, Note, find_back_matter
from exporter.reader.source import Block, Source

__all__ = ["BodyItem", "Layout", "Note", "lay_out"]

TITLE = re.compile(r"^Review:\s*")
QUOTE_LINE = re.compile(r"^(?:>\s?|    )")


@dataclass
class BodyItem:
    kind: str  # "p", "head", "quote"
    block: Block
    offset: int = 0
    level: int = 1


@dataclass
class Layout:
    title: Block | None = None
    title_offset: int = 0
    reviewed: Block | None = None
    body: list[BodyItem] = field(default_factory=list)
    references: list[Entry] = field(default_factory=list)
    references_head: str | None = None
    notes: list[Note] = field(default_factory=list)


def lay_out(source: Source, all_blocks: list[Block]) -> Layout:
    layout = Layout()
    if not all_blocks:
        source.error(1, 1, "empty file: a review starts with a line 'Review: TITLE'")
        return layout
    _read_title(source, layout, all_blocks[0])
    if len(all_blocks) < 2:
        source.error(
            all_blocks[0].line + 1, 1, "the review has a title but no reviewed-work line and no text"
        )
        return layout
    layout.reviewed = all_blocks[1]
    rest = all_blocks[2:]
    back = find_back_matter(source, rest)
    layout.references, layout.notes = back.references, back.notes
    layout.references_head = back.references_head
    body = rest[: back.body_end]
    marked = any(len(b.lines) == 1 and MARKDOWN_HEAD.match(b.text) for b in rest)
    layout.body = [_body_item(b, marked) for b in body]
    if not layout.body:
        source.error(all_blocks[1].line + 1, 1, "the review has no body paragraphs")
    return layout


def _read_title(source: Source, layout: Layout, block: Block) -> None:
    layout.title = block
    match = TITLE.match(block.text)
    if match:
        layout.title_offset = match.end()
    else:
        source.warn(block.line, 1, "the first line does not start with 'Review:'; read as the title")


def _body_item(block: Block, marked: bool) -> BodyItem:
    """A heading, a block quotation or a paragraph. In a review that marks its headings with '#',
    a short line without final punctuation is a paragraph (a caption, a link, a list's item), as
    the writer marked every heading there is."""
    if len(block.lines) == 1 and (head := MARKDOWN_HEAD.match(block.text)):
        return BodyItem("head", block, head.start(2), len(head.group(1)))
    if all(QUOTE_LINE.match(line) for line in block.lines):
        return BodyItem("quote", _unquoted(block))
    if not marked and _looks_like_heading(block):
        return BodyItem("head", block)
    return BodyItem("p", block)


def _looks_like_heading(block: Block) -> bool:
    """A short single line with no closing punctuation, as reviews set section titles."""
    text = block.text.strip()
    return (
        len(block.lines) == 1
        and len(text.split()) <= 10
        and text[:1].isupper()
        and not re.search(r"[.,;:!?\"”’)\]]$", text)
        and not NOTE.match(text)
    )


def _unquoted(block: Block) -> Block:
    """The block with its '> ' or indentation markers taken off, positions kept."""
    result = Block("", block.line)
    for (_, line, _), raw in zip(block.starts, block.lines, strict=True):
        marker = QUOTE_LINE.match(raw)
        cut = marker.end() if marker else 0
        content = raw[cut:].strip()
        if result.text:
            result.text += " "
        result.starts.append((len(result.text), line, cut + 1 + (len(raw[cut:]) - len(raw[cut:].lstrip()))))
        result.text += content
        result.lines.append(content)
    return result
