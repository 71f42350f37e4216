#!/usr/bin/env python3
"""Renders every dashboard panel from a running Prometheus into an SVG line chart and writes docs/dashboards.md that
shows them, dashboard by dashboard: the dashboards as an operator sees them, without Grafana (which this machine
cannot install). Run it after the mesh has done some work, e.g. during or right after deploy/chaos/run.sh with
MESH_PROMETHEUS=true deploy/local/mesh.sh up.

usage: render.py [--prometheus http://127.0.0.1:9090] [--minutes 30]
"""
import argparse
import glob
import html
import json
import os
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
from dashboards import DASHBOARDS  # noqa: E402  (where dashboards.py writes them)
DOCS = os.path.join(HERE, "..", "..", "docs")
OUT = os.path.join(DOCS, "dashboards")
W, H, PAD_L, PAD_B, PAD_T = 560, 220, 60, 28, 24
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def query_range(prometheus, expr, start, end, step):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(f"{prometheus}/api/v1/query_range?{params}", timeout=30) as response:
        return json.load(response)["data"]["result"]


def legend(template, labels):
    text = template
    for key, value in labels.items():
        text = text.replace("{{" + key + "}}", value)
    return text if "{{" not in text else template.split("{{")[0].strip() or str(labels)


def svg(title, unit, series, start, end):
    values = [v for _, points in series for _, v in points]
    top = max(values) if values and max(values) > 0 else 1.0
    plot_w, plot_h = W - PAD_L - 10, H - PAD_B - PAD_T
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H + 16 * len(series)}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="100%" height="100%" fill="#fff"/>',
           f'<text x="{PAD_L}" y="15" font-size="13" font-weight="bold">{html.escape(title)}</text>']
    for i in range(5):  # grid and value axis
        y = PAD_T + plot_h - plot_h * i / 4
        out.append(f'<line x1="{PAD_L}" y1="{y:.1f}" x2="{W - 10}" y2="{y:.1f}" stroke="#eee"/>')
        out.append(f'<text x="{PAD_L - 4}" y="{y + 4:.1f}" text-anchor="end">{top * i / 4:.3g} {unit}</text>')
    for label_at in (start, end):
        x = PAD_L + plot_w * (label_at - start) / (end - start)
        out.append(f'<text x="{x:.1f}" y="{H - 8}" text-anchor="middle">'
                   f'{time.strftime("%H:%M", time.gmtime(label_at))} UTC</text>')
    if not series:
        out.append(f'<text x="{PAD_L + plot_w / 2}" y="{PAD_T + plot_h / 2}" text-anchor="middle" fill="#888">'
                   "no data in this window</text>")
    for n, (name, points) in enumerate(series):
        color = COLORS[n % len(COLORS)]
        path = " ".join(f"{PAD_L + plot_w * (t - start) / (end - start):.1f},"
                        f"{PAD_T + plot_h - plot_h * v / top:.1f}" for t, v in points)
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{path}"/>')
        out.append(f'<text x="{PAD_L}" y="{H + 12 + 16 * n}" fill="{color}">■ {html.escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prometheus", default="http://127.0.0.1:9090")
    parser.add_argument("--minutes", type=int, default=30)
    args = parser.parse_args()
    end = time.time()
    start = end - args.minutes * 60
    step = max(15, args.minutes * 60 // 120)
    os.makedirs(OUT, exist_ok=True)
    page = ["# Dashboards, rendered", "",
            f"Every panel of the Grafana dashboards in `deploy/k8s/base/monitoring/dashboards/*.json`, drawn from a local mesh's Prometheus "
            f"(`deploy/dashboards/render.py`, the {args.minutes} minutes up to "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(end))}, during a fault-injection run). Import the JSON "
            "files into Grafana (or let its sidecar load the ConfigMap of deploy/k8s) for the live ones.", ""]
    for path in sorted(glob.glob(os.path.join(DASHBOARDS, "*.json"))):
        dashboard = json.load(open(path))
        uid = os.path.basename(path)[:-5]
        page += [f"## {dashboard['title']}", "", f"`deploy/k8s/base/monitoring/dashboards/{uid}.json`", ""]
        for panel in dashboard["panels"]:
            series = []
            for target in panel["targets"]:
                for result in query_range(args.prometheus, target["expr"], start, end, step):
                    points = [(float(t), float(v)) for t, v in result["values"] if v not in ("NaN", "+Inf", "-Inf")]
                    if points:
                        series.append((legend(target["legendFormat"], result["metric"]), points))
            name = f"{uid}-{panel['id']}.svg"
            with open(os.path.join(OUT, name), "w") as f:
                f.write(svg(panel["title"], panel["fieldConfig"]["defaults"]["unit"], series[:8], start, end))
            page += [f"![{panel['title']}](dashboards/{name})", ""]
    with open(os.path.join(DOCS, "dashboards.md"), "w") as f:
        f.write("\n".join(page))
    print(f"rendered {len(glob.glob(os.path.join(OUT, '*.svg')))} panels into docs/dashboards/")


if __name__ == "__main__":
    main()
