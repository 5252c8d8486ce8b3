// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "common/Expected.h"

namespace mk::cli {

/// Reads a password or token from standard input, never from argv: from a terminal with
/// echo off after a prompt on stderr, otherwise one line from the pipe (a trailing "\n" or
/// "\r\n" is dropped). The secret is never printed.
class SecretInput final
{
public:
    static constexpr qsizetype MaxBytes = 16 * 1024;

    [[nodiscard]] static Expected<QString> read(const QString &prompt);
    /// Reads and discards stdin (bounded) when it is not a terminal: GOAUTH passes the HTTP
    /// response there.
    static void drainStdin();
};

} // namespace mk::cli
