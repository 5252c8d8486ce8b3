// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectsCommand.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include "cli/CliContext.h"
#include "cli/CliMessages.h"
#include "download/DownloadSetup.h"

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

QJsonArray needsJson(const QList<ProjectNeed> &needs)
{
    QJsonArray out;
    for (const ProjectNeed &n : needs)
        out.append(QJsonObject{
            {u"path"_s, n.path}, {u"version"_s, n.version}, {u"how"_s, needHowName(n.how)}});
    return out;
}

} // namespace

ProjectsJob::Options ProjectsCommand::options(const CliContext &ctx, const QString &gomodcache)
{
    const GoEnvironment env = GoEnvironment::resolve(ctx.envInputs);
    ProjectsJob::Options o;
    o.gomodcache = gomodcache;
    o.environment = ctx.envInputs.environment;
    o.goBinary = DownloadSetup::goCommand(env, ctx.envInputs.environment);
    for (const QString &p : env.value(u"GOPATH"_s).split(QDir::listSeparator(), Qt::SkipEmptyParts))
        o.skipDirs.append(p + u"/pkg"_s);
    return o;
}

QJsonObject ProjectsCommand::toJson(const ProjectInfo &p)
{
    QJsonObject o{{u"dir"_s, p.dir},
                  {u"module"_s, p.module},
                  {u"go"_s, p.goVersion},
                  {u"toolchain"_s, p.toolchain},
                  {u"needs"_s, needsJson(p.needs)},
                  {u"missing"_s, needsJson(p.missing)}};
    if (!p.error.isEmpty())
        o.insert(u"error"_s, p.error);
    return o;
}

int ProjectsCommand::run(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(u"json"_s, CliMessages::jsonOption());
    const QCommandLineOption rootOption(
        u"root"_s,
        u"Look for go.mod and go.work files under DIR (repeatable; default: the current folder)."_s,
        u"DIR"_s);
    const QCommandLineOption modcacheOption(
        u"modcache"_s, u"Read needs against DIR instead of the resolved GOMODCACHE."_s, u"DIR"_s);
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, CliMessages::helpOption());
    parser.addOptions({jsonOption, rootOption, modcacheOption, helpOption});
    if (!parser.parse(QStringList{u"modkeeper-cli projects"_s} + ctx.args)) {
        ctx.err << CliMessages::prefix(u"projects"_s) << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(helpOption)) {
        ctx.out << CliMessages::usage(u"projects"_s, u"[--json] [--root DIR]... [--modcache DIR]"_s)
                << "\n\n"
                << parser.helpText().section(u'\n', 2);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        ctx.err << CliMessages::prefix(u"projects"_s)
                << CliMessages::unexpectedArgument(parser.positionalArguments().first()) << "\n";
        return UsageError;
    }
    const Expected<QString> modcache = ctx.modcache(parser.value(modcacheOption));
    if (!modcache.ok()) {
        ctx.err << CliMessages::prefix(u"projects"_s) << modcache.error().toString() << "\n";
        return Failure;
    }
    QStringList roots = parser.values(rootOption);
    if (roots.isEmpty())
        roots.append(QDir::currentPath());
    const ProjectsResult result = ProjectsJob::run(roots, options(ctx, *modcache));
    bool failed = false;
    QJsonArray projects;
    for (const ProjectInfo &p : result.projects) {
        projects.append(toJson(p));
        failed = failed || !p.error.isEmpty();
    }
    if (parser.isSet(jsonOption)) {
        ctx.out << QJsonDocument(QJsonObject{{u"projects"_s, projects}})
                       .toJson(QJsonDocument::Indented);
    } else {
        for (const ProjectInfo &p : result.projects) {
            qsizetype code = 0;
            for (const ProjectNeed &n : p.needs)
                code += n.how == NeedHow::Code;
            ctx.out << p.dir << "  " << (p.module.isEmpty() ? u"-"_s : p.module) << "  go "
                    << (p.goVersion.isEmpty() ? u"?"_s : p.goVersion);
            if (!p.toolchain.isEmpty())
                ctx.out << "  toolchain " << p.toolchain;
            ctx.out << "\n    " << code << " versions with code, " << p.needs.size() - code
                    << " go.mod only, " << p.missing.size() << " missing\n";
            for (const ProjectNeed &n : p.missing)
                ctx.out << "    missing  " << n.id() << " (" << needHowName(n.how) << ")\n";
        }
        ctx.out << result.projects.size() << " projects\n";
    }
    for (const ProjectInfo &p : result.projects)
        if (!p.error.isEmpty())
            ctx.err << CliMessages::prefix(u"projects"_s) << p.dir << ": " << p.error << "\n";
    for (const QString &n : result.notes)
        ctx.err << CliMessages::warning() << n << "\n";
    return failed ? Failure : Success;
}

} // namespace mk::cli
