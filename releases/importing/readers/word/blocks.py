"""What the writer gives: blocks of Markdown lines, each line with its place in the document
("paragraph 12", "table 2, row 3"), and the blocks joined into one text: a blank line between
two blocks, none before a block set tight against the one above (list items, contact lines)."""

from dataclasses import dataclass


@dataclass
class Block:
    lines: list[str]
    positions: list[str]
    tight: bool = False  # follows the block before without a blank line (list items, contact lines)


def join_blocks(blocks: list[Block]) -> tuple[list[str], list[str]]:
    """The blocks' lines that hold text, and each one's position."""
    lines: list[str] = []
    positions: list[str] = []
    for block in blocks:
        kept = [(line.rstrip(), where) for line, where in zip(block.lines, block.positions, strict=True)]
        kept = [(line, where) for line, where in kept if line.strip()]
        if not kept:
            continue
        if lines and not block.tight:
            lines.append("")
            positions.append(positions[-1])
        for line, where in kept:
            lines.append(line)
            positions.append(where)
    return lines, positions
