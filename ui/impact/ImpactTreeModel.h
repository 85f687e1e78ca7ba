#pragma once

#include "impact/DeleteImpact.h"

#include <QIcon>
#include <QSet>
#include <QStandardItemModel>

namespace fkscope {

// The foreign keys a DELETE goes down, as a tree: per key the child table, the constraint,
// its ON DELETE action, the rows it reaches and what happens to them. Below a cascading key,
// the keys its deleted rows fire in turn.
class ImpactTreeModel : public QStandardItemModel {
    Q_OBJECT

public:
    enum Column { TableColumn, ConstraintColumn, OnDeleteColumn, RowsColumn, EffectColumn, IndexColumn, ColumnCount };
    enum Role {
        QualifiedNameRole = Qt::UserRole + 1,  // the child table: "billing.invoices"
        EffectRole,                            // Effect, as an int
        KeyOidRole,                            // the foreign key's oid
        UnindexedRole,                         // true on a key the DELETE hits that no index serves
    };
    enum class Effect { Blocks, Cascades, SetNull, SetDefault, DeletedAnyway, NoRows };

    explicit ImpactTreeModel(QObject *parent = nullptr);

    void show(const DeleteImpact &impact);
    void clearRows();
    // The keys no index serves, by "constraint\nchild table", with the CREATE INDEX each needs.
    // A key the DELETE reaches rows through gets a mark in the Index column.
    void setUnindexedKeys(const QHash<QString, QString> &createIndexByKey);

    static QString describe(Effect effect);

private:
    void addEdges(QStandardItem *parent, const std::vector<ImpactEdge> &edges);
    QList<QStandardItem *> rowFor(const ImpactEdge &edge);
    Effect effectOf(const ImpactEdge &edge) const;
    QIcon iconFor(Effect effect) const;
    void markUnindexed(QStandardItem *parent);

    QSet<QString> m_blocking;  // "constraint\ntable" of the keys that block
    QHash<int, QIcon> m_icons;
    QHash<QString, QString> m_unindexed;
};

} // namespace fkscope
