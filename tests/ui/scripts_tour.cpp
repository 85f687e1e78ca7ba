// Takes the README's screenshots of the script panel (after a dry run) and of the Explain
// Error dialog, in the real window on the demo database. Run it under Xvfb:
//   xvfb-run -a -s '-screen 0 1600x1000x24' build/tests/ui/scripts_tour resources/screenshots
#include "WidgetLookup.h"

#include "ui/diagnose/ExplainDialog.h"
#include "ui/diagnose/LintDialog.h"
#include "ui/diagnose/OrphansDialog.h"
#include "ui/window/MainWindow.h"
#include "ui/script/ScriptPanel.h"
#include "ui/catalog/TableTreeModel.h"
#include "ui/diagnose/ToolsMenu.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextStream>
#include <QTreeView>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const int timeout = 60000;

bool waitFor(const std::function<bool()> &condition, const char *what)
{
    if (QTest::qWaitFor(condition, timeout))
        return true;
    QTextStream(stderr) << "scripts_tour: timed out waiting for " << what << '\n';
    return false;
}

void snap(const QString &path)
{
    QTest::qWait(400);  // let the last paint land
    QGuiApplication::primaryScreen()->grabWindow(0).save(path);
    QTextStream(stdout) << "wrote " << path << '\n';
}

QString statusOf(const ScriptPanel *panel)
{
    return findByAccessibleName<QLabel>(panel, QStringLiteral("Script status"))->accessibleDescription();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tour"));
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");

    MainWindow window;
    window.move(0, 0);
    window.resize(1600, 1000);
    window.show();
    window.startDemo();
    auto *tables = findByAccessibleName<QTreeView>(&window, QStringLiteral("Tables"));
    QModelIndex users;
    if (!waitFor([&] {
            users = tables->model()->match(tables->model()->index(0, 0), TableTreeModel::QualifiedNameRole,
                                           QStringLiteral("public.users"), 1, Qt::MatchExactly | Qt::MatchRecursive)
                        .value(0);
            return users.isValid();
        }, "the demo catalog"))
        return 1;

    // The delete script of alice (users id 1): her orders block a plain DELETE.
    tables->setCurrentIndex(users);
    auto *rows = findByAccessibleName<QTableView>(&window, QStringLiteral("Rows"));
    showTabOf(rows);
    if (!waitFor([&] { return rows->model()->rowCount() == 8; }, "the users rows"))
        return 1;
    rows->setCurrentIndex(rows->model()->index(0, 0));
    auto *deleteScript = findByAccessibleName<QAbstractButton>(&window, QStringLiteral("Delete script"));
    if (!waitFor([&] { return deleteScript->isEnabled(); }, "the dependents of alice"))
        return 1;
    deleteScript->click();
    auto *panel = window.findChild<ScriptPanel *>();
    auto *dryRun = findByAccessibleName<QPushButton>(panel, QStringLiteral("Dry run"));
    if (!waitFor([&] { return dryRun->isEnabled(); }, "the delete script"))
        return 1;
    dryRun->click();
    if (!waitFor([&] { return statusOf(panel).startsWith(QLatin1String("Dry run on")); }, "the dry run"))
        return 1;
    snap(out + QStringLiteral("/script-panel.png"));

    // Explain the error a plain DELETE of alice gets.
    ExplainDialog *explain = window.findChild<ToolsMenu *>()->showExplain();
    explain->move(340, 120);
    explain->setErrorText(QStringLiteral(
        "ERROR:  update or delete on table \"users\" violates foreign key constraint \"orders_user_id_fkey\" on table "
        "\"orders\"\nDETAIL:  Key (id)=(1) is still referenced from table \"orders\".\n"));
    explain->explain();
    if (!waitFor([&] { return explain->findChild<QLabel *>(QStringLiteral("fact.constraint")) != nullptr; },
                 "the explanation"))
        return 1;
    snap(out + QStringLiteral("/explain.png"));
    explain->close();

    // The other Tools dialogs and the Dependents' index marks, to look at (not in the README).
    if (argc > 2) {
        ToolsMenu *tools = window.findChild<ToolsMenu *>();
        QDialog *orphans = tools->showOrphans();
        orphans->move(340, 120);
        QTest::qWait(3000);
        snap(out + QStringLiteral("/orphans.png"));
        orphans->close();
        QDialog *lint = tools->showLint();
        lint->move(300, 120);
        QTest::qWait(3000);
        snap(out + QStringLiteral("/lint.png"));
        lint->close();
        findByAccessibleName<QTabWidget>(&window, QStringLiteral("Views"))->setCurrentIndex(0);
        QTest::qWait(1000);
        snap(out + QStringLiteral("/dependents-marks.png"));
    }
    return 0;
}
