#include "ui/common/PaletteColours.h"

#include <QStyle>
#include <QStyleFactory>

#include <cmath>
#include <memory>

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

QPalette tinted(const QPalette &palette, Tint tint)
{
    struct Pair {
        QColor window, text;
    };
    auto pair = [&]() -> Pair {
        const bool dark = isDark(palette);
        switch (tint) {
        case Tint::Failing:
            return dark ? Pair{{0x4a, 0x1f, 0x1c}, {0xf5, 0xe6, 0xe4}} : Pair{{0xfd, 0xec, 0xea}, {0x21, 0x21, 0x21}};
        case Tint::Error:
            return dark ? Pair{{0x4a, 0x1f, 0x1c}, {0xff, 0xd7, 0xd2}} : Pair{{0xfd, 0xec, 0xea}, {0x5c, 0x11, 0x0b}};
        case Tint::Passing:
            return dark ? Pair{{0x1e, 0x3a, 0x24}, {0xe4, 0xf3, 0xe6}} : Pair{{0xe8, 0xf5, 0xe9}, {0x21, 0x21, 0x21}};
        case Tint::Warning:
            return dark ? Pair{{0x45, 0x37, 0x14}, {0xfb, 0xee, 0xd0}} : Pair{{0xff, 0xf4, 0xdf}, {0x21, 0x21, 0x21}};
        case Tint::Neutral:
            break;
        }
        return dark ? Pair{{0x31, 0x35, 0x3a}, {0xe6, 0xe6, 0xe6}} : Pair{{0xf2, 0xf4, 0xf7}, {0x21, 0x21, 0x21}};
    }();
    QPalette result = palette;
    result.setColor(QPalette::Window, pair.window);
    result.setColor(QPalette::WindowText, pair.text);
    return result;
}

QPalette darkPalette()
{
    const QColor window(0x2d, 0x2f, 0x33), base(0x1f, 0x21, 0x24), text(0xe8, 0xe8, 0xe8);
    const QColor disabledText(0x80, 0x80, 0x80), highlight(0x3d, 0x7a, 0xd6);
    QPalette p(text, window, window.lighter(150), window.darker(150), window.darker(120), text, text, base, window);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6f, 0xa8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xf0));
    p.setColor(QPalette::Button, QColor(0x36, 0x39, 0x3e));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}

QPalette lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion ? fusion->standardPalette() : QPalette();
}

} // namespace fkscope::PaletteColours
