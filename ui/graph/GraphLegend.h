#pragma once

#include <QWidget>

namespace fkscope {

// What the colours and lines of the graph mean, from keyLegend(): a small panel the view
// keeps in its corner, whatever the zoom.
class GraphLegend : public QWidget {
    Q_OBJECT

public:
    explicit GraphLegend(QWidget *parent = nullptr);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace fkscope
