// The one worker's rules against a real server whose messages are in German: a cancel is told
// by SQLSTATE 57014, a cancel nobody asked for runs the job again but a statement timeout
// does not, a lost connection is reopened and a reading job run once more, and a job that
// commits is never run twice.
#include "TestDatabase.h"
#include "TestMain.h"

#include "ui/session/DatabaseSession.h"
#include "ui/session/DatabaseWorker.h"

#include "db/Connection.h"
#include "db/SqlQuery.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <atomic>
#include <memory>
#include <optional>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const int jobTimeout = 30000;

// What a job answered, and how many times it ran.
struct Outcome {
    std::optional<Result<QString>> answer;
    std::shared_ptr<std::atomic<int>> attempts = std::make_shared<std::atomic<int>>(0);
};

// Runs sql on the job's connection; on the first attempt only, first runs firstTimeSql.
void runJob(DatabaseWorker &worker, Outcome &outcome, const QString &firstTimeSql, const QString &sql,
            DatabaseWorker::Rerun rerun = DatabaseWorker::Rerun::Allowed)
{
    worker.run<QString>(
        [attempts = outcome.attempts, firstTimeSql, sql](Connection &connection) -> Result<QString> {
            const QSqlDatabase db = connection.database();
            if (attempts->fetch_add(1) == 0 && !firstTimeSql.isEmpty()) {
                if (auto first = runQuery(db, firstTimeSql); !first)
                    return first.error();
            }
            auto query = runQuery(db, sql);
            if (!query)
                return query.error();
            return query->next() ? query->value(0).toString() : QString();
        },
        [&outcome](const Result<QString> &answer) { outcome.answer = answer; }, rerun);
}

} // namespace

class TestDatabaseWorker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theServerSpeaksGerman();
    void aCancelNobodyAskedForRunsTheJobAgain();
    void aStatementTimeoutIsNotRunAgain();
    void aUserCancelDeliversNothingAndTheNextJobRuns();
    void aLostConnectionIsReopenedAndTheJobRunsAgain();
    void aJobThatCommitsIsNeverRunTwice();

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<DatabaseSession> m_session;
};

void TestDatabaseWorker::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_db = std::make_unique<TestDatabase>(QStringLiteral("worker"));
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    // scripts/install-deps.sh generates the locale; the server's German messages ship with it.
    QVERIFY2(m_db->run(QStringLiteral("ALTER DATABASE %1 SET lc_messages TO 'de_DE.UTF-8'").arg(m_db->name())),
             qPrintable(m_db->error() + QStringLiteral(" (run scripts/install-deps.sh as root: it generates de_DE.UTF-8)")));
    QVERIFY(m_db->run(QStringLiteral("CREATE TABLE marks (n int)")));
    m_session = std::make_unique<DatabaseSession>();
    m_session->setDatabase(m_db->connInfo(), std::make_shared<const Catalog>());
    m_session->setStatementTimeout(30000);
}

void TestDatabaseWorker::theServerSpeaksGerman()
{
    DatabaseWorker worker(m_session.get(), QStringLiteral("german"));
    Outcome outcome;
    runJob(worker, outcome, {}, QStringLiteral("SELECT 1/0"));
    QTRY_VERIFY_WITH_TIMEOUT(outcome.answer.has_value(), jobTimeout);
    QVERIFY(!outcome.answer->ok());
    QCOMPARE(outcome.answer->error().sqlstate, QStringLiteral("22012"));
    QVERIFY2(outcome.answer->error().message.contains(QLatin1String("Division durch Null")),
             qPrintable(outcome.answer->error().message));
}

void TestDatabaseWorker::aCancelNobodyAskedForRunsTheJobAgain()
{
    // The backend cancels its own statement, as a late cancel meant for the job before does.
    DatabaseWorker worker(m_session.get(), QStringLiteral("strayCancel"));
    Outcome outcome;
    runJob(worker, outcome, QStringLiteral("SELECT pg_cancel_backend(pg_backend_pid()), pg_sleep(2)"),
           QStringLiteral("SELECT 'answered'"));
    QTRY_VERIFY_WITH_TIMEOUT(outcome.answer.has_value(), jobTimeout);
    QVERIFY2(outcome.answer->ok(), qPrintable(outcome.answer->error().message));
    QCOMPARE(outcome.answer->value(), QStringLiteral("answered"));
    QCOMPARE(outcome.attempts->load(), 2);
}

