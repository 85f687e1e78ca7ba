// WindowSettings: a window's geometry, docks and named splitters come back on the next run;
// a first run says there was nothing to restore.
#include "TestMain.h"
#include "ui/window/AboutDialog.h"
#include "ui/window/WindowSettings.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>

using namespace fkscope;

namespace {

// A window shaped like fkscope's: a named splitter in the middle and a dock on the right.
struct TestWindow {
    QMainWindow window;
    QSplitter *splitter = new QSplitter;
    QDockWidget *dock = new QDockWidget(QStringLiteral("Dock"));

    TestWindow()
    {
        window.setObjectName(QStringLiteral("testWindow"));
        splitter->setObjectName(QStringLiteral("testSplitter"));
        splitter->addWidget(new QLabel(QStringLiteral("left")));
        splitter->addWidget(new QLabel(QStringLiteral("right")));
        window.setCentralWidget(splitter);
        dock->setObjectName(QStringLiteral("testDock"));
        dock->setWidget(new QLabel(QStringLiteral("dock")));
        window.addDockWidget(Qt::RightDockWidgetArea, dock);
    }
};

} // namespace

class TestWindowSettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void aFirstRunHasNothingToRestore()
    {
        TestWindow w;
        QVERIFY(!WindowSettings(&w.window).restore());
    }

    void geometrySplitterAndDocksComeBack()
    {
        QList<int> sizes;
        {
            TestWindow w;
            w.window.resize(900, 600);
            w.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w.window));
            w.splitter->setSizes({200, 600});
            w.window.addDockWidget(Qt::LeftDockWidgetArea, w.dock);
            sizes = w.splitter->sizes();
            WindowSettings(&w.window).save();
        }
        TestWindow again;
        QVERIFY(WindowSettings(&again.window).restore());
        again.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again.window));
        QCOMPARE(again.window.size(), QSize(900, 600));
        QCOMPARE(again.splitter->sizes(), sizes);
        QCOMPARE(again.window.dockWidgetArea(again.dock), Qt::LeftDockWidgetArea);
    }

    void theAboutDialogNamesTheVersionAndTheLicences()
    {
        QApplication::setApplicationVersion(QStringLiteral("9.8.7"));
        AboutDialog about;
        const auto *title = about.findChild<QLabel *>(QStringLiteral("aboutTitle"));
        QVERIFY(title && title->text().contains(QLatin1String("9.8.7")));
        const QString credits = about.findChild<QTextBrowser *>(QStringLiteral("aboutCredits"))->toPlainText();
        for (const char *needed : {"LGPL", "PostgreSQL Licence", "Eclipse Public License", "pagila", "chinook"})
            QVERIFY2(credits.contains(QLatin1String(needed)), needed);
    }
};

FKSCOPE_TEST_MAIN(TestWindowSettings)
#include "tst_windowsettings.moc"
