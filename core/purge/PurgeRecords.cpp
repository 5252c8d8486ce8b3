// SPDX-License-Identifier: GPL-3.0-or-later
#include "PurgeRecords.h"

using namespace Qt::StringLiterals;

namespace mk {

QString toString(PurgeMode mode)
{
    return mode == PurgeMode::Light     ? u"light"_s
           : mode == PurgeMode::ModOnly ? u"mod-only"_s
                                        : u"full"_s;
}

QString toString(PurgeOutcome outcome)
{
    switch (outcome) {
    case PurgeOutcome::Removed:
        return u"removed"_s;
    case PurgeOutcome::AlreadyGone:
        return u"already-gone"_s;
    case PurgeOutcome::Skipped:
        return u"skipped"_s;
    case PurgeOutcome::Failed:
        return u"failed"_s;
    case PurgeOutcome::Restored:
        return u"restored"_s;
    }
    return {};
}

std::optional<VersionState> versionStateFromString(const QString &text)
{
    for (VersionState s : {VersionState::Complete, VersionState::Partial, VersionState::ArchiveOnly,
                           VersionState::MetadataOnly})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

} // namespace mk
