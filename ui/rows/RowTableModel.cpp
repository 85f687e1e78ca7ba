#include "ui/rows/RowTableModel.h"

#include "ui/session/DatabaseSession.h"
#include "ui/session/DatabaseWorker.h"

#include "db/Connection.h"
#include "rows/RowPageLoader.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace fkscope {

namespace {

// Long values are cut for the cell (the whole value is in the tooltip and the clipboard).
const int displayLimit = 300;

QString forCell(const QString &value)
{
    QString shown = value.left(displayLimit);
    shown.replace(QLatin1Char('\n'), QChar(0x21b5));  // ↵: one line per row
    shown.replace(QLatin1Char('\t'), QLatin1Char(' '));
    if (value.size() > displayLimit)
        shown += QChar(0x2026);
    return shown;
}

} // namespace

RowTableModel::RowTableModel(const DatabaseSession *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session), m_worker(new DatabaseWorker(session, QStringLiteral("rowThread"), this))
{
}

void RowTableModel::clear()
{
    m_worker->cancel();
    const bool wasLoading = isLoading();
    beginResetModel();
    m_request.reset();
    m_pending.reset();
    m_rows.clear();
    m_keys.clear();
    m_next = {};
    m_atEnd = true;
    endResetModel();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
}

void RowTableModel::showTable(const Table &table, const RowFilter &filter)
{
    clear();
    Request first{table, filter, -1, false};
    beginResetModel();
    m_request = first;  // the columns show at once; rows follow
    endResetModel();
    request(first, true);
}

void RowTableModel::setFilter(const RowFilter &filter)
{
    if (!m_request)
        return;
    Request next = m_pending && m_pending->replaces ? m_pending->request : *m_request;
    next.filter = filter;
    request(next, true);
}

void RowTableModel::sort(int column, Qt::SortOrder order)
{
    if (!m_request || column < 0 || column >= columnCount())
        return;
    Request next = m_pending && m_pending->replaces ? m_pending->request : *m_request;
    next.sortColumn = column;
    next.descending = order == Qt::DescendingOrder;
    request(next, true);
}

void RowTableModel::sortByKey()
{
    if (!m_request)
        return;
    Request next = m_pending && m_pending->replaces ? m_pending->request : *m_request;
    next.sortColumn = -1;
    next.descending = false;
    request(next, true);
}

void RowTableModel::cancel()
{
    if (!m_pending)
        return;
    m_worker->cancel();
    m_pending.reset();
    Q_EMIT loadingChanged(false);
}

void RowTableModel::request(const Request &request, bool replaces)
{
    const bool wasLoading = isLoading();
    m_pending = Pending{replaces, request};
    m_worker->run<RowPage>(
        [request, after = replaces ? RowCursor() : m_next, timeout = m_session->statementTimeout()](Connection &connection)
            -> Result<RowPage> {
            auto condition = request.filter.sql(
                request.table, [&connection](const QString &text) { return connection.quoteLiteral(text); });
            if (!condition)
                return condition.error();
            RowPageLoader loader(connection);
            loader.setStatementTimeout(timeout);
            const RowQuery query{condition.value(), request.sortColumn, request.descending};
            return loader.load(request.table, query, after, pageSize);
        },
        [this](const Result<RowPage> &page) {
            if (page)
                showPage(page.value());
            else
                showFailure(describeError(page.error()));
        });
    if (!wasLoading)
        Q_EMIT loadingChanged(true);
}

void RowTableModel::showPage(const RowPage &page)
{
    if (!m_pending)
        return;
    const Pending done = *m_pending;
    m_pending.reset();
    if (done.replaces) {
        beginResetModel();
        m_request = done.request;
        m_rows = page.rows;
        m_keys = page.rowKeys;
        endResetModel();
    } else if (!page.rows.empty()) {
        beginInsertRows(QModelIndex(), rowCount(), rowCount() + int(page.rows.size()) - 1);
        m_rows.insert(m_rows.end(), page.rows.begin(), page.rows.end());
        m_keys.insert(m_keys.end(), page.rowKeys.begin(), page.rowKeys.end());
        endInsertRows();
    }
    m_next = page.next;
    m_atEnd = page.atEnd;
    Q_EMIT loadingChanged(false);
    if (done.replaces)
        Q_EMIT requestApplied();
}

void RowTableModel::showFailure(const QString &message)
{
    if (!m_pending)
        return;
    m_pending.reset();
    Q_EMIT loadingChanged(false);
    Q_EMIT failed(message);
}

int RowTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RowTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_request ? 0 : int(m_request->table.columns.size());
}

QVariant RowTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_rows.size())
        return {};
    const RowValues &row = m_rows[size_t(index.row())];
    if (size_t(index.column()) >= row.size())
        return {};
    const RowValue &value = row[size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole:
        return value ? forCell(*value) : QStringLiteral("NULL");
    case Qt::ToolTipRole:
        return value ? (value->size() > 80 || value->contains(QLatin1Char('\n')) ? QVariant(*value) : QVariant())
                     : QVariant(tr("NULL (no value)"));
    case Qt::FontRole:
        if (!value) {
            QFont italic = QApplication::font();
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::ForegroundRole:
        if (!value)
            return QApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::AccessibleTextRole:
        return value ? (value->isEmpty() ? tr("empty") : *value) : tr("NULL");
    case IsNullRole:
        return !value;
    case ValueRole:
        return value ? QVariant(*value) : QVariant();
    default:
        return {};
    }
}

QVariant RowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_request)
        return {};
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (section < 0 || size_t(section) >= m_request->table.columns.size())
        return {};
    const Column &column = m_request->table.columns[size_t(section)];
    if (role == Qt::DisplayRole)
        return column.name;
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1 %2%3").arg(column.name, column.type,
                                              column.nullable ? QString() : QStringLiteral(" NOT NULL"));
    return {};
}

bool RowTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_request && !m_atEnd && !m_pending;
}

void RowTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        request(*m_request, false);
}

} // namespace fkscope
