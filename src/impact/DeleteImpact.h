#pragma once

#include "catalog/Catalog.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace fkscope {

// Which rows a DELETE starts from: a table and either its key values or a SQL condition.
struct DeleteRoot {
    QString table;                              // as the user wrote it: users, "Sales"."Order Items"
    QList<QPair<QString, QString>> key;         // column = value, values in PostgreSQL's text form
    QString where;                              // a SQL condition instead of a key
};

// One foreign key on the way down from the root, with the rows it reaches.
struct ImpactEdge {
    const ForeignKey *key = nullptr;
    qint64 rows = 0;                            // distinct rows reached through this key
    std::vector<ImpactEdge> children;           // keys below a cascading key
};

struct BlockingKey {
    QString constraint;
    QString table;                              // the child table whose rows block
    qint64 rows = 0;
};

// Rows of a virtual key's child that PostgreSQL would not stop the DELETE for, but would leave
// referencing a deleted row: through the root rows and through rows real cascades delete.
struct OrphanedRows {
    QString table;                              // the child table
    QString key;                                // the virtual key's name
    qint64 rows = 0;
};

// An ON DELETE action a prediction assumes in place of the key's real one (--assume).
struct AssumedAction {
    qint64 keyOid = 0;
    QString table;                              // the key's child table, qualified
    QString constraint;
    FkAction onDelete = FkAction::NoAction;
};

// What PostgreSQL would do if the root rows were deleted.
struct DeleteImpact {
    QString rootTable;                          // qualified, quoted as quote_ident() would
    QList<QPair<QString, QString>> rootKey;     // as given, column names resolved
    QString rootWhere;
    qint64 rootRows = 0;

    std::optional<bool> fails;                  // none: fkscope cannot know (see incomplete)
    std::vector<BlockingKey> blockedBy;
    std::vector<OrphanedRows> orphaned;         // virtual keys only; they never block
    std::vector<QPair<QString, qint64>> deleted;  // per table, root included
    std::vector<QPair<QString, qint64>> updated;  // SET NULL / SET DEFAULT, not deleted
    std::vector<ImpactEdge> tree;
    QStringList incomplete;                     // why the answer may miss rows
    // With fails unknown: false when the rows deleted and updated depend on the same order
    // too; true when they are what the DELETE removes and writes if it succeeds.
    bool countsKnown = true;
    QStringList warnings;                       // effects fkscope does not predict (triggers, rules)
    std::vector<AssumedAction> assumed;         // non-empty: a what-if, not the database as it is
};

} // namespace fkscope
