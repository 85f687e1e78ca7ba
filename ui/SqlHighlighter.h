#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace fkscope {

// Colours the SQL fkscope writes: keywords, string literals, quoted identifiers, numbers and
// -- comments. It reads scripts fkscope generated, so it knows neither $$ quoting nor
// /* */ comments that span lines.
class SqlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT

public:
    explicit SqlHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    std::vector<Rule> m_rules;  // later rules win: comments and literals come last
};

} // namespace fkscope
