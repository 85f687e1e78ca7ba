#pragma once

#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace fkscope {

// Colours the SQL fkscope writes: keywords, string literals, quoted identifiers, numbers and
// -- comments. It reads scripts fkscope generated, so it knows neither $$ quoting nor
// /* */ comments that span lines. Its colours follow the editor's palette, light or dark.
class SqlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT

public:
    explicit SqlHighlighter(QPlainTextEdit *editor);

protected:
    void highlightBlock(const QString &text) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setColours(const QPalette &palette);

    QTextCharFormat m_comment;
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    std::vector<Rule> m_rules;  // later rules win: comments and literals come last
};

} // namespace fkscope
