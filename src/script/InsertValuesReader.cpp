#include "script/InsertValuesReader.h"

#include "catalog/Identifier.h"
#include "copy/LibpqSession.h"

namespace fkscope {

namespace {

// Integers read best bare; every other value keeps its quotes and its type.
bool isPlainInteger(const QString &type)
{
    return type == QLatin1String("integer") || type == QLatin1String("bigint") || type == QLatin1String("smallint");
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

QByteArray copyTextField(QByteArrayView field)
{
    QByteArray text;
    text.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        const char c = field[i];
        if (c != '\\' || i + 1 == field.size()) {
            text += c;
            continue;
        }
        const char e = field[++i];
        switch (e) {
        case 'b': text += '\b'; break;
        case 'f': text += '\f'; break;
        case 'n': text += '\n'; break;
        case 'r': text += '\r'; break;
        case 't': text += '\t'; break;
        case 'v': text += '\v'; break;
        case 'x': {
            int value = 0, digits = 0;
            while (digits < 2 && i + 1 < field.size() && hexDigit(field[i + 1]) >= 0) {
                value = value * 16 + hexDigit(field[++i]);
                ++digits;
            }
            text += digits ? char(value) : 'x';
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                int value = e - '0', digits = 1;
                while (digits < 3 && i + 1 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '7') {
                    value = value * 8 + (field[++i] - '0');
                    ++digits;
                }
                text += char(value);
            } else {
                text += e;  // \\ and any other character stand for themselves
            }
        }
    }
    return text;
}

Status InsertValuesReader::readColumns(std::vector<CopyTable> &tables)
{
    // The column types as format_type() prints them with only pg_catalog on the path:
    // qualified wherever the type lives elsewhere, so the casts need no search_path to load.
    QStringList oids;
    for (const CopyTable &t : tables)
        oids << QString::number(t.table->oid);
    auto columns = m_source.query(QStringLiteral(
        "SELECT a.attrelid::bigint, a.attname, format_type(a.atttypid, a.atttypmod), a.attidentity <> '', "
        "       pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) IS NOT NULL "
        "  FROM pg_attribute a "
        " WHERE a.attrelid IN (%1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
        " ORDER BY a.attrelid, a.attnum").arg(oids.join(QStringLiteral(", "))));
    if (!columns)
        return columns.error();
    QHash<qint64, CopyTable *> byOid;
    for (CopyTable &t : tables)
        byOid.insert(t.table->oid, &t);
    for (const TextRow &column : columns.value()) {
        const qint64 oid = column[0].value_or(QString()).toLongLong();
        CopyTable *table = byOid.value(oid);
        if (!table)
            continue;
        const QString name = column[1].value_or(QString());
        table->columns << name;
        m_types[oid] << column[2].value_or(QString());
        table->hasIdentity = table->hasIdentity || column[3] == QStringLiteral("t");
        if (column[4] == QStringLiteral("t"))
            table->sequenceColumns << name;
    }
    return Done{};
}

QByteArray InsertValuesReader::tupleExpression(const CopyTable &table) const
{
    // '(' || … || ')': the whole tuple is one field, so a row is one COPY line.
    const QStringList &types = m_types.value(table.table->oid);
    QStringList values;
    for (int i = 0; i < table.columns.size(); ++i) {
        // ::text, as quote_nullable(anyelement) itself does: "char" and name also cast to text
        // implicitly, which makes the call ambiguous for them.
        const QString column = QStringLiteral("t.%1::text").arg(quoteIdentifier(table.columns[i]));
        values << (isPlainInteger(types.value(i))
                       ? QStringLiteral("coalesce(%1, 'NULL')").arg(column)
                       : QStringLiteral("coalesce(quote_literal(%1) || %2, 'NULL')")
                             .arg(column, quoteLiteral(QStringLiteral("::") + types.value(i))));
    }
    return QStringLiteral("'(' || %1 || ')'").arg(values.join(QStringLiteral(" || ', ' || "))).toUtf8();
}

Status InsertValuesReader::read(const CopyTable &table, const ClosureRows &rows, const RowHandler &row)
{
    const QByteArray tuple = tupleExpression(table);
    for (qint64 storageOid : table.storages) {
        const Table *storage = m_catalog.table(storageOid);
        QStringList order;
        if (const UniqueKey *primary = storage->primaryKey()) {
            for (const QString &column : primary->columns)
                order << QStringLiteral("t.%1").arg(quoteIdentifier(column));
        }
        order << QStringLiteral("t.ctid");
        const QByteArray name = QByteArray::number(storageOid) + ':';
        // ctid = ANY(array) is a TID scan: the rows are fetched where they lie.
        const QByteArray sql = "COPY (SELECT t.ctid, " + tuple + " FROM ONLY "
                             + quoteQualified(storage->schema, storage->name).toUtf8() + " t WHERE t.ctid = ANY('"
                             + tidArrayLiteral(rows.tidsByStorage.value(storageOid)) + "'::tid[]) ORDER BY "
                             + order.join(QStringLiteral(", ")).toUtf8() + ") TO STDOUT";
        QByteArray rowName;
        auto read = m_source.copyOut(sql, [&](const char *data, int size) {
            // "(block,offset)\t(…tuple…)\n": a tid has no tab and needs no escape.
            QByteArrayView line(data, size);
            if (line.endsWith('\n'))
                line.chop(1);
            const qsizetype tab = line.indexOf('\t');
            rowName = name + line.first(tab < 0 ? 0 : tab).toByteArray();
            return row(copyTextField(line.sliced(tab + 1)), rowName);
        });
        if (!read)
            return read;
    }
    return Done{};
}

} // namespace fkscope
