#pragma once

#include "ui/script/ScriptGenerators.h"

#include "diagnose/ViolationExplainer.h"

#include "ui/diagnose/ToolDialog.h"

#include <memory>
#include <optional>

class QFormLayout;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace fkscope {


// Tools > Explain Error: paste the text of a 23503 error, get the key it is about, the key
// values, the rows involved, whether the missing parent exists now or what deleting the
// parent would do, and the fixes, each one click away from the script panel. Explaining
// reads the database on a worker thread; text that is not a foreign-key violation gets the
// core's one clear sentence.
class ExplainDialog : public ToolDialog {
    Q_OBJECT

public:
    explicit ExplainDialog(DatabaseSession *session, QWidget *parent = nullptr);
    ~ExplainDialog() override;

    void setErrorText(const QString &text);
    void explain();

Q_SIGNALS:
    void scriptRequested(const fkscope::PanelScript &script);
    // The two tables of the key, for the graph to focus on.
    void focusTablesRequested(const QList<qint64> &tableOids);

private:
    void showNewDatabase() override;
    void showCancelled() override;
    void showExplanation(const Explanation &explanation);
    void showFailure(const QString &message);
    void setFact(const char *objectName, const QString &field, const QString &value);
    void openFix(int row);

    std::optional<Explanation> m_explanation;
    QPlainTextEdit *m_input = nullptr;
    QPushButton *m_explain = nullptr;
    QLabel *m_summary = nullptr;
    QWidget *m_facts = nullptr;
    QFormLayout *m_factsLayout = nullptr;
    QListWidget *m_fixes = nullptr;
    QPushButton *m_openFix = nullptr;
};

} // namespace fkscope
