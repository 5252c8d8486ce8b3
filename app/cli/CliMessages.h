// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mk::cli {

/// The CLI's shared wording in one place. modkeeper-cli stays English, like go, whatever the
/// locale (it installs no translator and its --json never changes), but its texts are gathered
/// here so that they could be translated one day and read alike across commands.
/// Each command's own synopsis and option help still sit in its file, next to the parser.
class CliMessages final
{
public:
    /// "modkeeper-cli COMMAND: " (or "modkeeper-cli: " for an empty command), before an error.
    [[nodiscard]] static QString prefix(const QString &command);
    /// "Usage: modkeeper-cli COMMAND SYNOPSIS".
    [[nodiscard]] static QString usage(const QString &command, const QString &synopsis);
    /// "warning: ", "note: ": before a line that does not stop the command.
    [[nodiscard]] static QString warning();
    [[nodiscard]] static QString note();

    /// Usage errors.
    [[nodiscard]] static QString unknownCommand(const QString &name);
    [[nodiscard]] static QString unknownOption(const QString &option);
    [[nodiscard]] static QString unexpectedArgument(const QString &argument);

    /// The help of every command's -h/--help option.
    [[nodiscard]] static QString helpOption();
    /// The help of --modcache DIR, shared by every command that reads the module cache.
    [[nodiscard]] static QString modcacheOption();
    /// The help of --dry-run, shared by every command that removes.
    [[nodiscard]] static QString dryRunOption();
    /// The help of the --json option of commands that print a table or lines.
    [[nodiscard]] static QString jsonOption();

    /// The overview (modkeeper-cli --help): before and after the list of commands.
    [[nodiscard]] static QString overviewHeader();
    [[nodiscard]] static QString overviewFooter();
    /// "Exit codes: 0 success, 1 failure, 2 usage error."
    [[nodiscard]] static QString exitCodes();
    /// "modkeeper-cli VERSION".
    [[nodiscard]] static QString version();
};

} // namespace mk::cli
