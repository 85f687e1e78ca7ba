#include "catalog/VirtualKeys.h"

#include "catalog/Identifier.h"
#include "catalog/KeyIndexes.h"
#include "db/Connection.h"
#include "infer/ColumnTypes.h"

#include <QSet>
#include <QSqlDatabase>

#include <algorithm>

namespace fkscope {

namespace {

constexpr qint64 topOid = 4294967295LL;

// A table as a user may name it: as the catalog quotes it ("Sales"."Order Items"), as
// schema.name without quotes, or by its name alone when one schema only has it.
Result<const Table *> findTable(const Catalog &catalog, const QString &given)
{
    if (const Table *table = catalog.table(given))
        return table;
    const qsizetype dot = given.indexOf(QLatin1Char('.'));
    std::vector<const Table *> found;
    for (const Table &t : catalog.tables) {
        const bool matches = dot > 0 ? t.schema == unquoteIdentifier(given.left(dot))
                                           && t.name == unquoteIdentifier(given.mid(dot + 1))
                                     : t.name == unquoteIdentifier(given);
        if (matches)
            found.push_back(&t);
    }
    if (found.size() == 1)
        return found.front();
    if (found.empty())
        return Error::usage(QStringLiteral("no table %1").arg(given));
    return Error::usage(QStringLiteral("%1 tables are named %2: give its schema").arg(found.size()).arg(given));
}

Result<std::vector<const Column *>> findColumns(const Table &table, const QStringList &names)
{
    std::vector<const Column *> columns;
    for (const QString &name : names) {
        const Column *column = table.column(name);
        if (!column)
            return Error::usage(QStringLiteral("%1 has no column %2").arg(table.qualifiedName, name));
        if (names.count(name) > 1)
            return Error::usage(QStringLiteral("column %1 is listed twice").arg(name));
        columns.push_back(column);
    }
    return columns;
}

bool isUniqueKey(const Table &parent, const QStringList &columns)
{
    const QSet<QString> wanted(columns.cbegin(), columns.cend());
    return std::any_of(parent.uniqueKeys.cbegin(), parent.uniqueKeys.cend(), [&](const UniqueKey &key) {
        return key.columns.size() == columns.size() && QSet<QString>(key.columns.cbegin(), key.columns.cend()) == wanted;
    });
}

bool comparable(const ColumnTypes &types, const Table &child, const Column &c, const Table &parent, const Column &p)
{
    // A column the session may not read has no known base type: its declared type decides.
    if (types.baseType(child, c) == 0 || types.baseType(parent, p) == 0)
        return c.type.section(QLatin1Char('('), 0, 0) == p.type.section(QLatin1Char('('), 0, 0);
    return types.comparable(child, c, parent, p);
}

// PostgreSQL's own name for the key: table_column_fkey, cut to 63 bytes, a number added when
// the table has a constraint of that name already.
QString defaultName(const Table &child, const QStringList &columns, const QSet<QString> &taken)
{
    QString base = child.name + QLatin1Char('_') + columns.join(QLatin1Char('_'));
    while (base.toUtf8().size() > 63 - 5)
        base.chop(1);
    QString name = base + QStringLiteral("_fkey");
    for (int n = 1; taken.contains(name); ++n)
        name = base + QStringLiteral("_fkey%1").arg(n);
    return name;
}

Result<ForeignKey> resolveOne(const Catalog &catalog, const ColumnTypes &types, const VirtualKeyEntry &entry,
                              QHash<qint64, QSet<QString>> &namesByTable)
{
    auto child = findTable(catalog, entry.child);
    if (!child)
        return child.error();
    auto parent = findTable(catalog, entry.parent);
    if (!parent)
        return parent.error();
    if (entry.childColumns.size() != entry.parentColumns.size())
        return Error::usage(QStringLiteral("%1 child column(s) but %2 parent column(s)")
                                .arg(entry.childColumns.size())
                                .arg(entry.parentColumns.size()));
    auto childColumns = findColumns(*child.value(), entry.childColumns);
    if (!childColumns)
        return childColumns.error();
    auto parentColumns = findColumns(*parent.value(), entry.parentColumns);
    if (!parentColumns)
        return parentColumns.error();
    for (qsizetype i = 0; i < entry.childColumns.size(); ++i) {
        const Column &c = *childColumns.value()[size_t(i)];
        const Column &p = *parentColumns.value()[size_t(i)];
        if (!comparable(types, *child.value(), c, *parent.value(), p))
            return Error::usage(QStringLiteral("type mismatch: %1.%2 is %3 but %4.%5 is %6, not comparable with =")
                                    .arg(child.value()->qualifiedName, c.name, c.type, parent.value()->qualifiedName,
                                         p.name, p.type));
    }
    if (!isUniqueKey(*parent.value(), entry.parentColumns))
        return Error::usage(QStringLiteral("(%1) is not the primary key or a unique key of %2")
                                .arg(entry.parentColumns.join(QStringLiteral(", ")), parent.value()->qualifiedName));

    ForeignKey key;
    key.isVirtual = true;
    key.validated = false;
    key.childOid = child.value()->oid;
    key.child = child.value()->qualifiedName;
    key.childColumns = entry.childColumns;
    key.parentOid = parent.value()->oid;
    key.parent = parent.value()->qualifiedName;
    key.parentColumns = entry.parentColumns;
    QSet<QString> &taken = namesByTable[key.childOid];
    key.name = entry.name.isEmpty() ? defaultName(*child.value(), entry.childColumns, taken) : entry.name;
    if (taken.contains(key.name))
        return Error::usage(QStringLiteral("%1 has a key named %2 already").arg(key.child, key.name));
    taken.insert(key.name);
    key.definition = QStringLiteral("FOREIGN KEY (%1) REFERENCES %2(%3)")
                         .arg(quoteColumnList(key.childColumns), key.parent, quoteColumnList(key.parentColumns));
    return key;
}

bool sameColumns(const ForeignKey &a, const ForeignKey &b)
{
    return a.childOid == b.childOid && a.parentOid == b.parentOid && a.childColumns == b.childColumns
        && a.parentColumns == b.parentColumns;
}

} // namespace

Result<std::vector<ForeignKey>> resolveVirtualKeys(const Catalog &catalog, const ColumnTypes &types,
                                                   const std::vector<VirtualKeyEntry> &entries)
{
    QHash<qint64, QSet<QString>> namesByTable;
    for (const ForeignKey &k : catalog.foreignKeys) {
        if (!k.isVirtual)
            namesByTable[k.childOid].insert(k.name);
    }
    std::vector<ForeignKey> keys;
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto refuse = [&](const QString &why) {
            return Error::usage(QStringLiteral("entry %1 (%2): %3").arg(i + 1).arg(entries[i].describe(), why));
        };
        auto key = resolveOne(catalog, types, entries[i], namesByTable);
        if (!key)
            return refuse(key.error().message);
        for (const ForeignKey &declared : catalog.foreignKeys) {
            if (!declared.isVirtual && sameColumns(declared, key.value()))
                return refuse(QStringLiteral("the database declares this key already, as %1").arg(declared.name));
        }
        for (size_t j = 0; j < keys.size(); ++j) {
            if (sameColumns(keys[j], key.value()))
                return refuse(QStringLiteral("the same key as entry %1").arg(j + 1));
        }
        key->oid = topOid - qint64(i);
        keys.push_back(key.take());
    }
    return keys;
}

