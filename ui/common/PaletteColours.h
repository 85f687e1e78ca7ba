#pragma once

#include <QColor>
#include <QPalette>

namespace fkscope {

// Colours for what fkscope paints itself (graph, legend, highlighter, banners), so that it
// reads on the palette the platform gives, light or dark: a variant picked by the window's
// lightness, and text nudged lighter or darker until it stands out from its background.
namespace PaletteColours {

bool isDark(const QPalette &palette);
QColor pick(const QPalette &palette, const QColor &light, const QColor &dark);
// WCAG 2's contrast ratio, 1 (none) to 21 (black on white). Text wants 4.5, lines 3.
double contrastRatio(const QColor &a, const QColor &b);
// colour with its hue kept and its lightness moved away from background's until the two
// reach ratio (or black or white is reached).
QColor readableOn(const QColor &colour, const QColor &background, double ratio = 4.5);

// A status strip's colours (verdicts, script status, error banners): a tinted window with
// text that reads on it, light or dark as palette is.
enum class Tint { Neutral, Failing, Passing, Warning, Error };
QPalette tinted(const QPalette &palette, Tint tint);

// The palettes fkscope --palette dark|light sets, over the Fusion style, for a desktop
// whose platform theme gives no dark palette of its own.
QPalette darkPalette();
QPalette lightPalette();

} // namespace PaletteColours

} // namespace fkscope
