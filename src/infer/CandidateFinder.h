#pragma once

#include "catalog/Catalog.h"
#include "infer/ColumnTypes.h"
#include "infer/InferredKey.h"

#include <QHash>
#include <QSet>

#include <vector>

namespace fkscope {

// The keys the names suggest, before any data is read: for each column (or set of columns)
// the tables it may reference, with how strongly its name says so. Pure: catalog in,
// candidates out.
//
// A single column references a table's one-column primary or unique key when it is named
//   after the key itself             artist_id -> artist.artist_id, custid -> cust.custid
//   after the table and an id suffix user_id, UserID, user_fk -> users.id
//   as the table                     customer -> customer.id, "größe" -> "größen".code
//   after the table and the key      product_sku -> products.sku
//   as a key of no other table       emp_no -> employees.emp_no
//   with a role before one of those  manager_staff_id -> staff, shipping_address_id -> addresses
//   with a word for its own table    parent_id, reports_to, referred_by -> the table itself
//   with a word for a person         created_by, author_id -> users (or person, employee...)
//   after a lookup table keyed by code audit_status_id -> audit_status.code
// A trailing number (account_id_2) is dropped and the rest counts as a role. Table names are
// compared singular, optionally with their schema in front (billing_invoice_id), and, a little
// less surely, without a prefix most tables of a schema share (tbl_, app_) or their schema's
// name (billing.billing_account).
// A column set references a composite key when each key column has a child column named as it,
// as the table and it (page_view_id), as the table for an id (report_run), or ending in it
// (page_viewed_at). A link table's key, whose every column names another table, only matches
// weakly: any table with both columns fits it by name.
class CandidateFinder {
public:
    CandidateFinder(const Catalog &catalog, const ColumnTypes &types);

    // Only children in these schemas (all when empty); parents may be anywhere.
    void setChildSchemas(const QStringList &schemas) { m_childSchemas = schemas; }

    std::vector<InferredKey> find() const;

    // The table a key declared on a partition belongs to: its partitioned root.
    const Table *partitionRoot(const Table *table) const;

private:
    struct KeyTarget {
        const Table *table;
        const UniqueKey *key;
    };

    // A table a name may mean, and how much less surely than by its full name.
    struct NamedTable {
        const Table *table;
        double penalty;
    };

    void indexTables();
    QStringList tableForms(const Table &table) const;
    QList<NamedTable> tablesNamed(const QString &stem) const;
    // tablesNamed(stem), or where no table has that name, the tables named with child's first
    // word in front: an application's tables share it (Django's shop_item.category_id names
    // shop_category).
    QList<NamedTable> tablesNamedFrom(const Table &child, const QString &stem) const;
    bool isDeclared(const Table &child, const QStringList &columns) const;
    bool isOwnKeyColumn(const Table &table, const Column &column) const;
    // The rules for one column, each adding to found.
    void tableNameCandidates(const Table &child, const Column &column, std::vector<InferredKey> &found) const;
    void tableAndIdCandidates(const Table &child, const QString &column, const QString &stem, bool role,
                              std::vector<InferredKey> &found) const;
    void keyNameCandidates(const Table &child, const Column &column, std::vector<InferredKey> &found) const;
    void roleWordCandidates(const Table &child, const Column &column, std::vector<InferredKey> &found) const;
    void compositeCandidates(const KeyTarget &target, std::vector<InferredKey> &out) const;
    void add(std::vector<InferredKey> &out, const Table &child, const QStringList &childColumns, const KeyTarget &target,
             double score, const QString &rule) const;

    const Catalog &m_catalog;
    const ColumnTypes &m_types;
    QStringList m_childSchemas;
    QHash<QString, QList<NamedTable>> m_tablesByForm;         // singular name forms -> tables
    QHash<QString, QList<KeyTarget>> m_keysByColumnName;      // normalized one-column key name -> keys
    QHash<QString, QSet<const Table *>> m_tablesByColumnSuffix;  // "viewed_at" -> tables with a column ending so
    QList<const Table *> m_peopleTables;                     // users, person, employees...
    QSet<QString> m_declared;                                 // "root oid:sorted columns" of declared keys
};

} // namespace fkscope
