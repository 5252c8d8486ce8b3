// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mk {

/// An error as a value: what went wrong, and the thing at fault (a path, a value, a host).
/// Core functions return it instead of throwing; the UI and the CLI decide how to show it.
struct Error
{
    enum class Code {
        None,
        InvalidArgument, ///< bad input: a module path, a go env value, a pattern
        NotFound,
        Io, ///< a system call failed; sysErrno says which error
        Permission,
        Busy, ///< a lock is held by someone else
        Cancelled,
        Network,
        Security, ///< a hash or signature did not match: never retried with checks off
        Unsupported,
        Refused, ///< a safety rule said no (outside the cache, root directory, ...)
    };

    Code code = Code::None;
    QString message; ///< one sentence for a person, without the subject
    QString subject; ///< the path, value or host at fault; may be empty
    int sysErrno = 0;

    [[nodiscard]] bool isError() const { return code != Code::None; }
    /// "subject: message", as printed on stderr by the CLI.
    [[nodiscard]] QString toString() const;

    static Error make(Code code, const QString &message, const QString &subject = {});
    /// From errno after a failed system call: message is strerror(err).
    static Error fromErrno(int err, const QString &subject, const QString &what = {});
};

} // namespace mk
