#include "ui/common/BusyIndicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace fkscope {

BusyIndicator::BusyIndicator(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_progress(new QProgressBar(this)), m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("busyIndicator"));
    m_label->setObjectName(QStringLiteral("busyText"));
    m_progress->setObjectName(QStringLiteral("busyProgress"));
    m_progress->setAccessibleName(tr("Busy"));
    m_progress->setRange(0, 0);  // indeterminate
    m_progress->setTextVisible(false);
    m_progress->setFixedWidth(120);
    m_progress->setMaximumHeight(m_label->sizeHint().height());
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel loading"));
    m_cancel->setFlat(true);
    connect(m_cancel, &QPushButton::clicked, this, &BusyIndicator::cancelRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    hide();
}

void BusyIndicator::start(const QString &what, bool cancellable)
{
    m_label->setText(what);
    m_progress->setAccessibleDescription(what);
    m_cancel->setVisible(cancellable);
    show();
}

void BusyIndicator::stop()
{
    hide();
    m_label->clear();
}

QString BusyIndicator::text() const
{
    return m_label->text();
}

} // namespace fkscope
