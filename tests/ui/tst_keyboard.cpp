// The main window without a mouse, on a loaded catalog: Tab reaches every control of each
// view, every menu opens with Alt and a letter, no two actions claim the same keys, and the
// graph's selection moves and focuses with keys alone.
#include "TestDatabase.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "ui/catalog/CatalogPanel.h"
#include "ui/window/MainWindow.h"
#include "ui/graph/GraphPanel.h"
#include "ui/graph/GraphScene.h"
#include "ui/graph/GraphView.h"
#include "ui/graph/TableNodeItem.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace fkscope;
using namespace fkscope::test;

namespace {


// Where keyboard focus lands for a widget: its focus proxy, if it hands focus on.
QWidget *focusTarget(QWidget *widget)
{
    while (widget->focusProxy())
        widget = widget->focusProxy();
    return widget;
}

QString describe(const QWidget *widget)
{
    return QStringLiteral("%1 \"%2\" (%3)")
        .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName(), widget->accessibleName());
}

// The letter after a single &, lower case, or a null QChar.
QChar mnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] == u'&') {
            if (text[i + 1] != u'&')
                return text[i + 1].toLower();
            ++i;
        }
    }
    return {};
}

// The controls of window Tab never reaches, starting from the first: every visible, enabled
// widget that takes Tab focus should be in the round.
QStringList unreachableByTab(QWidget *window)
{
    QList<QWidget *> controls;
    for (QWidget *widget : window->findChildren<QWidget *>()) {
        if (widget->window() == window && widget->isVisible() && widget->isEnabled()
            && (widget->focusPolicy() & Qt::TabFocus) && !controls.contains(focusTarget(widget)))
            controls << focusTarget(widget);
    }
    if (controls.size() < 2)
        return {QStringLiteral("(fewer than two controls)")};

    QWidget *first = controls.first();
    first->setFocus(Qt::TabFocusReason);
    if (!QTest::qWaitFor([first] { return QApplication::focusWidget() == first; }))
        return {QStringLiteral("(could not focus %1)").arg(describe(first))};
    QList<QWidget *> reached{first};
    // A text browser's Tab walks its links before it moves on: room for those.
    for (int i = 0; i < 4 * controls.size() + 100; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *now = QApplication::focusWidget();
        if (!now || (now == first && reached.size() > 1))
            break;  // round again (a text browser may keep Tab a while, walking its links)
        if (!reached.contains(now))
            reached << now;
    }
    QStringList missed;
    for (QWidget *control : std::as_const(controls)) {
        if (!reached.contains(control))
            missed << describe(control);
    }
    return missed;
}

// Mnemonics used twice among window's visible buttons and labels with a buddy: Alt and the
// letter would not say which one it means.
QStringList sharedMnemonics(QWidget *window)
{
    QHash<QChar, QString> owners;
    QStringList shared;
    auto claim = [&](const QString &text) {
        const QChar letter = mnemonic(text);
        if (letter.isNull())
            return;
        if (owners.contains(letter))
            shared << QStringLiteral("%1: \"%2\" and \"%3\"").arg(letter, owners.value(letter), text);
        owners.insert(letter, text);
    };
    for (QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
        if (button->window() == window && button->isVisible())
            claim(button->text());
    }
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (label->window() == window && label->isVisible() && label->buddy())
            claim(label->text());
    }
    return shared;
}

} // namespace

class TestKeyboard : public QObject {
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_shop;
    std::unique_ptr<MainWindow> m_window;
    QTabWidget *m_views = nullptr;
    GraphView *m_graph = nullptr;

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void tabReachesEveryControl_data();
    void tabReachesEveryControl();
    void dialogsWorkFromTheKeyboard_data();
    void dialogsWorkFromTheKeyboard();
    void everyMenuAndMenuEntryHasItsOwnMnemonic();
    void noTwoActionsShareAShortcut();
    void viewsSwitchWithTheirMnemonics();
    void graphSelectionMovesAndFocusesWithKeys();
    void graphZoomsWithKeys();
};

void TestKeyboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_keyboard"));
    m_shop = std::make_unique<TestDatabase>(QStringLiteral("ui_keyboard"));
    QVERIFY2(m_shop->isValid(), qPrintable(m_shop->error()));
    QVERIFY2(m_shop->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_shop->error()));

    m_window = std::make_unique<MainWindow>();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_views = findByAccessibleName<QTabWidget>(m_window.get(), QStringLiteral("Views"));
    QVERIFY(m_views);
    m_graph = m_window->findChild<GraphPanel *>()->view();
    m_views->setCurrentWidget(m_window->findChild<GraphPanel *>());
    QSignalSpy finished(m_graph, &GraphView::layoutFinished);
    m_window->connectTo(m_shop->connInfo());
    QVERIFY(finished.wait(windowTimeout));
    QVERIFY(finished.last().at(0).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(!m_graph->isBusy(), windowTimeout);
}

