#pragma once

#include "copy/CopyReport.h"
#include "impact/DeleteImpact.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace fkscope {

class DatabaseSession;
class DatabaseWorker;
struct CopyProgressBox;

// "Copy to Database…": copies a row and every row it needs into another database
// (RowCopier, as fkscope-cli copy), off the UI thread on a worker of its own. Count Rows finds
// the rows and checks the target's tables without writing; Copy asks first, then shows the
// table being loaded and rows/s; Cancel rolls the target back; the result is a row per table.
class CopyToDatabaseDialog : public QDialog {
    Q_OBJECT

public:
    // rowText names the row for people ("public.users id=1").
    CopyToDatabaseDialog(DatabaseSession *session, const DeleteRoot &root, const QString &rowText,
                         QWidget *parent = nullptr);
    ~CopyToDatabaseDialog() override;

    // Asks before writing (a QMessageBox); tests answer it themselves.
    void setConfirmation(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }
    void setTarget(const QString &connInfo);

private:
    void start(bool dryRun);
    void cancel();
    void showProgress();
    void showReport(const CopyReport &report);
    void showFailure(const Error &error);
    void showStatus(const QString &text);
    void showIdleProgress(const QString &text);  // empty: no text on the bar
    void setRunning(bool running);
    std::optional<CopyRequest> request(bool dryRun) const;

    DatabaseSession *m_session = nullptr;
    DatabaseWorker *m_worker = nullptr;
    DeleteRoot m_root;
    QString m_rowText;
    std::shared_ptr<CopyProgressBox> m_progressBox;  // written by the worker, read by m_poll
    QTimer *m_poll = nullptr;
    std::function<bool(const QString &)> m_confirm;
    std::optional<qint64> m_countedRows;  // by the last Count Rows, for these settings
    QComboBox *m_target = nullptr;
    QComboBox *m_extent = nullptr;
    QComboBox *m_onConflict = nullptr;
    QPushButton *m_count = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_result = nullptr;
};

} // namespace fkscope
