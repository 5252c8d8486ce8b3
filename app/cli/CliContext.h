// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

#include "env/GoEnvironment.h"

namespace mk::cli {

/// Exit codes of every modkeeper-cli subcommand.
enum ExitCode {
    Success = 0,
    Failure = 1,
    UsageError = 2
};

/// What a subcommand gets: its arguments (without the subcommand name), where to print,
/// and the inputs for go environment resolution (tests replace them).
struct CliContext
{
    QStringList args;
    QTextStream &out;
    QTextStream &err;
    GoEnvInputs envInputs = GoEnvInputs::current();

    /// The module cache a command works on: explicitDir (from --modcache) made absolute, or the
    /// resolved GOMODCACHE. The error names the value at fault; the directory must exist.
    [[nodiscard]] Expected<QString> modcache(const QString &explicitDir) const;
};

} // namespace mk::cli
