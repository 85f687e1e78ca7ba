#include "graph/KeyStyle.h"

namespace fkscope {

KeyStyle actionStyle(FkAction action)
{
    switch (action) {
    case FkAction::NoAction:
    case FkAction::Restrict:
        return {QStringLiteral("#c0392b"), KeyStyle::Line::Solid, false, QStringLiteral("blocks the delete")};
    case FkAction::Cascade:
        return {QStringLiteral("#2461a8"), KeyStyle::Line::Solid, false, QStringLiteral("deletes the child rows")};
    case FkAction::SetNull:
        return {QStringLiteral("#d97706"), KeyStyle::Line::Dashed, false, QStringLiteral("sets the child columns null")};
    case FkAction::SetDefault:
        return {QStringLiteral("#d97706"), KeyStyle::Line::Dashed, false,
                QStringLiteral("sets the child columns to their default")};
    }
    return {};
}

KeyStyle keyStyle(const ForeignKey &key)
{
    if (key.isVirtual) {
        KeyStyle style{QStringLiteral("#8e44ad"), KeyStyle::Line::Dashed, false,
                       QStringLiteral("virtual: PostgreSQL does not check it")};
        style.unindexed = !key.childIndexed;
        return style;
    }
    KeyStyle style = actionStyle(key.onDelete);
    style.hollowArrow = key.deferrable;
    if (!key.validated)
        style.line = KeyStyle::Line::Dotted;
    style.unindexed = !key.childIndexed;
    return style;
}

namespace {

ForeignKey virtualKey()
{
    ForeignKey key;
    key.isVirtual = true;
    return key;
}

} // namespace

std::vector<LegendEntry> keyLegend()
{
    KeyStyle deferrable = actionStyle(FkAction::NoAction);
    deferrable.colour = QStringLiteral("#555555");
    deferrable.hollowArrow = true;
    KeyStyle notValid = actionStyle(FkAction::NoAction);
    notValid.colour = QStringLiteral("#555555");
    notValid.line = KeyStyle::Line::Dotted;
    KeyStyle unindexed = actionStyle(FkAction::NoAction);
    unindexed.colour = QStringLiteral("#555555");
    unindexed.unindexed = true;
    return {
        {actionStyle(FkAction::NoAction), QStringLiteral("ON DELETE NO ACTION / RESTRICT: blocks")},
        {actionStyle(FkAction::Cascade), QStringLiteral("ON DELETE CASCADE")},
        {actionStyle(FkAction::SetNull), QStringLiteral("ON DELETE SET NULL / SET DEFAULT")},
        {deferrable, QStringLiteral("DEFERRABLE (hollow arrow)")},
        {notValid, QStringLiteral("NOT VALID (dotted)")},
        {unindexed, QStringLiteral("no index on the child columns (yellow dot)")},
        {keyStyle(virtualKey()), QStringLiteral("virtual key, kept by fkscope (purple dashed)")},
    };
}

} // namespace fkscope
