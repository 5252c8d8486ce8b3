// SPDX-License-Identifier: GPL-3.0-or-later
#include "OtherCommand.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "purge/OtherRemover.h"
#include "scan/CacheScanner.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

constexpr OtherKind allKinds[] = {OtherKind::Vcs,      OtherKind::Sumdb,   OtherKind::Toolchain,
                                  OtherKind::Metadata, OtherKind::Unknown, OtherKind::Trash};

QJsonObject entryJson(const OtherEntry &e)
{
    QJsonObject o{
        {u"kind"_s, toString(e.kind)},         {u"path"_s, e.path},
        {u"diskBytes"_s, qint64(e.diskBytes)}, {u"apparentBytes"_s, qint64(e.apparentBytes)},
        {u"files"_s, qint64(e.files)},         {u"removable"_s, OtherRemover::check(e).ok()}};
    if (!e.detail.isEmpty())
        o.insert(u"detail"_s, e.detail);
    return o;
}

int list(CliContext &ctx, const ScanResult &scan, const std::optional<OtherKind> &kind, bool json)
{
    QList<OtherEntry> entries;
    for (const OtherEntry &e : scan.others) {
        if (!kind || e.kind == *kind)
            entries.append(e);
    }
    std::stable_sort(entries.begin(), entries.end(), [](const OtherEntry &a, const OtherEntry &b) {
        return a.kind != b.kind ? int(a.kind) < int(b.kind) : a.path < b.path;
    });
    if (json) {
        QJsonArray items;
        quint64 bytes = 0;
        for (const OtherEntry &e : entries) {
            items.append(entryJson(e));
            bytes += e.diskBytes;
        }
        const QJsonObject doc{{u"gomodcache"_s, scan.gomodcache},
                              {u"entries"_s, items},
                              {u"diskBytes"_s, qint64(bytes)},
                              {u"cacheDiskBytes"_s, qint64(scan.totals.diskBytes)}};
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return Success;
    }
    ctx.out << u"KIND"_s.leftJustified(10) << u"SIZE"_s.rightJustified(10) << u"  FILES"_s
            << "  PATH\n";
    quint64 bytes = 0;
    for (const OtherEntry &e : entries) {
        bytes += e.diskBytes;
        ctx.out << toString(e.kind).leftJustified(10)
                << ScanReport::formatBytes(e.diskBytes).rightJustified(10) << "  "
                << QString::number(e.files).rightJustified(5) << "  " << e.path
                << (e.detail.isEmpty() ? QString() : u"  ("_s + e.detail + u')') << "\n";
    }
    ctx.out << entries.size() << (entries.size() == 1 ? " entry, " : " entries, ")
            << ScanReport::formatBytes(bytes) << " of "
            << ScanReport::formatBytes(scan.totals.diskBytes) << " in " << scan.gomodcache << "\n";
    return Success;
}

int remove(CliContext &ctx, const ScanResult &scan, const OtherRemover::Options &options,
           const QStringList &paths, bool json)
{
    const Expected<QList<OtherEntry>> entries = OtherRemover::resolve(scan, paths);
    if (!entries.ok()) {
        ctx.err << "modkeeper-cli other remove: " << entries.error().toString() << "\n";
        return Failure;
    }
    const QList<OtherRemoval> results = OtherRemover::run(options, entries.value());
    QJsonArray items;
    int failed = 0;
    quint64 bytes = 0;
    for (const OtherRemoval &r : results) {
        const QString outcome = r.error.isError() ? u"failed"_s
                                : r.alreadyGone   ? u"already-gone"_s
                                : options.dryRun  ? u"would-remove"_s
                                                  : u"removed"_s;
        QJsonObject o{{u"kind"_s, toString(r.kind)},
                      {u"path"_s, r.path},
                      {u"outcome"_s, outcome},
                      {u"diskBytes"_s, qint64(r.diskBytes)}};
        if (r.error.isError()) {
            ++failed;
            o.insert(u"error"_s, r.error.toString());
            if (!json)
                ctx.err << "modkeeper-cli other remove: " << r.error.toString() << "\n";
        } else {
            if (r.removed)
                bytes += r.diskBytes;
            if (!json)
                ctx.out << (options.dryRun ? "would remove "
                            : r.removed    ? "removed "
                                           : "gone    ")
                        << r.path << "  " << ScanReport::formatBytes(r.diskBytes) << "\n";
        }
        items.append(o);
    }
    if (json) {
        const QJsonObject doc{{u"gomodcache"_s, scan.gomodcache},
                              {u"dryRun"_s, options.dryRun},
                              {u"entries"_s, items},
                              {u"bytes"_s, qint64(bytes)}};
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        const qsizetype n = results.size();
        ctx.out << n << (n == 1 ? " entry" : " entries");
        if (failed)
            ctx.out << ", " << failed << " failed";
        ctx.out << ", " << ScanReport::formatBytes(bytes)
                << (options.dryRun ? " would be freed\n" : " freed\n");
    }
    return failed ? Failure : Success;
}

} // namespace

