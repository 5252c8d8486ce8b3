// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace mk::cli {

/// modkeeper-cli: dispatches "modkeeper-cli <command> [options]" to a command class
/// (EnvCommand, ScanCommand, ...). Returns the process exit code (0, 1 or 2).
class Cli final
{
public:
    /// arguments as from QCoreApplication::arguments(), program name first.
    static int run(const QStringList &arguments);
};

} // namespace mk::cli
