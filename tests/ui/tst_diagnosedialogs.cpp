// The Tools dialogs against a real server: Explain Error fed the text of statements that
// really fail here (psql's stderr, not typed by hand), garbage and 10 MB of text; Orphans
// on the demo's NOT VALID key and on a proposed key; Lint on a key without an index.
#include "TestCatalog.h"
#include "TestDatabase.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "ui/session/DatabaseSession.h"
#include "ui/diagnose/ExplainDialog.h"
#include "ui/diagnose/LintDialog.h"
#include "ui/diagnose/OrphansDialog.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "script/ScriptRunner.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace fkscope;
using namespace fkscope::test;

namespace {

// What psql prints on stderr when statement fails, as a user would paste it.
QString failureOf(const TestDatabase &db, const QString &statement)
{
    QString error;
    const QString output = runPsql(db.connInfoString(), {QStringLiteral("-c"), statement}, &error);
    return output.isNull() ? error : QString();
}

QString fact(const ExplainDialog &dialog, const char *name)
{
    auto *label = dialog.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

QString summaryOf(const ExplainDialog &dialog)
{
    return findByAccessibleName<QLabel>(&dialog, QStringLiteral("Explanation"))->accessibleDescription();
}

QStringList fixTexts(const ExplainDialog &dialog)
{
    auto *fixes = findByAccessibleName<QListWidget>(&dialog, QStringLiteral("Fixes"));
    QStringList texts;
    for (int i = 0; i < fixes->count(); ++i)
        texts << fixes->item(i)->text();
    return texts;
}

QTreeWidgetItem *itemNamed(QTreeWidget *tree, int column, const QString &text)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(column) == text)
            return tree->topLevelItem(i);
    }
    return nullptr;
}

} // namespace

class TestDiagnoseDialogs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void explainShowsTheKeyAndFixesOfAStillReferencedRow();
    void explainShowsAMissingParentAndItsInsertFix();
    void explainSaysSoForTextItCannotRead_data();
    void explainSaysSoForTextItCannotRead();
    void orphansCountsTheRowsOfANotValidKey();
    void orphansChecksAProposedKey();
    void orphanRowsTurnPageByPage();
    void lintListsAnUnindexedKeyUntilItHasAnIndex();

private:
    std::unique_ptr<TestDatabase> m_shop;
    std::shared_ptr<const Catalog> m_shopCatalog;
};

void TestDiagnoseDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_diagnosedialogs"));
    m_shop = std::make_unique<TestDatabase>(QStringLiteral("diagui"));
    QVERIFY2(m_shop->isValid(), qPrintable(m_shop->error()));
    QVERIFY2(m_shop->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(m_shop->error()));
    m_shopCatalog = catalogOf(*m_shop);
}

void TestDiagnoseDialogs::explainShowsTheKeyAndFixesOfAStillReferencedRow()
{
    // Warehouse 1 still has stock, and stock_warehouse_id_fkey is RESTRICT.
    const QString error = failureOf(*m_shop, QStringLiteral("DELETE FROM warehouses WHERE id = 1"));
    QVERIFY2(error.contains(QLatin1String("stock_warehouse_id_fkey")), qPrintable(error));
    const QString stock = m_shop->queryValue(QStringLiteral("SELECT count(*) FROM stock WHERE warehouse_id = 1"));

    DatabaseSession session;
    session.setDatabase(m_shop->connInfo(), m_shopCatalog);
    ExplainDialog dialog(&session);
    QSignalSpy focus(&dialog, &ExplainDialog::focusTablesRequested);
    QSignalSpy scripts(&dialog, &ExplainDialog::scriptRequested);
    dialog.show();
    dialog.setErrorText(error);
    QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Explain")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(fact(dialog, "fact.constraint"), QStringLiteral("stock_warehouse_id_fkey"), windowTimeout);
    QCOMPARE(fact(dialog, "fact.child"), QStringLiteral("public.stock (warehouse_id)"));
    QCOMPARE(fact(dialog, "fact.parent"), QStringLiteral("public.warehouses (id)"));
    QCOMPARE(fact(dialog, "fact.key"), QStringLiteral("id = 1"));
    QCOMPARE(fact(dialog, "fact.rows"), stock);
    QVERIFY2(fact(dialog, "fact.dependents").startsWith(QLatin1String("DELETE would fail")),
             qPrintable(fact(dialog, "fact.dependents")));
    QVERIFY2(summaryOf(dialog).contains(QLatin1String("still reference")), qPrintable(summaryOf(dialog)));

    const QStringList fixes = fixTexts(dialog);
    QVERIFY2(fixes.size() >= 2, qPrintable(fixes.join(u'\n')));
    QVERIFY2(fixes.first().startsWith(QLatin1String("Delete the row together with every row that blocks it")),
             qPrintable(fixes.first()));
    QVERIFY2(fixes.join(u'\n').contains(QLatin1String("stock_warehouse_id_fkey cascade on delete")), qPrintable(fixes.join(u'\n')));

    QCOMPARE(focus.size(), 1);
    const QList<qint64> tables = focus.first().first().value<QList<qint64>>();
    QCOMPARE(tables.size(), 2);
    QCOMPARE(m_shopCatalog->table(tables[0])->qualifiedName, QStringLiteral("public.stock"));
    QCOMPARE(m_shopCatalog->table(tables[1])->qualifiedName, QStringLiteral("public.warehouses"));

    // The delete fix is the delete script: the script panel can dry-run it. Changing the
    // key's action runs its own transactions: text only.
    QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Open fix")), Qt::LeftButton);
    QCOMPARE(scripts.size(), 1);
    const PanelScript script = scripts.first().first().value<PanelScript>();
    QVERIFY(script.isRunnable());
    QVERIFY2(script.sql().contains(QLatin1String("DELETE FROM")), qPrintable(script.sql()));
    auto *fixList = findByAccessibleName<QListWidget>(&dialog, QStringLiteral("Fixes"));
    Q_EMIT fixList->itemActivated(fixList->item(1));
    QCOMPARE(scripts.size(), 2);
    QVERIFY(scripts.last().first().value<PanelScript>().isTextOnly());
}

