#pragma once

#include "catalog/VirtualKeyFile.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace fkscope {

class DatabaseSession;

// The virtual keys the window keeps for the session's database: listed, added by hand
// ("orders(user_id)" -> "users(id)"), removed, imported from and exported to a
// --virtual-keys file. Every change goes through DatabaseSession::setVirtualKeys, which checks
// the keys against the database before it keeps them.
class VirtualKeysBox : public QGroupBox {
    Q_OBJECT

public:
    explicit VirtualKeysBox(DatabaseSession *session, QWidget *parent = nullptr);

    // Adds the file's keys to the database's (those it has already are skipped).
    void importFrom(const QString &path);
    // Writes the database's keys to path; false (and a message shown) when it cannot.
    bool exportTo(const QString &path);
    void addFromForm();
    void removeSelected();

private:
    void showKeys();
    void setMessage(const QString &text);

    DatabaseSession *m_session = nullptr;
    QTreeWidget *m_list = nullptr;
    QLineEdit *m_child = nullptr;
    QLineEdit *m_parent = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace fkscope
