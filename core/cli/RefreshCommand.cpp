// SPDX-License-Identifier: GPL-3.0-or-later
#include "RefreshCommand.h"

#include "cli/CliContext.h"
#include "cli/DownloadCommand.h"
#include "purge/PurgePlanner.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int RefreshCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const DownloadCommand::Common common;
    const QCommandLineOption proxy(u"proxy"_s, u"A preset name (or a GOPROXY list) to fetch from instead of the resolved GOPROXY."_s,
                                   u"PRESET"_s);
    parser.addOptions({common.json, common.jobs, common.modcache, common.lockTimeout, common.help, proxy});
    if (!parser.parse(QStringList{u"modkeeper-cli refresh"_s} + ctx.args)) {
        ctx.err << "modkeeper-cli refresh: " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(common.help)) {
        ctx.out << "Usage: modkeeper-cli refresh [--proxy PRESET] [--json] PATTERN...\n\n"
                   "Fetches cached versions again and compares them with the cache: identical,\n"
                   "changed (a security alert: the cached copy is kept) or failed. Incomplete versions\n"
                   "are completed. PATTERN as for purge (path@version, path, or a glob).\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList patterns = parser.positionalArguments();
    if (patterns.isEmpty()) {
        ctx.err << "modkeeper-cli refresh: name what to refresh (PATTERN...)\n";
        return UsageError;
    }
    for (const QString &p : patterns) {
        if (Status st = PurgePlanner::checkPattern(p); !st) {
            ctx.err << "modkeeper-cli refresh: " << st.error().toString() << "\n";
            return UsageError;
        }
    }
    DownloadOptions options;
    if (const int rc = DownloadCommand::configure(ctx, parser, common, u"refresh"_s, parser.value(proxy), options); rc >= 0)
        return rc;
    const ScanResult scan = CacheScanner::run({options.gomodcache});
    if (scan.error.isError()) {
        ctx.err << "modkeeper-cli refresh: " << scan.error.toString() << "\n";
        return Failure;
    }
    QList<DownloadRequest> requests;
    for (const ModuleVersionRecord &v : scan.versions) {
        if (std::any_of(patterns.begin(), patterns.end(), [&](const QString &p) { return PurgePlanner::matches(p, v); }))
            requests.append({v.path, v.version});
    }
    if (requests.isEmpty()) {
        ctx.err << "modkeeper-cli refresh: nothing in " << options.gomodcache << " matches " << patterns.join(u' ') << "\n";
        return Failure;
    }
    return DownloadCommand::execute(ctx, options, requests, DownloadJob::Mode::Refresh, parser.isSet(common.json));
}

} // namespace mk::cli
