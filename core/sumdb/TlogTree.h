// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include "common/Expected.h"
#include "sumdb/Tlog.h"

namespace mk {

/// A tree head, as a checksum database signs it: "go.sum database tree\n<N>\n<base64 hash>\n"
/// (tlog.Tree, FormatTree, ParseTree). Extra lines after these three are ignored.
struct TlogTree
{
    qint64 n = 0;
    Tlog::Hash hash = Tlog::emptyHash();

    [[nodiscard]] QByteArray format() const;
    /// Errors are "malformed tree note".
    [[nodiscard]] static Expected<TlogTree> parse(QByteArrayView text);

    [[nodiscard]] bool operator==(const TlogTree &other) const = default;
};

} // namespace mk
