#include "PaletteColours.h"

#include <cmath>

namespace fkscope::PaletteColours {

namespace {

double channel(double c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor pick(const QPalette &palette, const QColor &light, const QColor &dark)
{
    return isDark(palette) ? dark : light;
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor &colour, const QColor &background, double ratio)
{
    if (contrastRatio(colour, background) >= ratio)
        return colour;
    // Away from the background: lighter on a dark one, darker on a light one.
    const bool lighten = luminance(background) < 0.18;
    QColor hsl = colour.toHsl();
    double lightness = hsl.lightnessF();
    QColor result = colour;
    while (contrastRatio(result, background) < ratio) {
        lightness += lighten ? 0.02 : -0.02;
        if (lightness <= 0 || lightness >= 1)
            return lighten ? QColor(Qt::white) : QColor(Qt::black);
        result = QColor::fromHslF(hsl.hslHueF(), hsl.hslSaturationF(), lightness, hsl.alphaF());
    }
    return result.toRgb();
}

} // namespace fkscope::PaletteColours
