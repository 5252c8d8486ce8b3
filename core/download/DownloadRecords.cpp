// SPDX-License-Identifier: GPL-3.0-or-later
#include "DownloadRecords.h"

using namespace Qt::StringLiterals;

namespace mk {

QString toString(DownloadOutcome outcome)
{
    switch (outcome) {
    case DownloadOutcome::InProgress:
        return u"in-progress"_s;
    case DownloadOutcome::Downloaded:
        return u"downloaded"_s;
    case DownloadOutcome::AlreadyPresent:
        return u"already-present"_s;
    case DownloadOutcome::Identical:
        return u"identical"_s;
    case DownloadOutcome::Changed:
        return u"changed"_s;
    case DownloadOutcome::Failed:
        return u"failed"_s;
    }
    return {};
}

} // namespace mk
