#pragma once

#include "catalog/Catalog.h"

#include <QRegularExpression>
#include <QStringList>

namespace fkscope::test {

// Builds small catalogs by hand: tables get oids 1, 2, 3... in the order they are added,
// keys get oids from 1000 on. Names without a dot go to schema "public".
class HandMadeCatalog {
public:
    qint64 table(const QString &name, int columns = 2)
    {
        Table t;
        t.oid = qint64(m_catalog.tables.size()) + 1;
        const qsizetype dot = name.indexOf(QLatin1Char('.'));
        t.schema = dot < 0 ? QStringLiteral("public") : name.left(dot);
        t.name = dot < 0 ? name : name.mid(dot + 1);
        t.qualifiedName = (dot < 0 ? QString() : t.schema + QLatin1Char('.')) + quoted(t.name);
        for (int c = 0; c < columns; ++c)
            t.columns.push_back({c + 1, c == 0 ? QStringLiteral("id") : QStringLiteral("c%1").arg(c),
                                 QStringLiteral("integer"), c != 0, {}, {}, {}});
        m_catalog.tables.push_back(t);
        return t.oid;
    }

    // A key from child to parent; returns its index in the catalog.
    int key(qint64 child, qint64 parent, FkAction onDelete = FkAction::NoAction)
    {
        ForeignKey k;
        k.oid = 1000 + qint64(m_catalog.foreignKeys.size());
        k.childOid = child;
        k.parentOid = parent;
        k.child = find(child).qualifiedName;
        k.parent = find(parent).qualifiedName;
        k.name = QStringLiteral("fk_%1").arg(m_catalog.foreignKeys.size());
        k.childColumns = {QStringLiteral("c1")};
        k.parentColumns = {QStringLiteral("id")};
        k.onDelete = onDelete;
        k.definition = QStringLiteral("FOREIGN KEY (c1) REFERENCES %1(id)").arg(k.parent);
        m_catalog.foreignKeys.push_back(k);
        return int(m_catalog.foreignKeys.size()) - 1;
    }

    Catalog &catalog()
    {
        m_catalog.rebuildIndex();
        return m_catalog;
    }

    static QString quoted(const QString &name)
    {
        static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
        if (plain.match(name).hasMatch())
            return name;
        QString q = name;
        q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + q + QLatin1Char('"');
    }

private:
    const Table &find(qint64 oid) const { return m_catalog.tables[size_t(oid - 1)]; }

    Catalog m_catalog;
};

} // namespace fkscope::test
