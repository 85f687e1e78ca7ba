#include "copy/ClosureRows.h"

#include "copy/LibpqSession.h"
#include "script/RowClosureQuery.h"

namespace fkscope {

namespace {

// "(12,3)" -> 12 << 16 | 3. An offset fits 16 bits (MaxHeapTuplesPerPage is far below).
std::optional<quint64> packedTid(QByteArrayView text)
{
    if (text.size() < 5 || text.front() != '(' || text.back() != ')')
        return std::nullopt;
    const QByteArrayView inner = text.sliced(1, text.size() - 2);
    const qsizetype comma = inner.indexOf(',');
    bool blockOk = false, offsetOk = false;
    const quint64 block = inner.first(comma < 0 ? 0 : comma).toULongLong(&blockOk);
    const quint64 offset = inner.sliced(comma + 1).toULongLong(&offsetOk);
    if (comma < 0 || !blockOk || !offsetOk || offset > 0xffff)
        return std::nullopt;
    return block << 16 | offset;
}

} // namespace

qint64 ClosureRows::count() const
{
    qint64 rows = 0;
    for (const auto &tids : tidsByStorage)
        rows += qint64(tids.size());
    return rows;
}

Result<ClosureRows> readClosureRows(LibpqSession &source, const Catalog &catalog, const RootRows &root,
                                    bool withDependents)
{
    const QString closure = RowClosureQuery(catalog, *root.table, root.condition).sql(withDependents, false);
    ClosureRows rows;
    bool malformed = false;
    // Lines: kind, key, rel, tid, parent_rel, parent_tid (see RowClosureQuery).
    auto copied = source.copyOut(QStringLiteral("COPY (%1) TO STDOUT").arg(closure).toUtf8(), [&](const char *data, int size) {
        const QByteArrayView line(data, size);
        const QList<QByteArrayView> fields = [&] {
            QList<QByteArrayView> parts;
            qsizetype start = 0;
            for (qsizetype i = 0; i <= line.size(); ++i) {
                if (i == line.size() || line[i] == '\t' || line[i] == '\n') {
                    parts << line.sliced(start, i - start);
                    start = i + 1;
                    if (i < line.size() && line[i] == '\n')
                        break;
                }
            }
            return parts;
        }();
        if (fields.size() < 4) {
            malformed = true;
            return false;
        }
        if (fields[0] == "o") {
            ++rows.orphansByKey[fields[1].toLongLong()];
            return true;
        }
        const auto tid = packedTid(fields[3]);
        if (!tid) {
            malformed = true;
            return false;
        }
        rows.tidsByStorage[fields[2].toLongLong()].push_back(*tid);
        return true;
    });
    if (malformed)
        return Error::query(QStringLiteral("unexpected line in the closure of %1").arg(root.table->qualifiedName));
    if (!copied)
        return copied.error();
    return rows;
}

QByteArray tidArrayLiteral(const std::vector<quint64> &tids)
{
    QByteArray text;
    text.reserve(qsizetype(tids.size()) * 12 + 2);
    text += '{';
    for (size_t i = 0; i < tids.size(); ++i) {
        if (i)
            text += ',';
        text += "\"(";
        text += QByteArray::number(tids[i] >> 16);
        text += ',';
        text += QByteArray::number(tids[i] & 0xffff);
        text += ")\"";
    }
    text += '}';
    return text;
}

} // namespace fkscope
