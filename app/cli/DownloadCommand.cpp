// SPDX-License-Identifier: GPL-3.0-or-later
#include "DownloadCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "cli/CliReport.h"
#include "download/DownloadSetup.h"
#include "env/GoEnvironment.h"
#include "module/ModulePath.h"
#include "module/Semver.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int DownloadCommand::configure(CliContext &ctx, const QCommandLineParser &parser,
                               const Common &common, const QString &command,
                               const QString &proxyValue, DownloadOptions &options)
{
    const QString prefix = u"modkeeper-cli "_s + command + u": "_s;
    bool ok = false;
    options.jobs = parser.value(common.jobs).toInt(&ok);
    if (!ok || options.jobs < 1 || options.jobs > 64) {
        ctx.err << prefix << "--jobs takes a number from 1 to 64, not \""
                << parser.value(common.jobs) << "\"\n";
        return UsageError;
    }
    const double lockSeconds = parser.value(common.lockTimeout).toDouble(&ok);
    if (!ok || lockSeconds < 0) {
        ctx.err << prefix << "--lock-timeout takes seconds, not \""
                << parser.value(common.lockTimeout) << "\"\n";
        return UsageError;
    }
    options.lockTimeoutMs = int(lockSeconds * 1000);

    const GoEnvironment env = GoEnvironment::resolve(ctx.envInputs);
    QString modcacheDir;
    if (parser.isSet(common.modcache)) {
        const Expected<QString> dir = ctx.modcache(parser.value(common.modcache));
        if (!dir) {
            ctx.err << prefix << dir.error().toString() << "\n";
            return Failure;
        }
        modcacheDir = *dir;
    }
    DownloadSetup::Request request;
    request.proxyOverride = proxyValue;
    request.modcacheOverride = modcacheDir;
    request.caFile = parser.value(common.cacert);
    request.environment = ctx.envInputs.environment;
    const DownloadSetup::Prepared prepared = DownloadSetup::prepare(env, request);
    for (const QString &note : prepared.notes)
        ctx.err << CliMessages::note() << note << "\n";
    switch (prepared.failed) {
    case DownloadSetup::Prepared::Step::None:
        break;
    case DownloadSetup::Prepared::Step::Environment:
        ctx.err << prefix << prepared.error.toString() << "\n";
        return prepared.error.subject == u"GOPROXY" ? UsageError : Failure;
    case DownloadSetup::Prepared::Step::CaFile:
        ctx.err << prefix << "--cacert " << prepared.error.toString() << "\n";
        return UsageError;
    case DownloadSetup::Prepared::Step::ChecksumDb:
        ctx.err << prefix << "GOSUMDB: " << prepared.error.toString() << "\n";
        return Failure;
    }
    const int jobs = options.jobs;
    const int lockTimeoutMs = options.lockTimeoutMs;
    options = prepared.options;
    options.jobs = jobs;
    options.lockTimeoutMs = lockTimeoutMs;
    return -1;
}