void TestDatabaseWorker::aStatementTimeoutIsNotRunAgain()
{
    m_session->setStatementTimeout(300);
    DatabaseWorker worker(m_session.get(), QStringLiteral("timeout"));
    Outcome outcome;
    runJob(worker, outcome, QStringLiteral("SET statement_timeout = 300"), QStringLiteral("SELECT pg_sleep(3)"));
    QTRY_VERIFY_WITH_TIMEOUT(outcome.answer.has_value(), jobTimeout);
    m_session->setStatementTimeout(30000);
    QVERIFY(!outcome.answer->ok());
    QVERIFY(outcome.answer->error().isCancel());
    QVERIFY2(!outcome.answer->error().message.contains(QLatin1String("canceling")),
             qPrintable(outcome.answer->error().message));
    QCOMPARE(outcome.attempts->load(), 1);
}

void TestDatabaseWorker::aUserCancelDeliversNothingAndTheNextJobRuns()
{
    DatabaseWorker worker(m_session.get(), QStringLiteral("userCancel"));
    QSignalSpy cancelled(&worker, &DatabaseWorker::cancelled);
    Outcome slow;
    runJob(worker, slow, {}, QStringLiteral("SELECT pg_sleep(20)"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_db->queryValue(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE query LIKE "
                                                              "'SELECT pg_sleep(20)%'")).isEmpty(), jobTimeout);
    worker.cancel();
    QCOMPARE(cancelled.count(), 1);
    Outcome next;
    runJob(worker, next, {}, QStringLiteral("SELECT 'next'"));
    QTRY_VERIFY_WITH_TIMEOUT(next.answer.has_value(), jobTimeout);
    QVERIFY2(next.answer->ok(), qPrintable(next.answer->error().message));
    QCOMPARE(next.answer->value(), QStringLiteral("next"));
    QVERIFY(!slow.answer.has_value());
    QCOMPARE(slow.attempts->load(), 1);
}

void TestDatabaseWorker::aLostConnectionIsReopenedAndTheJobRunsAgain()
{
    DatabaseWorker worker(m_session.get(), QStringLiteral("lost"));
    Outcome outcome;
    runJob(worker, outcome, QStringLiteral("SELECT pg_terminate_backend(pg_backend_pid())"),
           QStringLiteral("SELECT 'answered'"));
    QTRY_VERIFY_WITH_TIMEOUT(outcome.answer.has_value(), jobTimeout);
    QVERIFY2(outcome.answer->ok(), qPrintable(outcome.answer->error().message));
    QCOMPARE(outcome.answer->value(), QStringLiteral("answered"));
    QCOMPARE(outcome.attempts->load(), 2);
}

void TestDatabaseWorker::aJobThatCommitsIsNeverRunTwice()
{
    DatabaseWorker worker(m_session.get(), QStringLiteral("commits"));
    Outcome outcome;
    // The server ends the session right after the first statement: the INSERT meets a lost
    // connection. Run again, it would insert.
    runJob(worker, outcome, QStringLiteral("SELECT pg_terminate_backend(pg_backend_pid())"),
           QStringLiteral("INSERT INTO marks VALUES (1)"), DatabaseWorker::Rerun::Never);
    QTRY_VERIFY_WITH_TIMEOUT(outcome.answer.has_value(), jobTimeout);
    QVERIFY(!outcome.answer->ok());
    QVERIFY2(outcome.answer->error().isConnectionLost(), qPrintable(outcome.answer->error().message));
    QVERIFY(!outcome.answer->error().message.isEmpty());
    QCOMPARE(outcome.attempts->load(), 1);
    QCOMPARE(m_db->queryValue(QStringLiteral("SELECT count(*) FROM marks")), QStringLiteral("0"));

    // The next job gets a new connection.
    Outcome next;
    runJob(worker, next, {}, QStringLiteral("SELECT count(*) FROM marks"));
    QTRY_VERIFY_WITH_TIMEOUT(next.answer.has_value(), jobTimeout);
    QVERIFY2(next.answer->ok(), qPrintable(next.answer->error().message));
    QCOMPARE(next.answer->value(), QStringLiteral("0"));
}

FKSCOPE_TEST_MAIN(TestDatabaseWorker)
#include "tst_databaseworker.moc"
