"""How long rendering Markdown takes (releases/markdown.py): linear in the text's length.

    .venv/bin/python bench/markdown.py [--repeat 5]

Prints two tables. First, ordinary press-release Markdown (paragraphs with emphasis and links,
lists, a quotation, a table) from 1 KB up to the body limit: the time per kilobyte stays flat
when the cost is linear. Second, hostile patterns that stalled or crashed Python-Markdown (deep
lists and quotations, runs of brackets and emphasis, unclosed links), each at a tenth, half
and all of the limit: again flat per kilobyte, and the worst of them at the limit is the
longest rendering a body can take. Times are processor time (the best of --repeat runs), so
other work on a busy machine does not count.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from releases.markdown import MAX_BODY_CHARS, render_markdown  # noqa: E402

PARAGRAPHS = [
    "The agency **signed an agreement** today with its partners on the *joint mission*, "
    "which will [observe the climate](https://example.org/climate) for ten years.",
    "- a first satellite in 2028;\n- a second in 2030;\n- a ground segment shared by both.",
    "> We are proud of this cooperation, which brings our teams closer.",
    "| Launch | Orbit | Mass |\n| :--- | :---: | ---: |\n"
    "| 2028 | 700 km | 1,200 kg |\n| 2030 | 705 km | 1,250 kg |",
    "The mission's data will be open to all researchers, through the `data portal`, "
    "six months after their acquisition. Contact: <press@example.org>.",
]


def ordinary(size: int) -> str:
    text = "\n\n".join(PARAGRAPHS)
    return ("\n\n".join([text] * (size // len(text) + 1)))[:size]


def repeated(unit: str, *, end: str = ""):
    return lambda size: (unit * (size // len(unit) + 1))[: size - len(end)] + end


def nested_list(indent: str):
    def make(size: int) -> str:
        lines, total, depth = [], 0, 0
        while total < size:
            line = indent * depth + "- item"
            lines.append(line)
            total += len(line) + 1
            depth = depth + 1 if total < size // 2 else 0  # as deep as it goes, then again
        return "\n".join(lines)[:size]

    return make


def brackets(size: int) -> str:
    return "[" * (size // 2) + "x" + "]" * (size - size // 2 - 1)


HOSTILE = {
    "list markers on one line (- 1. )": repeated("- 1. "),
    "list nested by tabs": nested_list("\t"),
    "list nested by spaces": nested_list("  "),
    "quotes nested (> > >)": repeated("> ", end="quoted"),
    "lists inside quotes (> - > -)": repeated("> - ", end="item"),
    "nested brackets [[[x]]]": brackets,
    "nested links [x]([x](": repeated("[x]("),
    "unclosed links [a](": repeated("[a]("),
    "unclosed images ![": repeated("!["),
    "link titles never closed": repeated('[a](b "'),
    "emphasis run *a": repeated("*a"),
    "strong emphasis run **a": repeated("**a"),
    "mixed emphasis _*a": repeated("_*a"),
    "backtick runs": repeated(" ".join("`" * n + "a" for n in range(1, 200))),
    "table, many columns": lambda size: "\n".join(
        [("|a" * (size // 6)), ("|-" * (size // 6)), ("|b" * (size // 6))]
    ),
    "table, many rows": lambda size: "| a | b |\n| - | - |\n" + "| c | d |\n" * ((size - 20) // 10),
    "angle brackets <<<": repeated("<"),
    "entities &#&#": repeated("&#"),
}


def seconds(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        render_markdown(text)
        best = min(best, time.process_time() - start)
    return best


def per_kb(elapsed: float, size: int) -> float:
    return elapsed * 1e6 / (size / 1000)  # µs per 1,000 characters


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; the best counts")
    args = parser.parse_args()

    sizes = [s for s in [1_000, 2_000, 5_000, 10_000, 20_000, 50_000] if s < MAX_BODY_CHARS]
    sizes.append(MAX_BODY_CHARS)
    print(f"Ordinary Markdown, up to the body limit ({MAX_BODY_CHARS:,} characters)")
    print(f"{'characters':>11} {'ms':>9} {'µs per 1,000 chars':>19}")
    for size in sizes:
        elapsed = seconds(ordinary(size), args.repeat)
        print(f"{size:>11,} {elapsed * 1000:>9.2f} {per_kb(elapsed, size):>19.0f}")

    hostile_sizes = [MAX_BODY_CHARS // 10, MAX_BODY_CHARS // 2, MAX_BODY_CHARS]
    print()
    print("Hostile patterns: ms (µs per 1,000 chars)")
    header = "".join(f"{f'{size:,} chars':>22}" for size in hostile_sizes)
    print(f"{'pattern':<34}{header}")
    worst = (0.0, "")
    for name, make in HOSTILE.items():
        cells = []
        for size in hostile_sizes:
            text = make(size)
            elapsed = seconds(text, max(1, args.repeat // 2))
            cells.append(f"{elapsed * 1000:>9.1f} ms ({per_kb(elapsed, len(text)):>6.0f})")
            worst = max(worst, (elapsed, name))
        print(f"{name:<34}" + "".join(f"{cell:>22}" for cell in cells))
    print()
    print(f"Slowest at the limit: {worst[1]}, {worst[0] * 1000:.0f} ms.")


if __name__ == "__main__":
    main()
