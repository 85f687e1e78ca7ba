#pragma once

#include <QAbstractItemModel>
#include <QStackedWidget>
#include <QStringList>
#include <QTabWidget>
#include <QWidget>

namespace fkscope::test {

// How long a test waits for the window to answer: a catalog load, a verdict, a script's run.
constexpr int windowTimeout = 60000;

// Finds a widget the way a screen reader names it, not by its place in the layout.
template <typename T>
T *findByAccessibleName(const QWidget *root, const QString &name)
{
    const QList<T *> candidates = root->findChildren<T *>();
    for (T *widget : candidates) {
        if (widget->accessibleName() == name)
            return widget;
    }
    return nullptr;
}

// Brings every tab that holds widget to the front, as clicking those tabs would.
inline void showTabOf(QWidget *widget)
{
    for (QWidget *page = widget; page && page->parentWidget(); page = page->parentWidget()) {
        auto *stack = qobject_cast<QStackedWidget *>(page->parentWidget());
        if (auto *tabs = stack ? qobject_cast<QTabWidget *>(stack->parentWidget()) : nullptr)
            tabs->setCurrentWidget(page);
    }
}

// The display texts of one row of a flat model.
inline QStringList rowTexts(const QAbstractItemModel *model, int row)
{
    QStringList texts;
    for (int column = 0; column < model->columnCount(); ++column)
        texts << model->index(row, column).data().toString();
    return texts;
}

// The column whose header says title, or -1.
inline int columnTitled(const QAbstractItemModel *model, const QString &title)
{
    for (int column = 0; column < model->columnCount(); ++column) {
        if (model->headerData(column, Qt::Horizontal).toString() == title)
            return column;
    }
    return -1;
}

// Every value of role in the first column, depth first.
inline QStringList collect(const QAbstractItemModel *model, int role, const QModelIndex &parent = QModelIndex())
{
    QStringList values;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        const QVariant value = index.data(role);
        if (value.isValid())
            values << value.toString();
        values << collect(model, role, index);
    }
    return values;
}

} // namespace fkscope::test
