"""Stacked horizontal bar charts as PNG bytes, drawn with matplotlib's Agg canvas in memory.

The chart has to be ready within a chat reply, with a hundred rows. Matplotlib's axes, ticks
and Text artists would cost several times the drawing itself: each Text lays out and renders
its glyphs one by one on every draw. So the figure is drawn by hand as a few filled paths:
the bars, one path per colour, and the words as glyph outlines (each glyph made once per
process and cached), one path per colour of ink.
"""

from __future__ import annotations

import functools
import io
import struct
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.textpath import text_to_path
from numpy.typing import NDArray

# Sizes in inches at DPI dots per inch. The label column is as wide as the longest label,
# so a chart of unit codes is narrower than one of names: fewer pixels to fill and encode.
DPI = 100
MARGIN = 0.15
TITLE_HEIGHT = 0.4
LEGEND_HEIGHT = 0.3
PANEL_TITLE_HEIGHT = 0.35
ROW_HEIGHT = 0.22
BAR_THICKNESS = 0.7
PANEL_GAP = 0.15
LABEL_GAP = 0.1
BAR_LENGTH = 3.0
TOTAL_ROOM = 0.5
SWATCH, SWATCH_GAP, LEGEND_GAP = 0.16, 0.08, 0.3
TITLE_SIZE, PANEL_TITLE_SIZE, TEXT_SIZE = 11.0, 9.5, 8.0
# The series' colours in the order the caller gives the series: done, waiting, sent back.
COLOURS = ("#4caf50", "#ffb300", "#e53935", "#1e88e5")
TEXT_COLOUR = "#212121"
MUTED_COLOUR = "#757575"
# DejaVu Sans ships with matplotlib, so every machine draws the same Vietnamese letters.
FONT = FontProperties(family="DejaVu Sans")
BOLD_FONT = FontProperties(family="DejaVu Sans", weight="bold")
# Half the height of a capital letter, in em: how far below a row's middle its baseline sits.
HALF_CAP = 0.36
POINTS_PER_INCH = 72.0
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PHOTO_MAX_SIDES = 10_000


@dataclass(frozen=True)
class BarPanel:
    """A titled group of bars: one row per label, one value per series in each row."""

    title: str
    labels: tuple[str, ...]
    values: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class _Glyph:
    """A letter's outline and pen advance, both for a 1-point font, origin on the baseline."""

    vertices: NDArray[np.float64]
    codes: NDArray[np.uint8]
    advance: float


@functools.lru_cache(maxsize=4096)
def _glyph(char: str, bold: bool) -> _Glyph:
    prop = BOLD_FONT if bold else FONT
    font = get_font(findfont(prop))
    font.set_size(1, POINTS_PER_INCH)
    advance = font.load_char(ord(char)).linearHoriAdvance / 65536
    # Spaces and zero-width characters have no outline at all.
    vertices, codes = text_to_path.get_text_path(prop, char)
    return _Glyph(
        np.asarray(vertices, dtype=float).reshape(-1, 2) / text_to_path.FONT_SCALE,
        np.asarray(codes, dtype=np.uint8),
        advance,
    )


def _glyphs(text: str, bold: bool) -> list[_Glyph]:
    return [_glyph(char, bold) for char in unicodedata.normalize("NFC", text)]


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """How wide the text is written, in inches."""
    return sum(g.advance for g in _glyphs(text, bold)) * size / POINTS_PER_INCH


@dataclass
class _Ink:
    """Words of one colour as filled glyph outlines, in inches; drawn as a single path."""

    colour: str
    vertices: list[NDArray[np.float64]] = field(default_factory=list)
    codes: list[NDArray[np.uint8]] = field(default_factory=list)

    def write(
        self,
        text: str,
        x: float,
        middle: float,
        size: float,
        *,
        bold: bool = False,
        right: bool = False,
    ) -> float:
        """Write `text` centred on the line `middle`, starting (or ending, if right) at x."""
        glyphs = _glyphs(text, bold)
        scale = size / POINTS_PER_INCH
        width = sum(g.advance for g in glyphs) * scale
        pen = x - width if right else x
        baseline = middle - HALF_CAP * scale
        for glyph in glyphs:
            if len(glyph.codes):
                self.vertices.append(glyph.vertices * scale + (pen, baseline))
                self.codes.append(glyph.codes)
            pen += glyph.advance * scale
        return width

    def patch(self, figure: Figure) -> PathPatch | None:
        if not self.codes:
            return None
        path = Path(np.concatenate(self.vertices), np.concatenate(self.codes))
        return PathPatch(
            path, facecolor=self.colour, edgecolor="none", transform=figure.dpi_scale_trans
        )


@dataclass
class _Canvas:
    """What the chart accumulates before drawing: boxes by colour, and two inks."""

    boxes: dict[str, list[tuple[float, float, float, float]]] = field(default_factory=dict)
    ink: _Ink = field(default_factory=lambda: _Ink(TEXT_COLOUR))
    muted: _Ink = field(default_factory=lambda: _Ink(MUTED_COLOUR))

    def box(self, left: float, right: float, middle: float, thickness: float, colour: str) -> None:
        low, high = middle - thickness / 2, middle + thickness / 2
        self.boxes.setdefault(colour, []).append((left, right, low, high))

    def patches(self, figure: Figure) -> list[PathPatch]:
        """One patch per colour of boxes, then one per ink: a handful of artists in all."""
        inches = figure.dpi_scale_trans
        patches = [
            PathPatch(_rectangles(boxes), facecolor=colour, edgecolor="none", transform=inches)
            for colour, boxes in self.boxes.items()
        ]
        inks = (ink.patch(figure) for ink in (self.ink, self.muted))
        return patches + [patch for patch in inks if patch is not None]


