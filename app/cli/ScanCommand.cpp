// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScanCommand.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/ProjectsCommand.h"
#include "history/ScanHistory.h"
#include "purge/CacheGuard.h"
#include "scan/CacheScanner.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int ScanCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"List every module version in the Go module cache with its state and size."_s);
    const QCommandLineOption jsonOption(u"json"_s, CliMessages::jsonOption());
    const QCommandLineOption modcacheOption(
        u"modcache"_s, u"Scan DIR instead of the resolved GOMODCACHE."_s, u"DIR"_s);
    const QCommandLineOption rootOption(
        u"root"_s,
        u"Read the Go projects under DIR (repeatable) and list, per version, the projects that need it (\"usedBy\")."_s,
        u"DIR"_s);
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({jsonOption, modcacheOption, rootOption, helpOption});
    if (!parser.parse(QStringList{u"modkeeper-cli scan"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"scan"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(helpOption)) {
        ctx.out << CliMessages::usage(u"scan"_s, u"[--json] [--modcache DIR] [--root DIR]..."_s)
                << "\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        ctx.err << CliMessages::prefix(u"scan"_s)
                << CliMessages::unexpectedArgument(parser.positionalArguments().first()) << "\n";
        return UsageError;
    }

    const Expected<QString> modcache = ctx.modcache(parser.value(modcacheOption));
    if (!modcache.ok()) {
        ctx.err << CliMessages::prefix(u"scan"_s) << modcache.error().toString() << "\n";
        return Failure;
    }

    // A mistyped --modcache still lists what is there, but says it is no module cache
    // (purge refuses such a directory outright).
    if (!CacheGuard::hasCacheLayout(modcache.value()))
        ctx.err << CliMessages::warning() << modcache.value() << ": "
                << CacheGuard::notACacheMessage() << "\n";
    const ScanResult result = CacheScanner::run({modcache.value()});
    if (result.error.isError()) {
        ctx.err << CliMessages::prefix(u"scan"_s) << result.error.toString() << "\n";
        return Failure;
    }
    for (const ScanIssue &issue : result.issues)
        ctx.err << CliMessages::warning() << issue.path << ": " << issue.message << "\n";
    // The size history (modkeeper-cli history); failing to record never fails the scan.
    if (const Status st = ScanHistory().append(HistoryRecord::fromScan(result)); !st)
        ctx.err << CliMessages::warning() << st.error().toString() << "\n";
    if (parser.isSet(jsonOption) && parser.isSet(rootOption)) {
        const ProjectsResult projects = ProjectsJob::run(
            parser.values(rootOption), ProjectsCommand::options(ctx, modcache.value()));
        for (const ProjectInfo &p : projects.projects)
            if (!p.error.isEmpty())
                ctx.err << CliMessages::warning() << p.dir << ": " << p.error << "\n";
        const ProjectUsage usage = usageOf(projects);
        QJsonObject json = ScanReport::toJson(result);
        QJsonArray versions = json.value(u"versions"_s).toArray();
        for (QJsonValueRef v : versions) {
            QJsonObject o = v.toObject();
            QJsonArray usedBy;
            const QString id
                = o.value(u"path"_s).toString() + u'@' + o.value(u"version"_s).toString();
            for (const auto &[dir, how] : usage.value(id))
                if (!usedBy.contains(dir))
                    usedBy.append(dir);
            o.insert(u"usedBy"_s, usedBy);
            v = o;
        }
        json.insert(u"versions"_s, versions);
        ctx.out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    } else if (parser.isSet(jsonOption))
        ctx.out << QJsonDocument(ScanReport::toJson(result)).toJson(QJsonDocument::Indented);
    else
        ctx.out << ScanReport::toTable(result);
    return Success;
}

} // namespace mk::cli
