// SPDX-License-Identifier: GPL-3.0-or-later
#include "DisplayFormat.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace mk {

QString DisplayFormat::size(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

QString DisplayFormat::count(quint64 n)
{
    return QLocale().toString(n);
}

QString DisplayFormat::relativeTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const qint64 secs = when.secsTo(now);
    if (secs < 0) // clock skew, or a file touched in the future: show the date
        return when.toLocalTime().date().toString(Qt::ISODate);
    if (secs < 60)
        return tr("just now");
    if (secs < 3600)
        return tr("%n min ago", nullptr, int(secs / 60));
    if (secs < 86400)
        return tr("%n h ago", nullptr, int(secs / 3600));
    const qint64 days = when.toLocalTime().date().daysTo(now.toLocalTime().date());
    if (days <= 1)
        return tr("yesterday");
    if (days < 30)
        return tr("%n days ago", nullptr, int(days));
    return when.toLocalTime().date().toString(Qt::ISODate);
}

QString DisplayFormat::fullTime(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    return when.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString DisplayFormat::stateName(VersionState state)
{
    switch (state) {
    case VersionState::Complete:
        return tr("Complete");
    case VersionState::Partial:
        return tr("Partial");
    case VersionState::ArchiveOnly:
        return tr("Archive only");
    case VersionState::MetadataOnly:
        return tr("Metadata only");
    }
    return {};
}

QString DisplayFormat::stateDescription(VersionState state)
{
    switch (state) {
    case VersionState::Complete:
        return tr("Extracted source tree with its verified zip hash: ready to build.");
    case VersionState::Partial:
        return tr("An interrupted or inconsistent download: go will fetch it again.");
    case VersionState::ArchiveOnly:
        return tr("Only the zip archive is cached; go extracts it when a build needs it.");
    case VersionState::MetadataOnly:
        return tr("Only .info/.mod metadata, as left by go list -m or module graph pruning.");
    }
    return {};
}

QColor DisplayFormat::stateColor(VersionState state)
{
    switch (state) {
    case VersionState::Complete:
        return QColor(0x3d, 0xa5, 0x5d);
    case VersionState::Partial:
        return QColor(0xe0, 0x8a, 0x1e);
    case VersionState::ArchiveOnly:
        return QColor(0x3b, 0x82, 0xc4);
    case VersionState::MetadataOnly:
        return QColor(0x9a, 0x9a, 0x9a);
    }
    return {};
}

QString DisplayFormat::integrityName(VerifyStatus status)
{
    switch (status) {
    case VerifyStatus::NotChecked:
        return tr("Not checked");
    case VerifyStatus::Verified:
        return tr("Verified");
    case VerifyStatus::Modified:
        return tr("Modified");
    case VerifyStatus::Corrupt:
        return tr("Corrupt");
    case VerifyStatus::Unverifiable:
        return tr("Unverifiable");
    case VerifyStatus::Partial:
        return tr("Partial");
    }
    return {};
}

QColor DisplayFormat::integrityColor(VerifyStatus status)
{
    switch (status) {
    case VerifyStatus::Modified:
    case VerifyStatus::Corrupt:
        return QColor(0xc6, 0x28, 0x28);
    case VerifyStatus::Partial:
    case VerifyStatus::Unverifiable:
        return QColor(0xe0, 0x8a, 0x1e);
    case VerifyStatus::NotChecked:
    case VerifyStatus::Verified:
        break;
    }
    return {};
}

} // namespace mk
