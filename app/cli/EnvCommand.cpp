// SPDX-License-Identifier: GPL-3.0-or-later
#include "EnvCommand.h"

#include <algorithm>

#include <QJsonDocument>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "env/GoEnvironment.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

void printUsage(QTextStream &s)
{
    s << CliMessages::usage(u"env"_s, u"[--json]"_s)
      << "\n\n"
         "Prints the go environment as the go command resolves it, without running go,\n"
         "and where each value came from: the OS environment, the go env file, $GOROOT/go.env,\n"
         "or go's default.\n\n"
         "Options:\n"
         "  --json    print a JSON object instead of one line per variable\n"
         "  --help    show this help\n";
}

QString describeOrigin(const GoEnvironment &env, EnvOrigin origin)
{
    switch (origin) {
    case EnvOrigin::EnvFile:
        return toString(origin) + u": "_s + env.envFile();
    case EnvOrigin::GoRootEnv:
        return toString(origin) + u": "_s + env.goEnvFile();
    default:
        return toString(origin);
    }
}

} // namespace

int EnvCommand::run(CliContext &ctx)
{
    bool json = false;
    for (const QString &arg : std::as_const(ctx.args)) {
        if (arg == u"--json") {
            json = true;
        } else if (arg == u"--help" || arg == u"-h") {
            printUsage(ctx.out);
            return Success;
        } else {
            ctx.err << CliMessages::prefix(u"env"_s) << CliMessages::unknownOption(arg) << "\n\n";
            printUsage(ctx.err);
            return UsageError;
        }
    }

    const GoEnvironment env = GoEnvironment::resolve(ctx.envInputs);
    if (json) {
        ctx.out << QString::fromUtf8(QJsonDocument(env.toJson()).toJson(QJsonDocument::Indented));
        ctx.out.flush();
        return Success;
    }

    struct Line
    {
        QString assignment;
        QString note;
    };
    QList<Line> lines;
    lines.append({u"GOROOT="_s + env.goroot(),
                  env.goVersion().isEmpty() ? u"no go command found"_s : env.goVersion()});
    for (const GoEnvironment::Variable &v : env.variables()) {
        QString note = describeOrigin(env, v.origin);
        if (v.error.isError())
            note += u"; error: "_s + v.error.message;
        lines.append({v.name + u'=' + v.value, note});
    }
    // Align the notes, without letting one very long value push every note off screen.
    qsizetype width = 0;
    for (const Line &l : std::as_const(lines))
        width = std::max(width, std::min<qsizetype>(l.assignment.size(), 60));
    for (const Line &l : std::as_const(lines))
        ctx.out << l.assignment.leftJustified(width) << "    (" << l.note << ")\n";
    ctx.out.flush();
    return Success;
}

} // namespace mk::cli
