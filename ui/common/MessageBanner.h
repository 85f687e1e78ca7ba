#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace fkscope {

// A strip across the top of the window that says what went wrong and offers the way out
// (for a failed connection: edit it, or try again), without a modal dialog in the way.
class MessageBanner : public QFrame {
    Q_OBJECT

public:
    explicit MessageBanner(QWidget *parent = nullptr);

    void showError(const QString &title, const QString &details);
    QString text() const;

Q_SIGNALS:
    void retryRequested();
    void editRequested();

private:
    QPushButton *addButton(const QString &objectName, const QString &text);

    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace fkscope