Result<Catalog> withVirtualKeys(Connection &connection, const Catalog &catalog,
                                const std::vector<VirtualKeyEntry> &entries)
{
    Catalog result = withoutVirtualKeys(catalog);
    if (entries.empty())
        return result;
    const QSqlDatabase db = connection.database();
    auto types = ColumnTypes::load(db);
    if (!types)
        return types.error();
    auto keys = resolveVirtualKeys(result, types.value(), entries);
    if (!keys)
        return keys.error();
    for (ForeignKey &key : keys.value())
        result.foreignKeys.push_back(std::move(key));
    auto unindexed = unindexedKeys(db, result);
    if (!unindexed)
        return unindexed.error();
    for (ForeignKey &key : result.foreignKeys) {
        if (key.isVirtual)
            key.childIndexed = !unindexed->contains(key.oid);
    }
    return result;
}

Catalog withoutVirtualKeys(const Catalog &catalog)
{
    Catalog copy = catalog;
    copy.foreignKeys.erase(std::remove_if(copy.foreignKeys.begin(), copy.foreignKeys.end(),
                                          [](const ForeignKey &k) { return k.isVirtual; }),
                           copy.foreignKeys.end());
    copy.rebuildIndex();
    return copy;
}

Catalog withVirtualKeysDeclared(const Catalog &catalog)
{
    Catalog copy = catalog;
    for (ForeignKey &key : copy.foreignKeys)
        key.isVirtual = false;
    copy.rebuildIndex();
    return copy;
}

bool hasVirtualKeys(const Catalog &catalog)
{
    return std::any_of(catalog.foreignKeys.cbegin(), catalog.foreignKeys.cend(),
                       [](const ForeignKey &k) { return k.isVirtual; });
}

VirtualKeyEntry entryOf(const ForeignKey &key)
{
    return {key.name, key.child, key.childColumns, key.parent, key.parentColumns};
}

} // namespace fkscope
