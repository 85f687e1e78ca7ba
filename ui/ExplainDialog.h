#pragma once

#include "ScriptGenerators.h"

#include "db/ConnInfo.h"
#include "diagnose/ViolationExplainer.h"

#include <QDialog>

#include <memory>
#include <optional>

class QFormLayout;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace fkscope {

class BusyIndicator;
class DatabaseWorker;

// Tools > Explain Error: paste the text of a 23503 error, get the key it is about, the key
// values, the rows involved, whether the missing parent exists now or what deleting the
// parent would do, and the fixes, each one click away from the script panel. Explaining
// reads the database on a worker thread; text that is not a foreign-key violation gets the
// core's one clear sentence.
class ExplainDialog : public QDialog {
    Q_OBJECT

public:
    explicit ExplainDialog(QWidget *parent = nullptr);
    ~ExplainDialog() override;

    void setDatabase(const ConnInfo &info, std::shared_ptr<const Catalog> catalog);
    void setErrorText(const QString &text);
    void explain();

Q_SIGNALS:
    void scriptRequested(const fkscope::PanelScript &script);
    // The two tables of the key, for the graph to focus on.
    void focusTablesRequested(const QList<qint64> &tableOids);

private:
    void showExplanation(const Explanation &explanation);
    void showFailure(const QString &message);
    void setFact(const char *objectName, const QString &field, const QString &value);
    void openFix(int row);

    DatabaseWorker *m_worker = nullptr;
    std::shared_ptr<const Catalog> m_catalog;
    std::optional<Explanation> m_explanation;
    QPlainTextEdit *m_input = nullptr;
    QPushButton *m_explain = nullptr;
    BusyIndicator *m_busy = nullptr;
    QLabel *m_summary = nullptr;
    QWidget *m_facts = nullptr;
    QFormLayout *m_factsLayout = nullptr;
    QListWidget *m_fixes = nullptr;
    QPushButton *m_openFix = nullptr;
};

} // namespace fkscope
