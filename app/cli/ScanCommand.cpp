// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScanCommand.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include "cli/CliContext.h"
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
    const QCommandLineOption jsonOption(u"json"_s, u"Print one JSON object instead of a table."_s);
    const QCommandLineOption modcacheOption(
        u"modcache"_s, u"Scan DIR instead of the resolved GOMODCACHE."_s, u"DIR"_s);
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, u"Show this help."_s);
    parser.addOptions({jsonOption, modcacheOption, helpOption});
    if (!parser.parse(QStringList{u"modkeeper-cli scan"_s} + ctx.args)) {
        ctx.err << "modkeeper-cli scan: " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(helpOption)) {
        ctx.out << "Usage: modkeeper-cli scan [--json] [--modcache DIR]\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        ctx.err << "modkeeper-cli scan: unexpected argument \""
                << parser.positionalArguments().first() << "\"\n";
        return UsageError;
    }

    const Expected<QString> modcache = ctx.modcache(parser.value(modcacheOption));
    if (!modcache.ok()) {
        ctx.err << "modkeeper-cli scan: " << modcache.error().toString() << "\n";
        return Failure;
    }

    // A mistyped --modcache still lists what is there, but says it is no module cache
    // (purge refuses such a directory outright).
    if (!CacheGuard::hasCacheLayout(modcache.value()))
        ctx.err << "warning: " << modcache.value() << ": " << CacheGuard::notACacheMessage()
                << "\n";
    const ScanResult result = CacheScanner::run({modcache.value()});
    if (result.error.isError()) {
        ctx.err << "modkeeper-cli scan: " << result.error.toString() << "\n";
        return Failure;
    }
    for (const ScanIssue &issue : result.issues)
        ctx.err << "warning: " << issue.path << ": " << issue.message << "\n";
    if (parser.isSet(jsonOption))
        ctx.out << QJsonDocument(ScanReport::toJson(result)).toJson(QJsonDocument::Indented);
    else
        ctx.out << ScanReport::toTable(result);
    return Success;
}

} // namespace mk::cli
