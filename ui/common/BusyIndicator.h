#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace fkscope {

// "Loading…" for the status bar: what is going on, an indeterminate progress bar and, when
// the work can be stopped, a Cancel button. Hidden while nothing is going on.
class BusyIndicator : public QWidget {
    Q_OBJECT

public:
    explicit BusyIndicator(QWidget *parent = nullptr);

    void start(const QString &what, bool cancellable);
    void stop();
    bool isBusy() const { return !isHidden(); }
    QString text() const;

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_label = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace fkscope
