// SPDX-License-Identifier: GPL-3.0-or-later
#include "RepairCommand.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/CliReport.h"
#include "download/DownloadSetup.h"
#include "module/VersionPattern.h"
#include "scan/CacheScanner.h"
#include "verify/RepairJob.h"
#include "verify/VerifySelection.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int RepairCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption goSum(
        u"go-sum"_s, u"The zip must also match this go.sum file's hashes (repeatable)."_s,
        u"FILE"_s);
    const QCommandLineOption lockTimeout(
        u"lock-timeout"_s, u"Seconds to wait for a version go is using (default 30)."_s,
        u"SECONDS"_s, u"30"_s);
    const QCommandLineOption modcacheOption(u"modcache"_s, CliMessages::modcacheOption(), u"DIR"_s);
    const QCommandLineOption cacert(
        u"cacert"_s,
        u"Also trust the CA certificates in FILE (PEM) for redownloads, besides the "
        "system's and SSL_CERT_FILE/SSL_CERT_DIR."_s,
        u"FILE"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({json, goSum, lockTimeout, modcacheOption, cacert, help});
    if (!parser.parse(QStringList{u"modkeeper-cli repair"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"repair"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out
            << "Usage: modkeeper-cli repair [--json] [--go-sum FILE] [--modcache DIR] [--cacert "
               "FILE] PATTERN...\n\n"
               "Verifies the versions PATTERN selects (as for purge) and repairs the damaged "
               "ones:\n"
               "a tree whose zip still matches its .ziphash is extracted again, offline, under "
               "go's\n"
               "lock; the damaged tree goes to the trash only once the new one is in place. A "
               "damaged\n"
               "or missing zip needs a new download, which is reported (nothing is deleted).\n\n"
            << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList patterns = parser.positionalArguments();
    if (patterns.isEmpty()) {
        ctx.err << CliMessages::prefix(u"repair"_s) << "name what to repair (PATTERN...)\n";
        return UsageError;
    }
    for (const QString &p : patterns) {
        if (Status st = VersionPattern::check(p); !st) {
            ctx.err << CliMessages::prefix(u"repair"_s) << st.error().toString() << "\n";
            return UsageError;
        }
    }
    bool ok = true;
    const double timeoutSeconds = parser.value(lockTimeout).toDouble(&ok);
    if (!ok || timeoutSeconds < 0) {
        ctx.err << CliMessages::prefix(u"repair"_s) << "--lock-timeout takes seconds, not \""
                << parser.value(lockTimeout) << "\"\n";
        return UsageError;
    }
    const Expected<KnownSums> known = VerifySelection::readGoSums(parser.values(goSum));
    if (!known.ok()) {
        ctx.err << CliMessages::prefix(u"repair"_s) << known.error().toString() << "\n";
        return Failure;
    }
    const Expected<QString> modcache = ctx.modcache(parser.value(modcacheOption));
    if (!modcache.ok()) {
        ctx.err << CliMessages::prefix(u"repair"_s) << modcache.error().toString() << "\n";
        return Failure;
    }
    const ScanResult scan = CacheScanner::run({modcache.value()});
    if (scan.error.isError()) {
        ctx.err << CliMessages::prefix(u"repair"_s) << scan.error.toString() << "\n";
        return Failure;
    }
    QStringList unmatched;
    const QList<ModuleVersionRecord> selected
        = VerifySelection::select(scan.versions, patterns, &unmatched);
    const GoEnvironment env = GoEnvironment::resolve(ctx.envInputs);
    RepairJob::Options options;
    options.gomodcache = modcache.value();
    options.lockTimeoutMs = int(timeoutSeconds * 1000);
    options.cacheRw = env.modCacheRw();
    options.known = known.value();
    // Damaged zips come back from the resolved GOPROXY, checked like any download.
    DownloadSetup::Request request;
    request.modcacheOverride = modcache.value();
    request.caFile = parser.value(cacert);
    request.environment = ctx.envInputs.environment;
    const DownloadSetup::Prepared prepared = DownloadSetup::prepare(env, request);
    for (const QString &note : prepared.notes)
        ctx.err << CliMessages::note() << note << "\n";
    switch (prepared.failed) {
    case DownloadSetup::Prepared::Step::None:
        options.redownload = DownloadSetup::redownloader(prepared.options);
        break;
    case DownloadSetup::Prepared::Step::CaFile:
        ctx.err << CliMessages::prefix(u"repair"_s) << "--cacert " << prepared.error.toString()
                << "\n";
        return UsageError;
    case DownloadSetup::Prepared::Step::ChecksumDb:
        ctx.err << CliMessages::note() << "no redownloads: GOSUMDB: " << prepared.error.toString()
                << "\n";
        break;
    case DownloadSetup::Prepared::Step::Environment:
        ctx.err << CliMessages::note() << "no redownloads: " << prepared.error.toString() << "\n";
        break;
    }
    const QList<RepairResult> results = RepairJob::run(options, selected);

    int failed = 0;
    int repaired = 0;
    QJsonArray versions;
    for (const RepairResult &r : results) {
        if (!r.ok())
            ++failed;
        if (r.outcome == RepairOutcome::Reextracted || r.outcome == RepairOutcome::Redownloaded)
            ++repaired;
        if (parser.isSet(json)) {
            QJsonObject o{{u"path"_s, r.path},
                          {u"version"_s, r.version},
                          {u"ok"_s, r.ok()},
                          {u"outcome"_s, toString(r.outcome)},
                          {u"problems"_s, QJsonArray::fromStringList(r.problems)},
                          {u"status"_s, toString(r.after)}};
            if (r.error.isError())
                o.insert(u"error"_s, r.error.toString());
            versions.append(o);
            continue;
        }
        const QString id = r.path + u'@' + r.version;
        switch (r.outcome) {
        case RepairOutcome::NothingToDo:
            ctx.out << "ok            " << id << "\n";
            break;
        case RepairOutcome::Reextracted:
        case RepairOutcome::Redownloaded:
            ctx.out << (r.outcome == RepairOutcome::Reextracted ? "re-extracted  "
                                                                : "redownloaded  ")
                    << id << "\n";
            for (const QString &p : r.problems)
                ctx.out << "    was: " << p << "\n";
            break;
        case RepairOutcome::NeedsRedownload:
        case RepairOutcome::Failed:
            ctx.err << CliMessages::prefix(u"repair"_s) << id << ": " << r.error.toString() << "\n";
            break;
        }
    }
    CliReport::printUnmatched(ctx.err, u"repair"_s, unmatched);
    if (parser.isSet(json)) {
        QJsonObject doc{{u"gomodcache"_s, modcache.value()}, {u"versions"_s, versions}};
        CliReport::addUnmatched(doc, unmatched);
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else if (!results.isEmpty()) {
        ctx.out << CliReport::summary(results.size(), failed) << ", " << repaired << " repaired\n";
    }
    return failed || !unmatched.isEmpty() ? Failure : Success;
}

} // namespace mk::cli
