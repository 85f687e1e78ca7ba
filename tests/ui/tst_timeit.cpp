// The Dependents panel's Time It and what-if, driven by accessible names against the demo
// database: the Time column and the lock list come from a dry run that keeps nothing; ticking
// "try with an index" asks first; changing a key's ON DELETE recomputes the verdict as a
// marked what-if, writes its ALTER script, and resets.
#include "TestCatalog.h"
#include "TestDatabase.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "ui/impact/DependentsPanel.h"
#include "ui/impact/ImpactTreeModel.h"
#include "ui/session/DatabaseSession.h"

#include "db/Connection.h"
#include "impact/AssumedActions.h"
#include "impact/DeleteImpactAnalyzer.h"
#include "impact/DeleteImpactJson.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

using namespace fkscope;
using namespace fkscope::test;

namespace {

std::unique_ptr<TestDatabase> demoForTimeIt()
{
    auto db = std::make_unique<TestDatabase>(QStringLiteral("timeitui"));
    if (!db->isValid() || !db->runFile(sourceDir() + QStringLiteral("/resources/demo/shop.sql")))
        qFatal("%s", qPrintable(db->error()));
    return db;
}

QString demoFingerprint(TestDatabase &db)
{
    return db.query(QStringLiteral(
                        "SELECT format('%s %s', c.oid::regclass, (xpath('/row/n/text()', query_to_xml(format("
                        "'SELECT count(*) AS n FROM ONLY %s', c.oid::regclass), false, true, '')))[1]::text) "
                        "FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace <> ALL (ARRAY['pg_catalog', "
                        "'information_schema', 'pg_toast']::regnamespace[]) ORDER BY 1"))
        .join(QLatin1Char('\n'));
}

// A Dependents panel, shown, on a fresh copy of the demo database.
struct PanelOnDemo {
    std::unique_ptr<TestDatabase> db = demoForTimeIt();
    const QString fingerprintBefore = demoFingerprint(*db);
    const std::shared_ptr<const Catalog> catalog = catalogOf(*db);
    DatabaseSession session;
    DependentsPanel panel{&session};

    PanelOnDemo()
    {
        session.setDatabase(db->connInfo(), catalog);
        panel.show();
    }
    void analyze(const QString &table, const QString &key) { panel.analyze(*catalog->table(table), {key}); }
};

QString panelVerdict(const DependentsPanel &panel)
{
    return panel.findChild<QLabel *>(QStringLiteral("verdict"))->accessibleDescription();
}

QModelIndex keyRow(const QTreeView *tree, const QString &constraint)
{
    return tree->model()
        ->match(tree->model()->index(0, ImpactTreeModel::ConstraintColumn), Qt::DisplayRole, constraint, 1,
                Qt::MatchExactly | Qt::MatchRecursive)
        .value(0);
}

// Answers the next message box with button.
void answerNextMessageBox(QMessageBox::StandardButton button, QString *text)
{
    QTimer::singleShot(0, [button, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *text = box->text();
        box->button(button)->click();
    });
}

} // namespace

