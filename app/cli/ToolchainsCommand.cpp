// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainsCommand.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/CliReport.h"
#include "scan/ScanReport.h"
#include "toolchain/ToolchainLister.h"
#include "toolchain/ToolchainRemover.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

QJsonValue timeJson(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(ScanReport::isoUtc(t)) : QJsonValue(QJsonValue::Null);
}

QJsonObject toolchainJson(const ToolchainRecord &t)
{
    return {{u"toolchain"_s, t.name.toolchain},
            {u"goos"_s, t.name.goos},
            {u"goarch"_s, t.name.goarch},
            {u"path"_s, t.module.path},
            {u"version"_s, t.module.version},
            {u"dir"_s, t.treePath},
            {u"state"_s, toString(t.module.state)},
            {u"diskBytes"_s, qint64(t.module.diskBytes)},
            {u"apparentBytes"_s, qint64(t.module.apparentBytes)},
            {u"files"_s, qint64(t.module.files)},
            {u"downloaded"_s, timeJson(t.module.downloaded)},
            {u"lastUsed"_s, timeJson(t.module.lastUsed)},
            {u"running"_s, t.running},
            {u"neededBy"_s, QJsonArray::fromStringList(t.neededBy)}};
}

QString flagsText(const ToolchainRecord &t)
{
    QStringList flags;
    if (t.running)
        flags << u"running"_s;
    if (!t.neededBy.isEmpty())
        flags << u"needed by "_s + t.neededBy.join(u", "_s);
    return flags.join(u"; "_s);
}

int list(CliContext &ctx, const ToolchainLister::Options &options, bool json)
{
    const ToolchainListing l = ToolchainLister::run(options);
    if (l.error.isError()) {
        ctx.err << "modkeeper-cli toolchains: " << l.error.toString() << "\n";
        return Failure;
    }
    for (const ScanIssue &issue : l.issues)
        ctx.err << "warning: " << issue.path << ": " << issue.message << "\n";
    if (l.runningError.isError())
        ctx.err << "warning: cannot tell which go runs here: " << l.runningError.toString() << "\n";
    if (json) {
        QJsonArray toolchains;
        for (const ToolchainRecord &t : l.toolchains)
            toolchains.append(toolchainJson(t));
        QJsonObject doc{{u"gomodcache"_s, l.gomodcache},
                        {u"go"_s, l.goCommand},
                        {u"goroot"_s, l.runningGoroot},
                        {u"projectRoots"_s, QJsonArray::fromStringList(l.projectRoots)},
                        {u"toolchains"_s, toolchains}};
        if (l.runningError.isError())
            doc.insert(u"goError"_s, l.runningError.toString());
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return Success;
    }
    if (l.toolchains.isEmpty()) {
        ctx.out << "no Go toolchain in " << l.gomodcache << "\n";
        return Success;
    }
    ctx.out << u"TOOLCHAIN"_s.leftJustified(14) << u"PLATFORM"_s.leftJustified(15)
            << u"SIZE"_s.rightJustified(10) << "  " << u"LAST USED"_s.leftJustified(22)
            << "NOTES\n";
    quint64 total = 0;
    for (const ToolchainRecord &t : l.toolchains) {
        total += t.module.diskBytes;
        const QDateTime used = t.module.ageReference();
        ctx.out << t.name.toolchain.leftJustified(14)
                << QString(t.name.goos + u'/' + t.name.goarch).leftJustified(15)
                << ScanReport::formatBytes(t.module.diskBytes).rightJustified(10) << "  "
                << (used.isValid() ? ScanReport::isoUtc(used) : u"-"_s).leftJustified(22)
                << flagsText(t) << "\n";
    }
    ctx.out << l.toolchains.size() << (l.toolchains.size() == 1 ? " toolchain, " : " toolchains, ")
            << ScanReport::formatBytes(total) << "\n";
    return Success;
}

int remove(CliContext &ctx, const ToolchainRemover::Options &options, const QStringList &names,
           bool json)
{
    const ToolchainRemoval r = ToolchainRemover::run(options, names);
    if (r.error.isError()) {
        if (json) {
            const QJsonObject doc{{u"gomodcache"_s, options.listing.gomodcache},
                                  {u"dryRun"_s, options.dryRun},
                                  {u"error"_s, r.error.toString()},
                                  {u"toolchains"_s, QJsonArray()}};
            ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        }
        ctx.err << "modkeeper-cli toolchains remove: " << r.error.toString() << "\n";
        return Failure;
    }
    QJsonArray items;
    int failed = 0;
    quint64 bytes = 0;
    if (options.dryRun) {
        for (const PurgeItem &i : r.plan.items) {
            items.append(QJsonObject{{u"path"_s, i.version.path},
                                     {u"version"_s, i.version.version},
                                     {u"bytes"_s, qint64(i.bytes)}});
            if (!json)
                ctx.out << "would remove " << i.version.id() << "  "
                        << ScanReport::formatBytes(i.bytes) << "\n";
        }
        bytes = r.plan.bytes;
    }
    for (const PurgeItemResult &p : r.results) {
        QJsonObject o{{u"path"_s, p.path},
                      {u"version"_s, p.version},
                      {u"outcome"_s, toString(p.outcome)},
                      {u"bytes"_s, qint64(p.bytes)}};
        bytes += p.bytes;
        if (p.outcome == PurgeOutcome::Failed) {
            ++failed;
            o.insert(u"error"_s, p.error.toString());
            if (!json)
                ctx.err << "modkeeper-cli toolchains remove: " << p.path << '@' << p.version << ": "
                        << p.error.toString() << "\n";
        } else if (!json) {
            ctx.out << (p.outcome == PurgeOutcome::Removed ? "removed " : "gone    ") << p.path
                    << '@' << p.version << "  " << ScanReport::formatBytes(p.bytes) << "\n";
        }
        items.append(o);
    }
    if (json) {
        QJsonObject doc{{u"gomodcache"_s, options.listing.gomodcache},
                        {u"dryRun"_s, options.dryRun},
                        {u"toolchains"_s, items},
                        {u"bytes"_s, qint64(bytes)}};
        if (!options.dryRun)
            doc.insert(u"reaped"_s,
                       QJsonObject{{u"bytesFreed"_s, qint64(r.reaped.bytesFreed)},
                                   {u"entriesRemoved"_s, qint64(r.reaped.entriesRemoved)}});
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        const qsizetype n = options.dryRun ? r.plan.items.size() : r.results.size();
        ctx.out << CliReport::summary(n, failed).replace(u"version"_s, u"toolchain"_s) << ", "
                << ScanReport::formatBytes(bytes)
                << (options.dryRun ? " would be freed\n" : " freed\n");
        for (const ScanIssue &i : r.reaped.issues)
            ctx.err << "warning: " << i.path << ": " << i.message << "\n";
    }
    return failed ? Failure : Success;
}

} // namespace

