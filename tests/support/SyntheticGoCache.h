// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QSet>
#include <QString>

namespace mk::test {

/// A GOCACHE laid out the way go lays it out (README, 256 subdirectories, action entries
/// "<64 hex>-a" in go's v1 format pointing at output entries "<64 hex>-d"), written directly so
/// that tests and benchmarks can have any number of entries with any ages. The real go writes
/// the caches of the go-labelled suites; this one is for the layout rules and for size.
class SyntheticGoCache final
{
public:
    /// Creates dir with `pairs` action/output pairs. ageSeconds(i) gives pair i's age (both of
    /// its files, mtime = nowSecs - age); outputBytes(i) the size of its output. Returns false
    /// on a failed write.
    static bool create(const QString &dir, int pairs, qint64 nowSecs,
                       const std::function<qint64(int)> &ageSeconds,
                       const std::function<int(int)> &outputBytes);
    /// The entry files below dir ("ab/<hex>-a"), as relative paths.
    [[nodiscard]] static QSet<QString> entries(const QString &dir);
    /// The entries whose mtime is strictly before cutoffSecs (whole seconds).
    [[nodiscard]] static QSet<QString> entriesOlderThan(const QString &dir, qint64 cutoffSecs);
};

} // namespace mk::test
