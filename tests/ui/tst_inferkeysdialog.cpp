// Tools > Infer Keys against a real server, driven through its widgets offscreen: candidates
// sorted by confidence with their orphan counts, Accept making a virtual key that the session's
// catalog has and that is kept per database (a new session loads it), export and import,
// Reject, Copy ALTER, and Cancel while the server makes the inference wait on a lock. Nothing
// is ever written to the database.
#include "TestDatabase.h"
#include "TestMain.h"
#include "WidgetLookup.h"

#include "ui/common/BusyIndicator.h"
#include "ui/diagnose/InferKeysDialog.h"
#include "ui/diagnose/VirtualKeysBox.h"
#include "ui/session/DatabaseSession.h"
#include "ui/session/VirtualKeyStore.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const char *undeclaredShop = R"SQL(
CREATE TABLE users (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, user_id int, placed date);
CREATE TABLE order_lines (id int PRIMARY KEY, order_id int, qty int);
INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 50) g;
INSERT INTO orders SELECT g, 1 + g % 50, date '2024-01-01' + g FROM generate_series(1, 400) g;
INSERT INTO orders VALUES (401, 999), (402, 998);  -- two orphans
INSERT INTO order_lines SELECT g, 1 + g % 400, 1 FROM generate_series(1, 1000) g;
)SQL";

QTreeWidgetItem *candidateRow(QTreeWidget *list, const QString &child, const QString &parent)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = list->topLevelItem(i);
        if (item->text(InferKeysDialog::ChildColumn) == child && item->text(InferKeysDialog::ParentColumn) == parent)
            return item;
    }
    return nullptr;
}

bool hasVirtualKey(const DatabaseSession &session, const QString &child)
{
    const auto catalog = session.catalog();
    return catalog && std::any_of(catalog->foreignKeys.cbegin(), catalog->foreignKeys.cend(),
                                  [&](const ForeignKey &k) { return k.isVirtual && k.child == child; });
}

} // namespace

