// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "common/Expected.h"

namespace mk {

/// Sizes typed by people: "5G", "5GB", "512MiB", "1.5T", "1000000". K, M, G, T (with or without
/// B) are powers of 1000, KiB, MiB, GiB, TiB powers of 1024; case is ignored.
class ByteSize final
{
public:
    [[nodiscard]] static Expected<quint64> parse(const QString &text);
};

} // namespace mk
