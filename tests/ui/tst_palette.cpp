// What fkscope paints itself reads on a dark palette as well as on a light one: graph nodes,
// keys and the SQL highlighter, with WCAG contrast ratios, and following a palette change.
#include "TestMain.h"
#include "ui/common/PaletteColours.h"
#include "ui/script/SqlHighlighter.h"
#include "ui/graph/GraphScene.h"
#include "ui/graph/GraphView.h"
#include "ui/graph/KeyEdgeItem.h"
#include "ui/graph/TableNodeItem.h"

#include "catalog/Catalog.h"
#include "graph/KeyStyle.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QPlainTextEdit>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include <memory>

using namespace fkscope;
using PaletteColours::contrastRatio;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    return p;
}

QPalette lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion->standardPalette();
}

ForeignKey keyWith(FkAction onDelete)
{
    ForeignKey key;
    key.onDelete = onDelete;
    key.validated = true;
    key.childIndexed = true;
    return key;
}

const char *script = "-- delete one customer\nDELETE FROM \"order line\" WHERE id = 42 AND note = 'x';\n";

} // namespace

class TestPalette : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStringLiteral("Fusion")); }
    void cleanup() { QApplication::setPalette(lightPalette()); }
    void nodeTextReadsOnEveryFill_data();
    void nodeTextReadsOnEveryFill();
    void keyActionsStandOutAndStayApart_data();
    void keyActionsStandOutAndStayApart();
    void statusTintsRead_data();
    void statusTintsRead();
    void highlighterFollowsAPaletteChange();
    void graphFollowsAPaletteChange();
    void graphStartsOnTheApplicationsPalette();
};

void TestPalette::nodeTextReadsOnEveryFill_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << lightPalette();
    QTest::newRow("dark") << darkPalette();
}

void TestPalette::nodeTextReadsOnEveryFill()
{
    QFETCH(QPalette, palette);
    const TableNodeColours &c = TableNodeColours::of(palette);
    QCOMPARE(PaletteColours::isDark(palette), palette.color(QPalette::Window).lightness() < 128);
    // The fill is the palette's kind: dark boxes on a dark palette.
    QCOMPARE(c.fill.lightness() < 128, PaletteColours::isDark(palette));
    for (const QColor &fill : {c.fill, c.selectedFill, c.focusFill}) {
        for (const QColor &text : {c.title, c.detail, c.columnName, c.columnType, c.primaryKeyMarker, c.foreignKeyMarker}) {
            QVERIFY2(contrastRatio(text, fill) >= 4.5,
                     qPrintable(QStringLiteral("%1 on %2: %3").arg(text.name(), fill.name()).arg(contrastRatio(text, fill))));
        }
        // Outlines are lines, not text: 3:1 against the paper around the node.
        QVERIFY(contrastRatio(c.selectedOutline, palette.color(QPalette::Base)) >= 3);
    }
}

void TestPalette::keyActionsStandOutAndStayApart_data()
{
    nodeTextReadsOnEveryFill_data();
}

void TestPalette::keyActionsStandOutAndStayApart()
{
    QFETCH(QPalette, palette);
    const QColor base = palette.color(QPalette::Base);
    QList<QColor> colours;
    for (FkAction action : {FkAction::NoAction, FkAction::Cascade, FkAction::SetNull}) {
        const QColor colour = keyColour(keyStyle(keyWith(action)), palette);
        QVERIFY2(contrastRatio(colour, base) >= 3,
                 qPrintable(QStringLiteral("%1 on %2: %3").arg(colour.name(), base.name()).arg(contrastRatio(colour, base))));
        colours << colour;
    }
    // Block, cascade and set null differ in hue by at least 20 degrees either way round the wheel.
    for (int i = 0; i < colours.size(); ++i) {
        for (int j = i + 1; j < colours.size(); ++j) {
            const int apart = std::abs(colours[i].hslHue() - colours[j].hslHue());
            QVERIFY2(std::min(apart, 360 - apart) >= 20, qPrintable(colours[i].name() + QLatin1Char(' ') + colours[j].name()));
        }
    }
}

