// The script panel against a real server: a dry run shows the counts PostgreSQL itself
// reports and changes nothing; Execute runs only behind a confirmation that names the
// database, the user and the counts, and a cancelled confirmation changes nothing.
#include "TestCatalog.h"
#include "TestDatabase.h"
#include "TestMain.h"
#include "TestScript.h"
#include "WidgetLookup.h"

#include "ui/session/DatabaseSession.h"
#include "ui/impact/ImpactTreeModel.h"
#include "ui/window/MainWindow.h"
#include "ui/diagnose/LintDialog.h"
#include "ui/diagnose/ToolsMenu.h"
#include "ui/script/ScriptPanel.h"
#include "ui/catalog/TableTreeModel.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"

#include <QLabel>
#include <QMenu>
#include <QTabWidget>
#include <QTemporaryFile>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QDialog>
#include <QTreeWidget>

#include <memory>

using namespace fkscope;
using namespace fkscope::test;

namespace {

QString statusOf(const ScriptPanel &panel)
{
    return findByAccessibleName<QLabel>(&panel, QStringLiteral("Script status"))->accessibleDescription();
}

// "table deleted updated inserted" per row of the Changes list.
QStringList shownChanges(const ScriptPanel &panel)
{
    auto *changes = findByAccessibleName<QTreeWidget>(&panel, QStringLiteral("Changes"));
    QStringList rows;
    for (int i = 0; i < changes->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = changes->topLevelItem(i);
        rows << QStringLiteral("%1 %2 %3 %4").arg(item->text(0), item->text(1), item->text(2), item->text(3));
    }
    return rows;
}

// What PostgreSQL counts for the statement, asked through psql in a transaction rolled back.
QStringList serverCounts(TestDatabase &db, const QString &statement)
{
    const QStringList lines = db.query(
        QStringLiteral("BEGIN; %1; SELECT relid::regclass::text, n_tup_del, n_tup_upd, n_tup_ins FROM "
                       "pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY 1; ROLLBACK")
            .arg(statement));
    QStringList rows;
    for (const QString &line : lines) {
        QStringList fields = line.split(QLatin1Char('|'));
        if (fields.size() != 4)
            continue;
        if (!fields[0].contains(QLatin1Char('.')))
            fields[0].prepend(QStringLiteral("public."));
        rows << fields.join(QLatin1Char(' '));
    }
    rows.sort();
    return rows;
}

// What PostgreSQL counts when psql runs script but rolls it back instead of committing, per
// table (partitions counted for their partitioned table).
QStringList serverCountsOfScript(TestDatabase &db, QString script)
{
    const qsizetype commit = script.lastIndexOf(QLatin1String("COMMIT;"));
    if (commit < 0)
        return {QStringLiteral("no COMMIT in the script")};
    script.replace(commit, 7, QStringLiteral(
        "SELECT 'COUNT|' || coalesce(pg_partition_root(relid), relid)::regclass::text, sum(n_tup_del), "
        "sum(n_tup_upd), sum(n_tup_ins) FROM pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 "
        "GROUP BY 1 ORDER BY 1;\nROLLBACK;"));
    QTemporaryFile file;
    if (!file.open())
        return {QStringLiteral("no temporary file")};
    file.write(script.toUtf8());
    file.flush();
    QString error;
    const QString output = runPsql(db.connInfoString(), {QStringLiteral("-At"), QStringLiteral("-f"), file.fileName()}, &error);
    if (output.isNull())
        return {error};
    QStringList rows;
    for (const QString &line : output.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1String("COUNT|")))
            continue;
        QStringList fields = line.mid(6).split(QLatin1Char('|'));
        if (!fields[0].contains(QLatin1Char('.')))
            fields[0].prepend(QStringLiteral("public."));
        rows << fields.join(QLatin1Char(' '));
    }
    rows.sort();
    return rows;
}

// Every row of the demo tables a delete of orders can reach, as one hash.
QString fingerprint(TestDatabase &db)
{
    return db.queryValue(QStringLiteral(
        "SELECT md5(concat((SELECT string_agg(t::text, ',' ORDER BY t::text) FROM orders t), "
        "(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM order_items t), "
        "(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM shipments t), "
        "(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM billing.invoices t)))"));
}

