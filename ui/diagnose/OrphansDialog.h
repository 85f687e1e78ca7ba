#pragma once

#include "ui/script/ScriptGenerators.h"

#include "diagnose/Orphans.h"

#include "ui/diagnose/ToolDialog.h"

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTreeWidget;

namespace fkscope {


// Tools > Orphans: rows whose key references no parent. Lists every NOT VALID key with its
// orphan count, checks a key the user proposes (child columns -> parent columns) before it
// exists, shows sample orphan rows, and opens the fixes (delete them, null them, insert the
// missing parents, validate) in the script panel. Counting runs on a worker thread.
class OrphansDialog : public ToolDialog {
    Q_OBJECT

public:
    explicit OrphansDialog(DatabaseSession *session, QWidget *parent = nullptr);
    ~OrphansDialog() override;

    // Counts the orphans of every NOT VALID key.
    void checkNotValidKeys();
    // Counts the orphans of the key proposed in the form.
    void checkProposedKey();

Q_SIGNALS:
    void scriptRequested(const fkscope::PanelScript &script);

private:
    void showNewDatabase() override;
    void showCancelled() override;
    QWidget *createProposalForm();
    QWidget *createFixButtons();
    void addReports(const std::vector<OrphanReport> &reports, bool proposed);
    void showReport(int index);
    // Replaces the shown report's rows with the page before (-1) or after (+1).
    void turnPage(int direction);
    void openFix(const QString &what, QString OrphanReport::*script, bool singleStatement);
    const OrphanReport *currentReport() const;
    void setMessage(const QString &text);

    std::vector<OrphanReport> m_reports;  // OrphanCheck's tables point into m_catalog
    QTreeWidget *m_keys = nullptr;
    QLabel *m_message = nullptr;
    QComboBox *m_childTable = nullptr;
    QLineEdit *m_childColumns = nullptr;
    QComboBox *m_parentTable = nullptr;
    QLineEdit *m_parentColumns = nullptr;
    QCheckBox *m_matchFull = nullptr;
    QPushButton *m_check = nullptr;
    QTableWidget *m_sample = nullptr;
    QLabel *m_pageLabel = nullptr;
    QPushButton *m_previousPage = nullptr;
    QPushButton *m_nextPage = nullptr;
    QWidget *m_fixes = nullptr;
    QPushButton *m_setNull = nullptr;
};

} // namespace fkscope
