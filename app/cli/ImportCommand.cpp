// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportCommand.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "bundle/ImportJob.h"
#include "cli/CliContext.h"
#include "cli/CliReport.h"
#include "cli/DownloadCommand.h"
#include "env/GoEnvironment.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

int ImportCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const DownloadCommand::Common common;
    const QCommandLineOption noSumdb(
        u"no-sumdb"_s,
        u"Check against the tree's go.sum only, not the checksum database (like GOSUMDB=off)."_s);
    parser.addOptions({common.json, common.jobs, common.modcache, common.lockTimeout, common.cacert,
                       common.help, noSumdb});
    if (!parser.parse(QStringList{u"modkeeper-cli import"_s} + ctx.args)) {
        ctx.err << "modkeeper-cli import: " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(common.help)) {
        ctx.out
            << "Usage: modkeeper-cli import [--json] [--jobs N] [--cacert FILE] DIR|BUNDLE.zip\n\n"
               "Loads a static GOPROXY tree (what export writes) into the module cache as a\n"
               "download from GOPROXY=file://DIR: go's zip rules, the hashes in DIR/go.sum and\n"
               "the checksum database (DIR/sumdb/ first, then as GOPROXY reaches it; a\n"
               "database that cannot be reached leaves DIR/go.sum as the only check). A\n"
               "version that fails any check leaves nothing in the cache. A .zip bundle from\n"
               "export --to FILE.zip is unpacked into a scratch folder first.\n\n"
            << parser.helpText().section(u'\n', 2);
        return Success;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        ctx.err << "modkeeper-cli import: name one tree to import (DIR or BUNDLE.zip)\n";
        return UsageError;
    }
    DownloadOptions download;
    if (const int rc = DownloadCommand::configure(ctx, parser, common, u"import"_s, {}, download);
        rc >= 0)
        return rc;
    ImportOptions options;
    options.download = download;
    options.env = GoEnvironment::resolve(ctx.envInputs);
    options.checksumDb = !parser.isSet(noSumdb);
    options.source = QFileInfo(args.first()).absoluteFilePath();
    const ImportReport report = ImportJob::run(options);
    const int failed = report.failed();
    if (parser.isSet(common.json)) {
        QJsonArray versions;
        for (const DownloadResult &r : report.versions) {
            QJsonObject o{{u"path"_s, r.path}, {u"version"_s, r.version},
                          {u"ok"_s, r.ok()},   {u"outcome"_s, toString(r.outcome)},
                          {u"sum"_s, r.sum},   {u"goModSum"_s, r.goModSum}};
            if (r.error.isError())
                o.insert(u"error"_s, r.error.toString());
            if (!r.notes.isEmpty())
                o.insert(u"notes"_s, QJsonArray::fromStringList(r.notes));
            versions.append(o);
        }
        QJsonObject doc{{u"source"_s, report.source},
                        {u"versions"_s, versions},
                        {u"skipped"_s, QJsonArray::fromStringList(report.skipped)},
                        {u"failed"_s, failed}};
        if (report.error.isError())
            doc.insert(u"error"_s, report.error.toString());
        ctx.out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        for (const DownloadResult &r : report.versions) {
            (r.ok() ? ctx.out : ctx.err) << toString(r.outcome).leftJustified(16) << r.id()
                                         << (r.sum.isEmpty() ? QString() : u"  "_s + r.sum) << "\n";
            if (r.error.isError())
                ctx.err << "    " << r.error.toString().replace(u'\n', u"\n    "_s) << "\n";
            for (const QString &n : r.notes)
                if (n.startsWith(u"SECURITY"_s) || n.startsWith(u"checksum database unreachable"_s))
                    ctx.err << "    " << n << "\n";
        }
        if (!report.skipped.isEmpty())
            ctx.err << "note: " << report.skipped.size()
                    << " versions have only .info/.mod in the tree and were not imported\n";
        if (report.error.isError())
            ctx.err << "modkeeper-cli import: " << report.error.toString() << "\n";
        else
            ctx.out << CliReport::summary(report.versions.size(), failed) << " imported from "
                    << report.source << "\n";
    }
    return report.ok() ? Success : Failure;
}

} // namespace mk::cli
