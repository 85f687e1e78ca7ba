// The first view reads at real scale: fitted into a 1280×800 window, the SVG fkscope-cli
// graph writes by default draws at least 95% of its text at 8 px or more and is at most
// 2.5 times wider than high (or higher than wide), for a realistic 500-table database, the
// 3,000-table generated schema, and the depth-1 neighbourhood of each one's most referenced
// table. bench/svg_legibility.py measures; PostgreSQL says which table is most referenced.
#include "CliRun.h"
#include "TestDatabase.h"
#include "TestMain.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fkscope::test;

class TestGraphLegibility : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<TestDatabase> m_realistic;
    std::unique_ptr<TestDatabase> m_generated;

    // Loads what a bench/ generator prints.
    std::unique_ptr<TestDatabase> load(const QString &name, const QString &script, const QStringList &arguments = {})
    {
        auto db = std::make_unique<TestDatabase>(name);
        if (!db->runGenerator(script, arguments)) {
            qWarning() << db->error();
            return nullptr;
        }
        return db;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_realistic = load(QStringLiteral("legible_realistic"), QStringLiteral("generate_realistic_schema.py"),
                           {QStringLiteral("--seed"), QStringLiteral("1")});
        QVERIFY(m_realistic);
        m_generated = load(QStringLiteral("legible_generated"), QStringLiteral("generate_schema.py"));
        QVERIFY(m_generated);
        // What the two are meant to be.
        QVERIFY(m_realistic->queryValue(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")).toInt() >= 450);
        QCOMPARE(m_generated->queryValue(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")).toInt(), 3000);
    }

    void cleanupTestCase()
    {
        m_realistic.reset();
        m_generated.reset();
    }

    void defaultSvgIsLegibleInAWindow_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<bool>("focus");
        QTest::newRow("realistic 500 tables, first view") << "realistic" << false;
        QTest::newRow("realistic 500 tables, most referenced table's neighbours") << "realistic" << true;
        QTest::newRow("generated 3,000 tables, first view") << "generated" << false;
        QTest::newRow("generated 3,000 tables, most referenced table's neighbours") << "generated" << true;
    }

    void defaultSvgIsLegibleInAWindow()
    {
        QFETCH(QString, schema);
        QFETCH(bool, focus);
        TestDatabase &db = schema == QLatin1String("realistic") ? *m_realistic : *m_generated;
        const QString svg = m_dir.filePath(QStringLiteral("%1-%2.svg").arg(schema, focus ? QStringLiteral("focus") : QStringLiteral("all")));
        QStringList arguments{QStringLiteral("graph"), QStringLiteral("--db"), db.connInfoString(),
                              QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("--output"), svg};
        int neighbours = 0;
        if (focus) {
            const QStringList top = db.query(QStringLiteral(
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), count(*) FROM pg_constraint k "
                "JOIN pg_class c ON c.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE k.contype = 'f' AND k.conparentid = 0 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1")).value(0).split(QLatin1Char('|'));
            QCOMPARE(top.size(), 2);
            neighbours = top[1].toInt();
            arguments << QStringLiteral("--focus") << top[0];
        }
        const CliRun cli = runCli(arguments);
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));

        const CliRun check = runProgram(QStringLiteral("python3"), {sourceDir() + QStringLiteral("/bench/svg_legibility.py"), svg,
                                                          QStringLiteral("--window"), QStringLiteral("1280x800"),
                                                          QStringLiteral("--min-px"), QStringLiteral("8"),
                                                          QStringLiteral("--min-share"), QStringLiteral("0.95"),
                                                          QStringLiteral("--max-aspect"), QStringLiteral("2.5")});
        qInfo().noquote() << QString::fromUtf8(check.out).trimmed();
        QVERIFY2(check.exitCode == 0, qPrintable(QString::fromUtf8(check.out) + check.err));
        // Something real was drawn: a map of many boxes, or the hub and its neighbours.
        const int texts = QString::fromUtf8(check.out).section(QLatin1Char(' '), 1, 1).toInt();
        QVERIFY2(texts >= (focus ? std::min(neighbours, 10) : 20), qPrintable(QString::fromUtf8(check.out)));
    }
};

FKSCOPE_TEST_GUILESS_MAIN(TestGraphLegibility)
#include "tst_graphlegibility.moc"