def _rectangles(boxes: list[tuple[float, float, float, float]]) -> Path:
    """(left, right, low, high) boxes as one path of closed rectangles."""
    left, right, low, high = np.asarray(boxes, dtype=float).T
    corners = np.stack(
        [
            np.stack([left, low], axis=1),
            np.stack([right, low], axis=1),
            np.stack([right, high], axis=1),
            np.stack([left, high], axis=1),
            np.stack([left, low], axis=1),
        ],
        axis=1,
    )
    codes = [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY] * len(boxes)
    return Path(corners.reshape(-1, 2), np.asarray(codes, dtype=np.uint8))


def stacked_bars_png(title: str, series: Sequence[str], panels: Sequence[BarPanel]) -> bytes:
    """The panels one under another, under a title and a legend of the series."""
    labels = [label for panel in panels for label in panel.labels]
    bar_left = MARGIN + max((text_width(x, TEXT_SIZE) for x in labels), default=0) + LABEL_GAP
    width = max(
        bar_left + BAR_LENGTH + TOTAL_ROOM + MARGIN,
        2 * MARGIN + text_width(title, TITLE_SIZE, bold=True),
        2 * MARGIN + _legend_width(series),
    )
    rows = len(labels)
    height = (
        2 * MARGIN
        + TITLE_HEIGHT
        + LEGEND_HEIGHT
        + len(panels) * (PANEL_TITLE_HEIGHT + PANEL_GAP)
        + rows * ROW_HEIGHT
    )
    canvas = _Canvas()
    top = height - MARGIN
    canvas.ink.write(title, MARGIN, top - TITLE_HEIGHT / 2, TITLE_SIZE, bold=True)
    top -= TITLE_HEIGHT
    _legend(canvas, series, top - LEGEND_HEIGHT / 2)
    top -= LEGEND_HEIGHT
    for panel in panels:
        top = _panel(canvas, panel, top, bar_left)
    figure = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    for patch in canvas.patches(figure):
        figure.add_artist(patch)
    raw = io.BytesIO()
    figure.savefig(raw, format="rgba")
    pixels_wide, pixels_high = figure.canvas.get_width_height()
    rows_of_pixels = np.frombuffer(raw.getvalue(), dtype=np.uint8).reshape(pixels_high, -1)
    return _png(rows_of_pixels, pixels_wide)


def _png(rows: NDArray[np.uint8], width: int) -> bytes:
    """RGBA pixel rows as a PNG file: unfiltered, deflated at zlib's fastest level.

    Pillow's encoder filters every row, which takes several times longer than drawing the
    chart; flat colours compress about as well without filtering.
    """
    height = rows.shape[0]
    filtered = np.zeros((height, 1 + rows.shape[1]), dtype=np.uint8)  # filter byte 0: none
    filtered[:, 1:] = rows
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"".join(
        (
            PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(filtered.tobytes(), 1)),
            _chunk(b"IEND", b""),
        )
    )


def photo_sized(png: bytes) -> bool:
    """Whether messengers take the image as a photo (Telegram: sides up to 10,000 px in all,
    one at most 20 times the other); a taller chart goes as a file instead."""
    width, height = (int(side) for side in struct.unpack(">II", png[16:24]))
    return width + height <= PHOTO_MAX_SIDES and max(width, height) <= 20 * min(width, height)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _legend_width(series: Sequence[str]) -> float:
    return sum(SWATCH + SWATCH_GAP + text_width(name, TEXT_SIZE) + LEGEND_GAP for name in series)


def _legend(canvas: _Canvas, series: Sequence[str], middle: float) -> None:
    """A colour swatch and the name of each series, on one line."""
    left = MARGIN
    for index, name in enumerate(series):
        canvas.box(left, left + SWATCH, middle, SWATCH, COLOURS[index % len(COLOURS)])
        left += SWATCH + SWATCH_GAP
        left += canvas.ink.write(name, left, middle, TEXT_SIZE) + LEGEND_GAP


def _panel(canvas: _Canvas, panel: BarPanel, top: float, bar_left: float) -> float:
    """Draw one panel below `top`, its bars from `bar_left`; returns where the next starts."""
    top -= PANEL_GAP
    canvas.ink.write(panel.title, MARGIN, top - PANEL_TITLE_HEIGHT / 2, PANEL_TITLE_SIZE, bold=True)
    top -= PANEL_TITLE_HEIGHT
    largest = max((sum(values) for values in panel.values), default=0)
    scale = BAR_LENGTH / largest if largest else 0.0
    for label, values in zip(panel.labels, panel.values, strict=True):
        middle = top - ROW_HEIGHT / 2
        canvas.ink.write(label, bar_left - LABEL_GAP, middle, TEXT_SIZE, right=True)
        left = bar_left
        for index, value in enumerate(values):
            if value:
                right = left + value * scale
                thickness = ROW_HEIGHT * BAR_THICKNESS
                canvas.box(left, right, middle, thickness, COLOURS[index % len(COLOURS)])
                left = right
        canvas.muted.write(str(sum(values)), left + 0.05, middle, TEXT_SIZE)
        top -= ROW_HEIGHT
    return top
