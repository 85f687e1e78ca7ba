#include "ui/common/MessageBanner.h"

#include "ui/common/PaletteColours.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace fkscope {

MessageBanner::MessageBanner(QWidget *parent) : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize) * 2;
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(iconSize, iconSize));
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    connect(addButton(QStringLiteral("bannerRetry"), tr("&Retry")), &QPushButton::clicked, this,
            &MessageBanner::retryRequested);
    connect(addButton(QStringLiteral("bannerEdit"), tr("&Edit Connection…")), &QPushButton::clicked, this,
            &MessageBanner::editRequested);
    connect(addButton(QStringLiteral("bannerClose"), tr("Dismiss")), &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

QPushButton *MessageBanner::addButton(const QString &objectName, const QString &text)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    button->setAccessibleName(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")));
    static_cast<QHBoxLayout *>(layout())->addWidget(button, 0, Qt::AlignTop);
    return button;
}

void MessageBanner::showError(const QString &title, const QString &details)
{
    m_text->setText(QStringLiteral("<b>%1</b><br>%2").arg(title.toHtmlEscaped(), details.toHtmlEscaped()));
    m_text->setAccessibleDescription(title + QLatin1Char('\n') + details);
    // Tinted when shown, from the window's palette as it is now, light or dark.
    setPalette(PaletteColours::tinted(parentWidget() ? parentWidget()->palette() : QPalette(), PaletteColours::Tint::Error));
    show();
}

QString MessageBanner::text() const
{
    return m_text->accessibleDescription();
}

} // namespace fkscope
