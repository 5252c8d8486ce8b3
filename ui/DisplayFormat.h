// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include "scan/ScanRecords.h"
#include "verify/VerifyRecords.h"

namespace mk {

/// How the UI writes sizes, dates and states, so that the tree, the summary and the status
/// bar agree. Pure functions of their arguments and the default QLocale; GUI thread only
/// (state colours depend on the application palette).
class DisplayFormat final
{
    Q_DECLARE_TR_FUNCTIONS(DisplayFormat)

public:
    /// "900 bytes", "1.2 KiB", "10.0 GiB" (IEC units, one decimal).
    [[nodiscard]] static QString size(quint64 bytes);
    /// "1,234" in the current locale.
    [[nodiscard]] static QString count(quint64 n);
    /// "just now", "5 min ago", "3 h ago", "yesterday", "12 days ago", else the ISO date
    /// ("2024-03-05"). An invalid time gives an empty string.
    [[nodiscard]] static QString relativeTime(const QDateTime &when, const QDateTime &now);
    /// The full local date and time for tooltips: "2024-03-05 14:02:11".
    [[nodiscard]] static QString fullTime(const QDateTime &when);

    /// "Complete", "Partial", "Archive only", "Metadata only".
    [[nodiscard]] static QString stateName(VersionState state);
    /// One sentence saying what the state means for go.
    [[nodiscard]] static QString stateDescription(VersionState state);
    /// The colour that marks a state in the tree and the legend.
    [[nodiscard]] static QColor stateColor(VersionState state);

    /// "Not checked", "Verified", "Modified", "Corrupt", "Unverifiable", "Partial".
    [[nodiscard]] static QString integrityName(VerifyStatus status);
    /// The colour of a damaged status's text.
    [[nodiscard]] static QColor integrityColor(VerifyStatus status);
};

} // namespace mk
