// Takes the README's screenshots of a timed Dependents tree with its lock list and of a
// what-if verdict, in the real window on the demo database. Run it under Xvfb:
//   xvfb-run -a -s '-screen 0 1600x1000x24' build/tests/ui/timeit_tour resources/screenshots
#include "WidgetLookup.h"

#include "ui/catalog/TableTreeModel.h"
#include "ui/impact/ImpactTreeModel.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTableView>
#include <QTest>
#include <QTextStream>
#include <QTreeView>

using namespace fkscope;
using namespace fkscope::test;

namespace {

bool waitUntil(const std::function<bool()> &condition, const char *what)
{
    if (QTest::qWaitFor(condition, 60000))
        return true;
    QTextStream(stderr) << "timeit_tour: timed out waiting for " << what << '\n';
    return false;
}

void grabScreen(const QString &path)
{
    QTest::qWait(400);
    QGuiApplication::primaryScreen()->grabWindow(0).save(path);
    QTextStream(stdout) << "wrote " << path << '\n';
}

QString verdictText(const QWidget &window)
{
    return window.findChild<QLabel *>(QStringLiteral("verdict"))->accessibleDescription();
}

bool selectFirstRowOf(MainWindow &window, const QString &table, int rowsExpected)
{
    auto *tables = findByAccessibleName<QTreeView>(&window, QStringLiteral("Tables"));
    QModelIndex index;
    if (!waitUntil([&] {
            index = tables->model()->match(tables->model()->index(0, 0), TableTreeModel::QualifiedNameRole, table, 1,
                                           Qt::MatchExactly | Qt::MatchRecursive)
                        .value(0);
            return index.isValid();
        }, "the demo catalog"))
        return false;
    tables->setCurrentIndex(index);
    auto *rows = findByAccessibleName<QTableView>(&window, QStringLiteral("Rows"));
    showTabOf(rows);
    if (!waitUntil([&] { return rows->model()->rowCount() == rowsExpected; }, "the rows"))
        return false;
    rows->setCurrentIndex(rows->model()->index(0, 0));
    return true;
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
    // Give the Dependents panel most of the height, as a user looking at it would.
    window.findChild<QSplitter *>(QStringLiteral("rowsTab"))->setSizes({260, 700});

    // Order 7 (cancelled): the time of each key its DELETE fires.
    if (!selectFirstRowOf(window, QStringLiteral("public.orders"), 12))
        return 1;
    auto *rows = findByAccessibleName<QTableView>(&window, QStringLiteral("Rows"));
    rows->setCurrentIndex(rows->model()->index(6, 0));
    if (!waitUntil([&] { return verdictText(window).startsWith(QLatin1String("DELETE would remove")); },
                   "the verdict of order 7"))
        return 1;
    auto *timeIt = findByAccessibleName<QPushButton>(&window, QStringLiteral("Time It"));
    timeIt->click();
    auto *summary = window.findChild<QLabel *>(QStringLiteral("timingSummary"));
    if (!waitUntil([&] { return summary->accessibleDescription().startsWith(QLatin1String("Timed")); }, "the timing"))
        return 1;
    grabScreen(out + QStringLiteral("/dependents-timed.png"));

    // Alice (users id 1), as if orders_user_id_fkey were CASCADE.
    if (!selectFirstRowOf(window, QStringLiteral("public.users"), 8))
        return 1;
    if (!waitUntil([&] { return verdictText(window).startsWith(QLatin1String("DELETE would fail")); }, "alice"))
        return 1;
    auto *tree = findByAccessibleName<QTreeView>(&window, QStringLiteral("Dependents"));
    const QModelIndex orders = tree->model()
                                   ->match(tree->model()->index(0, ImpactTreeModel::ConstraintColumn), Qt::DisplayRole,
                                           QStringLiteral("orders_user_id_fkey"), 1, Qt::MatchExactly)
                                   .value(0)
                                   .siblingAtColumn(ImpactTreeModel::OnDeleteColumn);
    tree->setCurrentIndex(orders);
    tree->edit(orders);
    auto *combo = findByAccessibleName<QComboBox>(tree, QStringLiteral("What if ON DELETE"));
    if (!combo)
        return 1;
    combo->setCurrentIndex(combo->findData(int(FkAction::Cascade)));
    Q_EMIT combo->activated(combo->currentIndex());
    if (!waitUntil([&] { return verdictText(window).startsWith(QLatin1String("What if:")); }, "the what-if"))
        return 1;
    grabScreen(out + QStringLiteral("/dependents-whatif.png"));
    return 0;
}
