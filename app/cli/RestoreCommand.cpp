// SPDX-License-Identifier: GPL-3.0-or-later
#include "RestoreCommand.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/CliReport.h"
#include "module/VersionPattern.h"
#include "purge/RestoreJob.h"
#include "scan/CacheScanner.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int RestoreCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption lockTimeout(
        u"lock-timeout"_s, u"Seconds to wait for a version go is using (default 30)."_s,
        u"SECONDS"_s, u"30"_s);
    const QCommandLineOption modcacheOption(u"modcache"_s, CliMessages::modcacheOption(), u"DIR"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({json, lockTimeout, modcacheOption, help});
    if (!parser.parse(QStringList{u"modkeeper-cli restore"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"restore"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out
            << "Usage: modkeeper-cli restore [--json] PATTERN...\n\n"
               "Extracts versions a light clean left as zips (state archive-only) again, offline,\n"
               "after checking each zip against its .ziphash. PATTERN as for purge.\n\n"
            << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList patterns = parser.positionalArguments();
    if (patterns.isEmpty()) {
        ctx.err << CliMessages::prefix(u"restore"_s) << "name what to restore (PATTERN...)\n";
        return UsageError;
    }
    for (const QString &p : patterns) {
        if (Status st = VersionPattern::check(p); !st) {
            ctx.err << CliMessages::prefix(u"restore"_s) << st.error().toString() << "\n";
            return UsageError;
        }
    }
    bool ok = true;
    const double timeoutSeconds = parser.value(lockTimeout).toDouble(&ok);
    if (!ok || timeoutSeconds < 0) {
        ctx.err << CliMessages::prefix(u"restore"_s) << "--lock-timeout takes seconds, not \""
                << parser.value(lockTimeout) << "\"\n";
        return UsageError;
    }
    const Expected<QString> modcache = ctx.modcache(parser.value(modcacheOption));
    if (!modcache.ok()) {
        ctx.err << CliMessages::prefix(u"restore"_s) << modcache.error().toString() << "\n";
        return Failure;
    }
    const ScanResult scan = CacheScanner::run({modcache.value()});
    if (scan.error.isError()) {
        ctx.err << CliMessages::prefix(u"restore"_s) << scan.error.toString() << "\n";
        return Failure;
    }
    const QStringList unmatched = CliReport::unmatched(scan.versions, patterns);
    QList<ModuleVersionRecord> selected;
    for (const ModuleVersionRecord &v : scan.versions) {
        if (RestoreJob::isRestorable(v) && VersionPattern::matchesAny(patterns, v.path, v.version))
            selected.append(v);
    }
    const GoEnvironment env = GoEnvironment::resolve(ctx.envInputs);
    RestoreJob::Options options{modcache.value(), int(timeoutSeconds * 1000), env.modCacheRw()};
    QList<PurgeItemResult> results = RestoreJob::run(options, selected);
    // A failure before the first version (the cache could not be opened) stands for each of
    // them: every entry names its path and version.
    if (results.size() == 1 && results.first().path.isEmpty()
        && results.first().outcome == PurgeOutcome::Failed) {
        const PurgeItemResult all = results.takeFirst();
        for (const ModuleVersionRecord &v : std::as_const(selected)) {
            PurgeItemResult r = all;
            r.path = v.path;
            r.version = v.version;
            results.append(r);
        }
    }
    int failed = 0;
    quint64 restoredBytes = 0;
    QJsonArray versions;
    for (const PurgeItemResult &r : std::as_const(results)) {
        restoredBytes += r.bytes;
        QJsonObject o{{u"path"_s, r.path},
                      {u"version"_s, r.version},
                      {u"outcome"_s, toString(r.outcome)},
                      {u"bytes"_s, qint64(r.bytes)}};
        if (r.outcome == PurgeOutcome::Failed) {
            ++failed;
            o.insert(u"error"_s, r.error.toString());
            if (!parser.isSet(json))
                ctx.err << CliMessages::prefix(u"restore"_s) << r.path << '@' << r.version << ": "
                        << r.error.toString() << "\n";
        } else if (!parser.isSet(json)) {
            ctx.out << (r.outcome == PurgeOutcome::Restored ? "restored " : "skipped  ") << r.path
                    << '@' << r.version
                    << (r.outcome == PurgeOutcome::Restored
                            ? u"  "_s + ScanReport::formatBytes(r.bytes)
                            : u"  (already complete)"_s)
                    << "\n";
        }
        versions.append(o);
    }
    CliReport::printUnmatched(ctx.err, u"restore"_s, unmatched);
    if (parser.isSet(json)) {
        QJsonObject doc{{u"gomodcache"_s, modcache.value()}, {u"versions"_s, versions}};
        CliReport::addUnmatched(doc, unmatched);
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else if (results.isEmpty() && unmatched.isEmpty()) {
        ctx.out << "nothing to restore: no archive-only version matches\n";
    } else if (!results.isEmpty()) {
        ctx.out << CliReport::summary(results.size(), failed) << ", "
                << ScanReport::formatBytes(restoredBytes) << " restored\n";
    }
    return failed || !unmatched.isEmpty() ? Failure : Success;
}

} // namespace mk::cli
