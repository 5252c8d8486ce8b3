// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrashCommand.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "purge/PurgeRecovery.h"
#include "purge/TrashReaper.h"
#include "purge/VersionPurger.h"
#include "scan/CacheScanner.h"
#include "scan/DiskUsage.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int TrashCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption empty(
        u"empty"_s, u"Finish interrupted purges, then delete everything in the trash."_s);
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption quiet(u"quiet"_s, u"Print nothing (used by the background reaper)."_s);
    const QCommandLineOption modcacheOption(u"modcache"_s, CliMessages::modcacheOption(), u"DIR"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({empty, json, quiet, modcacheOption, help});
    if (!parser.parse(QStringList{u"modkeeper-cli trash"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"trash"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: modkeeper-cli trash [--empty] [--json]\n\n"
                   "Purged trees wait in "
                << CacheScanner::trashDirName() << " inside the cache until they are deleted.\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        ctx.err << CliMessages::prefix(u"trash"_s) << "unexpected argument \""
                << parser.positionalArguments().first() << "\"\n";
        return UsageError;
    }
    const Expected<QString> modcache = ctx.modcache(parser.value(modcacheOption));
    if (!modcache.ok()) {
        ctx.err << CliMessages::prefix(u"trash"_s) << modcache.error().toString() << "\n";
        return Failure;
    }
    const QString dir = modcache.value();
    const QString trash = dir + u'/' + CacheScanner::trashDirName();
    const bool quietMode = parser.isSet(quiet);

    if (!parser.isSet(empty)) {
        QFuture<ScanChunk> f = DiskUsage::start(trash);
        f.waitForFinished();
        const ScanChunk last = f.results().isEmpty() ? ScanChunk() : f.results().last();
        const quint64 bytes = last.error.isError() ? 0 : last.totals.diskBytes;
        if (parser.isSet(json))
            ctx.out << QJsonDocument(
                           QJsonObject{{u"trash"_s, trash}, {u"diskBytes"_s, qint64(bytes)}})
                           .toJson(QJsonDocument::Indented);
        else
            ctx.out << trash << ": " << ScanReport::formatBytes(bytes) << "\n";
        return Success;
    }

    const Expected<PurgeRecoveryReport> recovery = PurgeRecovery::run(dir);
    if (!recovery.ok()) {
        if (!quietMode)
            ctx.err << CliMessages::prefix(u"trash"_s)
                    << "completing an interrupted purge: " << recovery.error().toString() << "\n";
        return Failure;
    }
    const int recovered = recovery.value().completed;
    QJsonArray rolledBack;
    for (const PurgeItemResult &r : recovery.value().rolledBack) {
        rolledBack.append(QJsonObject{
            {u"path"_s, r.path}, {u"version"_s, r.version}, {u"error"_s, r.error.toString()}});
        if (!quietMode && !parser.isSet(json))
            ctx.err << CliMessages::warning()
                    << "interrupted purge rolled back: " << r.error.toString() << "\n";
    }
    const ReapProgress reaped = TrashReaper::run(dir);
    if (quietMode)
        return reaped.issues.isEmpty() ? Success : Failure;
    QJsonArray issues;
    for (const ScanIssue &i : reaped.issues) {
        issues.append(QJsonObject{{u"path"_s, i.path}, {u"error"_s, i.message}});
        if (!parser.isSet(json))
            ctx.err << CliMessages::warning() << i.path << ": " << i.message << "\n";
    }
    if (parser.isSet(json))
        ctx.out << QJsonDocument(QJsonObject{{u"trash"_s, trash},
                                             {u"recoveredPurges"_s, recovered},
                                             {u"rolledBackPurges"_s, rolledBack},
                                             {u"bytesFreed"_s, qint64(reaped.bytesFreed)},
                                             {u"entriesRemoved"_s, qint64(reaped.entriesRemoved)},
                                             {u"issues"_s, issues}})
                       .toJson(QJsonDocument::Indented);
    else
        ctx.out << "trash emptied: " << reaped.entriesRemoved << " entries, "
                << ScanReport::formatBytes(reaped.bytesFreed) << " freed"
                << (recovered ? u" (%1 interrupted purges completed)"_s.arg(recovered) : QString())
                << "\n";
    return reaped.issues.isEmpty() ? Success : Failure;
}

} // namespace mk::cli
