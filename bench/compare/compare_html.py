"""The comparison as one self-contained HTML page (no scripts, no fetches: it opens offline):
per fleet and workload, the table the terminal shows and horizontal bars of each tool's
median with its range over the rounds, for client CPU per device, wall time and, for bulk,
MB/s."""

import html

TOOL_COLOURS = {"fleetsh": "#1f77b4", "go": "#2ca02c", "asyncssh": "#ff7f0e",
                "paramiko": "#9467bd", "openssh": "#d62728"}
BAR_WIDTH = 360  # pixels of the longest bar
ROW_HEIGHT = 22


def _e(text):
    return html.escape(str(text), quote=True)


def _bars(rows, key, unit, ratio_key):
    """An SVG chart: one bar per tool at its median, a whisker over its [min, max]."""
    top = max(row[key][2] for row in rows) or 1.0
    label_w, value_w = 80, 150
    height = ROW_HEIGHT * len(rows) + 8
    parts = [f'<svg width="{label_w + BAR_WIDTH + value_w}" height="{height}" '
             f'role="img" aria-label="{_e(unit)}">']
    for i, row in enumerate(rows):
        median, low, high = row[key]
        y = 4 + i * ROW_HEIGHT
        w = max(1.0, BAR_WIDTH * median / top)
        x_low, x_high = label_w + BAR_WIDTH * low / top, label_w + BAR_WIDTH * high / top
        colour = TOOL_COLOURS.get(row["tool"], "#7f7f7f")
        mid = y + ROW_HEIGHT / 2 - 2
        parts += [
            f'<text x="{label_w - 6}" y="{mid + 4}" text-anchor="end">{_e(row["tool"])}</text>',
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{ROW_HEIGHT - 6}" '
            f'fill="{colour}"><title>{_e(row["tool"])}: {median:.3g} {_e(unit)}</title></rect>',
            f'<line x1="{x_low:.1f}" x2="{x_high:.1f}" y1="{mid}" y2="{mid}" stroke="#222"/>',
            f'<line x1="{x_low:.1f}" x2="{x_low:.1f}" y1="{mid - 4}" y2="{mid + 4}" '
            f'stroke="#222"/>',
            f'<line x1="{x_high:.1f}" x2="{x_high:.1f}" y1="{mid - 4}" y2="{mid + 4}" '
            f'stroke="#222"/>',
            f'<text x="{label_w + BAR_WIDTH + 8}" y="{mid + 4}">{median:.3g} {_e(unit)}'
            f'{_ratio_text(row, ratio_key)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _ratio_text(row, key):
    return f" ({row[key]:.1f}x)" if key in row else ""


def _spread(values, digits):
    median, low, high = values
    return f"{median:.{digits}f} <small>[{low:.{digits}f}-{high:.{digits}f}]</small>"


def _table(block):
    bulk = block["workload"] == "bulk"
    head = ["tool", "version", "wall s", "client CPU ms/device"] + (["MB/s"] if bulk else []) + [
        "peak RSS MiB", "failed", "wall ratio", "CPU ratio"] + (["MB/s ratio"] if bulk else [])
    lines = ["<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for row in block["rows"]:
        cells = [_e(row["tool"]), _e(row["version"]), _spread(row["wall_s"], 2),
                 _spread(row["cpu_ms"], 2)]
        if bulk:
            cells.append(_spread(row["mb_per_s"], 1))
        failed = str(row["failed"])
        if row["short_runs"]:
            failed += f" (output short in {row['short_runs']} runs)"
        cells += [f"{row['rss_mib']:.1f}", _e(failed)]
        ratios = ["wall_ratio", "cpu_ratio"] + (["mb_ratio"] if bulk else [])
        cells += [f"{row[k]:.1f}x" if k in row else "-" for k in ratios]
        lines.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _section(block):
    rows = block["rows"]
    title = (f"{block['fleet']} fleet, {block['workload']}: {block['devices']} devices, "
             f"{block['concurrency']} at a time")
    charts = [("Client CPU per device (ms), lower is better", _bars(rows, "cpu_ms", "ms",
                                                                   "cpu_ratio")),
              ("Wall time (s), lower is better", _bars(rows, "wall_s", "s", "wall_ratio"))]
    if block["workload"] == "bulk":
        charts.insert(0, ("Throughput (MB/s), higher is better",
                          _bars(rows, "mb_per_s", "MB/s", "mb_ratio")))
    figures = "".join(f"<figure><figcaption>{_e(c)}</figcaption>{svg}</figure>"
                      for c, svg in charts)
    return f"<section><h2>{_e(title)}</h2>\n{_table(block)}\n<div class=charts>{figures}</div>" \
           "</section>"


def page(blocks, title, settings):
    shown = ("devices", "concurrency", "repeat", "per_connection", "bulk_bytes", "bulk_devices",
             "workloads", "fleets", "tools")
    setting_text = ", ".join(f"{k}={settings[k]}" for k in shown if k in settings)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>fleetsh and the tools users pick: one run</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }}
table {{ border-collapse: collapse; margin: 8px 0; }}
th, td {{ border: 1px solid #ccc; padding: 3px 8px; text-align: right; }}
th:first-child, td:first-child, td:nth-child(2) {{ text-align: left; }}
small {{ color: #666; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 24px; }}
figure {{ margin: 0; }} figcaption {{ font-weight: 600; margin-bottom: 4px; }}
svg text {{ font: 12px system-ui, sans-serif; }}
section {{ margin-bottom: 28px; }}
</style></head><body>
<h1>fleetsh and the tools users pick, on the same fleets in one run</h1>
<p>{_e(title)}.</p>
<p><small>Settings: {_e(setting_text)}. Bars show each tool's median, whiskers its range over
the rounds; ratios in brackets are to fleetsh's median.</small></p>
{"".join(_section(b) for b in blocks)}
</body></html>
"""
