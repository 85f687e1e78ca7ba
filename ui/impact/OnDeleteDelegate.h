#pragma once

#include "catalog/Catalog.h"

#include <QStyledItemDelegate>

namespace fkscope {

// The what-if editor of the Dependents tree's "On delete" column: a combo box of the five
// actions. Choosing one does not write the model; it asks (actionChosen) for the verdict as
// if the key had that action, and the tree is rebuilt from that answer.
class OnDeleteDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

Q_SIGNALS:
    void actionChosen(qint64 keyOid, fkscope::FkAction action) const;
};

} // namespace fkscope