void TestDiagnoseDialogs::explainShowsAMissingParentAndItsInsertFix()
{
    const QString error = failureOf(*m_shop, QStringLiteral("INSERT INTO orders (user_id) VALUES (999)"));
    QVERIFY2(error.contains(QLatin1String("is not present in table")), qPrintable(error));

    DatabaseSession session;
    session.setDatabase(m_shop->connInfo(), m_shopCatalog);
    ExplainDialog dialog(&session);
    QSignalSpy scripts(&dialog, &ExplainDialog::scriptRequested);
    dialog.setErrorText(error);
    dialog.explain();
    QTRY_COMPARE_WITH_TIMEOUT(fact(dialog, "fact.constraint"), QStringLiteral("orders_user_id_fkey"), windowTimeout);
    QCOMPARE(fact(dialog, "fact.key"), QStringLiteral("user_id = 999"));
    QCOMPARE(fact(dialog, "fact.parentExists"), QStringLiteral("no"));
    QCOMPARE(fact(dialog, "fact.rows"), QStringLiteral("0"));
    QVERIFY(fixTexts(dialog).first().startsWith(QLatin1String("Insert the missing parent row into public.users")));

    // The insert fix is one statement: the script panel can dry-run it.
    auto *fixes = findByAccessibleName<QListWidget>(&dialog, QStringLiteral("Fixes"));
    Q_EMIT fixes->itemActivated(fixes->item(0));
    QCOMPARE(scripts.size(), 1);
    const PanelScript script = scripts.first().first().value<PanelScript>();
    QVERIFY(script.isRunnable());
    QVERIFY2(script.sql().contains(QLatin1String("INSERT INTO \"public\".\"users\" (\"id\")")), qPrintable(script.sql()));
}

void TestDiagnoseDialogs::explainSaysSoForTextItCannotRead_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("garbage") << QStringLiteral("the server is on fire ))) \"' ; DROP TABLE users;");
    QTest::newRow("another error") << QStringLiteral("ERROR:  duplicate key value violates unique constraint \"users_pkey\"\n"
                                                     "DETAIL:  Key (id)=(1) already exists.");
    QTest::newRow("truncated") << QStringLiteral("ERROR:  insert or update on table \"orders\" violates foreign key constr");
    QString huge;
    huge.reserve(10 * 1024 * 1024 + 200);
    while (huge.size() < 10 * 1024 * 1024)
        huge += QStringLiteral("insert or update on table (((( violates \"\"\" Key (a, b)=(1, 2 is not present\n");
    QTest::newRow("10 MB") << huge;
}

void TestDiagnoseDialogs::explainSaysSoForTextItCannotRead()
{
    QFETCH(QString, text);
    DatabaseSession session;
    session.setDatabase(m_shop->connInfo(), m_shopCatalog);
    ExplainDialog dialog(&session);
    QSignalSpy focus(&dialog, &ExplainDialog::focusTablesRequested);
    dialog.setErrorText(text);
    dialog.explain();
    QTRY_COMPARE_WITH_TIMEOUT(summaryOf(dialog), QStringLiteral("not a foreign-key violation I can read"), windowTimeout);
    QVERIFY(fixTexts(dialog).isEmpty());
    QVERIFY(fact(dialog, "fact.constraint").isEmpty());
    QCOMPARE(focus.size(), 0);
}

