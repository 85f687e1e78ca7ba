#include "ui/impact/OnDeleteDelegate.h"

#include "ui/impact/ImpactTreeModel.h"

#include <QComboBox>

namespace fkscope {

namespace {

const FkAction chosenActions[] = {FkAction::NoAction, FkAction::Restrict, FkAction::Cascade, FkAction::SetNull,
                                  FkAction::SetDefault};

} // namespace

QWidget *OnDeleteDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("whatIfOnDelete"));
    combo->setAccessibleName(tr("What if ON DELETE"));
    for (FkAction action : chosenActions)
        combo->addItem(toString(action), int(action));
    // A choice is an answer: commit it at once, so the verdict follows without another click.
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto *self = const_cast<OnDeleteDelegate *>(this);
        Q_EMIT self->commitData(combo);
        Q_EMIT self->closeEditor(combo);
    });
    return combo;
}

void OnDeleteDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    combo->setCurrentIndex(combo->findData(index.data(ImpactTreeModel::ActionRole)));
}

void OnDeleteDelegate::setModelData(QWidget *editor, QAbstractItemModel *, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    const auto action = FkAction(combo->currentData().toInt());
    if (action != FkAction(index.data(ImpactTreeModel::ActionRole).toInt()))
        Q_EMIT actionChosen(index.data(ImpactTreeModel::KeyOidRole).toLongLong(), action);
}

} // namespace fkscope
