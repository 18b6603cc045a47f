"""Bar charts of structured answers as PNG files, readable on a phone.

matplotlib (the optional `charts` extra: `pip install 'layoffbot[charts]'`) is imported only when
a chart is drawn, with the Agg backend (no display needed).
"""

from __future__ import annotations

import io
import sqlite3
import textwrap
from functools import cache
from pathlib import Path

from .views import ChartData, ViewQuery, chart_data

# Fonts that draw Chinese; the first one installed is used for Chinese labels.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "Droid Sans Fallback", "Arial Unicode MS")
BAR_COLOUR = "#2f6db5"


class ChartsUnavailable(Exception):
    """matplotlib is not installed: `pip install 'layoffbot[charts]'`."""


class NothingToChart(Exception):
    """The view has no figures to draw (no rows, or no headcounts)."""


def available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise ChartsUnavailable("charts need matplotlib: pip install 'layoffbot[charts]'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


@cache
def cjk_font() -> str | None:
    """The name of an installed font that draws Chinese, or None."""
    _pyplot()
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def render_png(data: ChartData) -> bytes:
    """The chart as PNG bytes: 1200×900 px, title, labelled axes, values on the bars, source line.

    Raises ChartsUnavailable without matplotlib.
    """
    plt = _pyplot()
    labels, values = list(data.labels), list(data.values)
    rc = {"font.size": 15, "axes.titlesize": 19, "axes.labelsize": 16}
    font = cjk_font()
    if font:
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(8, 6), dpi=150)
        try:
            if data.horizontal:
                positions = range(len(labels))[::-1]  # the first row at the top
                bars = ax.barh(list(positions), values, color=BAR_COLOUR)
                ax.set_yticks(list(positions), [_fit(label, 30) for label in labels])
                ax.set_xlabel(data.x_label)
                ax.bar_label(bars, labels=[_full(v) for v in values], padding=4, fontsize=13)
                ax.margins(x=0.2)
                ax.xaxis.set_major_formatter(lambda value, _: _short(value))
            else:
                bars = ax.bar(range(len(labels)), values, color=BAR_COLOUR)
                step = -(-len(labels) // 12)  # at most 12 labels: every step-th, counted from the last
                shown = [i for i in range(len(labels)) if (len(labels) - 1 - i) % step == 0]
                rotate = len(shown) > 6 or max((len(label) for label in labels), default=0) > 10
                ax.set_xticks(shown, [labels[i] for i in shown], rotation=45 if rotate else 0,
                              ha="right" if rotate else "center", rotation_mode="anchor")
                ax.set_xlabel(data.x_label)
                ax.set_ylabel(data.y_label)
                if len(labels) <= 15:
                    ax.bar_label(bars, labels=[_full(v) for v in values], padding=3, fontsize=12)
                ax.margins(y=0.15)
                ax.yaxis.set_major_formatter(lambda value, _: _short(value))
            ax.set_title("\n".join(textwrap.wrap(data.title, 40)))
            ax.spines[["top", "right"]].set_visible(False)
            fig.text(0.01, 0.01, data.source_line, fontsize=11, color="#555555", ha="left", va="bottom")
            fig.tight_layout(rect=(0, 0.04, 1, 1))
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png")
        finally:
            plt.close(fig)
    return buffer.getvalue()


def _fit(label: str, width: int) -> str:
    """Shorten a "Company (2022-11)" label to `width` characters, keeping the date."""
    if len(label) <= width:
        return label
    name, paren, rest = label.rpartition(" (")
    if not paren:
        return label[: width - 1] + "…"
    return name[: max(4, width - len(rest) - 3)].rstrip() + "… (" + rest


def _full(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:.1f}"


def _short(value: float) -> str:
    """An axis tick: 1,500,000 as "1.5M", others with thousands separators."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def chart_for(conn: sqlite3.Connection, query: ViewQuery, *, question: str = "") -> bytes:
    """The PNG chart of a structured question's view.

    Chinese labels need a font that draws Chinese; without one the chart is labelled in English.
    Raises ChartsUnavailable without matplotlib, NothingToChart when the view has no figures.
    """
    if question and not available():
        raise ChartsUnavailable("charts need matplotlib: pip install 'layoffbot[charts]'")
    if question and cjk_font() is None:
        question = ""  # boxes instead of characters help nobody: label in English
    data = chart_data(conn, query, question=question)
    if data is None or not data.values:
        raise NothingToChart("nothing to chart: no layoffs with a headcount in this view")
    return render_png(data)


def write_chart(conn: sqlite3.Connection, query: ViewQuery, path: Path, *, question: str = "") -> Path:
    """Write the view's chart to `path` (PNG), atomically enough for a CLI: the bytes are drawn first."""
    png = chart_for(conn, query, question=question)
    path = Path(path)
    path.write_bytes(png)
    return path
