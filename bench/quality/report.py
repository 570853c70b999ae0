"""The evaluation's results as a Markdown table and a plot of quality against time."""

from __future__ import annotations

from pathlib import Path

COLUMNS = (
    ("documents", "docs", "{}"),
    ("rouge1", "R-1", "{:.3f}"),
    ("rouge2", "R-2", "{:.3f}"),
    ("rougeL", "R-L", "{:.3f}"),
    ("language_match", "lang match", "{:.0%}"),
    ("schema_valid", "schema valid", "{:.0%}"),
    ("degenerate", "degenerate", "{:.0%}"),
    ("coverage_pages", "pages cited", "{:.0%}"),
    ("coverage_chunks", "chunks cited", "{:.0%}"),
    ("draft_copied_share", "copied sentences, model", "{:.0%}"),
    ("copied_share", "copied sentences, printed", "{:.0%}"),
    ("draft_fragments", "fragments+repeats / doc, model", "{:.1f}"),
    ("fragments", "fragments+repeats / doc, printed", "{:.1f}"),
    ("draft_numbers", "unsupported numbers / doc, model", "{:.1f}"),
    ("unsupported_numbers", "unsupported numbers / doc, printed", "{:.1f}"),
    ("support_fired", "sentences the support check left out / doc", "{:.1f}"),
    ("overview_written", "overview opens the summary (of those asked)", "{:.0%}"),
    ("overview_refused", "overview refused by its check (of those asked)", "{:.0%}"),
    ("type_right", "doc type right", "{:.0%}"),
    ("median_seconds", "s/doc (median)", "{:.1f}"),
    ("doc_tokens_per_s", "doc tok/s", "{:.0f}"),
    ("gen_tokens_per_s", "gen tok/s", "{:.1f}"),
    ("errors", "errors", "{}"),
)


def _cell(value, fmt: str) -> str:
    return "n/a" if value is None else fmt.format(value)


def _rows(title: str, by_system: dict[str, dict]) -> list[str]:
    lines = [f"| **{title}** |" + " |" * len(COLUMNS)]
    for system, agg in by_system.items():
        lines.append(f"| {system} | " + " | ".join(_cell(agg[key], fmt) for key, _, fmt in COLUMNS) + " |")
    return lines


def markdown_table(summary: dict) -> str:
    """One table: all documents, then each language, then each pairs file, a row per system."""
    systems = list(summary)
    lines = ["| system | " + " | ".join(label for _, label, _ in COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    lines += _rows("all", {s: summary[s]["all"] for s in systems})
    groups = [("by_lang", "lang"), ("by_file", "file")]
    for key, label in groups:
        names = list(summary[systems[0]][key])
        if len(names) < 2 and key == "by_file":
            continue
        for name in names:
            lines += _rows(f"{label} {name}", {s: summary[s][key][name] for s in systems if name in summary[s][key]})
    return "\n".join(lines)


def plot(summary: dict, records: list[dict], path: Path) -> None:
    """ROUGE-L against seconds per document: one point per document, a large marker per system's mean."""
    import matplotlib

    matplotlib.use("Agg")  # no display on an edge box or in CI
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for i, system in enumerate(summary):
        color = f"C{i}"
        mine = [r for r in records if r["system"] == system]
        ax.scatter([max(r["seconds"], 1e-3) for r in mine], [r["rougeL"] for r in mine], s=14, alpha=0.35, color=color)
        agg = summary[system]["all"]
        ax.scatter([max(agg["median_seconds"], 1e-3)], [agg["rougeL"]], s=120, color=color, edgecolor="black",
                   label=f"{system} (R-L {agg['rougeL']:.3f}, {agg['median_seconds']:.1f} s)")
    ax.set_xscale("log")
    ax.set_xlabel("seconds per document (log scale; large marker: median)")
    ax.set_ylabel("ROUGE-L F1 (large marker: mean)")
    ax.set_title("Summary quality against time per document")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
