#pragma once

#include "impact/DeleteImpact.h"
#include "impact/DryRunTiming.h"

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
    enum Column {
        TableColumn,
        ConstraintColumn,
        OnDeleteColumn,
        RowsColumn,
        EffectColumn,
        IndexColumn,
        TimeColumn,
        ColumnCount
    };
    enum Role {
        QualifiedNameRole = Qt::UserRole + 1,  // the child table: "billing.invoices"
        EffectRole,                            // Effect, as an int
        KeyOidRole,                            // the foreign key's oid
        UnindexedRole,                         // true on a key the DELETE hits that no index serves
        TimeRole,                              // the key's trigger time in ms (sorts the tree, costliest first)
        ActionRole,                            // On delete column: the key's FkAction, as an int (what-if edits it)
        AssumedRole,                           // true on a key whose action is assumed, not real
    };
    enum class Effect { Blocks, Cascades, SetNull, SetDefault, DeletedAnyway, NoRows };

    explicit ImpactTreeModel(QObject *parent = nullptr);

    void show(const DeleteImpact &impact);
    void clearRows();
    // The keys no index serves, by "constraint\nchild table", with the CREATE INDEX each needs.
    // A key the DELETE reaches rows through gets a mark in the Index column.
    void setUnindexedKeys(const QHash<QString, QString> &createIndexByKey);

    // Fills the Time column from a timed dry run (the second pass beside the first where
    // indexes were tried) and puts the costliest keys first, at every level.
    void setTimings(const DryRunTiming &timing);
    void clearTimings();
    // The keys whose ON DELETE action the tree shows as assumed (a what-if), by oid.
    void setAssumedKeys(const QSet<qint64> &keyOids);
    // The keys whose "try with an index" box is ticked.
    QSet<qint64> keysToTryWithIndex() const;

    static QString describe(Effect effect);

private:
    void addEdges(QStandardItem *parent, const std::vector<ImpactEdge> &edges);
    QList<QStandardItem *> rowFor(const ImpactEdge &edge);
    Effect effectOf(const ImpactEdge &edge) const;
    QIcon iconFor(Effect effect) const;
    void markUnindexed(QStandardItem *parent);
    void fillTimes(QStandardItem *parent, const DryRunTiming &timing);
    void markAssumed(QStandardItem *parent);
    void collectTicked(const QStandardItem *parent, QSet<qint64> &keys) const;

    QSet<QString> m_blocking;  // "constraint\ntable" of the keys that block
    QHash<int, QIcon> m_icons;
    QHash<QString, QString> m_unindexed;
    QSet<qint64> m_assumed;
};

} // namespace fkscope
