#pragma once

#include "ui/script/ScriptGenerators.h"

#include "impact/DeleteImpact.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace fkscope {

// The banner over a what-if verdict in the Dependents panel: it says the verdict is
// hypothetical and which actions it assumes, and offers "Write ALTER for these changes" (the
// constraint scripts of those keys) and "Reset to the real actions". Hidden while the tree
// shows the keys as they are.
class WhatIfBar : public QWidget {
    Q_OBJECT

public:
    explicit WhatIfBar(QWidget *parent = nullptr);

    // Empty: the real actions, and the bar hides.
    void show(const std::vector<AssumedAction> &assumed);

Q_SIGNALS:
    void resetRequested();
    void scriptRequested(const QString &what, const fkscope::ScriptGenerator &generator);

private:
    std::vector<AssumedAction> m_assumed;
    QLabel *m_text = nullptr;
    QPushButton *m_writeAlter = nullptr;
    QPushButton *m_reset = nullptr;
};

// The ALTER TABLE scripts that give each key its assumed ON DELETE action, one after the
// other (each with the CREATE INDEX CONCURRENTLY its key lacks, as Change ON DELETE writes it).
ScriptGenerator assumedActionsGenerator(const std::vector<AssumedAction> &assumed);

} // namespace fkscope
