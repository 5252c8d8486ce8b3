// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectNeeds.h"

#include <optional>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>

#include "common/AtomicFile.h"
#include "module/Semver.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

struct GoRun
{
    QByteArray out;
    QString error; ///< empty on success
};

GoRun runGo(const QString &dir, const QStringList &args, const ProjectNeeds::Options &o)
{
    QProcessEnvironment env;
    for (auto it = o.environment.constBegin(); it != o.environment.constEnd(); ++it)
        env.insert(it.key(), it.value());
    env.insert(u"GOPROXY"_s, u"off"_s);
    env.insert(u"GOFLAGS"_s, u"-mod=mod"_s);
    env.insert(u"GOMODCACHE"_s, o.gomodcache);
    env.insert(u"GOTOOLCHAIN"_s, u"local"_s); // never fetch a toolchain to answer
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(dir);
    p.start(o.goBinary.isEmpty() ? u"go"_s : o.goBinary, args);
    GoRun r;
    if (!p.waitForStarted()) {
        r.error = u"cannot run go: "_s + p.errorString();
        return r;
    }
    if (!p.waitForFinished(o.timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.error = u"go took too long"_s;
        return r;
    }
    r.out = p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        r.error = QString::fromUtf8(p.readAllStandardError()).trimmed();
    if (r.error.isEmpty() && p.exitCode() != 0)
        r.error = u"go failed"_s;
    return r;
}

struct SavedFile
{
    QString path;
    std::optional<QByteArray> content; ///< nullopt: it did not exist
};

SavedFile save(const QString &path)
{
    const Expected<std::optional<QByteArray>> data = AtomicFile::read(path);
    return {path, data ? *data : std::nullopt};
}

void restoreIfChanged(const QList<SavedFile> &saved, QStringList *notes)
{
    for (const SavedFile &f : saved) {
        const Expected<std::optional<QByteArray>> now = AtomicFile::read(f.path);
        if (!now || *now == f.content)
            continue;
        if (f.content)
            (void)AtomicFile::write(f.path, *f.content);
        else
            QFile::remove(f.path);
        if (notes)
            notes->append(u"%1: go changed it while listing the modules; it was put back"_s.arg(f.path));
    }
}

} // namespace

QList<ProjectNeeds::Version> ProjectNeeds::parseBuildList(const QByteArray &output)
{
    QList<Version> out;
    for (const QByteArray &line : output.split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 2)
            continue; // a main module has no version
        QString path = QString::fromUtf8(f[0]);
        QString version = QString::fromUtf8(f[1]);
        if (f.size() >= 3) {
            // Replaced: the replacement is what is fetched; a directory replacement
            // (no version) is not in the cache.
            if (f.size() < 4)
                continue;
            path = QString::fromUtf8(f[2]);
            version = QString::fromUtf8(f[3]);
        }
        if (Semver::canonicalVersion(version) == version && !version.isEmpty())
            out.append({path, version, false});
    }
    return out;
}

QList<ProjectNeeds::Version> ProjectNeeds::parseGraph(const QByteArray &output)
{
    QList<Version> out;
    for (const QByteArray &line : output.split('\n'))
        for (const QByteArray &node : line.simplified().split(' ')) {
            const qsizetype at = node.lastIndexOf('@');
            if (at <= 0)
                continue;
            const QString version = QString::fromUtf8(node.mid(at + 1));
            if (Semver::canonicalVersion(version) == version)
                out.append({QString::fromUtf8(node.left(at)), version, true});
        }
    return out;
}

Expected<ProjectNeeds::Result> ProjectNeeds::find(const QString &projectDir, const Options &options)
{
    const QString dir = QFileInfo(projectDir).absoluteFilePath();
    if (!QFileInfo(dir).isDir())
        return Error::make(Error::Code::NotFound, u"not a directory"_s, projectDir);
    // -mod=mod lets go fix go.mod and go.sum as it reads them; a look at what a project needs
    // must not edit it, so whatever go changed is put back.
    const QList<SavedFile> saved = {save(dir + u"/go.mod"_s), save(dir + u"/go.sum"_s)};
    const GoRun list = runGo(
        dir,
        {u"list"_s, u"-m"_s, u"-f"_s,
         u"{{.Path}} {{.Version}} {{with .Replace}}{{.Path}} {{.Version}}{{end}}"_s, u"all"_s},
        options);
    if (!list.error.isEmpty()) {
        restoreIfChanged(saved, nullptr);
        return Error::make(Error::Code::InvalidArgument, u"go list -m all: "_s + list.error,
                           projectDir);
    }
    Result r;
    r.project = dir;
    QSet<QString> seen;
    restoreIfChanged(saved, &r.notes);
    for (const Version &v : parseBuildList(list.out))
        if (!seen.contains(v.id())) {
            seen.insert(v.id());
            r.versions.append(v);
        }
    const GoRun graph = runGo(dir, {u"mod"_s, u"graph"_s}, options);
    restoreIfChanged(saved, &r.notes);
    if (!graph.error.isEmpty()) {
        r.notes.append(u"go mod graph: %1 (only the build list is exported)"_s.arg(graph.error));
        return r;
    }
    for (const Version &v : parseGraph(graph.out))
        if (!seen.contains(v.id())) {
            seen.insert(v.id());
            r.versions.append(v);
        }
    return r;
}

} // namespace mk