class TestTimeIt : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_timeit"));
    }

    void timeItFillsTheTimeColumnCostliestFirstAndListsTheLocks()
    {
        PanelOnDemo demo;
        DependentsPanel &panel = demo.panel;
        // Order 7 (cancelled) has an item, a note and a shipment, and no invoice to block it.
        demo.analyze(QStringLiteral("public.orders"), QStringLiteral("7"));
        QTRY_VERIFY_WITH_TIMEOUT(panelVerdict(panel).startsWith(QLatin1String("DELETE would remove")), windowTimeout);

        auto *timeIt = findByAccessibleName<QPushButton>(&panel, QStringLiteral("Time It"));
        QVERIFY(timeIt && timeIt->isEnabled());
        QTest::mouseClick(timeIt, Qt::LeftButton);
        auto *summary = panel.findChild<QLabel *>(QStringLiteral("timingSummary"));
        QTRY_VERIFY_WITH_TIMEOUT(summary->accessibleDescription().startsWith(QLatin1String("Timed")), windowTimeout);

        auto *tree = findByAccessibleName<QTreeView>(&panel, QStringLiteral("Dependents"));
        const QAbstractItemModel *model = tree->model();
        int timed = 0;
        double previous = 1e300;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex time = model->index(row, ImpactTreeModel::TimeColumn);
            const double ms = time.data(ImpactTreeModel::TimeRole).toDouble();
            QVERIFY2(ms <= previous, "the costliest key comes first");
            previous = ms;
            timed += !time.data().toString().isEmpty();
        }
        QVERIFY(timed > 0);
        auto *locks = findByAccessibleName<QTreeWidget>(&panel, QStringLiteral("Locks"));
        QVERIFY(locks->isVisible());
        QVERIFY(!locks->findItems(QStringLiteral("public.orders"), Qt::MatchExactly, 0).isEmpty());
        QCOMPARE(demoFingerprint(*demo.db), demo.fingerprintBefore);

        // Beside a table list in a 1280-pixel window, with the lock list open: the panel never
        // asks for the table list's room, and the tree keeps more height than the locks.
        QVERIFY2(panel.minimumSizeHint().width() <= 1280 - 400, qPrintable(QString::number(panel.minimumSizeHint().width())));
        panel.resize(860, 420);
        QTRY_VERIFY(tree->height() > locks->height());
    }

    // Timing a DELETE that fails says so, and the key PostgreSQL stopped at is the verdict's.
    void timingADeleteThatFailsNamesTheVerdictsKey()
    {
        PanelOnDemo demo;
        DependentsPanel &panel = demo.panel;
        demo.analyze(QStringLiteral("public.users"), QStringLiteral("1"));
        QTRY_VERIFY_WITH_TIMEOUT(panelVerdict(panel).startsWith(QLatin1String("DELETE would fail")), windowTimeout);
        const QString verdict = panelVerdict(panel);
        const QString constraint = verdict.section(QLatin1String("through constraint "), 1).section(QLatin1Char(' '), 0, 0);
        QVERIFY2(!constraint.isEmpty(), qPrintable(verdict));

        QTest::mouseClick(findByAccessibleName<QPushButton>(&panel, QStringLiteral("Time It")), Qt::LeftButton);
        auto *summary = panel.findChild<QLabel *>(QStringLiteral("timingSummary"));
        QTRY_VERIFY_WITH_TIMEOUT(summary->accessibleDescription().startsWith(QLatin1String("PostgreSQL stopped")),
                                 windowTimeout);
        QVERIFY2(summary->accessibleDescription().contains(QStringLiteral("constraint \"%1\"").arg(constraint)),
                 qPrintable(verdict + QLatin1Char('\n') + summary->accessibleDescription()));
        QCOMPARE(demoFingerprint(*demo.db), demo.fingerprintBefore);
    }

    void tryingAnIndexAsksFirstThenTimesBeforeAndAfter()
    {
        PanelOnDemo demo;
        DependentsPanel &panel = demo.panel;
        const QString indexes = demo.db->queryValue(QStringLiteral("SELECT count(*) FROM pg_index"));
        // User 4 has no orders; the DELETE reaches rows through keys without an index.
        demo.analyze(QStringLiteral("public.users"), QStringLiteral("4"));
        auto *tree = findByAccessibleName<QTreeView>(&panel, QStringLiteral("Dependents"));
        auto *model = qobject_cast<QStandardItemModel *>(tree->model());
        QStandardItem *box = nullptr;
        const auto findBox = [&] {
            box = nullptr;
            for (const QModelIndex &index : model->match(model->index(0, ImpactTreeModel::IndexColumn),
                                                         ImpactTreeModel::UnindexedRole, true, -1,
                                                         Qt::MatchExactly | Qt::MatchRecursive))
                box = box ? box : model->itemFromIndex(index);
            return box != nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(findBox(), windowTimeout);
        QVERIFY(box->isCheckable());

        QString asked;
        answerNextMessageBox(QMessageBox::No, &asked);
        box->setCheckState(Qt::Checked);
        QTRY_VERIFY(!asked.isEmpty());
        QVERIFY2(asked.contains(QLatin1String("SHARE lock")), qPrintable(asked));
        QVERIFY2(asked.contains(QLatin1String("CREATE INDEX ON ")), qPrintable(asked));  // not CONCURRENTLY
        QCOMPARE(box->checkState(), Qt::Unchecked);

        asked.clear();
        answerNextMessageBox(QMessageBox::Yes, &asked);
        box->setCheckState(Qt::Checked);
        QTRY_VERIFY(!asked.isEmpty());
        QCOMPARE(box->checkState(), Qt::Checked);

        QTest::mouseClick(findByAccessibleName<QPushButton>(&panel, QStringLiteral("Time It")), Qt::LeftButton);
        auto *summary = panel.findChild<QLabel *>(QStringLiteral("timingSummary"));
        QTRY_VERIFY_WITH_TIMEOUT(!summary->accessibleDescription().startsWith(QLatin1String("Timing the")) &&
                                     !summary->accessibleDescription().isEmpty(),
                                 windowTimeout);
        QVERIFY2(summary->accessibleDescription().contains(QLatin1String("With the index")),
                 qPrintable(summary->accessibleDescription()));
        const QModelIndex time = model->indexFromItem(box).siblingAtColumn(ImpactTreeModel::TimeColumn);
        QVERIFY2(time.data().toString().contains(QStringLiteral("→")), qPrintable(time.data().toString()));
        auto *locks = findByAccessibleName<QTreeWidget>(&panel, QStringLiteral("Locks"));
        QVERIFY(!locks->findItems(QStringLiteral("ShareLock"), Qt::MatchExactly, 1).isEmpty());
        QCOMPARE(demo.db->queryValue(QStringLiteral("SELECT count(*) FROM pg_index")), indexes);
    }

    void cancellingTimeItStopsTheServerAndKeepsNothing()
    {
        TestDatabase db(QStringLiteral("timeitcancel"));
        QVERIFY2(db.run(QStringLiteral(R"(
            CREATE TABLE parent (id int PRIMARY KEY);
            CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent ON DELETE CASCADE);
            CREATE FUNCTION linger() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN PERFORM pg_sleep(30); RETURN OLD; END$$;
            CREATE TRIGGER child_linger AFTER DELETE ON child FOR EACH ROW EXECUTE FUNCTION linger();
            INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1, 1);)")),
                 qPrintable(db.error()));
        DatabaseSession session;
        session.setStatementTimeout(120000);
        const auto catalog = catalogOf(db);
        session.setDatabase(db.connInfo(), catalog);
        DependentsPanel panel(&session);
        panel.show();
        panel.analyze(*catalog->table(QStringLiteral("public.parent")), {QStringLiteral("1")});
        QTRY_VERIFY_WITH_TIMEOUT(panelVerdict(panel).startsWith(QLatin1String("DELETE would remove")), windowTimeout);
        QTest::mouseClick(findByAccessibleName<QPushButton>(&panel, QStringLiteral("Time It")), Qt::LeftButton);
        auto *cancel = findByAccessibleName<QPushButton>(&panel, QStringLiteral("Cancel timing"));
        QVERIFY(cancel->isVisible());
        // The DELETE is inside the trigger's sleep once the child's row is locked.
        const QString childLocked = QStringLiteral(
            "SELECT count(*) FROM pg_locks WHERE relation = 'child'::regclass AND mode = 'RowExclusiveLock'");
        QTRY_COMPARE_WITH_TIMEOUT(db.queryValue(childLocked), QStringLiteral("1"), windowTimeout);
        QTest::mouseClick(cancel, Qt::LeftButton);
        auto *summary = panel.findChild<QLabel *>(QStringLiteral("timingSummary"));
        QVERIFY(summary->accessibleDescription().startsWith(QLatin1String("Timing cancelled")));
        // The server stopped the statement (57014) and the transaction was rolled back, well
        // before the trigger's 30 seconds.
        QTRY_COMPARE_WITH_TIMEOUT(db.queryValue(childLocked), QStringLiteral("0"), 10000);
        QCOMPARE(db.queryValue(QStringLiteral("SELECT count(*) FROM child")), QStringLiteral("1"));
        QVERIFY(!panel.isBusy());
    }

    void changingAKeysActionRecomputesAMarkedWhatIfAndResets()
    {
        PanelOnDemo demo;
        DependentsPanel &panel = demo.panel;
        // Alice's orders (RESTRICT) block her DELETE.
        demo.analyze(QStringLiteral("public.users"), QStringLiteral("1"));
        QTRY_VERIFY_WITH_TIMEOUT(panelVerdict(panel).startsWith(QLatin1String("DELETE would fail")), windowTimeout);
        const QString realVerdict = panelVerdict(panel);
        auto *tree = findByAccessibleName<QTreeView>(&panel, QStringLiteral("Dependents"));
        auto *whatIfBar = panel.findChild<QWidget *>(QStringLiteral("whatIfBar"));
        QVERIFY(!whatIfBar->isVisible());

        const QModelIndex orders = keyRow(tree, QStringLiteral("orders_user_id_fkey")).siblingAtColumn(
            ImpactTreeModel::OnDeleteColumn);
        QVERIFY(orders.isValid());
        // A double-click on the action edits it, and does not leave for the child's rows.
        QSignalSpy leaving(&panel, &DependentsPanel::childRowsRequested);
        tree->scrollTo(orders);
        const QPoint cell = tree->visualRect(orders).center();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, cell);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, cell);
        QComboBox *combo = nullptr;
        QTRY_VERIFY((combo = findByAccessibleName<QComboBox>(tree, QStringLiteral("What if ON DELETE"))));
        QCOMPARE(leaving.count(), 0);
        combo->setCurrentIndex(combo->findData(int(FkAction::Cascade)));
        Q_EMIT combo->activated(combo->currentIndex());

        // The same answer as the core's what-if (dependents --assume, checked against PostgreSQL).
        auto connection = Connection::open(demo.db->connInfo());
        QVERIFY(connection);
        const qint64 keyOid = orders.data(ImpactTreeModel::KeyOidRole).toLongLong();
        auto newest = AssumedActions::newestObjectId(*connection.value());
        QVERIFY(newest);
        const Catalog whatIf = AssumedActions::apply(
            *demo.catalog, {{keyOid, QStringLiteral("public.orders"), QStringLiteral("orders_user_id_fkey"), FkAction::Cascade}},
            newest.value());
        auto expected = DeleteImpactAnalyzer(*connection.value(), whatIf).analyze(
            {QStringLiteral("public.users"), {{QStringLiteral("id"), QStringLiteral("1")}}, {}});
        QVERIFY(expected);
        QTRY_COMPARE_WITH_TIMEOUT(panelVerdict(panel), QStringLiteral("What if: %1").arg(verdict(expected.value())),
                                  windowTimeout);
        QVERIFY(whatIfBar->isVisible());
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("whatIfText"))->text().contains(
            QLatin1String("orders_user_id_fkey ON DELETE CASCADE")));
        QCOMPARE(keyRow(tree, QStringLiteral("orders_user_id_fkey")).siblingAtColumn(ImpactTreeModel::OnDeleteColumn)
                     .data().toString(),
                 QStringLiteral("cascade (what if)"));
        QVERIFY(!findByAccessibleName<QPushButton>(&panel, QStringLiteral("Time It"))->isEnabled());

        QString requested;
        ScriptGenerator generator;
        connect(&panel, &DependentsPanel::scriptRequested, this,
                [&](const QString &what, const ScriptGenerator &g) {
                    requested = what;
                    generator = g;
                });
        QTest::mouseClick(findByAccessibleName<QPushButton>(&panel, QStringLiteral("Write ALTER for these changes")),
                          Qt::LeftButton);
        QVERIFY(generator);
        auto script = generator(*connection.value(), *demo.catalog);
        QVERIFY2(script, qPrintable(script.error().message));
        QVERIFY2(script->sql().contains(QLatin1String("ON DELETE CASCADE")), qPrintable(script->sql()));
        QVERIFY(script->sql().contains(QLatin1String("\"orders_user_id_fkey\"")));

        QTest::mouseClick(findByAccessibleName<QPushButton>(&panel, QStringLiteral("Reset to the real actions")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panelVerdict(panel), realVerdict, windowTimeout);
        QVERIFY(!whatIfBar->isVisible());
        QCOMPARE(keyRow(tree, QStringLiteral("orders_user_id_fkey")).siblingAtColumn(ImpactTreeModel::OnDeleteColumn)
                     .data().toString(),
                 QStringLiteral("restrict"));
    }
};

FKSCOPE_TEST_MAIN(TestTimeIt)
#include "tst_timeit.moc"
