"""Bar charts drawn on the server as SVG: no script, sizes as SVG attributes (not styles), text at the page's size."""

ROW = 54  # each bar's height in pixels: a line of text, then the bar under it
TEXT_Y, BAR_Y, BAR_HEIGHT = 20, 27, 18


def bar_chart(title, rows):
    """A horizontal bar chart of (label, value, value as text) rows. Bars are sized in per cent of the widest,
    so the chart fills any width while its text keeps the page's size."""
    top = max((value for _, value, _ in rows), default=0)
    bars = []
    for index, (label, value, text) in enumerate(rows):
        share = 100 * value / top if top else 0
        bars.append(
            {
                "label": label,
                "text": text,
                "text_y": index * ROW + TEXT_Y,
                "bar_y": index * ROW + BAR_Y,
                "width": f"{max(share, 0.5) if value else 0:.2f}%",
            }
        )
    return {
        "title": title,
        "summary": "; ".join(f"{label}: {text}" for label, _, text in rows),
        "bars": bars,
        "height": len(rows) * ROW,
        "bar_height": BAR_HEIGHT,
    }
