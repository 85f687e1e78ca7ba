#include "InsertScriptCheck.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"

#include <QProcess>
#include <QTemporaryFile>

namespace fkscope::test {

bool copySchema(TestDatabase &from, TestDatabase &to, QString *error)
{
    QProcess dump;
    dump.start(QStringLiteral("pg_dump"), {QStringLiteral("--schema-only"), QStringLiteral("-d"), from.connInfoString()});
    if (!dump.waitForFinished(300000) || dump.exitCode() != 0) {
        *error = QStringLiteral("pg_dump: ") + QString::fromUtf8(dump.readAllStandardError());
        return false;
    }
    QTemporaryFile file;
    if (!file.open() || file.write(dump.readAllStandardOutput()) < 0 || !file.flush()) {
        *error = QStringLiteral("cannot write the schema dump");
        return false;
    }
    if (!to.runFile(file.fileName())) {
        *error = to.error();
        return false;
    }
    return true;
}

QString insertScript(TestDatabase &db, const DeleteRoot &rows, const InsertScriptOptions &options, QString *error,
                     bool *refused)
{
    auto connection = Connection::open(db.connInfo());
    if (!connection) {
        *error = connection.error().message;
        return {};
    }
    auto catalog = CatalogLoader(*connection.value()).load();
    if (!catalog) {
        *error = catalog.error().message;
        return {};
    }
    InsertScriptWriter writer(*connection.value(), catalog.value());
    writer.setOptions(options);
    auto script = writer.write(rows);
    if (!script) {
        *error = script.error().message;
        return {};
    }
    if (refused)
        *refused = !script->isRunnable();
    return script->text();
}

bool loadScript(TestDatabase &db, const QString &script, QString *error)
{
    QTemporaryFile file;
    const QString settings = QStringLiteral("SET timezone = 'Pacific/Chatham';\n"
                                            "SET datestyle = 'SQL, DMY';\n"
                                            "SET intervalstyle = 'sql_standard';\n"
                                            "SET extra_float_digits = -3;\n"
                                            "SET standard_conforming_strings = off;\n"
                                            "SET escape_string_warning = off;\n"
                                            "SET search_path = pg_catalog;\n");
    if (!file.open() || file.write((settings + script).toUtf8()) < 0 || !file.flush()) {
        *error = QStringLiteral("cannot write the script");
        return false;
    }
    if (!db.runFile(file.fileName())) {
        *error = db.error();
        return false;
    }
    return true;
}

QStringList rowsAsText(TestDatabase &db, const QString &table, const QString &condition)
{
    // The reading session's settings are fixed, so both sides print alike. ROW(alias.*), since a
    // column may have any name, the alias's included.
    QStringList rows = db.query(QStringLiteral("SET extra_float_digits = 3; SET timezone = 'UTC'; "
                                               "SET datestyle = 'ISO, YMD'; SET intervalstyle = 'postgres'; "
                                               "SELECT replace(replace(ROW(whole_row.*)::text, '\\', '\\\\'), E'\\n', '\\n') "
                                               "FROM %1 whole_row WHERE %2")
                                    .arg(table, condition));
    rows.sort();
    return rows;
}

} // namespace fkscope::test