void TestPalette::statusTintsRead_data()
{
    nodeTextReadsOnEveryFill_data();
}

void TestPalette::statusTintsRead()
{
    QFETCH(QPalette, palette);
    using PaletteColours::Tint;
    for (Tint tint : {Tint::Neutral, Tint::Failing, Tint::Passing, Tint::Warning, Tint::Error}) {
        const QPalette tinted = PaletteColours::tinted(palette, tint);
        const QColor window = tinted.color(QPalette::Window), text = tinted.color(QPalette::WindowText);
        QVERIFY2(contrastRatio(text, window) >= 4.5, qPrintable(text.name() + QLatin1Char(' ') + window.name()));
        // A dark palette gets dark strips, not light patches.
        QCOMPARE(PaletteColours::isDark(tinted), PaletteColours::isDark(palette));
    }
}

void TestPalette::highlighterFollowsAPaletteChange()
{
    QPlainTextEdit editor;
    new SqlHighlighter(&editor);
    editor.setPlainText(QString::fromLatin1(script));
    // The palette changes under the highlighter: a window's palette set, as the platform
    // theme's change reaches every window.
    editor.setPalette(darkPalette());
    QCOMPARE(editor.palette().color(QPalette::Base), darkPalette().color(QPalette::Base));
    int checked = 0;
    for (QTextBlock block = editor.document()->begin(); block.isValid(); block = block.next()) {
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            const QColor colour = range.format.foreground().color();
            const QString text = block.text().mid(range.start, range.length);
            QVERIFY2(contrastRatio(colour, editor.palette().color(QPalette::Base)) >= 4.5,
                     qPrintable(QStringLiteral("%1 in %2").arg(text, colour.name())));
            ++checked;
        }
    }
    // The comment, keywords, the quoted identifier, the numbers and the literal.
    QVERIFY2(checked >= 6, qPrintable(QString::number(checked)));
}

void TestPalette::graphFollowsAPaletteChange()
{
    GraphView view;
    view.resize(400, 300);
    auto *node = new TableNodeItem(1, {QStringLiteral("orders"), QStringLiteral("12 rows"), {}}, QRectF(0, 0, 160, 60),
                                   view.font());
    view.graphScene()->addItem(node);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setPalette(darkPalette());
    QCOMPARE(view.graphScene()->palette().color(QPalette::Window), darkPalette().color(QPalette::Window));

    QImage image(view.viewport()->size(), QImage::Format_RGB32);
    view.viewport()->render(&image);
    const QPoint inside = view.mapFromScene(node->mapToScene(QPointF(6, 54)));
    const QColor fill = image.pixelColor(inside);
    QCOMPARE(fill, TableNodeColours::of(darkPalette()).fill);
    QCOMPARE(image.pixelColor(2, 2), darkPalette().color(QPalette::Base));
    // Somewhere in the title there is ink that reads on the fill.
    double best = 1;
    const QRect title = view.mapFromScene(node->mapToScene(QRectF(8, 4, 144, 20))).boundingRect();
    for (int y = title.top(); y <= title.bottom(); ++y) {
        for (int x = title.left(); x <= title.right(); ++x)
            best = std::max(best, contrastRatio(image.pixelColor(x, y), fill));
    }
    QVERIFY2(best >= 4.5, qPrintable(QString::number(best)));
}

// fkscope --palette dark sets the application palette before any window is made.
void TestPalette::graphStartsOnTheApplicationsPalette()
{
    QApplication::setPalette(darkPalette());
    GraphView view;
    QCOMPARE(view.graphScene()->palette().color(QPalette::Base), darkPalette().color(QPalette::Base));
    QCOMPARE(view.viewport()->palette().color(view.viewport()->backgroundRole()), darkPalette().color(QPalette::Base));
}

FKSCOPE_TEST_MAIN(TestPalette)
#include "tst_palette.moc"
