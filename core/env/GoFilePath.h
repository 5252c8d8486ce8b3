// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include "env/GoEnvironment.h"

namespace mk {

/// Go's path/filepath rules for a chosen platform, purely lexical, so that paths derived
/// for another OS (GOMODCACHE from GOPATH, GOENV from %AppData%) are spelled as go would.
/// Windows follows go1.19's rules: drive letters and \\host\share UNC volumes, not the
/// \\?\ and \??\ device paths that go1.23 added.
class GoFilePath final
{
public:
    [[nodiscard]] static QChar separator(Platform platform);
    /// ':' on Unix, ';' on Windows (filepath.ListSeparator).
    [[nodiscard]] static QChar listSeparator(Platform platform);
    [[nodiscard]] static bool isSeparator(QChar c, Platform platform);

    [[nodiscard]] static QString clean(QStringView path, Platform platform);
    /// Joins the non-empty elements with the separator and cleans; "" if all are empty.
    [[nodiscard]] static QString join(const QStringList &elems, Platform platform);
    [[nodiscard]] static bool isAbs(QStringView path, Platform platform);
    /// filepath.SplitList: "" gives no entries; on Windows quotes group and are removed.
    [[nodiscard]] static QStringList splitList(QStringView list, Platform platform);
    [[nodiscard]] static QString dir(QStringView path, Platform platform);
    [[nodiscard]] static QString base(QStringView path, Platform platform);
    /// The "C:" or "\\host\share" prefix on Windows; always empty on Unix.
    [[nodiscard]] static QString volumeName(QStringView path, Platform platform);
};

} // namespace mk
