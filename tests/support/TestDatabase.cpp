#include "TestDatabase.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryFile>

namespace fkscope::test {

QString serverConnInfo()
{
    const QString path = qEnvironmentVariable("FKSCOPE_TEST_CONNINFO_FILE");
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        qFatal("FKSCOPE_TEST_CONNINFO_FILE is not set or unreadable; run the tests through ctest");
    return QString::fromUtf8(file.readAll()).trimmed();
}

QString sourceDir()
{
    const QString dir = qEnvironmentVariable("FKSCOPE_SOURCE_DIR");
    if (dir.isEmpty())
        qFatal("FKSCOPE_SOURCE_DIR is not set; run the tests through ctest");
    return dir;
}

QString sharedDatasetsDir()
{
    const QString configured = qEnvironmentVariable("FKSCOPE_DATASETS_DIR");
    return configured.isEmpty() ? sourceDir() + QStringLiteral("/../shared/datasets") : configured;
}

QString missingDatasetMessage(const QString &path)
{
    if (QFileInfo(path).isReadable())
        return {};
    return QStringLiteral("%1 is not there: this test needs the shared sample databases in ../shared/datasets beside "
                          "the source tree (or FKSCOPE_DATASETS_DIR); CI puts them there")
        .arg(QDir::cleanPath(path));
}

QString runPsql(const QString &conninfo, const QStringList &arguments, QString *error)
{
    QProcess process;
    process.start(QStringLiteral("psql"),
                  QStringList{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                              QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), conninfo}
                      + arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(600000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        if (error)
            *error = QString::fromUtf8(process.readAllStandardError()).trimmed();
        return QString();
    }
    QString output = QString::fromUtf8(process.readAllStandardOutput());
    return output.isNull() ? QStringLiteral("") : output;
}

namespace {

QString withDatabase(const QString &conninfo, const QString &dbname)
{
    return conninfo + QStringLiteral(" dbname=") + ConnInfo::quoteValue(dbname);
}

} // namespace

TestDatabase::TestDatabase(const QString &prefix)
{
    create(prefix, {});
}

TestDatabase::TestDatabase(const QString &prefix, const TestDatabase &templateDatabase)
{
    create(prefix, templateDatabase.name());
}

void TestDatabase::create(const QString &prefix, const QString &templateName)
{
    static QAtomicInteger<int> counter;
    m_name = QStringLiteral("%1_%2_%3")
                 .arg(prefix.toLower())
                 .arg(QCoreApplication::applicationPid())
                 .arg(counter.fetchAndAddRelaxed(1));
    QString sql = QStringLiteral("CREATE DATABASE %1").arg(m_name);
    if (!templateName.isEmpty())
        sql += QStringLiteral(" TEMPLATE %1").arg(templateName);
    QString error;
    if (runPsql(serverConnInfo(), {QStringLiteral("-c"), sql}, &error).isNull())
        m_error = QStringLiteral("CREATE DATABASE failed: ") + error;
}

TestDatabase::~TestDatabase()
{
    runPsql(serverConnInfo(), {QStringLiteral("-c"), QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name)});
}

QString TestDatabase::connInfoString() const
{
    return withDatabase(serverConnInfo(), m_name);
}

ConnInfo TestDatabase::connInfo() const
{
    return ConnInfo::parse(connInfoString()).value();
}

bool TestDatabase::runFile(const QString &path)
{
    QString error;
    if (runPsql(connInfoString(), {QStringLiteral("-f"), path}, &error).isNull()) {
        m_error = path + QStringLiteral(": ") + error;
        return false;
    }
    return true;
}

bool TestDatabase::runGenerator(const QString &script, const QStringList &arguments)
{
    QProcess generator;
    generator.start(QStringLiteral("python3"), QStringList{sourceDir() + QStringLiteral("/bench/") + script} + arguments);
    if (!generator.waitForFinished(600000) || generator.exitStatus() != QProcess::NormalExit || generator.exitCode() != 0) {
        m_error = script + QStringLiteral(": ") + QString::fromUtf8(generator.readAllStandardError());
        return false;
    }
    QTemporaryFile sql;
    if (!sql.open()) {
        m_error = QStringLiteral("no temporary file for the output of %1").arg(script);
        return false;
    }
    sql.write(generator.readAllStandardOutput());
    sql.flush();
    return runFile(sql.fileName());
}

bool TestDatabase::run(const QString &sql)
{
    QString error;
    if (runPsql(connInfoString(), {QStringLiteral("-c"), sql}, &error).isNull()) {
        m_error = error;
        return false;
    }
    return true;
}

QStringList TestDatabase::query(const QString &sql)
{
    QString error;
    const QString output = runPsql(connInfoString(), {QStringLiteral("-At"), QStringLiteral("-c"), sql}, &error);
    if (output.isNull()) {
        m_error = error;
        return {};
    }
    return output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString TestDatabase::queryValue(const QString &sql)
{
    return query(sql).value(0);
}

} // namespace fkscope::test