void TestKeyboard::cleanupTestCase()
{
    m_window.reset();
    m_shop.reset();
}

void TestKeyboard::tabReachesEveryControl_data()
{
    QTest::addColumn<int>("view");
    QTest::newRow("rows") << 0;
    QTest::newRow("graph") << 1;
    QTest::newRow("scripts") << 2;
}

void TestKeyboard::tabReachesEveryControl()
{
    QFETCH(int, view);
    m_views->setCurrentIndex(view);
    if (view == 0) {
        // With rows in it, a table view could keep Tab to itself, moving from cell to cell.
        const qint64 users = m_shop->queryValue(QStringLiteral("SELECT 'users'::regclass::oid")).toLongLong();
        m_window->findChild<CatalogPanel *>()->selectTableByOid(users);
        auto *rows = findByAccessibleName<QTableView>(m_window.get(), QStringLiteral("Rows"));
        QVERIFY(rows);
        QTRY_VERIFY_WITH_TIMEOUT(rows->model()->rowCount() > 0, windowTimeout);
        rows->setCurrentIndex(rows->model()->index(0, 0));
    }
    QApplication::processEvents();
    const QStringList missed = unreachableByTab(m_window.get());
    QVERIFY2(missed.isEmpty(), qPrintable(QStringLiteral("Tab never reaches: ") + missed.join(QStringLiteral(", "))));
}

void TestKeyboard::dialogsWorkFromTheKeyboard_data()
{
    QTest::addColumn<QString>("action");
    QTest::newRow("connect") << QStringLiteral("connectAction");
    QTest::newRow("explain") << QStringLiteral("explainAction");
    QTest::newRow("orphans") << QStringLiteral("orphansAction");
    QTest::newRow("lint") << QStringLiteral("lintAction");
    QTest::newRow("about") << QStringLiteral("aboutAction");
}

void TestKeyboard::dialogsWorkFromTheKeyboard()
{
    QFETCH(QString, action);
    auto *trigger = m_window->findChild<QAction *>(action);
    QVERIFY(trigger);
    QVERIFY(trigger->isEnabled());
    trigger->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = qobject_cast<QDialog *>(QApplication::activeWindow())) != nullptr);
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    QTest::qWait(200);  // the Tools dialogs fill in from the server

    const QStringList missed = unreachableByTab(dialog);
    const QStringList shared = sharedMnemonics(dialog);
    // Escape closes it, whichever control has the focus.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_VERIFY(!dialog->isVisible());
    QVERIFY2(missed.isEmpty(), qPrintable(QStringLiteral("Tab never reaches: ") + missed.join(QStringLiteral(", "))));
    QVERIFY2(shared.isEmpty(), qPrintable(QStringLiteral("Shared mnemonics: ") + shared.join(QStringLiteral("; "))));
}

void TestKeyboard::everyMenuAndMenuEntryHasItsOwnMnemonic()
{
    const QList<QAction *> menus = m_window->menuBar()->actions();
    QVERIFY(menus.size() >= 3);
    QSet<QChar> menuLetters;
    for (QAction *menu : menus) {
        const QChar letter = mnemonic(menu->text());
        QVERIFY2(!letter.isNull(), qPrintable(menu->text()));
        QVERIFY2(!menuLetters.contains(letter), qPrintable(menu->text()));
        menuLetters.insert(letter);
        QSet<QChar> entryLetters;
        for (QAction *entry : menu->menu()->actions()) {
            if (entry->isSeparator())
                continue;
            const QChar entryLetter = mnemonic(entry->text());
            QVERIFY2(!entryLetter.isNull(), qPrintable(menu->text() + QStringLiteral(" > ") + entry->text()));
            QVERIFY2(!entryLetters.contains(entryLetter), qPrintable(menu->text() + QStringLiteral(" > ") + entry->text()));
            entryLetters.insert(entryLetter);
        }
    }
}

