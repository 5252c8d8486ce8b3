// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTextStream>

#include "scan/ScanRecords.h"

namespace mk::cli {

/// The wording every PATTERN command shares, so purge, restore, verify, repair and refresh
/// report "nothing matches" and their counts alike.
class CliReport final
{
public:
    /// "1 version", "2 versions".
    [[nodiscard]] static QString versions(qsizetype n);
    /// "2 versions" or "2 versions, 1 failed" (the failures are only named when there are some).
    [[nodiscard]] static QString summary(qsizetype total, qsizetype failed);

    /// The patterns that match no version of the scan (VersionPattern::matches), in order.
    [[nodiscard]] static QStringList unmatched(const QList<ModuleVersionRecord> &versions,
                                               const QStringList &patterns);
    /// "no version in the cache matches PATTERN".
    [[nodiscard]] static QString unmatchedMessage(const QString &pattern);
    /// One line per pattern on err: "modkeeper-cli COMMAND: no version in the cache matches
    /// PATTERN".
    static void printUnmatched(QTextStream &err, const QString &command,
                               const QStringList &unmatched);
    /// The same as an error in a --json document: "error" (the messages, one per line) and
    /// "unmatched" (the patterns). Nothing is added when every pattern matched.
    static void addUnmatched(QJsonObject &doc, const QStringList &unmatched);
};

} // namespace mk::cli
