#include "InsertScriptCheck.h"

#include "catalog/CatalogLoader.h"
#include "db/Connection.h"
#include "script/ScriptSink.h"

#include <QBuffer>

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
    if (!script->isRunnable())
        return script->text();
    // The script the command line streams must be the one the window holds, to the byte, but
    // for the moment and snapshot it was read at.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ScriptTextSink sink(buffer);
    if (auto streamed = writer.write(rows, sink); !streamed) {
        *error = QStringLiteral("streamed: ") + streamed.error().message;
        return {};
    }
    const auto withoutReadLine = [](const QString &text) {
        QStringList lines = text.split(QLatin1Char('\n'));
        lines.removeIf([](const QString &line) { return line.startsWith(QLatin1String("-- Read from database")); });
        return lines;
    };
    const QString streamed = QString::fromUtf8(buffer.data());
    if (withoutReadLine(streamed) != withoutReadLine(script->text())) {
        *error = QStringLiteral("the streamed script differs from the one held in memory:\n%1\n----\n%2")
                     .arg(streamed, script->text());
        return {};
    }
    return streamed;
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
