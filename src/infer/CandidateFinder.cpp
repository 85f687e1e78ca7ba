#include "infer/CandidateFinder.h"

#include "infer/KeyNames.h"

#include <QMap>

#include <algorithm>

namespace fkscope {

using namespace keynames;

namespace {

// Name scores: how surely each naming convention names the parent. A lower score is a
// weaker convention (more columns follow it by accident), not a rank among parents.
constexpr double keyNameScore = 1.0;         // artist_id -> artist.artist_id
constexpr double tableIdScore = 0.95;        // user_id -> users.id
constexpr double tableAndKeyScore = 0.85;    // product_sku -> products.sku
constexpr double asTableScore = 0.85;        // customer -> customer.id
constexpr double keyNameOnlyScore = 0.8;     // emp_no -> employees.emp_no
constexpr double roleScore = 0.75;           // manager_staff_id -> staff.staff_id
constexpr double selfReferenceScore = 0.7;   // parent_id -> the table itself
constexpr double personRoleScore = 0.6;      // created_by, author_id -> users
constexpr double lookupIdScore = 0.85;       // audit_status_id -> audit_status.code
constexpr double shortenedNamePenalty = 0.08;  // account_id -> billing.billing_account
constexpr double compositeExactScore = 0.9;
constexpr double compositeSuffixScore = 0.8;
// A link table's key, (account_id, region_id), matches every table that has both columns:
// only the values can tell whether the pair is one of its rows.
constexpr double compositeLinkScore = 0.65;
// A parent in another schema than the child is a little less likely than one beside it, so
// that two same-named tables in two schemas are told apart rather than both proposed.
constexpr double otherSchemaPenalty = 0.06;
constexpr double uniqueNotPrimaryPenalty = 0.05;

QString sortedKey(qint64 oid, QStringList columns)
{
    columns.sort();
    return QString::number(oid) + QLatin1Char(':') + columns.join(QLatin1Char('\x1f'));
}

bool isIdLike(const QString &normalizedKeyName)
{
    return normalizedKeyName == QLatin1String("id") || normalizedKeyName == QLatin1String("uuid")
        || normalizedKeyName == QLatin1String("guid") || normalizedKeyName == QLatin1String("pk")
        || normalizedKeyName == QLatin1String("key");
}

} // namespace

CandidateFinder::CandidateFinder(const Catalog &catalog, const ColumnTypes &types) : m_catalog(catalog), m_types(types)
{
    indexTables();
}

const Table *CandidateFinder::partitionRoot(const Table *table) const
{
    while (table && !table->partitionOf.isEmpty()) {
        const Table *up = m_catalog.table(table->partitionOf);
        if (!up)
            break;
        table = up;
    }
    return table;
}

QStringList CandidateFinder::tableForms(const Table &table) const
{
    const QString name = normalized(table.name);
    const QString schema = normalized(table.schema);
    QStringList forms{singular(name), singular(schema + QLatin1Char('_') + name)};
    if (name.startsWith(schema + QLatin1Char('_')))
        forms << singular(name.mid(schema.size() + 1));
    return forms;
}

QList<CandidateFinder::NamedTable> CandidateFinder::tablesNamed(const QString &stem) const
{
    return m_tablesByForm.value(singular(stem));
}

QList<CandidateFinder::NamedTable> CandidateFinder::tablesNamedFrom(const Table &child, const QString &stem) const
{
    QList<NamedTable> named = tablesNamed(stem);
    const QStringList childWords = tokens(child.name);
    if (!named.isEmpty() || childWords.size() < 2)
        return named;
    for (NamedTable prefixed : tablesNamed(childWords.first() + QLatin1Char('_') + stem)) {
        prefixed.penalty += shortenedNamePenalty;
        named.append(prefixed);
    }
    return named;
}

void CandidateFinder::indexTables()
{
    // A first word that many tables of a schema share is a prefix, not a name: tbl_users.
    QHash<QString, QHash<QString, int>> firstWords;
    QHash<QString, int> schemaSizes;
    for (const Table &t : m_catalog.tables) {
        const QStringList words = tokens(t.name);
        ++schemaSizes[t.schema];
        if (words.size() > 1)
            ++firstWords[t.schema][words.first()];
    }
    for (const ForeignKey &k : m_catalog.foreignKeys) {
        if (const Table *child = m_catalog.table(k.childOid))
            m_declared.insert(sortedKey(partitionRoot(child)->oid, k.childColumns));
    }
    for (const Table &t : m_catalog.tables) {
        if (!t.partitionOf.isEmpty() || t.temporary)
            continue;
        // The name itself, and with its schema in front, name the table fully; a name without
        // its schema's or its siblings' prefix does less surely (core.account against
        // billing.billing_account), so it scores a little less.
        const QString name = normalized(t.name);
        QStringList forms{singular(name), singular(normalized(t.schema) + QLatin1Char('_') + name)};
        QStringList shortened = tableForms(t).mid(2);
        const QStringList words = tokens(t.name);
        const int shared = words.size() > 1 ? firstWords[t.schema].value(words.first()) : 0;
        if (shared >= 3 && shared * 10 >= schemaSizes[t.schema] * 3)
            shortened << singular(words.mid(1).join(QLatin1Char('_')));
        for (const QString &form : forms + shortened) {
            if (isPersonTableName(form) && !m_peopleTables.contains(&t))
                m_peopleTables.append(&t);
        }
        QSet<QString> indexed;
        for (const QString &form : forms + shortened) {
            if (!indexed.contains(form))
                m_tablesByForm[form].append({&t, forms.contains(form) ? 0.0 : shortenedNamePenalty});
            indexed.insert(form);
        }
        for (const UniqueKey &key : t.uniqueKeys) {
            if (key.columns.size() == 1)
                m_keysByColumnName[normalized(key.columns.first())].append({&t, &key});
        }
        for (const Column &c : t.columns) {
            const QStringList parts = tokens(c.name);
            for (int i = 0; i < parts.size(); ++i)
                m_tablesByColumnSuffix[parts.mid(i).join(QLatin1Char('_'))].insert(&t);
        }
    }
}

bool CandidateFinder::isDeclared(const Table &child, const QStringList &columns) const
{
    return m_declared.contains(sortedKey(child.oid, columns));
}

bool CandidateFinder::isOwnKeyColumn(const Table &table, const Column &column) const
{
    // customer.customer_id and orders.id identify their own rows; they reference nothing
    // (a one-to-one table's key, profiles.user_id, names another table and stays a candidate).
    const UniqueKey *primary = table.primaryKey();
    if (!primary || primary->columns.size() != 1 || primary->columns.first() != column.name)
        return false;
    const QString name = normalized(column.name);
    if (isGenericKeyName(name))
        return true;
    const QString stem = withoutIdSuffix(name);
    return tableForms(table).contains(singular(stem.isEmpty() ? name : stem));
}

void CandidateFinder::add(std::vector<InferredKey> &out, const Table &child, const QStringList &childColumns,
                          const KeyTarget &target, double score, const QString &rule) const
{
    if (target.table == &child && target.key->columns == childColumns)
        return;
    for (int i = 0; i < childColumns.size(); ++i) {
        const Column *c = child.column(childColumns[i]);
        const Column *p = target.table->column(target.key->columns[i]);
        if (!c || !p || !m_types.canReference(child, *c) || !m_types.comparable(child, *c, *target.table, *p))
            return;
    }
    if (target.table->schema != child.schema)
        score -= otherSchemaPenalty;
    for (InferredKey &k : out) {
        if (k.child == &child && k.childColumns == childColumns && k.parent == target.table
            && k.parentColumns == target.key->columns) {
            if (score > k.nameScore) {
                k.nameScore = score;
                k.nameRule = rule;
            }
            return;
        }
    }
    InferredKey key;
    key.child = &child;
    key.childColumns = childColumns;
    key.parent = target.table;
    key.parentColumns = target.key->columns;
    key.parentIsPrimary = target.key->isPrimary;
    key.nameScore = score;
    key.nameRule = rule;
    out.push_back(std::move(key));
}

void CandidateFinder::tableAndIdCandidates(const Table &child, const QString &column, const QString &stem, bool role,
                                           std::vector<InferredKey> &found) const
{
    for (const NamedTable &named : tablesNamedFrom(child, stem)) {
        const Table *t = named.table;
        for (const UniqueKey &key : t->uniqueKeys) {
            if (key.columns.size() != 1)
                continue;
            const QString keyName = normalized(key.columns.first());
            const QString keyStem = withoutIdSuffix(keyName);
            double score = 0;
            if (!keyStem.isEmpty() && singular(keyStem) == singular(stem))
                score = keyNameScore;
            else if (isIdLike(keyName))
                score = key.isPrimary ? tableIdScore : tableIdScore - uniqueNotPrimaryPenalty;
            else if (key.isPrimary && isGenericKeyName(keyName))
                score = lookupIdScore;  // audit_status_id -> audit_status.code
            if (score > 0)
                add(found, child, {column}, {t, &key}, (role ? roleScore : score) - named.penalty,
                    role ? QStringLiteral("role") : QStringLiteral("name"));
        }
    }
}

void CandidateFinder::tableNameCandidates(const Table &child, const Column &column, std::vector<InferredKey> &found) const
{
    QStringList words = tokens(column.name);
    // A second key to the same table often only gets a number: change_item_id_2. The number
    // goes, and what is left counts as a role.
    const bool numbered = words.size() > 1 && std::all_of(words.last().begin(), words.last().end(),
                                                          [](QChar c) { return c.isDigit(); });
    if (numbered)
        words.removeLast();
    const QString name = words.join(QLatin1Char('_'));
    if (const QString stem = withoutIdSuffix(name); !stem.isEmpty())
        tableAndIdCandidates(child, column.name, stem, numbered, found);
    // Named as the table: customer -> customer.id. Not its own table: city.city is a name.
    for (const NamedTable &named : tablesNamed(name)) {
        for (const UniqueKey &key : named.table->uniqueKeys) {
            if (named.table == &child || key.columns.size() != 1)
                continue;
            const double score = numbered ? roleScore
                                          : (key.isPrimary ? asTableScore : asTableScore - uniqueNotPrimaryPenalty);
            add(found, child, {column.name}, {named.table, &key}, score - named.penalty,
                numbered ? QStringLiteral("role") : QStringLiteral("name"));
        }
    }
    for (int i = 1; i < words.size(); ++i) {
        // product_sku: the table, then its key; shipping_address_id: a role, then the table.
        const QString head = words.mid(0, i).join(QLatin1Char('_'));
        const QString tail = words.mid(i).join(QLatin1Char('_'));
        for (const NamedTable &named : tablesNamed(head)) {
            for (const UniqueKey &key : named.table->uniqueKeys) {
                if (key.columns.size() == 1 && normalized(key.columns.first()) == tail)
                    add(found, child, {column.name}, {named.table, &key}, tableAndKeyScore - named.penalty,
                        QStringLiteral("name"));
            }
        }
        if (const QString stem = withoutIdSuffix(tail); !stem.isEmpty())
            tableAndIdCandidates(child, column.name, stem, true, found);
    }
}

void CandidateFinder::keyNameCandidates(const Table &child, const Column &column, std::vector<InferredKey> &found) const
{
    // The key column's own name, when no other table claims it: emp_no -> employees.emp_no.
    const QString name = normalized(column.name);
    if (isGenericKeyName(name))
        return;
    const QString stem = withoutIdSuffix(name);
    for (const KeyTarget &target : m_keysByColumnName.value(name)) {
        bool namesAnother = false;
        for (const NamedTable &named : tablesNamed(stem.isEmpty() ? name : stem))
            namesAnother = namesAnother || named.table != target.table;
        if (!namesAnother)
            add(found, child, {column.name}, target, keyNameOnlyScore, QStringLiteral("key_name"));
    }
}

void CandidateFinder::roleWordCandidates(const Table &child, const Column &column, std::vector<InferredKey> &found) const
{
    const QString name = normalized(column.name);
    // created_by, author_id: a person, in the one table of people there is (two of them tie).
    if (isPersonRoleName(name)) {
        for (const Table *t : m_peopleTables) {
            if (const UniqueKey *primary = t->primaryKey(); primary && primary->columns.size() == 1)
                add(found, child, {column.name}, {t, primary}, personRoleScore, QStringLiteral("role"));
        }
    }
    if (isSelfReferenceName(name)) {
        if (const UniqueKey *primary = child.primaryKey(); primary && primary->columns.size() == 1)
            add(found, child, {column.name}, {&child, primary}, selfReferenceScore, QStringLiteral("self_reference"));
    }
}

void CandidateFinder::compositeCandidates(const KeyTarget &target, std::vector<InferredKey> &out) const
{
    const QStringList keyNames = [&] {
        QStringList names;
        for (const QString &c : target.key->columns)
            names << normalized(c);
        return names;
    }();
    const QStringList forms = tableForms(*target.table);
    // The children worth looking at have a column ending in the most telling key column name.
    QString probe = keyNames.first();
    for (const QString &n : keyNames) {
        if (!isGenericKeyName(n)) {
            probe = n;
            break;
        }
    }
    const bool parentIsLink = std::all_of(keyNames.begin(), keyNames.end(), [&](const QString &keyName) {
        const QString stem = withoutIdSuffix(keyName);
        const QList<NamedTable> named = stem.isEmpty() ? QList<NamedTable>() : tablesNamed(stem);
        return std::any_of(named.begin(), named.end(), [&](const NamedTable &n) { return n.table != target.table; });
    });
    for (const Table *child : m_tablesByColumnSuffix.value(probe)) {
        if (!m_childSchemas.isEmpty() && !m_childSchemas.contains(child->schema))
            continue;
        QStringList chosen;
        bool namesTable = false, allExact = true, complete = true;
        for (const QString &keyName : keyNames) {
            // 3: the table and the key column (page_view_id); 2: the key column itself
            // (order_id); 1: ending in it (page_viewed_at).
            int best = 0, bestCount = 0;
            QString bestColumn;
            for (const Column &c : child->columns) {
                if (chosen.contains(c.name))
                    continue;
                const QString n = normalized(c.name);
                int quality = 0;
                if (n == keyName && !isGenericKeyName(n))
                    quality = 2;
                else if (isIdLike(keyName) && forms.contains(singular(n)))
                    quality = 3;  // report_run -> report_run.id
                else if (n.endsWith(QLatin1Char('_') + keyName)) {
                    const QString head = n.chopped(keyName.size() + 1);
                    quality = forms.contains(singular(head)) ? 3 : 1;
                }
                if (quality > best) {
                    best = quality;
                    bestCount = 1;
                    bestColumn = c.name;
                } else if (quality == best && quality > 0) {
                    ++bestCount;
                }
            }
            if (best == 0 || bestCount > 1) {
                complete = false;
                break;
            }
            chosen << bestColumn;
            namesTable = namesTable || best == 3;
            allExact = allExact && best >= 2;
        }
        if (!complete || !(allExact || namesTable) || isDeclared(*child, chosen))
            continue;
        // Each child gives this key one column set at most, so there is nothing to merge with.
        std::vector<InferredKey> found;
        const double score = !allExact ? compositeSuffixScore : (parentIsLink ? compositeLinkScore : compositeExactScore);
        add(found, *child, chosen, target, score, QStringLiteral("name"));
        for (InferredKey &k : found)
            out.push_back(std::move(k));
    }
}

std::vector<InferredKey> CandidateFinder::find() const
{
    std::vector<InferredKey> out;
    for (const Table &child : m_catalog.tables) {
        if (!child.partitionOf.isEmpty() || child.temporary)
            continue;
        if (!m_childSchemas.isEmpty() && !m_childSchemas.contains(child.schema))
            continue;
        for (const Column &column : child.columns) {
            if (isOwnKeyColumn(child, column) || isDeclared(child, {column.name}) || !m_types.canReference(child, column))
                continue;
            // The rules of one column merge among themselves (the best score of a parent
            // stays), so they collect apart from the candidates of other columns.
            std::vector<InferredKey> found;
            tableNameCandidates(child, column, found);
            keyNameCandidates(child, column, found);
            roleWordCandidates(child, column, found);
            for (InferredKey &k : found)
                out.push_back(std::move(k));
        }
    }
    for (const Table &parent : m_catalog.tables) {
        if (!parent.partitionOf.isEmpty() || parent.temporary)
            continue;
        for (const UniqueKey &key : parent.uniqueKeys) {
            if (key.columns.size() > 1)
                compositeCandidates({&parent, &key}, out);
        }
    }
    return out;
}

} // namespace fkscope
