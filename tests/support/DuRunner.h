// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include "common/Expected.h"

namespace mk::test {

/// The judges for sizes: GNU du and find, run as subprocesses, so that tests compare the
/// scanner with tools that share none of its code.
class DuRunner final
{
public:
    enum class Measure {
        Allocated,
        Apparent
    };

    /// `du -s -B1 [--apparent-size] path`: bytes of path and everything below, symlinks not
    /// followed, hard links counted once.
    [[nodiscard]] static Expected<quint64> summary(const QString &path,
                                                   Measure measure = Measure::Allocated);
    /// `du -cs -B1 [--apparent-size] paths...`: the "total" line. Empty paths: 0.
    [[nodiscard]] static Expected<quint64> total(const QStringList &paths,
                                                 Measure measure = Measure::Allocated);
    /// `find path ! -type d | wc -l`: files, symlinks and other non-directories below path.
    [[nodiscard]] static Expected<quint64> nonDirectoryEntries(const QString &path);
};

} // namespace mk::test
