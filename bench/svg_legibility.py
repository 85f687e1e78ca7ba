#!/usr/bin/env python3
"""How readable an SVG is when fitted whole into a window: the scale that fits its drawing
into WIDTHxHEIGHT pixels (at 96 dpi, keeping its aspect), the share of its text elements
whose font size at that scale is at least MIN_PX pixels, and its aspect ratio (the longer
side over the shorter). Python's standard library only.

    svg_legibility.py drawing.svg [--window 1280x800] [--min-px 8]
        [--min-share 0.95] [--max-aspect 2.5]

Prints one line of figures; with --min-share or --max-aspect, exits 1 when a threshold is
missed. Font sizes are taken from font-size attributes or style on the text element or its
ancestors, multiplied by the scale of any transform="scale(...)" above it.
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET

UNITS_PX = {"px": 1.0, "pt": 96 / 72, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "": 1.0}


def length_px(value):
    m = re.fullmatch(r"\s*([0-9.eE+-]+)\s*([a-z]*)\s*", value or "")
    if not m:
        return None
    return float(m.group(1)) * UNITS_PX.get(m.group(2), 1.0)


def font_size(element, inherited):
    size = element.get("font-size")
    style = element.get("style") or ""
    m = re.search(r"font-size\s*:\s*([0-9.]+)\s*(px|pt)?", style)
    if m:
        size = m.group(1) + (m.group(2) or "")
    if size is None:
        return inherited
    m = re.fullmatch(r"\s*([0-9.eE+-]+)\s*(px|pt)?\s*", size)
    if not m:
        return inherited
    # In user units: a bare number or px is one user unit each; pt would be 4/3.
    return float(m.group(1)) * (96 / 72 if m.group(2) == "pt" else 1.0)


def transform_scale(element):
    t = element.get("transform") or ""
    m = re.search(r"scale\(\s*([0-9.eE+-]+)(?:[\s,]+([0-9.eE+-]+))?\s*\)", t)
    if not m:
        return 1.0
    sx = float(m.group(1))
    sy = float(m.group(2)) if m.group(2) else sx
    return min(abs(sx), abs(sy))


def measure(path, window):
    root = ET.parse(path).getroot()
    view_box = root.get("viewBox")
    width_px = length_px(root.get("width"))
    height_px = length_px(root.get("height"))
    if view_box:
        _, _, vb_w, vb_h = (float(v) for v in re.split(r"[\s,]+", view_box.strip()))
    else:
        vb_w, vb_h = width_px, height_px
    if not width_px or not height_px:
        width_px, height_px = vb_w, vb_h
    # Pixels per user unit once the whole drawing is fitted into the window.
    display_w, display_h = width_px, height_px
    fit = min(window[0] / display_w, window[1] / display_h)
    px_per_unit = fit * display_w / vb_w
    sizes = []

    def walk(element, inherited_size, scale):
        size = font_size(element, inherited_size)
        scale *= transform_scale(element)
        if element.tag.rsplit("}", 1)[-1] == "text" and "".join(element.itertext()).strip():
            sizes.append(size * scale * px_per_unit)
        for child in element:
            walk(child, size, scale)

    walk(root, 16.0, 1.0)
    return {
        "texts": len(sizes),
        "readable": sum(1 for s in sizes if s >= args.min_px - 1e-9),
        "smallest_px": min(sizes) if sizes else 0.0,
        "aspect": max(vb_w / vb_h, vb_h / vb_w),
        "width_px": display_w,
        "height_px": display_h,
        "fit": fit,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("svg")
    parser.add_argument("--window", default="1280x800")
    parser.add_argument("--min-px", type=float, default=8.0)
    parser.add_argument("--min-share", type=float)
    parser.add_argument("--max-aspect", type=float)
    args = parser.parse_args()
    window = tuple(float(v) for v in args.window.split("x"))
    r = measure(args.svg, window)
    share = r["readable"] / r["texts"] if r["texts"] else 1.0
    print(f"{args.svg}: {r['texts']} texts, {share * 100:.1f}% at >= {args.min_px:g} px "
          f"(smallest {r['smallest_px']:.1f} px), aspect {r['aspect']:.2f}:1, "
          f"drawing {r['width_px']:.0f}x{r['height_px']:.0f} px fitted at {r['fit']:.3f}")
    failed = []
    if args.min_share is not None and share < args.min_share:
        failed.append(f"only {share * 100:.1f}% of text is at least {args.min_px:g} px (needed {args.min_share * 100:g}%)")
    if args.max_aspect is not None and r["aspect"] > args.max_aspect:
        failed.append(f"aspect {r['aspect']:.2f}:1 is over {args.max_aspect:g}:1")
    for f in failed:
        print("FAIL: " + f, file=sys.stderr)
    sys.exit(1 if failed else 0)
