#pragma once

#include "db/ConnInfo.h"

#include <QString>
#include <QStringList>

namespace fkscope::test {

// The throwaway server that CTest's "postgres" fixture started (scripts/pg-throwaway.sh).
// Its conninfo is in the file named by $FKSCOPE_TEST_CONNINFO_FILE.
QString serverConnInfo();
// The source tree, for resources/.
QString sourceDir();
// The third-party sample databases: $FKSCOPE_DATASETS_DIR, or ../shared/datasets beside the
// source tree, where CI puts them.
QString sharedDatasetsDir();
// Why the dataset file at path (under sharedDatasetsDir()) cannot be read, or empty.
QString missingDatasetMessage(const QString &path);

// A test that needs a shared dataset: from a bare clone it skips, saying how to get the
// datasets; under CI (CI is set) a missing dataset fails the test.
#define FKSCOPE_REQUIRE_DATASET(path)                                                   \
    do {                                                                                \
        const QString fkscopeWhyMissing = fkscope::test::missingDatasetMessage(path);  \
        if (!fkscopeWhyMissing.isEmpty()) {                                             \
            if (qEnvironmentVariableIsSet("CI"))                                        \
                QFAIL(qPrintable(fkscopeWhyMissing));                                   \
            QSKIP(qPrintable(fkscopeWhyMissing));                                       \
        }                                                                               \
    } while (false)

// A fresh database of its own for one test, dropped again when this goes. Everything here
// goes through psql, not through fkscope's code, so tests can use it as an independent judge.
class TestDatabase {
public:
    explicit TestDatabase(const QString &prefix = QStringLiteral("t"));
    // A copy of another test database (CREATE DATABASE ... TEMPLATE): nobody may be connected
    // to the template while it is copied.
    TestDatabase(const QString &prefix, const TestDatabase &templateDatabase);
    ~TestDatabase();

    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString name() const { return m_name; }
    QString connInfoString() const;
    ConnInfo connInfo() const;

    // Runs a file or a script with psql -v ON_ERROR_STOP=1; false and error() on failure.
    bool runFile(const QString &path);
    // Runs a schema generator of bench/ (python3 bench/<script> arguments) and loads the SQL
    // it prints; false and error() on failure.
    bool runGenerator(const QString &script, const QStringList &arguments = {});
    bool run(const QString &sql);
    // Runs one query with psql -At and returns its output lines (fields split by '|').
    QStringList query(const QString &sql);
    QString queryValue(const QString &sql);

private:
    void create(const QString &prefix, const QString &templateName);

    QString m_name;
    QString m_error;
};

// Runs psql against any conninfo; returns its stdout, or a null string on failure.
QString runPsql(const QString &conninfo, const QStringList &arguments, QString *error = nullptr);

} // namespace fkscope::test
