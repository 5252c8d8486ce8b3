// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "env/GoEnvFile.h"
#include "env/GoEnvironment.h"

namespace mk {

/// What a write to the go env file did.
struct GoEnvWriteResult
{
    QString path;                   ///< the file written (GoEnvironment::envFile())
    bool changed = false;           ///< false when the content was already what go would write
    QHash<QString, QString> stored; ///< the file's values, read back after the write
    /// `go env -w`'s own warnings for non-empty OS variables that will override the file.
    QStringList conflictWarnings;
    GoEnvironment after; ///< the environment resolved again after the write
};

/// Writes the user's go env file with exactly the content `go env -w K=V` / `go env -u K`
/// would produce (GoEnvFile), but atomically (AtomicFile: temp + fsync + rename; go itself
/// rewrites the file in place). Unrelated lines are kept byte for byte; the directory is
/// created if needed. Writes from this process are serialised; the file is read back
/// afterwards so that a concurrent `go env -w` from a terminal is detected, not hidden.
class GoEnvWriter final
{
public:
    /// Validates every assignment and removal as go does before touching the disk; any
    /// invalid value fails the whole write and leaves the file untouched.
    /// Refuses GOENV=off with a clear error: go 1.19-1.23 would then write the default file,
    /// which go in that very environment does not read.
    [[nodiscard]] static Expected<GoEnvWriteResult> write(const GoEnvInputs &inputs,
                                                          const QList<GoEnvFile::Assignment> &set,
                                                          const QStringList &unset = {});

    /// GoEnvFile's rules for the go that inputs resolve to.
    [[nodiscard]] static GoEnvWriteRules rulesFor(const GoEnvironment &env);

    /// The file `go env -w` would write for inputs, or why there is none (GOENV=off, no HOME).
    [[nodiscard]] static Expected<QString> envFilePath(const GoEnvInputs &inputs);
};

} // namespace mk