QMessageBox *confirmation(const ScriptPanel &panel)
{
    return panel.findChild<QMessageBox *>(QStringLiteral("confirmExecute"));
}

} // namespace

class TestScriptPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dryRunShowsTheServersCountsAndChangesNothing();
    void aFailingDryRunShowsTheServersError();
    void executeCommitsOnlyAfterConfirmation();
    void aRefusalIsShownAndCannotRun();
    void aTextOnlyScriptIsShownButNotRun();
    void dependentsMarkUnindexedKeysAndWriteTheOnDeleteChange();
    void theDeleteScriptOfARowDryRunsWithTheServersCounts();
    void aToolDialogStepsAsideForTheScriptItWrites();

private:
    std::unique_ptr<TestDatabase> shopDatabase();
    // Connects the window to db, opens the rows of public.users and selects alice (id 1), as a
    // user would; a failure fails the calling test.
    void selectAlice(MainWindow &window, const TestDatabase &db);
};

void TestScriptPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_scriptpanel"));
}

void TestScriptPanel::selectAlice(MainWindow &window, const TestDatabase &db)
{
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.connectTo(db.connInfo());
    auto *tables = findByAccessibleName<QTreeView>(&window, QStringLiteral("Tables"));
    QModelIndex users;
    QTRY_VERIFY_WITH_TIMEOUT((users = tables->model()->match(tables->model()->index(0, 0), TableTreeModel::QualifiedNameRole,
                                                             QStringLiteral("public.users"), 1,
                                                             Qt::MatchExactly | Qt::MatchRecursive)
                                          .value(0))
                                 .isValid(),
                             windowTimeout);
    tables->setCurrentIndex(users);
    auto *rows = findByAccessibleName<QTableView>(&window, QStringLiteral("Rows"));
    showTabOf(rows);
    QTRY_COMPARE_WITH_TIMEOUT(rows->model()->rowCount(), 8, windowTimeout);
    rows->setCurrentIndex(rows->model()->index(0, 0));
}

