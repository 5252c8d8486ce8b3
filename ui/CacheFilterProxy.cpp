// SPDX-License-Identifier: GPL-3.0-or-later
#include "CacheFilterProxy.h"

#include <algorithm>

#include <QDateTime>
#include <QStringList>

#include "CacheModel.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "module/VersionPattern.h"
#include "scan/ScanRecords.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

int compareDates(const QDateTime &a, const QDateTime &b)
{
    // Unknown times sort before every known one.
    if (a.isValid() != b.isValid())
        return a.isValid() ? 1 : -1;
    if (!a.isValid() || a == b)
        return 0;
    return a < b ? -1 : 1;
}

bool stateMatches(CacheFilterProxy::StateFilter filter, VersionState state)
{
    switch (filter) {
    case CacheFilterProxy::StateFilter::All:
        return true;
    case CacheFilterProxy::StateFilter::Complete:
        return state == VersionState::Complete;
    case CacheFilterProxy::StateFilter::Partial:
        return state == VersionState::Partial;
    case CacheFilterProxy::StateFilter::ArchiveOnly:
        return state == VersionState::ArchiveOnly;
    case CacheFilterProxy::StateFilter::MetadataOnly:
        return state == VersionState::MetadataOnly;
    }
    return true;
}

bool integrityMatches(CacheFilterProxy::IntegrityFilter filter, VerifyStatus status)
{
    using F = CacheFilterProxy::IntegrityFilter;
    switch (filter) {
    case F::All:
        return true;
    case F::NotChecked:
        return status == VerifyStatus::NotChecked;
    case F::Verified:
        return status == VerifyStatus::Verified;
    case F::Damaged:
        return status != VerifyStatus::NotChecked && status != VerifyStatus::Verified;
    case F::Modified:
        return status == VerifyStatus::Modified;
    case F::Corrupt:
        return status == VerifyStatus::Corrupt;
    case F::Unverifiable:
        return status == VerifyStatus::Unverifiable || status == VerifyStatus::Partial;
    }
    return true;
}

} // namespace

CacheFilterProxy::CacheFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(CacheModel::SortRole);
    setDynamicSortFilter(true);
    // A module row passes when any of its versions does (filterAcceptsRow rejects module
    // rows themselves while a filter is active).
    setRecursiveFilteringEnabled(true);
}

CacheFilterProxy::~CacheFilterProxy() = default;

bool CacheFilterProxy::isGlobText(QStringView text)
{
    return VersionPattern::isGlobList(text);
}

QString CacheFilterProxy::filterHelp()
{
    return tr("Text matches module paths anywhere, ignoring case (\"yaml\").\n"
              "With * ? [ ] or a comma, the text is a list of go glob patterns, matched as "
              "GOPRIVATE is: each pattern against the leading path elements, case-sensitive "
              "(\"github.com/*\", \"golang.org/x/*,gopkg.in\").");
}

void CacheFilterProxy::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    m_glob = isGlobText(m_text);
    m_globs.clear();
    if (m_glob) {
        QStringList patterns;
        for (QStringView part : QStringView(m_text).split(u','))
            if (const QStringView p = part.trimmed(); !p.isEmpty())
                patterns << p.toString();
        m_globs = patterns.join(u',');
    }
    invalidateRowsFilter();
}

void CacheFilterProxy::setStateFilter(StateFilter filter)
{
    if (filter == m_state)
        return;
    m_state = filter;
    invalidateRowsFilter();
}

void CacheFilterProxy::setIntegrityFilter(IntegrityFilter filter)
{
    if (filter == m_integrity)
        return;
    m_integrity = filter;
    invalidateRowsFilter();
}

void CacheFilterProxy::setProjectFilter(ProjectFilter filter, const QString &dir)
{
    const QString d = filter == ProjectFilter::NeededBy ? dir : QString();
    if (filter == m_project && d == m_projectDir)
        return;
    m_project = filter;
    m_projectDir = d;
    invalidateRowsFilter();
}

bool CacheFilterProxy::isFiltering() const
{
    return !m_text.isEmpty() || m_state != StateFilter::All || m_integrity != IntegrityFilter::All
           || m_project != ProjectFilter::All;
}

bool CacheFilterProxy::projectMatches(const QModelIndex &sourceIndex) const
{
    if (m_project == ProjectFilter::All)
        return true;
    const auto *model = qobject_cast<const CacheModel *>(sourceModel());
    if (!model || !model->hasProjectUsage())
        return false;
    const QList<QPair<QString, NeedHow>> usage
        = model->usageOf(sourceIndex.data(CacheModel::IdRole).toString());
    switch (m_project) {
    case ProjectFilter::All:
        return true;
    case ProjectFilter::Unused:
        return usage.isEmpty();
    case ProjectFilter::GoModOnly:
        return !usage.isEmpty()
               && std::all_of(usage.cbegin(), usage.cend(),
                              [](const auto &u) { return u.second == NeedHow::GoMod; });
    case ProjectFilter::NeededBy:
        return std::any_of(usage.cbegin(), usage.cend(),
                           [this](const auto &u) { return u.first == m_projectDir; });
    }
    return true;
}

bool CacheFilterProxy::pathMatches(const QString &modulePath) const
{
    if (m_text.isEmpty())
        return true;
    if (m_glob)
        return ModulePath::matchPrefixPatterns(m_globs, modulePath);
    return modulePath.contains(m_text, Qt::CaseInsensitive);
}

bool CacheFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!sourceParent.isValid())
        return !isFiltering(); // recursive filtering shows it for any matching version
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto state = VersionState(idx.data(CacheModel::StateRole).toInt());
    return stateMatches(m_state, state)
           && integrityMatches(m_integrity,
                               VerifyStatus(idx.data(CacheModel::IntegrityRole).toInt()))
           && pathMatches(idx.data(CacheModel::ModulePathRole).toString())
           && projectMatches(idx);
}

bool CacheFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool modules = !left.parent().isValid();
    // Rows that tie on the sort column keep a stable, readable order: by module path, or by
    // version under a module.
    const auto identityLess = [&] {
        const QString a
            = left.siblingAtColumn(CacheModel::ModuleColumn).data(sortRole()).toString();
        const QString b
            = right.siblingAtColumn(CacheModel::ModuleColumn).data(sortRole()).toString();
        if (!modules)
            return Semver::less(a, b); // total: invalid versions still sort stably
        const int c = a.compare(b, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a < b;
    };
    const auto lessOrTie = [&](auto a, auto b) { return a != b ? a < b : identityLess(); };

    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    switch (left.column()) {
    case CacheModel::ModuleColumn:
        return identityLess();
    case CacheModel::VersionColumn:
        return modules ? lessOrTie(l.toInt(), r.toInt()) : identityLess();
    case CacheModel::SizeColumn:
    case CacheModel::FilesColumn:
        return lessOrTie(l.toULongLong(), r.toULongLong());
    case CacheModel::DownloadedColumn:
    case CacheModel::LastUsedColumn: {
        const int c = compareDates(l.toDateTime(), r.toDateTime());
        return c != 0 ? c < 0 : identityLess();
    }
    case CacheModel::StateColumn:
    case CacheModel::IntegrityColumn:
    case CacheModel::UsedByColumn:
        return lessOrTie(l.toInt(), r.toInt());
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace mk