void TestKeyboard::noTwoActionsShareAShortcut()
{
    QHash<QKeySequence, QString> owners;
    QStringList clashes;
    auto claim = [&](const QList<QKeySequence> &keys, const QString &name) {
        for (const QKeySequence &key : keys) {
            if (key.isEmpty())
                continue;
            if (owners.contains(key))
                clashes << QStringLiteral("%1: %2 and %3").arg(key.toString(), owners.value(key), name);
            owners.insert(key, name);
        }
    };
    for (QAction *action : m_window->findChildren<QAction *>())
        claim(action->shortcuts(), action->objectName().isEmpty() ? action->text() : action->objectName());
    for (QShortcut *shortcut : m_window->findChildren<QShortcut *>())
        claim({shortcut->key()}, shortcut->objectName());
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
    // The standard ones are there.
    for (QKeySequence::StandardKey key : {QKeySequence::Open, QKeySequence::Refresh, QKeySequence::Quit,
                                          QKeySequence::Find, QKeySequence::SaveAs, QKeySequence::ZoomIn,
                                          QKeySequence::ZoomOut}) {
        // A platform may bind none (offscreen has no Quit, for one).
        const QList<QKeySequence> bindings = QKeySequence::keyBindings(key);
        if (!bindings.isEmpty())
            QVERIFY2(owners.contains(bindings.first()), qPrintable(bindings.first().toString()));
    }
    QVERIFY(owners.contains(QKeySequence(Qt::CTRL | Qt::Key_0)));
}

void TestKeyboard::viewsSwitchWithTheirMnemonics()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_graph->setFocus();
    for (int i : {0, 2, 1}) {
        const QChar letter = mnemonic(m_views->tabText(i));
        QVERIFY2(!letter.isNull(), qPrintable(m_views->tabText(i)));
        QTest::keyClick(QApplication::focusWidget(), letter.toLatin1(), Qt::AltModifier);
        QTRY_COMPARE(m_views->currentIndex(), i);
    }
    // Ctrl+Tab / Ctrl+Shift+Tab cycle the views from wherever the focus is inside them.
    m_graph->setFocus();
    QTest::keyClick(m_graph, Qt::Key_Tab, Qt::ControlModifier);
    QTRY_COMPARE(m_views->currentIndex(), 2);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(m_views->currentIndex(), 1);
}

void TestKeyboard::graphSelectionMovesAndFocusesWithKeys()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_views->setCurrentWidget(m_window->findChild<GraphPanel *>());
    m_graph->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(m_graph->hasFocus());
    m_graph->graphScene()->clearSelection();
    QCOMPARE(m_graph->selectedTable(), 0);

    // The first arrow picks a table; each next one a table that way of it.
    QTest::keyClick(m_graph, Qt::Key_Right);
    const qint64 start = m_graph->selectedTable();
    QVERIFY(start != 0);
    struct Move {
        Qt::Key key;
        int axis;  // 0 x, 1 y
        int sign;
    };
    int moved = 0;
    for (const Move &move : {Move{Qt::Key_Right, 0, 1}, Move{Qt::Key_Down, 1, 1}, Move{Qt::Key_Left, 0, -1},
                             Move{Qt::Key_Up, 1, -1}, Move{Qt::Key_Right, 0, 1}}) {
        const qint64 before = m_graph->selectedTable();
        const QPointF from = m_graph->graphScene()->node(before)->sceneBoundingRect().center();
        QTest::keyClick(m_graph, move.key);
        const qint64 after = m_graph->selectedTable();
        QVERIFY(after != 0);
        if (after == before)
            continue;  // at the edge of the graph that way
        ++moved;
        const QPointF to = m_graph->graphScene()->node(after)->sceneBoundingRect().center();
        const double step = move.axis == 0 ? to.x() - from.x() : to.y() - from.y();
        QVERIFY2(step * move.sign > 0, qPrintable(QStringLiteral("key %1 went the wrong way").arg(move.key)));
    }
    QVERIFY2(moved >= 2, "the arrows hardly moved the selection");

    // Enter focuses on the selected table: its neighbourhood is laid out with it at the centre.
    const qint64 chosen = m_graph->selectedTable();
    QSignalSpy finished(m_graph, &GraphView::layoutFinished);
    QTest::keyClick(m_graph, Qt::Key_Return);
    QVERIFY(finished.wait(windowTimeout));
    QCOMPARE(m_graph->query().focusOid, chosen);
    QTRY_VERIFY_WITH_TIMEOUT(!m_graph->isBusy(), windowTimeout);
    QCOMPARE(m_graph->selectedTable(), chosen);
}

void TestKeyboard::graphZoomsWithKeys()
{
    m_views->setCurrentWidget(m_window->findChild<GraphPanel *>());
    m_graph->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(m_graph->hasFocus());
    const double fitted = m_graph->zoom();
    QTest::keySequence(m_graph, QKeySequence::ZoomOut);
    QVERIFY(m_graph->zoom() < fitted);
    QTest::keyClick(m_graph, Qt::Key_Plus);
    QTest::keyClick(m_graph, Qt::Key_Plus);
    QVERIFY(m_graph->zoom() > fitted);
    QTest::keySequence(m_graph, QKeySequence(Qt::CTRL | Qt::Key_0));
    QCOMPARE(m_graph->zoom(), fitted);
}

FKSCOPE_TEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
