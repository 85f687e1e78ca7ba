#pragma once

#include <QHash>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace fkscope {

struct Column {
    int number = 0;                // pg_attribute.attnum
    QString name;                  // as stored, unquoted
    QString type;                  // format_type(): "integer", "character varying(160)"
    bool nullable = true;          // false also for a domain with NOT NULL
    QString identity;              // "", "always" or "by default"
    QString generated;             // "" or "stored"
    QString defaultExpression;     // pg_get_expr() of the default (or its domain's), or empty
};

// A primary key, a UNIQUE constraint, or a unique index without a constraint: anything a
// foreign key may reference (no partial or expression indexes).
struct UniqueKey {
    QString name;                  // constraint name, or index name when there is no constraint
    QStringList columns;
    bool isPrimary = false;
    bool isConstraint = true;      // false: a bare CREATE UNIQUE INDEX
    bool nullsNotDistinct = false;
};

struct Table {
    qint64 oid = 0;
    QString schema;                // unquoted
    QString name;                  // unquoted
    QString qualifiedName;         // quoted as quote_ident() would: "Sales"."Order Items"
    enum class Kind { Ordinary, Partitioned } kind = Kind::Ordinary;
    QString partitionOf;           // qualified name of the partitioned parent, for a partition
    QStringList inherits;          // qualified names of legacy INHERITS parents
    bool temporary = false;
    std::optional<qint64> rowEstimate;  // pg_class.reltuples; none when never analyzed
    bool rowSecurity = false;
    bool forceRowSecurity = false;
    std::vector<Column> columns;
    std::vector<UniqueKey> uniqueKeys;  // the primary key first, when there is one

    const UniqueKey *primaryKey() const;
    const Column *column(const QString &name) const;
    const Column *column(int number) const;
};

// ON DELETE / ON UPDATE, as pg_constraint.confdeltype spells it.
enum class FkAction { NoAction, Restrict, Cascade, SetNull, SetDefault };
enum class FkMatch { Simple, Full, Partial };

QString toString(FkAction action);  // "no action", "restrict", "cascade", "set null", "set default"
// The action toString() spells so; none for any other text.
std::optional<FkAction> fkActionNamed(const QString &spelled);
QString toString(FkMatch match);    // "simple", "full", "partial"

struct ForeignKey {
    qint64 oid = 0;
    QString name;
    qint64 childOid = 0;
    QString child;                 // qualified, quoted
    QStringList childColumns;      // in conkey order
    qint64 parentOid = 0;
    QString parent;
    QStringList parentColumns;     // paired with childColumns, in confkey order
    FkAction onDelete = FkAction::NoAction;
    FkAction onUpdate = FkAction::NoAction;
    QStringList onDeleteSetColumns;  // PostgreSQL 15's SET NULL (a) / SET DEFAULT (a); empty: all
    FkMatch match = FkMatch::Simple;
    bool deferrable = false;
    bool initiallyDeferred = false;
    bool validated = true;
    bool childIndexed = true;      // an index starts with the child columns (see KeyIndexes)
    QString definition;            // pg_get_constraintdef()
    QString deleteTrigger;         // its RI trigger for DELETE on the parent; empty if unknown
    // A key the user declared to fkscope (--virtual-keys), not to PostgreSQL: it takes part
    // in the graph, scripts and orphan checks, but PostgreSQL never checks, blocks or
    // cascades through it. Its oid is counted down from the top of the oid range.
    bool isVirtual = false;
};

struct Catalog {
    QString database;
    QString serverVersion;         // server_version, e.g. "15.18 (Debian ...)"
    std::vector<Table> tables;     // sorted by qualified name
    std::vector<ForeignKey> foreignKeys;  // sorted by child, then name

    const Table *table(qint64 oid) const;
    const Table *table(const QString &qualifiedName) const;
    // The keys of that name, on that child table when one is given: PostgreSQL makes a
    // constraint's name unique per table only.
    std::vector<const ForeignKey *> foreignKeysNamed(const QString &name, const Table *child = nullptr) const;
    void rebuildIndex();

private:
    QHash<qint64, int> m_tableByOid;
};

} // namespace fkscope

Q_DECLARE_METATYPE(fkscope::Catalog)
