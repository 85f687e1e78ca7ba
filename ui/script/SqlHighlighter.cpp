#include "ui/script/SqlHighlighter.h"

#include "ui/common/PaletteColours.h"

#include <QEvent>
#include <QFont>

namespace fkscope {

namespace {

QTextCharFormat textFormat(const QColor &color, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

const char *const keywords =
    "ADD|ALL|ALTER|AND|AS|BEGIN|BY|CASCADE|CAST|COMMIT|CONCURRENTLY|CONSTRAINT|CONSTRAINTS|CREATE|DEFAULT|"
    "DEFERRABLE|DEFERRED|DELETE|DISTINCT|DO|DROP|EXISTS|FOR|FOREIGN|FROM|FULL|IMMEDIATE|IN|INDEX|INITIALLY|INSERT|"
    "INTO|IS|KEY|LOCAL|LOCK|MATCH|NO|NOT|NOTHING|NULL|ON|CONFLICT|OR|OVERRIDING|REFERENCES|RESTRICT|RETURNING|"
    "ROLLBACK|SELECT|SET|SYSTEM|TABLE|UPDATE|USING|VALID|VALIDATE|VALUE|VALUES|WHERE|WITH|ACTION|UNION|JOIN|"
    "LIMIT|ORDER|GROUP";

} // namespace

SqlHighlighter::SqlHighlighter(QPlainTextEdit *editor) : QSyntaxHighlighter(editor->document())
{
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(QLatin1String(keywords)),
                                          QRegularExpression::CaseInsensitiveOption),
                       {}});
    m_rules.push_back({QRegularExpression(QStringLiteral("\\b\\d+(\\.\\d+)?\\b")), {}});
    m_rules.push_back({QRegularExpression(QStringLiteral("\"(?:[^\"]|\"\")*\"")), {}});
    m_rules.push_back({QRegularExpression(QStringLiteral("'(?:[^']|'')*'")), {}});
    setColours(editor->palette());
    editor->installEventFilter(this);
}

// The light colours are the ones the scripts were always shown in; on a dark base each is
// lightened, hue kept, until it reads.
void SqlHighlighter::setColours(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    auto readable = [&](const QColor &colour) { return PaletteColours::readableOn(colour, base); };
    m_rules[0].format = textFormat(readable(QColor(0x1a, 0x4f, 0xa0)), true);
    m_rules[1].format = textFormat(readable(QColor(0x8e, 0x44, 0xad)));
    m_rules[2].format = textFormat(readable(QColor(0x00, 0x6d, 0x6d)));
    m_rules[3].format = textFormat(readable(QColor(0xa3, 0x3c, 0x00)));
    m_comment = textFormat(readable(QColor(0x6a, 0x73, 0x7d)), false, true);
}

bool SqlHighlighter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        setColours(static_cast<QWidget *>(watched)->palette());
        rehighlight();
    }
    return QSyntaxHighlighter::eventFilter(watched, event);
}

void SqlHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : m_rules) {
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
    // A comment runs to the end of the line, unless "--" sits inside a literal.
    bool inLiteral = false, inIdentifier = false;
    for (int i = 0; i + 1 < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\'' && !inIdentifier)
            inLiteral = !inLiteral;
        else if (c == u'"' && !inLiteral)
            inIdentifier = !inIdentifier;
        else if (!inLiteral && !inIdentifier && c == u'-' && text[i + 1] == u'-') {
            setFormat(i, int(text.size()) - i, m_comment);
            break;
        }
    }
}

} // namespace fkscope
