"""The ``plan --chart`` bar chart (terminal text) and ``--svg`` (standalone SVG, no plotting
library): each cycle's cap and messages sent, against the audience."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ._plan import WarmupPlan

_WIDTH = 40  # characters of the widest bar
_SENT, _CAP, _AUDIENCE = "█", "░", "|"


def _scale(result: WarmupPlan) -> int:
    """The value the widest bar stands for: the largest cap, send count or audience."""
    values = [result.audience or 0]
    for row in result.rows:
        values += [row.cap or 0, row.sends or 0]
    return max(values) or 1


def _length(value: int | None, scale: int, width: int) -> int:
    return width if value is None else round(value * width / scale)


def text_chart(result: WarmupPlan) -> list[str]:
    """One bar per cycle: █ messages sent, ░ the rest of the cap, | the audience."""
    scale = _scale(result)
    audience_at = None if result.audience is None else _length(result.audience, scale, _WIDTH)
    lines = [f"{_SENT} messages sent  {_CAP} cap not used  {_AUDIENCE} audience"]
    for row in result.rows:
        sent = _length(row.sends, scale, _WIDTH)
        cap = max(sent, _length(row.cap, scale, _WIDTH))
        bar = list(_SENT * sent + _CAP * (cap - sent)) + [" "] * (_WIDTH + 1 - cap)
        if audience_at is not None:
            bar[audience_at] = _AUDIENCE if bar[audience_at] == " " else bar[audience_at]
        cap_text = "no limit" if row.cap is None else str(row.cap)
        sends_text = "all" if row.sends is None else str(row.sends)
        lines.append(f"{row.cycle:>4} {''.join(bar)} cap {cap_text}, sent {sends_text}")
    return lines


def svg_chart(result: WarmupPlan, title: str = "Warm-up plan") -> str:
    """The same chart as a standalone SVG document."""
    scale, bar_width, row_height, left, top = _scale(result), 480, 18, 60, 40
    height = top + row_height * len(result.rows) + 30
    width = left + bar_width + 200
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="20" font-size="14">{escape(title)}</text>',
    ]
    for index, row in enumerate(result.rows):
        y = top + index * row_height
        cap = _length(row.cap, scale, bar_width)
        sent = _length(row.sends, scale, bar_width)
        cap_text = "no limit" if row.cap is None else str(row.cap)
        bar = f'<rect x="{left}" y="{y + 2}" height="{row_height - 4}"'
        parts += [
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{row.cycle}</text>',
            f'{bar} width="{cap}" fill="#c8d6e5"/>',
            f'{bar} width="{sent}" fill="#2e86de"/>',
            f'<text x="{left + bar_width + 8}" y="{y + 13}">cap {cap_text}, sent '
            f"{'all' if row.sends is None else row.sends}</text>",
        ]
    if result.audience is not None:
        x = left + _length(result.audience, scale, bar_width)
        parts += [
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{height - 24}" stroke="#ee5253" '
            'stroke-width="2"/>',
            f'<text x="{x}" y="{height - 10}" text-anchor="middle">'
            f"audience {result.audience}</text>",
        ]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
