// SPDX-License-Identifier: GPL-3.0-or-later
#include "RefreshCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/CliReport.h"
#include "cli/DownloadCommand.h"
#include "module/VersionPattern.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int RefreshCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const DownloadCommand::Common common;
    const QCommandLineOption proxy(
        u"proxy"_s,
        u"A preset name (or a GOPROXY list) to fetch from instead of the resolved GOPROXY."_s,
        u"PRESET"_s);
    parser.addOptions({common.json, common.jobs, common.modcache, common.lockTimeout, common.cacert,
                       common.help, proxy});
    if (!parser.parse(QStringList{u"modkeeper-cli refresh"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"refresh"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(common.help)) {
        ctx.out << "Usage: modkeeper-cli refresh [--proxy PRESET] [--json] [--cacert FILE] "
                   "PATTERN...\n\n"
                   "Fetches cached versions again and compares them with the cache: identical,\n"
                   "changed (a security alert: the cached copy is kept) or failed. Incomplete "
                   "versions\n"
                   "are completed. PATTERN as for purge (path@version, path, or a glob).\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList patterns = parser.positionalArguments();
    if (patterns.isEmpty()) {
        ctx.err << CliMessages::prefix(u"refresh"_s) << "name what to refresh (PATTERN...)\n";
        return UsageError;
    }
    for (const QString &p : patterns) {
        if (Status st = VersionPattern::check(p); !st) {
            ctx.err << CliMessages::prefix(u"refresh"_s) << st.error().toString() << "\n";
            return UsageError;
        }
    }
    DownloadOptions options;
    if (const int rc = DownloadCommand::configure(ctx, parser, common, u"refresh"_s,
                                                  parser.value(proxy), options);
        rc >= 0)
        return rc;
    const ScanResult scan = CacheScanner::run({options.gomodcache});
    if (scan.error.isError()) {
        ctx.err << CliMessages::prefix(u"refresh"_s) << scan.error.toString() << "\n";
        return Failure;
    }
    QList<DownloadRequest> requests;
    for (const ModuleVersionRecord &v : scan.versions) {
        if (VersionPattern::matchesAny(patterns, v.path, v.version))
            requests.append({v.path, v.version});
    }
    // As for every PATTERN command: each pattern that names nothing is reported, exit 1.
    const QStringList unmatched = CliReport::unmatched(scan.versions, patterns);
    CliReport::printUnmatched(ctx.err, u"refresh"_s, unmatched);
    if (requests.isEmpty()) {
        if (parser.isSet(common.json)) {
            QJsonObject doc{{u"versions"_s, QJsonArray()}, {u"bytes"_s, 0}, {u"failed"_s, 0}};
            CliReport::addUnmatched(doc, unmatched);
            ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        }
        return Failure;
    }
    if (unmatched.isEmpty() || !parser.isSet(common.json)) {
        const int rc = DownloadCommand::execute(ctx, options, requests, DownloadJob::Mode::Refresh,
                                                parser.isSet(common.json));
        return unmatched.isEmpty() ? rc : Failure;
    }
    // --json: the one document also carries the unmatched patterns as its error.
    QString text;
    QTextStream captured(&text);
    CliContext inner{ctx.args, captured, ctx.err, ctx.envInputs};
    (void)DownloadCommand::execute(inner, options, requests, DownloadJob::Mode::Refresh, true);
    captured.flush();
    QJsonObject doc = QJsonDocument::fromJson(text.toUtf8()).object();
    CliReport::addUnmatched(doc, unmatched);
    ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    return Failure;
}

} // namespace mk::cli