int DownloadCommand::execute(CliContext &ctx, const DownloadOptions &options,
                             const QList<DownloadRequest> &requests, DownloadJob::Mode mode,
                             bool asJson)
{
    const QList<DownloadResult> results = DownloadJob::run(options, requests, mode);
    int bad = 0;
    qint64 total = 0;
    QJsonArray versions;
    for (const DownloadResult &r : results) {
        total += r.bytes;
        if (!r.ok())
            ++bad;
        QJsonObject o{{u"path"_s, r.path},   {u"version"_s, r.version},
                      {u"ok"_s, r.ok()},     {u"outcome"_s, toString(r.outcome)},
                      {u"sum"_s, r.sum},     {u"goModSum"_s, r.goModSum},
                      {u"proxy"_s, r.proxy}, {u"bytes"_s, r.bytes}};
        if (r.error.isError())
            o.insert(u"error"_s, r.error.toString());
        if (!r.notes.isEmpty())
            o.insert(u"notes"_s, QJsonArray::fromStringList(r.notes));
        if (!r.query.isEmpty())
            o.insert(u"query"_s, r.query);
        versions.append(o);
        if (asJson)
            continue;
        QString line = toString(r.outcome).leftJustified(16) + r.id();
        if (!r.sum.isEmpty())
            line += u"  "_s + r.sum;
        if (!r.proxy.isEmpty())
            line += u"  from "_s + r.proxy;
        if (r.bytes > 0)
            line += u"  ("_s + ScanReport::formatBytes(quint64(r.bytes)) + u')';
        (r.ok() ? ctx.out : ctx.err) << line << "\n";
        if (r.error.isError())
            ctx.err << "    " << r.error.toString().replace(u'\n', u"\n    "_s) << "\n";
        for (const QString &n : r.notes)
            if (n.startsWith(u"SECURITY"_s))
                ctx.err << "    " << n << "\n";
    }
    if (asJson) {
        ctx.out << QJsonDocument(QJsonObject{{u"versions"_s, versions},
                                             {u"bytes"_s, total},
                                             {u"failed"_s, bad}})
                       .toJson(QJsonDocument::Indented);
    } else {
        ctx.out << CliReport::summary(results.size(), bad) << ", "
                << ScanReport::formatBytes(quint64(total)) << " received\n";
    }
    return bad == 0 ? Success : Failure;
}

int DownloadCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const Common common;
    const QCommandLineOption proxy(
        u"proxy"_s, u"A GOPROXY list (or a preset name) instead of the resolved GOPROXY."_s,
        u"LIST"_s);
    parser.addOptions({common.json, common.jobs, common.modcache, common.lockTimeout, common.cacert,
                       common.help, proxy});
    if (!parser.parse(QStringList{u"modkeeper-cli download"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"download"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(common.help)) {
        ctx.out
            << "Usage: modkeeper-cli download [--proxy LIST] [--json] [--jobs N] [--cacert FILE] "
               "MODULE@VERSION...\n\n"
               "VERSION is canonical (v1.2.3, a pre-release, a pseudo-version) or latest: the\n"
               "highest release the proxy lists, else the highest pre-release, else its @latest.\n"
               "Fetches module versions over GOPROXY into the module cache exactly as go does:\n"
               "checked against go's zip rules, hashed while extracting, checked against the\n"
               "checksum database (GOSUMDB/GONOSUMDB). direct and GOPRIVATE paths are fetched by\n"
               "the go command. Versions already complete are left alone.\n\n"
            << parser.helpText().section(u'\n', 2);
        return Success;
    }
    QList<DownloadRequest> requests;
    for (const QString &arg : parser.positionalArguments()) {
        const qsizetype at = arg.lastIndexOf(u'@');
        if (at <= 0) {
            ctx.err << CliMessages::prefix(u"download"_s) << arg << ": give MODULE@VERSION\n";
            return UsageError;
        }
        const DownloadRequest req{arg.left(at), arg.mid(at + 1)};
        if (Status st = ModulePath::checkPath(req.path); !st) {
            ctx.err << CliMessages::prefix(u"download"_s) << arg << ": " << st.error().message
                    << "\n";
            return UsageError;
        }
        if (req.version != u"latest" && Semver::canonicalVersion(req.version) != req.version) {
            ctx.err << CliMessages::prefix(u"download"_s) << arg
                    << ": not a canonical version (vX.Y.Z, a pre-release or a pseudo-version) or "
                       "latest\n";
            return UsageError;
        }
        requests.append(req);
    }
    if (requests.isEmpty()) {
        ctx.err << CliMessages::prefix(u"download"_s)
                << "name what to download (MODULE@VERSION...)\n";
        return UsageError;
    }
    DownloadOptions options;
    if (const int rc = configure(ctx, parser, common, u"download"_s, parser.value(proxy), options);
        rc >= 0)
        return rc;
    return execute(ctx, options, requests, DownloadJob::Mode::Download, parser.isSet(common.json));
}

} // namespace mk::cli
