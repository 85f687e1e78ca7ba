#pragma once

#include "catalog/Catalog.h"
#include "rows/RowFilter.h"
#include "rows/RowPage.h"

#include <QAbstractTableModel>

#include <optional>

namespace fkscope {

class DatabaseSession;
class DatabaseWorker;

// The rows of one table, a page at a time: the view asks for more as it scrolls
// (canFetchMore/fetchMore) and the pages come from a worker thread. A new filter or sort
// order replaces the rows only once its first page is there; if it fails, the rows on
// screen stay and failed() says why.
class RowTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Role {
        IsNullRole = Qt::UserRole + 1,  // bool
        ValueRole,                      // the value as text; an invalid QVariant for NULL
    };
    static constexpr int pageSize = 200;

    // Pages are read from the session's database, with its statement timeout.
    explicit RowTableModel(const DatabaseSession *session, QObject *parent = nullptr);
    // Shows the first page of table (clearing what was there) and loads it.
    void showTable(const Table &table, const RowFilter &filter = {});
    void clear();
    // Loads the same table with another filter or order; the rows stay until it answers.
    void setFilter(const RowFilter &filter);
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    void sortByKey();
    void cancel();

    const Table *table() const { return m_request ? &m_request->table : nullptr; }
    RowFilter filter() const { return m_request ? m_request->filter : RowFilter(); }
    int sortColumn() const { return m_request ? m_request->sortColumn : -1; }
    bool sortDescending() const { return m_request && m_request->descending; }
    bool isLoading() const { return m_pending.has_value(); }
    bool isComplete() const { return m_atEnd; }
    const RowValues &rowValues(int row) const { return m_rows[size_t(row)]; }
    const QStringList &rowKey(int row) const { return m_keys[size_t(row)]; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // The first page of a new table, filter or order arrived: it is what is shown now.
    void requestApplied();
    void failed(const QString &message);

private:
    // Which rows of which table, in which order.
    struct Request {
        Table table;
        RowFilter filter;
        int sortColumn = -1;           // index into table.columns; -1: key order
        bool descending = false;
    };
    struct Pending {
        bool replaces = false;     // a new request: its page replaces the rows
        Request request;
    };

    void request(const Request &request, bool replaces);
    void showPage(const fkscope::RowPage &page);
    void showFailure(const QString &message);

    const DatabaseSession *m_session = nullptr;
    DatabaseWorker *m_worker = nullptr;
    std::optional<Request> m_request;  // what the rows on screen answer
    std::optional<Pending> m_pending;
    std::vector<RowValues> m_rows;
    std::vector<QStringList> m_keys;
    RowCursor m_next;
    bool m_atEnd = true;
};

} // namespace fkscope
