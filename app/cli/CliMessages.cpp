// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliMessages.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

QString CliMessages::prefix(const QString &command)
{
    return command.isEmpty() ? u"modkeeper-cli: "_s : u"modkeeper-cli "_s + command + u": "_s;
}

QString CliMessages::usage(const QString &command, const QString &synopsis)
{
    return u"Usage: modkeeper-cli "_s + command + u' ' + synopsis;
}

QString CliMessages::warning()
{
    return u"warning: "_s;
}

QString CliMessages::note()
{
    return u"note: "_s;
}

QString CliMessages::unknownCommand(const QString &name)
{
    return u"unknown command \"%1\""_s.arg(name);
}

QString CliMessages::unknownOption(const QString &option)
{
    return u"unknown option \"%1\""_s.arg(option);
}

QString CliMessages::unexpectedArgument(const QString &argument)
{
    return u"unexpected argument \"%1\""_s.arg(argument);
}

QString CliMessages::helpOption()
{
    return u"Show this help."_s;
}

QString CliMessages::modcacheOption()
{
    return u"Work on DIR instead of the resolved GOMODCACHE."_s;
}

QString CliMessages::dryRunOption()
{
    return u"Print what would be removed, remove nothing."_s;
}

QString CliMessages::jsonOption()
{
    return u"Print one JSON object instead of a table."_s;
}

QString CliMessages::overviewHeader()
{
    return u"Usage: modkeeper-cli <command> [options]\n\n"
           u"ModKeeper manages the Go module cache (GOMODCACHE).\n\nCommands:\n"_s;
}

QString CliMessages::overviewFooter()
{
    return u"\nRun 'modkeeper-cli <command> --help' for the options of a command.\n"_s + exitCodes()
           + u'\n';
}

QString CliMessages::exitCodes()
{
    return u"Exit codes: 0 success, 1 failure, 2 usage error."_s;
}

QString CliMessages::version()
{
    return u"modkeeper-cli "_s + QStringLiteral(MODKEEPER_VERSION);
}

} // namespace mk::cli