int OtherCommand::run(CliContext &ctx)
{
    QStringList args = ctx.args;
    const bool removing = !args.isEmpty() && args.first() == u"remove";
    if (removing)
        args.removeFirst();
    const QString name = removing ? u"other remove"_s : u"other"_s;

    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption kindOption(
        u"kind"_s, u"Only entries of KIND: vcs, sumdb, toolchain, metadata, unknown, trash."_s,
        u"KIND"_s);
    const QCommandLineOption modcacheOption(u"modcache"_s, CliMessages::modcacheOption(), u"DIR"_s);
    const QCommandLineOption dryRun(u"dry-run"_s, CliMessages::dryRunOption());
    const QCommandLineOption lockTimeout(u"lock-timeout"_s,
                                         u"Seconds to wait for a clone go is using (default 30)."_s,
                                         u"SECONDS"_s, u"30"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({json, modcacheOption, help});
    if (removing)
        parser.addOptions({dryRun, lockTimeout});
    else
        parser.addOption(kindOption);
    if (!parser.parse(QStringList{u"modkeeper-cli "_s + name} + args)) {
        ctx.err << "modkeeper-cli " << name << ": " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: modkeeper-cli other [--json] [--kind KIND]\n"
                   "       modkeeper-cli other remove [--json] [--dry-run] PATH...\n\n"
                   "Lists what the module cache holds besides module versions, with sizes, and\n"
                   "removes such entries by their PATH as listed (relative to GOMODCACHE): VCS\n"
                   "clones under go's lock, checksum database caches, unknown entries (a symlink\n"
                   "itself, never its target), the trash. Go's metadata stays; toolchains are\n"
                   "removed with modkeeper-cli toolchains remove.\n\n";
        ctx.out << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList paths = parser.positionalArguments();
    if (!removing && !paths.isEmpty()) {
        ctx.err << "modkeeper-cli other: unexpected argument \"" << paths.first() << "\"\n";
        return UsageError;
    }
    if (removing && paths.isEmpty()) {
        ctx.err << "modkeeper-cli other remove: name what to remove (PATH...)\n";
        return UsageError;
    }
    std::optional<OtherKind> kind;
    if (!removing && parser.isSet(kindOption)) {
        for (OtherKind k : allKinds) {
            if (toString(k) == parser.value(kindOption))
                kind = k;
        }
        if (!kind) {
            ctx.err << "modkeeper-cli other: unknown kind \"" << parser.value(kindOption)
                    << "\" (vcs, sumdb, toolchain, metadata, unknown, trash)\n";
            return UsageError;
        }
    }
    bool ok = true;
    const double timeoutSeconds = removing ? parser.value(lockTimeout).toDouble(&ok) : 0;
    if (!ok || timeoutSeconds < 0) {
        ctx.err << "modkeeper-cli other remove: --lock-timeout takes seconds, not \""
                << parser.value(lockTimeout) << "\"\n";
        return UsageError;
    }
    const Expected<QString> modcache = ctx.modcache(parser.value(modcacheOption));
    if (!modcache.ok()) {
        ctx.err << "modkeeper-cli " << name << ": " << modcache.error().toString() << "\n";
        return Failure;
    }
    CacheScanner::Options scanOptions;
    scanOptions.gomodcache = modcache.value();
    const ScanResult scan = CacheScanner::run(scanOptions);
    if (scan.error.isError()) {
        ctx.err << "modkeeper-cli " << name << ": " << scan.error.toString() << "\n";
        return Failure;
    }
    for (const ScanIssue &issue : scan.issues)
        ctx.err << "warning: " << issue.path << ": " << issue.message << "\n";
    if (!removing)
        return list(ctx, scan, kind, parser.isSet(json));

    OtherRemover::Options options;
    options.gomodcache = modcache.value();
    options.dryRun = parser.isSet(dryRun);
    options.lockTimeoutMs = int(timeoutSeconds * 1000);
    return remove(ctx, scan, options, paths, parser.isSet(json));
}

} // namespace mk::cli
