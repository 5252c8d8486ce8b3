// SPDX-License-Identifier: GPL-3.0-or-later
// A module cache with a real VCS clone in cache/vcs, made by the real go 1.23 offline: a local
// git repository stands in for https://example.com/repo (git's url.<base>.insteadOf in a
// private GIT_CONFIG_GLOBAL), the module path example.com/repo.git names git without a go-get
// lookup, and GOPROXY=direct makes go clone it (codehost.WorkDir: <hash>/, <hash>.info,
// <hash>.lock). Used by tst_otherremover, tst_cli_other and tst_gui_others.
#pragma once

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QString>

#include "GoTool.h"
#include "ScratchDir.h"
#include "Subprocess.h"

namespace mk::test {

struct VcsCloneFixture
{
    QString gomodcache;  ///< <scratch>/mod
    QString cloneRel;    ///< "cache/vcs/<hash>"
    QString error;       ///< why the fixture could not be made

    /// Makes everything below scratch; false with error set on failure.
    bool make(const ScratchDir &scratch)
    {
        const QString root = scratch.path();
        const QString src = scratch.mkpath(QStringLiteral("src"));
        const QString home = scratch.mkpath(QStringLiteral("home"));
        const QString work = scratch.mkpath(QStringLiteral("work"));
        gomodcache = root + QStringLiteral("/mod");
        auto write = [](const QString &path, const QByteArray &data) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
        };
        if (!write(src + QStringLiteral("/go.mod"), "module example.com/repo.git\n\ngo 1.21\n")
            || !write(src + QStringLiteral("/repo.go"), "package repo\n\nconst X = 1\n")) {
            error = QStringLiteral("cannot write the source repository");
            return false;
        }
        const QProcessEnvironment plain = QProcessEnvironment::systemEnvironment();
        const QList<QStringList> git = {
            {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")},
            {QStringLiteral("add"), QStringLiteral(".")},
            {QStringLiteral("-c"), QStringLiteral("user.email=t@example.com"), QStringLiteral("-c"),
             QStringLiteral("user.name=t"), QStringLiteral("commit"), QStringLiteral("-qm"),
             QStringLiteral("init")},
            {QStringLiteral("tag"), QStringLiteral("v1.0.0")},
        };
        for (const QStringList &args : git) {
            const ProcessResult r = Subprocess::run(QStringLiteral("/usr/bin/git"), args, plain, src);
            if (!r.succeeded()) {
                error = r.describe();
                return false;
            }
        }
        const QString bare = root + QStringLiteral("/repo.git");
        ProcessResult r = Subprocess::run(QStringLiteral("/usr/bin/git"),
                                          {QStringLiteral("clone"), QStringLiteral("-q"),
                                           QStringLiteral("--bare"), src, bare},
                                          plain, root);
        if (!r.succeeded()) {
            error = r.describe();
            return false;
        }
        const QString gitconfig = root + QStringLiteral("/gitconfig");
        if (!write(gitconfig, QStringLiteral("[url \"file://%1\"]\n\tinsteadOf = "
                                             "https://example.com/repo\n[protocol \"file\"]\n"
                                             "\tallow = always\n")
                                  .arg(bare)
                                  .toUtf8())) {
            error = QStringLiteral("cannot write the git config");
            return false;
        }
        QProcessEnvironment env
            = GoTool::isolatedEnvironment(GoTool::go123(), home, gomodcache, QStringLiteral("direct"));
        env.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), gitconfig);
        env.insert(QStringLiteral("GIT_ALLOW_PROTOCOL"), QStringLiteral("file:https:ssh"));
        env.insert(QStringLiteral("GONOSUMDB"), QStringLiteral("example.com"));
        env.insert(QStringLiteral("GOFLAGS"), QStringLiteral("-modcacherw"));
        r = GoTool::run(GoTool::go123(),
                        {QStringLiteral("mod"), QStringLiteral("download"), QStringLiteral("-json"),
                         QStringLiteral("example.com/repo.git@v1.0.0")},
                        env, work);
        if (!r.succeeded()) {
            error = r.describe() + QString::fromUtf8(r.stdOut);
            return false;
        }
        const QStringList clones = QDir(gomodcache + QStringLiteral("/cache/vcs"))
                                       .entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        if (clones.size() != 1) {
            error = QStringLiteral("go made %1 clones under cache/vcs").arg(clones.size());
            return false;
        }
        cloneRel = QStringLiteral("cache/vcs/") + clones.first();
        return true;
    }
};

} // namespace mk::test