void TestDiagnoseDialogs::orphansCountsTheRowsOfANotValidKey()
{
    // Add a second orphan next to the demo's legacy one, so the count is not a lucky 1.
    TestDatabase db(QStringLiteral("orphansui"));
    QVERIFY2(db.runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")), qPrintable(db.error()));
    QVERIFY2(db.run(QStringLiteral("SET session_replication_role = replica; "
                                   "UPDATE orders SET coupon_code = 'GONE' WHERE id = 1;")),
             qPrintable(db.error()));
    const QString expected = db.queryValue(QStringLiteral(
        "SELECT count(*) FROM orders o WHERE coupon_code IS NOT NULL "
        "AND NOT EXISTS (SELECT FROM coupons c WHERE c.code = o.coupon_code)"));
    QCOMPARE(expected, QStringLiteral("2"));

    DatabaseSession session;
    session.setDatabase(db.connInfo(), catalogOf(db));
    OrphansDialog dialog(&session);
    QSignalSpy scripts(&dialog, &OrphansDialog::scriptRequested);
    dialog.show();
    dialog.checkNotValidKeys();
    auto *keys = findByAccessibleName<QTreeWidget>(&dialog, QStringLiteral("Orphan checks"));
    QTRY_VERIFY_WITH_TIMEOUT(itemNamed(keys, 0, QStringLiteral("orders_coupon_code_fkey")), windowTimeout);
    QTreeWidgetItem *item = itemNamed(keys, 0, QStringLiteral("orders_coupon_code_fkey"));
    QCOMPARE(item->text(3), expected);
    keys->setCurrentItem(item);
    auto *sample = findByAccessibleName<QTableWidget>(&dialog, QStringLiteral("Orphan rows"));
    QCOMPARE(sample->rowCount(), 2);

    // Deleting the orphans is the delete script of them: order 12's invoice and payment go
    // first. The script panel can dry-run it, and the server agrees it runs.
    QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Delete Orphans")), Qt::LeftButton);
    QCOMPARE(scripts.size(), 1);
    const PanelScript script = scripts.first().first().value<PanelScript>();
    QVERIFY(script.isRunnable());
    QVERIFY2(script.sql().contains(QLatin1String("DELETE FROM ONLY billing.invoices")), qPrintable(script.sql()));
    auto connection = Connection::open(db.connInfo());
    QVERIFY(connection);
    auto run = ScriptRunner(*connection.value(), *catalogOf(db)).dryRun(script.script);
    QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
    QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM orders")), QStringLiteral("12"));  // rolled back
}

void TestDiagnoseDialogs::orphansChecksAProposedKey()
{
    TestDatabase db(QStringLiteral("proposedui"));
    QVERIFY2(db.run(QStringLiteral("CREATE TABLE parent (id int PRIMARY KEY);"
                                   "CREATE TABLE child (id int, parent_id int);"
                                   "INSERT INTO parent VALUES (1), (2);"
                                   "INSERT INTO child VALUES (1, 1), (2, 3), (3, 4), (4, NULL), (5, 4);")),
             qPrintable(db.error()));
    DatabaseSession session;
    session.setDatabase(db.connInfo(), catalogOf(db));
    OrphansDialog dialog(&session);
    findByAccessibleName<QComboBox>(&dialog, QStringLiteral("Child table"))->setCurrentText(QStringLiteral("public.child"));
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("Child columns"))->setText(QStringLiteral("parent_id"));
    findByAccessibleName<QComboBox>(&dialog, QStringLiteral("Parent table"))->setCurrentText(QStringLiteral("public.parent"));
    findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("Parent columns"))->setText(QStringLiteral("id"));
    QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Check proposed key")), Qt::LeftButton);
    auto *keys = findByAccessibleName<QTreeWidget>(&dialog, QStringLiteral("Orphan checks"));
    QTRY_VERIFY_WITH_TIMEOUT(itemNamed(keys, 0, QStringLiteral("child_parent_id_fkey (proposed)")), windowTimeout);
    // Rows 2, 3 and 5; the NULL key of row 4 references nothing under MATCH SIMPLE.
    QCOMPARE(itemNamed(keys, 0, QStringLiteral("child_parent_id_fkey (proposed)"))->text(3), QStringLiteral("3"));
    QCOMPARE(findByAccessibleName<QTableWidget>(&dialog, QStringLiteral("Orphan rows"))->rowCount(), 3);
}

