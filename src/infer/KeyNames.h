#pragma once

#include <QString>
#include <QStringList>

namespace fkscope {

// How names are compared when keys are guessed: one spelling for snake_case, camelCase,
// "Quoted Names" and glued ids, with plurals folded, so that "CustomerID", "customer_id" and
// "customers" meet.
namespace keynames {

// "CustomerID" -> [customer, id]; "Order Items" -> [order, items]; "page_views" -> [page, views].
QStringList tokens(const QString &identifier);
// tokens() joined by '_': "CustomerID" -> "customer_id".
QString normalized(const QString &identifier);
// The last token in its singular form: "order_items" -> "order_item", "größen" -> "größe",
// "categories" -> "category". Both sides of a comparison go through it, so a rough rule works.
QString singular(const QString &normalizedName);
// The part of a column name before its id suffix (_id, id, _fk, _ref), or empty when it has
// none: "user_id" -> "user", "custid" -> "cust", "UserFK" -> "user".
QString withoutIdSuffix(const QString &normalizedName);
// Key column names that say nothing about their table: id, code, uuid, key...
bool isGenericKeyName(const QString &normalizedName);
// Column names that point at a row of their own table: parent_id, reports_to, referred_by...
bool isSelfReferenceName(const QString &normalizedName);

// Column names that point at a person without naming the table: created_by, author_id, owner...
bool isPersonRoleName(const QString &normalizedName);
// Table names (normalized, singular) that hold people: user, account, person, member, employee...
bool isPersonTableName(const QString &normalizedSingularName);

} // namespace keynames

} // namespace fkscope
