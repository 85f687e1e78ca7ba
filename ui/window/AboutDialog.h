#pragma once

#include <QDialog>

namespace fkscope {

// Help > About fkscope: the version, what fkscope is built on and under which licences,
// and whose sample data it uses.
class AboutDialog : public QDialog {
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace fkscope
