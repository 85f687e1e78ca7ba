#include "ui/impact/WhatIfBar.h"

#include "ui/common/PaletteColours.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace fkscope {

ScriptGenerator assumedActionsGenerator(const std::vector<AssumedAction> &assumed)
{
    return [assumed](Connection &connection, const Catalog &catalog) -> Result<PanelScript> {
        QStringList parts;
        for (const AssumedAction &a : assumed) {
            auto one = changeOnDeleteGenerator(a.keyOid, a.onDelete)(connection, catalog);
            if (!one)
                return one.error();
            parts << one->sql().trimmed();
        }
        return textOnlyScript(QStringLiteral("Change ON DELETE of %1 key(s)").arg(assumed.size()),
                              parts.join(QStringLiteral("\n\n")) + QLatin1Char('\n'));
    };
}

WhatIfBar::WhatIfBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("whatIfBar"));
    setAutoFillBackground(true);
    setPalette(PaletteColours::tinted(palette(), PaletteColours::Tint::Warning));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("whatIfText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_writeAlter = new QPushButton(tr("Write ALTER for These Changes"), this);
    m_writeAlter->setObjectName(QStringLiteral("writeAlterButton"));
    m_writeAlter->setAccessibleName(tr("Write ALTER for these changes"));
    m_writeAlter->setToolTip(tr("The ALTER TABLE scripts that would make the assumed actions real, in the Scripts view"));
    m_reset = new QPushButton(tr("Reset to the Real Actions"), this);
    m_reset->setObjectName(QStringLiteral("resetWhatIfButton"));
    m_reset->setAccessibleName(tr("Reset to the real actions"));
    connect(m_reset, &QPushButton::clicked, this, &WhatIfBar::resetRequested);
    connect(m_writeAlter, &QPushButton::clicked, this, [this] {
        Q_EMIT scriptRequested(tr("the ALTER script of %n assumed action(s)", nullptr, int(m_assumed.size())),
                               assumedActionsGenerator(m_assumed));
    });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_writeAlter);
    layout->addWidget(m_reset);
    hide();
}

void WhatIfBar::show(const std::vector<AssumedAction> &assumed)
{
    m_assumed = assumed;
    QStringList actions;
    for (const AssumedAction &a : assumed)
        actions << tr("%1 ON DELETE %2").arg(a.constraint, toString(a.onDelete).toUpper());
    const QString text = tr("Hypothetical: the verdict below assumes %1. Nothing in the database has changed.")
                             .arg(actions.join(tr(", ")));
    m_text->setText(text);
    m_text->setAccessibleDescription(text);
    setVisible(!assumed.empty());
}

} // namespace fkscope
