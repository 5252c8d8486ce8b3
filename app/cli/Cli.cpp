// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cli.h"

#include <cstdio>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/DownloadCommand.h"
#include "cli/EnvCommand.h"
#include "cli/ExportCommand.h"
#include "cli/GoAuthCommand.h"
#include "cli/ImportCommand.h"
#include "cli/GoCacheCommand.h"
#include "cli/HistoryCommand.h"
#include "cli/ProjectsCommand.h"
#include "cli/ProxyCommand.h"
#include "cli/OtherCommand.h"
#include "cli/PurgeCommand.h"
#include "cli/RefreshCommand.h"
#include "cli/RestoreCommand.h"
#include "cli/ScanCommand.h"
#include "cli/ToolchainsCommand.h"
#include "cli/TrashCommand.h"
#include "cli/RepairCommand.h"
#include "cli/VerifyCommand.h"
#include "common/SettingsFile.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(CliContext &ctx);
};

const Command commands[] = {
    {"env", "print the resolved go environment and where each value came from", &EnvCommand::run},
    {"scan", "list every module version in GOMODCACHE with its size and state", &ScanCommand::run},
    {"projects", "the Go projects under folders and what each needs from the cache",
     &ProjectsCommand::run},
    {"history", "how the module cache grew: the totals of every completed scan",
     &HistoryCommand::run},
    {"purge", "remove chosen module versions (or everything), safely while go runs",
     &PurgeCommand::run},
    {"restore", "extract light-cleaned versions again from their kept zips, offline",
     &RestoreCommand::run},
    {"trash", "show or empty what purges moved aside", &TrashCommand::run},
    {"verify", "check versions against their hashes like go mod verify, for the whole cache",
     &VerifyCommand::run},
    {"repair", "re-extract damaged versions from their kept zips", &RepairCommand::run},
    {"download", "fetch MODULE@VERSION over GOPROXY into the cache, checked as go checks it",
     &DownloadCommand::run},
    {"refresh", "fetch cached versions again (e.g. from another mirror) and compare",
     &RefreshCommand::run},
    {"export", "write chosen versions as a static GOPROXY tree (file:// or any web server)",
     &ExportCommand::run},
    {"import", "load a GOPROXY tree into the cache, checked exactly as a download",
     &ImportCommand::run},
    {"proxy", "GOPROXY presets, the GOPRIVATE pattern tester, mirror probe, proxy credentials",
     &ProxyCommand::run},
    {"other", "list VCS clones, checksum caches, stray files and trash; remove them",
     &OtherCommand::run},
    {"toolchains", "list the Go toolchains in the module cache; remove them one by one",
     &ToolchainsCommand::run},
    {"gocache", "the build cache (GOCACHE): sizes and ages; trim like go; clean",
     &GoCacheCommand::run},
    {"goauth", "GOAUTH helper for go >= 1.24: proxy credentials from the keychain",
     &GoAuthCommand::run},
};

// Commands that read ModKeeper's settings (proxy presets, the index of stored credentials).
// Read as empty, a corrupt file would send go to the wrong proxy without its credentials and
// be overwritten by the next change: such a command stops instead (SettingsFile keeps it).
bool needsSettings(const QString &name, const QStringList &args)
{
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s))
        return false;
    if (name == u"proxy")
        return !args.isEmpty() && args.first() != u"where" && args.first() != u"help";
    return name == u"download" || name == u"refresh" || name == u"repair" || name == u"goauth"
           || name == u"import";
}

void printUsage(QTextStream &s)
{
    s << CliMessages::overviewHeader();
    for (const Command &c : commands)
        s << "  " << QString::fromLatin1(c.name).leftJustified(12) << c.summary << '\n';
    s << CliMessages::overviewFooter();
}

} // namespace

int Cli::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    out.setEncoding(QStringConverter::Utf8);
    err.setEncoding(QStringConverter::Utf8);

    if (arguments.size() < 2) {
        printUsage(err);
        return UsageError;
    }
    const QString name = arguments.at(1);
    if (name == u"--help" || name == u"-h" || name == u"help") {
        printUsage(out);
        return Success;
    }
    if (name == u"--version") {
        out << CliMessages::version() << '\n';
        return Success;
    }
    for (const Command &c : commands) {
        if (name == QLatin1String(c.name)) {
            CliContext ctx{arguments.mid(2), out, err};
            if (needsSettings(name, ctx.args)) {
                if (Status st = SettingsFile::check(); !st) {
                    err << CliMessages::prefix(name) << st.error().toString() << "\n";
                    return Failure;
                }
            }
            return c.run(ctx);
        }
    }
    err << CliMessages::prefix({}) << CliMessages::unknownCommand(name) << "\n\n";
    printUsage(err);
    return UsageError;
}

} // namespace mk::cli
