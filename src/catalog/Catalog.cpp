#include "catalog/Catalog.h"

namespace fkscope {

const UniqueKey *Table::primaryKey() const
{
    for (const UniqueKey &key : uniqueKeys) {
        if (key.isPrimary)
            return &key;
    }
    return nullptr;
}

const Column *Table::column(const QString &columnName) const
{
    for (const Column &c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

const Column *Table::column(int number) const
{
    for (const Column &c : columns) {
        if (c.number == number)
            return &c;
    }
    return nullptr;
}

QString toString(FkAction action)
{
    switch (action) {
    case FkAction::NoAction: return QStringLiteral("no action");
    case FkAction::Restrict: return QStringLiteral("restrict");
    case FkAction::Cascade: return QStringLiteral("cascade");
    case FkAction::SetNull: return QStringLiteral("set null");
    case FkAction::SetDefault: return QStringLiteral("set default");
    }
    return {};
}

std::optional<FkAction> fkActionNamed(const QString &spelled)
{
    for (FkAction action :
         {FkAction::NoAction, FkAction::Restrict, FkAction::Cascade, FkAction::SetNull, FkAction::SetDefault}) {
        if (toString(action) == spelled)
            return action;
    }
    return std::nullopt;
}

QString toString(FkMatch match)
{
    switch (match) {
    case FkMatch::Simple: return QStringLiteral("simple");
    case FkMatch::Full: return QStringLiteral("full");
    case FkMatch::Partial: return QStringLiteral("partial");
    }
    return {};
}

const Table *Catalog::table(qint64 oid) const
{
    auto it = m_tableByOid.constFind(oid);
    return it == m_tableByOid.constEnd() ? nullptr : &tables[size_t(*it)];
}

const Table *Catalog::table(const QString &qualifiedName) const
{
    for (const Table &t : tables) {
        if (t.qualifiedName == qualifiedName)
            return &t;
    }
    return nullptr;
}

std::vector<const ForeignKey *> Catalog::foreignKeysNamed(const QString &name, const Table *child) const
{
    std::vector<const ForeignKey *> found;
    for (const ForeignKey &key : foreignKeys) {
        if (key.name == name && (!child || key.childOid == child->oid))
            found.push_back(&key);
    }
    return found;
}

void Catalog::rebuildIndex()
{
    m_tableByOid.clear();
    for (size_t i = 0; i < tables.size(); ++i)
        m_tableByOid.insert(tables[i].oid, int(i));
}

} // namespace fkscope
