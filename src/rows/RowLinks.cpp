#include "rows/RowLinks.h"

#include "rows/RowPageQuery.h"

#include <QRegularExpression>

#include <algorithm>

namespace fkscope {

namespace {

int columnIndex(const Table &table, const QString &name)
{
    for (size_t i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].name == name)
            return int(i);
    }
    return -1;
}

// Values of row's columns `from`, to be matched against the columns `to` at the other end.
RowLink linkThrough(const ForeignKey &key, bool toParent, const Table &table, const RowValues &row)
{
    RowLink link;
    link.key = &key;
    link.toParent = toParent;
    link.tableOid = toParent ? key.parentOid : key.childOid;
    const QStringList &from = toParent ? key.childColumns : key.parentColumns;
    const QStringList &to = toParent ? key.parentColumns : key.childColumns;
    std::vector<RowFilter::Match> matches;
    for (int i = 0; i < from.size() && i < to.size(); ++i) {
        const int index = columnIndex(table, from[i]);
        const RowValue value = index >= 0 && size_t(index) < row.size() ? row[size_t(index)] : RowValue();
        // MATCH SIMPLE: one NULL key column and the row references nothing. A NULL parent
        // column (a unique key may allow it) is referenced by nothing either.
        if (!value)
            link.available = false;
        matches.push_back({to[i], value});
    }
    link.filter = RowFilter::where(std::move(matches));
    return link;
}

bool byName(const RowLink &a, const RowLink &b)
{
    return a.key->name < b.key->name;
}

bool isCtid(const QString &text)
{
    static const QRegularExpression tid(QStringLiteral(R"(^\(\d+,\d+\)$)"));
    return tid.match(text).hasMatch();
}

bool isOid(const QString &text)
{
    static const QRegularExpression oid(QStringLiteral(R"(^\d+$)"));
    return oid.match(text).hasMatch();
}

} // namespace

std::vector<RowLink> rowLinks(const Catalog &catalog, const Table &table, const RowValues &row)
{
    std::vector<RowLink> up;
    std::vector<RowLink> down;
    for (const ForeignKey &key : catalog.foreignKeys) {
        if (key.childOid == table.oid)
            up.push_back(linkThrough(key, true, table, row));
        if (key.parentOid == table.oid)
            down.push_back(linkThrough(key, false, table, row));
    }
    std::sort(up.begin(), up.end(), byName);
    std::sort(down.begin(), down.end(), byName);
    up.insert(up.end(), down.begin(), down.end());
    return up;
}

Result<DeleteRoot> deleteRootFor(const Table &table, const QStringList &rowKey)
{
    const RowOrderKey key = RowOrderKey::choose(table);
    DeleteRoot root;
    root.table = table.qualifiedName;
    if (rowKey.size() != key.parts().size())
        return Error::usage(QStringLiteral("the row of %1 has no complete key").arg(table.qualifiedName));
    if (key.kind == RowOrderKey::Kind::Columns) {
        for (int i = 0; i < rowKey.size(); ++i)
            root.key.append({key.columns[i], rowKey[i]});
        return root;
    }
    // Both values come from PostgreSQL's own output; checked, they are safe inside quotes.
    const QString ctid = rowKey.last();
    if (!isCtid(ctid) || (key.withTableOid && !isOid(rowKey.first())))
        return Error::usage(QStringLiteral("'%1' is not a row address").arg(rowKey.join(QLatin1Char(' '))));
    // The DELETE reaches INHERITS children too, whose ctids repeat the parent's: tableoid
    // pins the one table the row is stored in.
    const QString tableOid = key.withTableOid ? rowKey.first() : QString::number(table.oid);
    root.where = QStringLiteral("tableoid = '%1'::oid AND ctid = '%2'::tid").arg(tableOid, ctid);
    return root;
}

QString describeRow(const Table &table, const QStringList &rowKey)
{
    const RowOrderKey key = RowOrderKey::choose(table);
    if (key.kind == RowOrderKey::Kind::Ctid)
        return QStringLiteral("ctid %1").arg(rowKey.value(rowKey.size() - 1));
    QStringList parts;
    for (int i = 0; i < key.columns.size(); ++i)
        parts << key.columns[i] + QLatin1Char('=') + rowKey.value(i);
    return parts.join(QStringLiteral(", "));
}

} // namespace fkscope