class TestInferKeysDialog : public QObject {
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("fkscope-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_inferkeysdialog"));
        m_db = std::make_unique<TestDatabase>(QStringLiteral("inferui"));
        QVERIFY2(m_db->run(QString::fromUtf8(undeclaredShop)), qPrintable(m_db->error()));
        QFile::remove(VirtualKeyStore::pathFor(m_db->connInfo()));
    }

    void acceptedCandidateBecomesAVirtualKeyKeptForTheDatabase()
    {
        DatabaseSession session;
        session.connectTo(m_db->connInfo());
        QTRY_VERIFY_WITH_TIMEOUT(session.hasDatabase(), windowTimeout);
        InferKeysDialog dialog(&session);
        dialog.show();
        dialog.infer();
        auto *list = findByAccessibleName<QTreeWidget>(&dialog, QStringLiteral("Candidate keys"));
        QTRY_VERIFY_WITH_TIMEOUT(list->topLevelItemCount() >= 2, windowTimeout);

        // Sorted by confidence, highest first.
        for (int i = 1; i < list->topLevelItemCount(); ++i) {
            QVERIFY(list->topLevelItem(i - 1)->data(InferKeysDialog::ConfidenceColumn, Qt::DisplayRole).toDouble()
                    >= list->topLevelItem(i)->data(InferKeysDialog::ConfidenceColumn, Qt::DisplayRole).toDouble());
        }
        QTreeWidgetItem *orders = candidateRow(list, QStringLiteral("public.orders"), QStringLiteral("public.users"));
        QVERIFY(orders);
        QCOMPARE(orders->text(InferKeysDialog::OrphansColumn),
                 m_db->queryValue(QStringLiteral("SELECT count(*) FROM orders o WHERE NOT EXISTS "
                                                 "(SELECT FROM users u WHERE u.id = o.user_id)")));
        QVERIFY(!orders->text(InferKeysDialog::EvidenceColumn).isEmpty());

        // Copy ALTER puts the statement on the clipboard; nothing runs.
        list->setCurrentItem(orders);
        QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Copy ALTER")), Qt::LeftButton);
        const QString alter = QGuiApplication::clipboard()->text();
        QVERIFY2(alter.contains(QLatin1String("ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_user_id_fkey\"")) && alter.contains(QLatin1String("NOT VALID")),
                 qPrintable(alter));

        QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Accept")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(hasVirtualKey(session, QStringLiteral("public.orders")), windowTimeout);
        QCOMPARE(session.virtualKeys().size(), size_t(1));
        // The list stays, the accepted row says so; the box below lists the key.
        orders = candidateRow(list, QStringLiteral("public.orders"), QStringLiteral("public.users"));
        QVERIFY(orders);
        QCOMPARE(orders->text(InferKeysDialog::StatusColumn), QStringLiteral("virtual key"));
        auto *kept = findByAccessibleName<QTreeWidget>(&dialog, QStringLiteral("Virtual keys"));
        QCOMPARE(kept->topLevelItemCount(), 1);
        QCOMPARE(kept->topLevelItem(0)->text(1), QStringLiteral("public.orders"));
        if (qEnvironmentVariableIsSet("FKSCOPE_SCREENSHOT_DIR")) {
            dialog.resize(1280, 640);
            QTest::qWait(200);
            dialog.grab().save(qEnvironmentVariable("FKSCOPE_SCREENSHOT_DIR") + QStringLiteral("/infer-keys.png"));
        }

        // Reject drops a candidate from the list.
        const int before = list->topLevelItemCount();
        list->setCurrentItem(candidateRow(list, QStringLiteral("public.order_lines"), QStringLiteral("public.orders")));
        QVERIFY(list->currentItem());
        QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Reject")), Qt::LeftButton);
        QCOMPARE(list->topLevelItemCount(), before - 1);

        // Kept in the app data folder for this database only, and never in the database.
        QVERIFY(QFile::exists(VirtualKeyStore::pathFor(m_db->connInfo())));
        QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")),
                 QStringLiteral("0"));
        DatabaseSession again;
        again.connectTo(m_db->connInfo());
        QTRY_VERIFY_WITH_TIMEOUT(again.hasDatabase(), windowTimeout);
        QVERIFY(hasVirtualKey(again, QStringLiteral("public.orders")));
        QCOMPARE(again.virtualKeys().front().name, QStringLiteral("orders_user_id_fkey"));

        // Export, remove, import: the same key comes back.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("keys.json"));
        auto *box = dialog.findChild<VirtualKeysBox *>();
        QVERIFY(box->exportTo(file));
        kept->setCurrentItem(kept->topLevelItem(0));
        kept->topLevelItem(0)->setSelected(true);
        QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Remove virtual keys")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(session.virtualKeys().empty(), windowTimeout);
        QVERIFY(!hasVirtualKey(session, QStringLiteral("public.orders")));
        QCOMPARE(orders->text(InferKeysDialog::StatusColumn), QString());
        box->importFrom(file);
        QTRY_VERIFY_WITH_TIMEOUT(hasVirtualKey(session, QStringLiteral("public.orders")), windowTimeout);

        // By hand; a key that does not hold is refused with its reason, and nothing changes.
        findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("Child table and columns"))->setText(QStringLiteral("orders(placed)"));
        findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("Parent table and columns"))->setText(QStringLiteral("users(id)"));
        QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Add virtual key")), Qt::LeftButton);
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("virtualKeysMessage"));
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QLatin1String("type mismatch")), windowTimeout);
        QCOMPARE(session.virtualKeys().size(), size_t(1));
        findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("Child table and columns"))->setText(QStringLiteral("order_lines(order_id)"));
        findByAccessibleName<QLineEdit>(&dialog, QStringLiteral("Parent table and columns"))->setText(QStringLiteral("orders(id)"));
        QTest::mouseClick(findByAccessibleName<QPushButton>(&dialog, QStringLiteral("Add virtual key")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(session.virtualKeys().size(), size_t(2), windowTimeout);
        QVERIFY(hasVirtualKey(session, QStringLiteral("public.order_lines")));
        QFile::remove(VirtualKeyStore::pathFor(m_db->connInfo()));
    }

    // The server keeps the inference waiting on a lock; Cancel stops it (SQLSTATE 57014).
    void cancelStopsTheInference()
    {
        DatabaseSession session;
        session.connectTo(m_db->connInfo());
        QTRY_VERIFY_WITH_TIMEOUT(session.hasDatabase(), windowTimeout);
        QProcess locker;
        locker.start(QStringLiteral("psql"), {QStringLiteral("-d"), m_db->connInfoString(), QStringLiteral("-c"),
                                             QStringLiteral("BEGIN; LOCK TABLE orders, order_lines; SELECT pg_sleep(60)")});
        QTRY_COMPARE_WITH_TIMEOUT(m_db->queryValue(QStringLiteral("SELECT count(*) FROM pg_locks l JOIN pg_class c ON "
                                                                  "c.oid = l.relation WHERE c.relname = 'orders' AND "
                                                                  "l.mode = 'AccessExclusiveLock' AND l.granted")),
                                  QStringLiteral("1"), windowTimeout);
        InferKeysDialog dialog(&session);
        dialog.show();
        dialog.infer();
        auto *busy = dialog.findChild<BusyIndicator *>();
        QVERIFY(busy->isBusy());
        QTest::qWait(500);
        QVERIFY(busy->isBusy());  // waiting on the lock
        QTest::mouseClick(busy->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("inferKeysMessage"));
        QTRY_COMPARE_WITH_TIMEOUT(message->text(), QStringLiteral("Cancelled."), windowTimeout);
        QVERIFY(!busy->isBusy());
        locker.kill();
        locker.waitForFinished();
    }
};

FKSCOPE_TEST_MAIN(TestInferKeysDialog)
#include "tst_inferkeysdialog.moc"