void TestDiagnoseDialogs::orphanRowsTurnPageByPage()
{
    TestDatabase db(QStringLiteral("orphanpagesui"));
    QVERIFY2(db.run(QStringLiteral("CREATE TABLE parent (id int PRIMARY KEY);"
                                   "CREATE TABLE child (id int PRIMARY KEY, parent_id int);"
                                   "INSERT INTO child SELECT g, 1000 + g FROM generate_series(1, 120) g;"
                                   "ALTER TABLE child ADD CONSTRAINT child_parent FOREIGN KEY (parent_id) "
                                   "REFERENCES parent NOT VALID;")),
             qPrintable(db.error()));
    DatabaseSession session;
    session.setDatabase(db.connInfo(), catalogOf(db));
    OrphansDialog dialog(&session);
    dialog.show();
    dialog.checkNotValidKeys();
    auto *keys = findByAccessibleName<QTreeWidget>(&dialog, QStringLiteral("Orphan checks"));
    QTRY_VERIFY_WITH_TIMEOUT(itemNamed(keys, 0, QStringLiteral("child_parent")), windowTimeout);
    keys->setCurrentItem(itemNamed(keys, 0, QStringLiteral("child_parent")));
    auto *sample = findByAccessibleName<QTableWidget>(&dialog, QStringLiteral("Orphan rows"));
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("orphanPage"));
    auto *previous = dialog.findChild<QPushButton *>(QStringLiteral("previousOrphanRows"));
    auto *next = dialog.findChild<QPushButton *>(QStringLiteral("nextOrphanRows"));
    QCOMPARE(sample->rowCount(), 50);
    QCOMPARE(sample->item(0, 0)->text(), QStringLiteral("1"));
    QVERIFY(!previous->isEnabled());
    QVERIFY(next->isEnabled());

    next->click();
    QTRY_COMPARE_WITH_TIMEOUT(sample->item(0, 0)->text(), QStringLiteral("51"), windowTimeout);
    QVERIFY2(label->text().contains(QLatin1String("51")) && label->text().contains(QLatin1String("100")), qPrintable(label->text()));
    next->click();
    QTRY_COMPARE_WITH_TIMEOUT(sample->rowCount(), 20, windowTimeout);
    QCOMPARE(sample->item(19, 0)->text(), QStringLiteral("120"));
    QVERIFY(!next->isEnabled());
    previous->click();
    QTRY_COMPARE_WITH_TIMEOUT(sample->rowCount(), 50, windowTimeout);
    QCOMPARE(sample->item(0, 0)->text(), QStringLiteral("51"));
}

void TestDiagnoseDialogs::lintListsAnUnindexedKeyUntilItHasAnIndex()
{
    TestDatabase db(QStringLiteral("lintui"));
    QVERIFY2(db.run(QStringLiteral("CREATE TABLE parent (id int PRIMARY KEY);"
                                   "CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);")),
             qPrintable(db.error()));
    DatabaseSession session;
    session.setDatabase(db.connInfo(), catalogOf(db));
    LintDialog dialog(&session);
    QSignalSpy tables(&dialog, &LintDialog::tableActivated);
    dialog.show();
    dialog.lint();
    auto *findings = findByAccessibleName<QTreeWidget>(&dialog, QStringLiteral("Findings"));
    QTRY_VERIFY_WITH_TIMEOUT(itemNamed(findings, 2, QStringLiteral("child_parent_id_fkey")), windowTimeout);
    QTreeWidgetItem *item = itemNamed(findings, 2, QStringLiteral("child_parent_id_fkey"));
    QCOMPARE(item->text(0), QStringLiteral("Unindexed key"));
    QCOMPARE(item->text(1), QStringLiteral("public.child"));
    QVERIFY2(item->text(4).startsWith(QLatin1String("CREATE INDEX CONCURRENTLY")), qPrintable(item->text(4)));
    // Selected, the finding and its whole CREATE INDEX read below the list.
    findings->setCurrentItem(item);
    auto *detail = findByAccessibleName<QPlainTextEdit>(&dialog, QStringLiteral("Selected finding"));
    QVERIFY(detail);
    QVERIFY2(detail->toPlainText().contains(item->text(4)), qPrintable(detail->toPlainText()));
    QVERIFY(detail->toPlainText().startsWith(item->text(3)));
    Q_EMIT findings->itemActivated(item, 0);
    QCOMPARE(tables.size(), 1);
    QCOMPARE(tables.first().first().toString(), QStringLiteral("public.child"));

    // With the index the lint asked for, the finding is gone.
    QVERIFY2(db.run(item->text(4)), qPrintable(db.error()));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("lintAgain")), Qt::LeftButton);
    // The list is replaced only when the new findings arrive.
    QTRY_VERIFY_WITH_TIMEOUT(!itemNamed(findings, 2, QStringLiteral("child_parent_id_fkey")), windowTimeout);
    QVERIFY(itemNamed(findings, 1, QStringLiteral("public.parent")));  // it still blocks every delete
}

FKSCOPE_TEST_MAIN(TestDiagnoseDialogs)
#include "tst_diagnosedialogs.moc"
