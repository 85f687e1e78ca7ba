#pragma once

#include "catalog/Catalog.h"
#include "rows/RowPage.h"
#include "util/Result.h"

#include <QString>

#include <functional>
#include <vector>

namespace fkscope {

// Which rows of a table to show. The filter box takes two forms:
//   column=value   the value as typed, cast to the column's type: id=42, email=a@b.example,
//                  name='Alice Anders' (single quotes for a value with spaces, '' for a quote),
//                  referred_by=NULL for IS NULL. The column is a name of the table, as
//                  stored or in double quotes.
//   anything else  a SQL condition on the table's columns, run as written inside parentheses:
//                  id > 100 AND name ILIKE 'a%'. It runs in a READ ONLY transaction as one
//                  statement, so it cannot write.
struct RowFilter {
    struct Match {
        QString column;            // as stored, unquoted
        RowValue value;            // none: IS NULL
    };

    std::vector<Match> matches;    // all must hold
    QString condition;             // a SQL condition instead

    static RowFilter parse(const QString &text, const Table &table);
    static RowFilter where(std::vector<Match> matches);

    bool isEmpty() const { return matches.empty() && condition.trimmed().isEmpty(); }
    // What the filter box shows; parse(text()) gives this filter back.
    QString text() const;
    // The condition for RowQuery, values quoted by quoteLiteral and cast to their column's type.
    Result<QString> sql(const Table &table, const std::function<QString(const QString &)> &quoteLiteral) const;
};

} // namespace fkscope
