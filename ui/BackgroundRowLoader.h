#pragma once

#include "RowWorker.h"

#include <QObject>

class QThread;

namespace fkscope {

// The UI thread's side of row loading: owns the worker thread, numbers every request and
// passes on only the answer to the newest one, so a slow page never lands in a newer view.
class BackgroundRowLoader : public QObject {
    Q_OBJECT

public:
    explicit BackgroundRowLoader(QObject *parent = nullptr);
    ~BackgroundRowLoader() override;

    void setConnInfo(const ConnInfo &info) { m_info = info; }
    void setStatementTimeout(int milliseconds) { m_statementTimeout = milliseconds; }
    // Starts loading; supersedes (and cancels) a request still running. Returns its number.
    int load(const RowRequest &request, const RowCursor &after, int limit);
    void cancel();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void pageLoaded(int generation, const fkscope::RowPage &page);
    void failed(int generation, const QString &message);
    void cancelled();

private:
    int nextGeneration();

    QThread *m_thread = nullptr;
    RowWorker *m_worker = nullptr;  // lives on m_thread; deleted when it finishes
    ConnInfo m_info;
    int m_statementTimeout = 30000;
    int m_generation = 0;
    bool m_busy = false;
};

} // namespace fkscope