int ToolchainsCommand::run(CliContext &ctx)
{
    QStringList args = ctx.args;
    const bool removing = !args.isEmpty() && args.first() == u"remove";
    if (removing)
        args.removeFirst();
    const QString name = removing ? u"toolchains remove"_s : u"toolchains"_s;

    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, u"Print one JSON object."_s);
    const QCommandLineOption root(
        u"root"_s, u"Look for go.mod and go.work toolchain lines below DIR (repeatable)."_s,
        u"DIR"_s);
    const QCommandLineOption modcacheOption(u"modcache"_s, CliMessages::modcacheOption(), u"DIR"_s);
    const QCommandLineOption dryRun(u"dry-run"_s, CliMessages::dryRunOption());
    const QCommandLineOption force(
        u"force"_s,
        u"Remove even toolchains a project's toolchain line names (never the one that runs)."_s);
    const QCommandLineOption lockTimeout(
        u"lock-timeout"_s, u"Seconds to wait for a toolchain go is using (default 30)."_s,
        u"SECONDS"_s, u"30"_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({json, root, modcacheOption, help});
    if (removing)
        parser.addOptions({dryRun, force, lockTimeout});
    if (!parser.parse(QStringList{u"modkeeper-cli "_s + name} + args)) {
        ctx.err << "modkeeper-cli " << name << ": " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        if (removing)
            ctx.out
                << "Usage: modkeeper-cli toolchains remove [--json] [--dry-run] [--force] "
                   "[--root DIR]... VERSION...\n\n"
                   "Removes downloaded Go toolchains from the module cache, one by one, as a\n"
                   "purge of their module version. VERSION is go1.22.5 or the module version\n"
                   "v0.0.1-go1.22.5.linux-amd64. The go that runs here is never removed; one a\n"
                   "project's toolchain line names (below --root) only with --force.\n\n";
        else
            ctx.out << "Usage: modkeeper-cli toolchains [--json] [--root DIR]...\n"
                       "       modkeeper-cli toolchains remove [--dry-run] [--force] VERSION...\n\n"
                       "Lists the Go toolchains go downloaded into the module cache "
                       "(golang.org/toolchain),\nwith size, last use, whether it is the go that "
                       "runs here (go env GOROOT) and which\nprojects below --root name it in "
                       "their toolchain line.\n\n";
        ctx.out << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList names = parser.positionalArguments();
    if (!removing && !names.isEmpty()) {
        ctx.err << "modkeeper-cli toolchains: unexpected argument \"" << names.first() << "\"\n";
        return UsageError;
    }
    if (removing && names.isEmpty()) {
        ctx.err << "modkeeper-cli toolchains remove: name what to remove (VERSION...)\n";
        return UsageError;
    }
    bool ok = true;
    const double timeoutSeconds = removing ? parser.value(lockTimeout).toDouble(&ok) : 0;
    if (!ok || timeoutSeconds < 0) {
        ctx.err << "modkeeper-cli toolchains remove: --lock-timeout takes seconds, not \""
                << parser.value(lockTimeout) << "\"\n";
        return UsageError;
    }
    const Expected<QString> modcache = ctx.modcache(parser.value(modcacheOption));
    if (!modcache.ok()) {
        ctx.err << "modkeeper-cli " << name << ": " << modcache.error().toString() << "\n";
        return Failure;
    }
    ToolchainLister::Options listing;
    listing.gomodcache = modcache.value();
    listing.environment = ctx.envInputs.environment;
    listing.projectRoots = parser.values(root);
    if (!removing)
        return list(ctx, listing, parser.isSet(json));

    ToolchainRemover::Options options;
    options.listing = listing;
    options.lockTimeoutMs = int(timeoutSeconds * 1000);
    options.force = parser.isSet(force);
    options.dryRun = parser.isSet(dryRun);
    return remove(ctx, options, names, parser.isSet(json));
}

} // namespace mk::cli
