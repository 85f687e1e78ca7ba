#pragma once

#include "db/ConnInfo.h"
#include "util/Result.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTabWidget;

namespace fkscope {

// Asks where to connect: a connection string (URI or key=value, anything psql accepts) or
// separate fields, and a password for either. libpq parses and checks the result; a string
// it rejects is reported under the fields and cannot be accepted. Accepted connections are
// remembered without their password.
class ConnectionDialog : public QDialog {
    Q_OBJECT

public:
    enum class Mode { ConnectionString, Fields };

    explicit ConnectionDialog(QWidget *parent = nullptr);

    void setConnInfo(const ConnInfo &info);
    // What the dialog holds now, or why it is not a valid connection string.
    Result<ConnInfo> connInfo() const;
    Mode mode() const;
    void setMode(Mode mode);

    void accept() override;

private:
    QWidget *createStringPage();
    QWidget *createFieldsPage();
    QLineEdit *addLineEdit(const QString &objectName, const QString &accessibleName);
    void fillRecent();
    void useRecent(int index);
    void syncPages(int newIndex);
    void setFieldsFrom(const ConnInfo &info);
    ConnInfo connInfoFromFields() const;
    void validate();

    QComboBox *m_recent = nullptr;
    QTabWidget *m_pages = nullptr;
    QLineEdit *m_string = nullptr;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_service = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    // Parameters without a field of their own (sslmode, options, ...), kept when editing
    // the fields.
    ConnInfo m_otherParameters;
};

} // namespace fkscope
