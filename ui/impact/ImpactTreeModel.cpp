#include "ui/impact/ImpactTreeModel.h"

#include "ui/common/PaletteColours.h"
#include "graph/KeyStyle.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace fkscope {

namespace {

// The graph's colours: a key drawn red, blue or orange there marks its rows the same here.
QColor colorOf(ImpactTreeModel::Effect effect)
{
    switch (effect) {
    case ImpactTreeModel::Effect::Blocks:
        return QColor(actionStyle(FkAction::NoAction).colour);
    case ImpactTreeModel::Effect::Cascades:
    case ImpactTreeModel::Effect::DeletedAnyway:
        return QColor(actionStyle(FkAction::Cascade).colour);
    case ImpactTreeModel::Effect::SetNull:
    case ImpactTreeModel::Effect::SetDefault:
        return QColor(actionStyle(FkAction::SetNull).colour);
    case ImpactTreeModel::Effect::NoRows:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QIcon dot(const QColor &color, bool hollow)
{
    QIcon icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(size / 16.0, size / 16.0);
        painter.setPen(QPen(color.darker(130), 1.2));
        painter.setBrush(hollow ? QBrush(Qt::NoBrush) : QBrush(color));
        painter.drawEllipse(QRectF(3, 3, 10, 10));
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString key(const QString &constraint, const QString &table)
{
    return constraint + QLatin1Char('\n') + table;
}

} // namespace

ImpactTreeModel::ImpactTreeModel(QObject *parent) : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels(
        {tr("Child table"), tr("Constraint"), tr("On delete"), tr("Rows"), tr("Effect"), tr("Index"), tr("Time")});
    setSortRole(TimeRole);
    for (Effect effect : {Effect::Blocks, Effect::Cascades, Effect::SetNull, Effect::SetDefault, Effect::DeletedAnyway,
                          Effect::NoRows})
        m_icons.insert(int(effect), dot(colorOf(effect), effect == Effect::NoRows));
}

QString ImpactTreeModel::describe(Effect effect)
{
    switch (effect) {
    case Effect::Blocks:
        return tr("blocks the DELETE");
    case Effect::Cascades:
        return tr("deleted by cascade");
    case Effect::SetNull:
        return tr("set to NULL");
    case Effect::SetDefault:
        return tr("set to default");
    case Effect::DeletedAnyway:
        return tr("checked; deleted by another key");
    case Effect::NoRows:
        break;
    }
    return tr("no rows reached");
}

void ImpactTreeModel::clearRows()
{
    removeRows(0, rowCount());
}

void ImpactTreeModel::show(const DeleteImpact &impact)
{
    clearRows();
    m_blocking.clear();
    for (const BlockingKey &b : impact.blockedBy)
        m_blocking.insert(key(b.constraint, b.table));
    addEdges(invisibleRootItem(), impact.tree);
    markUnindexed(invisibleRootItem());
    markAssumed(invisibleRootItem());
}

void ImpactTreeModel::setUnindexedKeys(const QHash<QString, QString> &createIndexByKey)
{
    m_unindexed = createIndexByKey;
    markUnindexed(invisibleRootItem());
}

void ImpactTreeModel::markUnindexed(QStandardItem *parent)
{
    for (int row = 0; row < parent->rowCount(); ++row) {
        QStandardItem *table = parent->child(row, TableColumn);
        QStandardItem *index = parent->child(row, IndexColumn);
        const QString id = key(parent->child(row, ConstraintColumn)->text(), table->data(QualifiedNameRole).toString());
        // Only a key the DELETE reaches rows through makes it scan: the mark is for those.
        const bool hit = table->data(EffectRole).toInt() != int(Effect::NoRows);
        const bool unindexed = hit && m_unindexed.contains(id);
        index->setText(unindexed ? tr("none: scans %1").arg(table->text()) : QString());
        index->setToolTip(unindexed ? tr("No index starts with this key's columns, so the DELETE scans the whole "
                                         "child table for each row.\n%1")
                                          .arg(m_unindexed.value(id))
                                    : QString());
        index->setForeground(PaletteColours::readableOn(QColor(0xb2, 0x3c, 0x17),
                                                        QApplication::palette().color(QPalette::Base)));
        index->setData(unindexed, UnindexedRole);
        table->setData(unindexed, UnindexedRole);
        // Ticked, the timed run builds the index inside its rolled-back transaction first.
        index->setCheckable(unindexed);
        if (unindexed && !index->data(Qt::CheckStateRole).isValid())
            index->setCheckState(Qt::Unchecked);
        if (!unindexed)
            index->setData(QVariant(), Qt::CheckStateRole);
        if (unindexed)
            index->setToolTip(index->toolTip() + tr("\nTick to try the index in a timed dry run (Time It)."));
        markUnindexed(table);
    }
}

void ImpactTreeModel::addEdges(QStandardItem *parent, const std::vector<ImpactEdge> &edges)
{
    for (const ImpactEdge &edge : edges) {
        QList<QStandardItem *> row = rowFor(edge);
        parent->appendRow(row);
        addEdges(row.front(), edge.children);
    }
}

ImpactTreeModel::Effect ImpactTreeModel::effectOf(const ImpactEdge &edge) const
{
    if (edge.rows == 0)
        return Effect::NoRows;
    switch (edge.key->onDelete) {
    case FkAction::Cascade:
        return Effect::Cascades;
    case FkAction::SetNull:
        return Effect::SetNull;
    case FkAction::SetDefault:
        return Effect::SetDefault;
    case FkAction::NoAction:
    case FkAction::Restrict:
        break;
    }
    // NO ACTION is checked at the end of the statement: referencing rows that the same
    // DELETE removes through another key do not block it.
    return m_blocking.contains(key(edge.key->name, edge.key->child)) ? Effect::Blocks : Effect::DeletedAnyway;
}

QIcon ImpactTreeModel::iconFor(Effect effect) const
{
    return m_icons.value(int(effect));
}

QList<QStandardItem *> ImpactTreeModel::rowFor(const ImpactEdge &edge)
{
    const Effect effect = effectOf(edge);
    auto *table = new QStandardItem(iconFor(effect), edge.key->child);
    table->setData(edge.key->child, QualifiedNameRole);
    table->setData(int(effect), EffectRole);
    table->setData(edge.key->oid, KeyOidRole);
    table->setToolTip(edge.key->definition);
    auto *constraint = new QStandardItem(edge.key->name);
    constraint->setToolTip(edge.key->definition);
    // PostgreSQL does nothing through a virtual key: its rows stay, referencing deleted rows.
    auto *onDelete = new QStandardItem(edge.key->isVirtual ? tr("virtual key") : toString(edge.key->onDelete));
    onDelete->setData(int(edge.key->onDelete), ActionRole);
    onDelete->setData(edge.key->oid, KeyOidRole);
    if (!edge.key->isVirtual)
        onDelete->setToolTip(tr("What if: double-click (or F2) to assume another ON DELETE action"));
    auto *rows = new QStandardItem(QLocale().toString(edge.rows));
    rows->setData(int(Qt::AlignRight | Qt::AlignVCenter), Qt::TextAlignmentRole);
    auto *what = new QStandardItem(edge.key->isVirtual && edge.rows > 0 ? tr("left pointing at nothing")
                                                                         : describe(effect));
    what->setData(int(effect), EffectRole);
    // Text in the effect's colour, made to read on the view's base, light or dark.
    const QColor base = QApplication::palette().color(QPalette::Base);
    what->setForeground(PaletteColours::readableOn(colorOf(effect), base));
    if (effect == Effect::Blocks) {
        QFont bold = what->font();
        bold.setBold(true);
        what->setFont(bold);
    }
    auto *time = new QStandardItem;  // left-aligned: the last column stretches to the view's edge
    QList<QStandardItem *> items{table, constraint, onDelete, rows, what, new QStandardItem, time};
    for (QStandardItem *item : items)
        item->setEditable(item == onDelete);
    return items;
}

void ImpactTreeModel::setTimings(const DryRunTiming &timing)
{
    fillTimes(invisibleRootItem(), timing);
    sort(TimeColumn, Qt::DescendingOrder);
}

void ImpactTreeModel::clearTimings()
{
    fillTimes(invisibleRootItem(), DryRunTiming{});
}

void ImpactTreeModel::fillTimes(QStandardItem *parent, const DryRunTiming &timing)
{
    for (int row = 0; row < parent->rowCount(); ++row) {
        QStandardItem *table = parent->child(row, TableColumn);
        QStandardItem *time = parent->child(row, TimeColumn);
        // Every row of a key shows the key's whole cost: its trigger fires per parent row,
        // wherever in the tree that row was reached.
        const qint64 oid = table->data(KeyOidRole).toLongLong();
        const KeyTiming *before = timing.before.key(oid);
        const KeyTiming *after = timing.after ? timing.after->key(oid) : nullptr;
        QString text;
        if (before) {
            text = tr("%1 ms").arg(QLocale().toString(before->milliseconds, 'f', 1));
            if (after)
                text += tr(" → %1 ms").arg(QLocale().toString(after->milliseconds, 'f', 1));
        }
        time->setText(text);
        time->setToolTip(before ? tr("%n call(s) of the key's triggers, %1 for the parent rows deleted", nullptr,
                                     int(before->calls))
                                      .arg(before->parentDeleteCalls)
                                : QString());
        time->setData(before ? QVariant(before->milliseconds) : QVariant(-1.0), TimeRole);
        fillTimes(table, timing);
    }
}

void ImpactTreeModel::setAssumedKeys(const QSet<qint64> &keyOids)
{
    m_assumed = keyOids;
    markAssumed(invisibleRootItem());
}

void ImpactTreeModel::markAssumed(QStandardItem *parent)
{
    for (int row = 0; row < parent->rowCount(); ++row) {
        QStandardItem *table = parent->child(row, TableColumn);
        QStandardItem *onDelete = parent->child(row, OnDeleteColumn);
        const bool assumed = m_assumed.contains(table->data(KeyOidRole).toLongLong());
        const FkAction action = FkAction(onDelete->data(ActionRole).toInt());
        onDelete->setText(assumed ? tr("%1 (what if)").arg(toString(action)) : toString(action));
        onDelete->setData(assumed, AssumedRole);
        QFont font = onDelete->font();
        font.setItalic(assumed);
        font.setBold(assumed);
        onDelete->setFont(font);
        markAssumed(table);
    }
}

QSet<qint64> ImpactTreeModel::keysToTryWithIndex() const
{
    QSet<qint64> keys;
    collectTicked(invisibleRootItem(), keys);
    return keys;
}

void ImpactTreeModel::collectTicked(const QStandardItem *parent, QSet<qint64> &keys) const
{
    for (int row = 0; row < parent->rowCount(); ++row) {
        const QStandardItem *index = parent->child(row, IndexColumn);
        if (index->isCheckable() && index->checkState() == Qt::Checked)
            keys.insert(parent->child(row, TableColumn)->data(KeyOidRole).toLongLong());
        collectTicked(parent->child(row, TableColumn), keys);
    }
}

} // namespace fkscope