std::unique_ptr<TestDatabase> TestScriptPanel::shopDatabase()
{
    auto db = std::make_unique<TestDatabase>(QStringLiteral("scriptui"));
    if (!db->isValid() || !db->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")))
        qFatal("%s", qPrintable(db->error()));
    return db;
}

void TestScriptPanel::dryRunShowsTheServersCountsAndChangesNothing()
{
    auto db = shopDatabase();
    const QString statement = QStringLiteral("DELETE FROM orders WHERE id = 7");
    const QStringList expected = serverCounts(*db, statement);
    QVERIFY2(expected.size() >= 2, qPrintable(expected.join(u'\n')));  // the order and what cascades from it
    const QString before = fingerprint(*db);

    DatabaseSession session;
    session.setDatabase(db->connInfo(), catalogOf(*db));
    ScriptPanel panel(&session);
    panel.showScript(scriptOf(statement));
    panel.show();
    QVERIFY(findByAccessibleName<QPlainTextEdit>(&panel, QStringLiteral("Script"))
                ->toPlainText()
                .contains(QLatin1String("DELETE FROM orders WHERE id = 7;")));
    auto *dryRun = findByAccessibleName<QPushButton>(&panel, QStringLiteral("Dry run"));
    QVERIFY(dryRun && dryRun->isEnabled());
    QTest::mouseClick(dryRun, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(panel).startsWith(QLatin1String("Dry run on")), windowTimeout);
    QVERIFY2(statusOf(panel).contains(QLatin1String("rolled back")), qPrintable(statusOf(panel)));

    QStringList shown = shownChanges(panel);
    shown.sort();
    QCOMPARE(shown, expected);
    QCOMPARE(fingerprint(*db), before);
    QCOMPARE(db->queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE id = 7")), QStringLiteral("1"));
}

void TestScriptPanel::aFailingDryRunShowsTheServersError()
{
    auto db = shopDatabase();
    DatabaseSession session;
    session.setDatabase(db->connInfo(), catalogOf(*db));
    ScriptPanel panel(&session);
    // Alice has orders, and orders_user_id_fkey is RESTRICT.
    panel.showScript(scriptOf(QStringLiteral("DELETE FROM users WHERE id = 1")));
    panel.dryRun();
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(panel).startsWith(QLatin1String("The dry run failed")), windowTimeout);
    QVERIFY2(statusOf(panel).contains(QLatin1String("violates foreign key constraint")), qPrintable(statusOf(panel)));
    QVERIFY2(statusOf(panel).contains(QLatin1String("SQLSTATE 23503")), qPrintable(statusOf(panel)));
    QVERIFY(shownChanges(panel).isEmpty());
}

void TestScriptPanel::executeCommitsOnlyAfterConfirmation()
{
    auto db = shopDatabase();
    const QString statement = QStringLiteral("DELETE FROM orders WHERE id = 7");
    const QString before = fingerprint(*db);
    DatabaseSession session;
    session.setDatabase(db->connInfo(), catalogOf(*db));
    ScriptPanel panel(&session);
    panel.showScript(scriptOf(statement));
    panel.show();
    auto *execute = findByAccessibleName<QPushButton>(&panel, QStringLiteral("Execute"));
    QVERIFY(execute && execute->isEnabled());

    // Cancelled: the confirmation named the database, the user and the counts; nothing changed.
    QTest::mouseClick(execute, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(confirmation(panel) && confirmation(panel)->isVisible(), windowTimeout);
    QMessageBox *box = confirmation(panel);
    QVERIFY2(box->text().contains(QStringLiteral("\"%1\"").arg(db->name())), qPrintable(box->text()));
    const QString user = db->queryValue(QStringLiteral("SELECT current_user"));
    QVERIFY2(box->text().contains(QStringLiteral("\"%1\"").arg(user)), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(QLatin1String("public.orders: 1 deleted")), qPrintable(box->informativeText()));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(panel).startsWith(QLatin1String("Not executed")), windowTimeout);
    QCOMPARE(fingerprint(*db), before);

    // Accepted: the script commits, and the panel shows what the real run changed.
    QTest::mouseClick(execute, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(confirmation(panel) && confirmation(panel)->isVisible(), windowTimeout);
    auto *go = confirmation(panel)->findChild<QPushButton *>(QStringLiteral("confirmExecuteButton"));
    QVERIFY(go);
    QTest::mouseClick(go, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(panel).startsWith(QLatin1String("Executed and committed")), windowTimeout);
    QCOMPARE(db->queryValue(QStringLiteral("SELECT count(*) FROM orders WHERE id = 7")), QStringLiteral("0"));
    QCOMPARE(db->queryValue(QStringLiteral("SELECT count(*) FROM order_items WHERE order_id = 7")), QStringLiteral("0"));
    QVERIFY(fingerprint(*db) != before);
}

void TestScriptPanel::aRefusalIsShownAndCannotRun()
{
    auto db = shopDatabase();
    DatabaseSession session;
    session.setDatabase(db->connInfo(), catalogOf(*db));
    ScriptPanel panel(&session);
    PanelScript refused;
    refused.title = QStringLiteral("refused");
    refused.script.header << QStringLiteral("Delete a row that cannot go.");
    refused.script.refusal = QStringLiteral("a RESTRICT key inside a cycle");
    panel.showScript(refused);
    QCOMPARE(statusOf(panel), QStringLiteral("No safe script: a RESTRICT key inside a cycle"));
    QVERIFY(!findByAccessibleName<QPushButton>(&panel, QStringLiteral("Dry run"))->isEnabled());
    QVERIFY(!findByAccessibleName<QPushButton>(&panel, QStringLiteral("Execute"))->isEnabled());
    QVERIFY(findByAccessibleName<QPlainTextEdit>(&panel, QStringLiteral("Script"))
                ->toPlainText()
                .contains(QLatin1String("-- No script: a RESTRICT key inside a cycle")));
}

void TestScriptPanel::aTextOnlyScriptIsShownButNotRun()
{
    auto db = shopDatabase();
    DatabaseSession session;
    session.setDatabase(db->connInfo(), catalogOf(*db));
    ScriptPanel panel(&session);
    panel.showScript(textOnlyScript(QStringLiteral("own transaction"), QStringLiteral("BEGIN;\nDELETE FROM orders;\nCOMMIT;\n")));
    QVERIFY(!findByAccessibleName<QPushButton>(&panel, QStringLiteral("Dry run"))->isEnabled());
    QVERIFY(!findByAccessibleName<QPushButton>(&panel, QStringLiteral("Execute"))->isEnabled());
    QVERIFY(findByAccessibleName<QPushButton>(&panel, QStringLiteral("Copy script"))->isEnabled());
    QVERIFY(statusOf(panel).contains(QLatin1String("psql -v ON_ERROR_STOP=1 -f")));
}

void TestScriptPanel::dependentsMarkUnindexedKeysAndWriteTheOnDeleteChange()
{
    auto db = shopDatabase();
    // The demo has no index on orders.user_id; invoices get one, so only orders is marked.
    QVERIFY2(db->run(QStringLiteral("CREATE INDEX ON billing.invoices (user_id)")), qPrintable(db->error()));
    MainWindow window;
    selectAlice(window, *db);  // orders and invoices reference her
    if (QTest::currentTestFailed())
        return;

    auto *dependents = findByAccessibleName<QTreeView>(&window, QStringLiteral("Dependents"));
    QModelIndex orders;
    QTRY_VERIFY_WITH_TIMEOUT((orders = dependents->model()->match(dependents->model()->index(0, 1), Qt::DisplayRole,
                                                                  QStringLiteral("orders_user_id_fkey"), 1, Qt::MatchExactly)
                                           .value(0))
                                 .isValid(),
                             windowTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(orders.siblingAtColumn(ImpactTreeModel::IndexColumn).data(ImpactTreeModel::UnindexedRole).toBool(),
                             windowTimeout);
    QCOMPARE(orders.siblingAtColumn(ImpactTreeModel::IndexColumn).data().toString(), QStringLiteral("none: scans public.orders"));
    const QModelIndex invoices = dependents->model()->match(dependents->model()->index(0, 1), Qt::DisplayRole,
                                                            QStringLiteral("invoices_user_id_fkey"), 1, Qt::MatchExactly)
                                     .value(0);
    QVERIFY(invoices.isValid());
    QVERIFY(!invoices.siblingAtColumn(ImpactTreeModel::IndexColumn).data(ImpactTreeModel::UnindexedRole).toBool());

    dependents->setCurrentIndex(orders);
    auto *change = findByAccessibleName<QToolButton>(&window, QStringLiteral("Change ON DELETE"));
    QVERIFY(change && change->isEnabled());
    Q_EMIT change->menu()->aboutToShow();
    QAction *cascade = nullptr, *setNull = nullptr;
    for (QAction *action : change->menu()->actions()) {
        if (action->text() == QLatin1String("orders_user_id_fkey: ON DELETE CASCADE"))
            cascade = action;
        if (action->text().startsWith(QLatin1String("orders_user_id_fkey: ON DELETE SET NULL")))
            setNull = action;
    }
    QVERIFY(cascade);
    // orders.user_id is NOT NULL: SET NULL is greyed, and says why.
    QVERIFY(setNull && !setNull->isEnabled());
    QCOMPARE(setNull->text(), QStringLiteral("orders_user_id_fkey: ON DELETE SET NULL (not possible: a key column is NOT NULL)"));
    cascade->trigger();
    auto *views = findByAccessibleName<QTabWidget>(&window, QStringLiteral("Views"));
    auto *panel = window.findChild<ScriptPanel *>();
    QCOMPARE(views->currentWidget(), panel);
    QTRY_VERIFY_WITH_TIMEOUT(panel->script().isTextOnly(), windowTimeout);
    const QString sql = panel->script().sql();
    QVERIFY2(sql.contains(QLatin1String("CREATE INDEX CONCURRENTLY")), qPrintable(sql));
    QVERIFY2(sql.contains(QLatin1String("ON DELETE CASCADE NOT VALID")), qPrintable(sql));
    QVERIFY2(sql.indexOf(QLatin1String("CREATE INDEX")) < sql.indexOf(QLatin1String("BEGIN")), qPrintable(sql));
}

void TestScriptPanel::theDeleteScriptOfARowDryRunsWithTheServersCounts()
{
    auto db = shopDatabase();
    const QString before = fingerprint(*db);
    MainWindow window;
    selectAlice(window, *db);  // her orders block a plain DELETE
    if (QTest::currentTestFailed())
        return;

    auto *deleteScript = findByAccessibleName<QToolButton>(&window, QStringLiteral("Delete script"));
    QTRY_VERIFY_WITH_TIMEOUT(deleteScript->isEnabled(), windowTimeout);
    deleteScript->click();
    auto *panel = window.findChild<ScriptPanel *>();
    QCOMPARE(findByAccessibleName<QTabWidget>(&window, QStringLiteral("Views"))->currentWidget(), panel);
    QTRY_VERIFY_WITH_TIMEOUT(panel->script().isRunnable(), windowTimeout);
    QVERIFY2(panel->script().title.startsWith(QLatin1String("Delete script of public.users id=1")),
             qPrintable(panel->script().title));

    const QStringList expected = serverCountsOfScript(*db, panel->script().sql());
    QVERIFY2(expected.size() >= 3 && expected.join(u'\n').contains(QLatin1String("public.orders ")),
             qPrintable(expected.join(u'\n')));
    QTest::mouseClick(findByAccessibleName<QPushButton>(panel, QStringLiteral("Dry run")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(*panel).startsWith(QLatin1String("Dry run on")), windowTimeout);
    QStringList shown = shownChanges(*panel);
    shown.sort();
    QCOMPARE(shown, expected);
    QCOMPARE(fingerprint(*db), before);
    QCOMPARE(db->queryValue(QStringLiteral("SELECT count(*) FROM users WHERE id = 1")), QStringLiteral("1"));

    // The same row's insert script: alice and what she references, parents first.
    auto *insertScript = findByAccessibleName<QToolButton>(&window, QStringLiteral("Insert script"));
    QVERIFY(insertScript->isEnabled());
    insertScript->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel->script().title.startsWith(QLatin1String("Insert script of public.users id=1")),
                             windowTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(panel->script().forAnotherDatabase, windowTimeout);
    const QString sql = panel->script().sql();
    QVERIFY2(sql.contains(QLatin1String("INSERT INTO public.users")), qPrintable(sql));
    // Its rows are this database's own: running it here could only fail on their keys.
    QVERIFY(!findByAccessibleName<QPushButton>(panel, QStringLiteral("Dry run"))->isEnabled());
    QVERIFY(!findByAccessibleName<QPushButton>(panel, QStringLiteral("Execute"))->isEnabled());
    QVERIFY2(statusOf(*panel).contains(QLatin1String("Copy to Database")), qPrintable(statusOf(*panel)));
}

// Lint hands its CREATE INDEX statements to the Scripts view and hides, so that it does not
// cover them; Tools brings it back.
void TestScriptPanel::aToolDialogStepsAsideForTheScriptItWrites()
{
    auto db = shopDatabase();
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.connectTo(db->connInfo());
    auto *tree = findByAccessibleName<QTreeView>(&window, QStringLiteral("Tables"));
    QTRY_VERIFY_WITH_TIMEOUT(tree->model()->rowCount() > 0, windowTimeout);
    ToolsMenu *tools = window.findChild<ToolsMenu *>();
    QDialog *lint = tools->showLint();
    QVERIFY(lint->isVisible());
    auto *indexScript = lint->findChild<QPushButton *>(QStringLiteral("lintIndexScript"));
    QTRY_VERIFY_WITH_TIMEOUT(indexScript->isEnabled(), windowTimeout);
    indexScript->click();
    auto *views = findByAccessibleName<QTabWidget>(&window, QStringLiteral("Views"));
    QCOMPARE(views->currentWidget(), window.findChild<ScriptPanel *>());
    QVERIFY(!lint->isVisible());
    QCOMPARE(tools->showLint(), lint);
    QVERIFY(lint->isVisible());
}

FKSCOPE_TEST_MAIN(TestScriptPanel)
#include "tst_scriptpanel.moc"
