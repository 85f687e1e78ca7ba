#include "infer/KeyScoring.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace fkscope {

namespace {

constexpr double tieMargin = 0.05;
constexpr double fewOrphans = 0.10;
constexpr double notProposed = 0.45;

// Confidences are kept to the two decimals the JSON shows, so that a reader who applies the
// 0.5 threshold to the printed value draws the line where fkscope did.
double rounded(double confidence)
{
    return std::round(confidence * 100.0) / 100.0;
}

QString groupKey(const InferredKey &k)
{
    return QString::number(k.child->oid) + QLatin1Char(':') + k.childColumns.join(QLatin1Char('\x1f'));
}

void addEvidence(InferredKey &k)
{
    k.evidence.clear();
    k.evidence << k.nameRule << QStringLiteral("type")
               << (k.parentIsPrimary ? QStringLiteral("primary_key") : QStringLiteral("unique_key"));
    if (k.isComposite())
        k.evidence << QStringLiteral("composite");
    if (k.child == k.parent && k.nameRule != QLatin1String("self_reference"))
        k.evidence << QStringLiteral("self_reference");
    const ValueEvidence &v = k.values;
    if (!v.checked || v.nonNullRows == 0)
        k.evidence << QStringLiteral("no_values");
    else if (valueFactor(v) >= 1.0 - 4.0 * fewOrphans)
        k.evidence << QStringLiteral("values");
    if (v.orphanRows > 0)
        k.evidence << (valueFactor(v) < 1.0 - 4.0 * fewOrphans ? QStringLiteral("many_orphans") : QStringLiteral("orphans"));
    if (v.sampled)
        k.evidence << QStringLiteral("sampled");
}

void cap(InferredKey &k, const char *why)
{
    k.confidence = rounded(std::min(k.confidence * 0.5, notProposed));
    k.evidence << QString::fromLatin1(why);
}

// At most one parent per child column set.
void resolveParents(std::vector<InferredKey> &keys)
{
    QHash<QString, std::vector<InferredKey *>> groups;
    for (InferredKey &k : keys)
        groups[groupKey(k)].push_back(&k);
    for (auto &group : groups) {
        std::sort(group.begin(), group.end(),
                  [](const InferredKey *a, const InferredKey *b) { return a->confidence > b->confidence; });
        const double best = group.front()->confidence;
        if (best < InferredKey::proposalThreshold || group.size() == 1)
            continue;
        std::vector<InferredKey *> tied;
        for (InferredKey *k : group) {
            if (k->confidence >= best - tieMargin)
                tied.push_back(k);
            else
                cap(*k, "weaker_than_another_parent");
        }
        if (tied.size() > 1) {
            for (InferredKey *k : tied) {
                k->confidence = rounded(k->confidence / double(tied.size()));
                k->evidence << QStringLiteral("ambiguous");
            }
        }
    }
}

bool keyExists(const std::vector<InferredKey> &keys, const Catalog &catalog, const Table *child, const QString &column,
               const Table *parent, const QStringList &parentColumns)
{
    for (const ForeignKey &f : catalog.foreignKeys) {
        if (f.childOid == child->oid && f.childColumns == QStringList{column} && f.parentOid == parent->oid
            && f.parentColumns == parentColumns)
            return true;
    }
    return std::any_of(keys.begin(), keys.end(), [&](const InferredKey &k) {
        return k.isProposal() && k.child == child && k.childColumns == QStringList{column} && k.parent == parent
            && k.parentColumns == parentColumns;
    });
}

bool inPrimaryKey(const Table &table, const QString &column)
{
    const UniqueKey *primary = table.primaryKey();
    return primary && primary->columns.contains(column);
}

// A one-column key that a composite key and the composite parent's own key already make. A
// column of the child's own primary key is the exception: a tenant_id that keys every table
// is commonly declared as a key of its own too.
void dropKeysImpliedByComposites(std::vector<InferredKey> &keys, const Catalog &catalog)
{
    std::vector<InferredKey *> implied;
    for (const InferredKey &composite : keys) {
        if (!composite.isComposite() || !composite.isProposal())
            continue;
        for (int i = 0; i < composite.childColumns.size(); ++i) {
            for (InferredKey &single : keys) {
                if (!single.isComposite() && single.isProposal() && single.child == composite.child
                    && single.childColumns.first() == composite.childColumns[i]
                    && !inPrimaryKey(*single.child, single.childColumns.first())
                    && keyExists(keys, catalog, composite.parent, composite.parentColumns[i], single.parent,
                                 single.parentColumns))
                    implied.push_back(&single);
            }
        }
    }
    for (InferredKey *k : implied) {
        if (!k->evidence.contains(QLatin1String("implied_by_composite")))
            cap(*k, "implied_by_composite");
    }
}

} // namespace

double orphanShareLowerBound(const ValueEvidence &v)
{
    // Wilson's 95% interval: two orphans among three values say less than 200 among 600.
    const double n = double(v.nonNullRows);
    if (n <= 0)
        return 0;
    const double p = v.orphanShare();
    const double z = 1.96;
    const double centre = p + z * z / (2 * n);
    const double spread = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    return std::max(0.0, (centre - spread) / (1 + z * z / n));
}

double valueFactor(const ValueEvidence &v)
{
    // Names alone: proposed when they say as much as a self-reference word (0.7) or more.
    if (!v.checked || v.nonNullRows == 0)
        return 0.72;
    const double share = orphanShareLowerBound(v);
    const double valueShare = v.distinctValues > 0 ? double(v.orphanValues) / double(v.distinctValues) : 0.0;
    if (share <= fewOrphans && valueShare <= 0.5)
        return 1.0 - 4.0 * share;
    return std::max(0.05, 0.4 - share);
}

void scoreKeys(std::vector<InferredKey> &keys, const Catalog &catalog)
{
    for (InferredKey &k : keys) {
        k.confidence = rounded(std::clamp(k.nameScore * valueFactor(k.values), 0.0, 1.0));
        addEvidence(k);
    }
    resolveParents(keys);
    dropKeysImpliedByComposites(keys, catalog);
    std::sort(keys.begin(), keys.end(), [](const InferredKey &a, const InferredKey &b) {
        if (a.isProposal() != b.isProposal())
            return a.isProposal();
        if (a.child->qualifiedName != b.child->qualifiedName)
            return a.child->qualifiedName < b.child->qualifiedName;
        if (a.childColumns != b.childColumns)
            return a.childColumns.join(QLatin1Char(',')) < b.childColumns.join(QLatin1Char(','));
        return a.confidence > b.confidence;
    });
}

} // namespace fkscope
