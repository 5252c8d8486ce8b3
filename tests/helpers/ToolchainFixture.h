// SPDX-License-Identifier: GPL-3.0-or-later
// Shared fixture for the toolchain tests (tst_toolchain, tst_cli_toolchains,
// tst_toolchaincontroller): a file:// GOPROXY that serves a stand-in Go toolchain module,
// golang.org/toolchain@v0.0.1-go1.23.99.<goos>-<goarch>, which the REAL go 1.23 downloads into
// a temporary GOMODCACHE itself when GOTOOLCHAIN=go1.23.99 (select.go's Exec: modfetch.Download,
// exec bits set on pkg/tool, bin/gofmt and bin, then <tree>/bin/go run with GOROOT=<tree>).
// Its bin/go is a shell script that runs the real go 1.23, so the switched go answers
// `go env GOROOT` with the toolchain's tree. Header-only.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "FixtureProxy.h"
#include "GoTool.h"
#include "ScratchDir.h"
#include "toolchain/ToolchainLister.h"

namespace mk::test::toolchain {

using namespace Qt::StringLiterals;

inline const QString kToolchain = u"go1.23.99"_s;

class ToolchainFixture final
{
public:
    ToolchainFixture() : m_dir(u"mk-toolchain"_s), m_proxy(m_dir.mkpath(u"proxy"_s))
    {
        m_home = m_dir.mkpath(u"home"_s);
        m_gomodcache = m_dir.filePath(u"gomodcache"_s);
        m_goenv = m_home + u"/goenv"_s;
        m_projects = m_dir.mkpath(u"projects"_s);
    }

    /// Publishes the stand-in toolchain named toolchain (e.g. "go1.23.99") for this machine.
    [[nodiscard]] Status publish(const QString &toolchain = kToolchain)
    {
        const QString platform = ToolchainLister::hostPlatform();
        const QString goos = platform.section(u'-', 0, 0);
        const QString goarch = platform.section(u'-', 1);
        FixtureProxy::Files files;
        // go unsets nothing when it execs a toolchain: the stand-in must drop go's switch
        // marker (the real go would refuse to "provide go1.23.99") and not switch again.
        files[u"bin/go"_s] = QByteArrayLiteral("#!/bin/sh\n"
                                               "# stand-in toolchain: the real go answers, with "
                                               "this tree as GOROOT\n"
                                               "unset GOTOOLCHAIN_INTERNAL_SWITCH_VERSION\n"
                                               "GOTOOLCHAIN=local exec ")
                             + GoTool::go123().toUtf8() + QByteArrayLiteral(" \"$@\"\n");
        files[u"bin/gofmt"_s] = QByteArrayLiteral("#!/bin/sh\nexec ")
                                + QFileInfo(GoTool::go123()).absolutePath().toUtf8()
                                + QByteArrayLiteral("/gofmt \"$@\"\n");
        // select.go sets exec bits below pkg/tool: the directory must exist.
        files[u"pkg/tool/"_s + goos + u'_' + goarch + u"/README"_s] = "stand-in\n";
        files[u"VERSION"_s] = toolchain.toUtf8() + "\ntime 2026-01-01T00:00:00Z\n";
        return m_proxy.addModule(u"golang.org/toolchain"_s, moduleVersion(toolchain), files);
    }

    [[nodiscard]] static QString moduleVersion(const QString &toolchain = kToolchain)
    {
        return u"v0.0.1-"_s + toolchain + u'.' + ToolchainLister::hostPlatform();
    }
    [[nodiscard]] QString treeDir(const QString &toolchain = kToolchain) const
    {
        return m_gomodcache + u"/golang.org/toolchain@"_s + moduleVersion(toolchain);
    }
    [[nodiscard]] QString downloadDir() const
    {
        return m_gomodcache + u"/cache/download/golang.org/toolchain/@v"_s;
    }
    /// The tree and every cache/download file of the toolchain: what du must count.
    [[nodiscard]] QStringList filesOf(const QString &toolchain = kToolchain) const
    {
        QStringList out;
        if (QFileInfo(treeDir(toolchain)).isDir())
            out << treeDir(toolchain);
        for (const QString &f :
             QDir(downloadDir()).entryList({moduleVersion(toolchain) + u".*"_s}, QDir::Files))
            out << downloadDir() + u'/' + f;
        return out;
    }

    /// go's environment: isolated, GOENV a file of ours, GOTOOLCHAIN as given (unset when empty,
    /// so the go env file decides).
    [[nodiscard]] QProcessEnvironment goEnv(const QString &gotoolchain) const
    {
        QProcessEnvironment env
            = GoTool::isolatedEnvironment(GoTool::go123(), m_home, m_gomodcache, m_proxy.url());
        env.insert(u"GOENV"_s, m_goenv);
        if (gotoolchain.isEmpty())
            env.remove(u"GOTOOLCHAIN"_s);
        else
            env.insert(u"GOTOOLCHAIN"_s, gotoolchain);
        return env;
    }
    [[nodiscard]] QHash<QString, QString> envHash(const QString &gotoolchain) const
    {
        QHash<QString, QString> out;
        const QProcessEnvironment env = goEnv(gotoolchain);
        for (const QString &k : env.keys())
            out.insert(k, env.value(k));
        return out;
    }

    /// `go env GOROOT` with GOTOOLCHAIN=gotoolchain: downloads the toolchain when it is missing.
    [[nodiscard]] ProcessResult goroot(const QString &gotoolchain = kToolchain) const
    {
        return GoTool::run(GoTool::go123(), {u"env"_s, u"GOROOT"_s}, goEnv(gotoolchain), m_home);
    }

    /// Lister options for this cache, go 1.23 on PATH with GOTOOLCHAIN=gotoolchain.
    [[nodiscard]] ToolchainLister::Options listOptions(const QString &gotoolchain,
                                                       const QStringList &roots = {}) const
    {
        ToolchainLister::Options o;
        o.gomodcache = m_gomodcache;
        o.environment = envHash(gotoolchain);
        o.projectRoots = roots;
        return o;
    }

    /// Writes a project dir (below projects/) whose go.mod has the given toolchain line.
    QString writeProject(const QString &name, const QString &toolchainLine) const
    {
        const QString dir = m_dir.mkpath(u"projects/"_s + name);
        QFile f(dir + u"/go.mod"_s);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write("module example.com/" + name.toUtf8() + "\n\ngo 1.21\n");
        if (!toolchainLine.isEmpty())
            f.write("\ntoolchain " + toolchainLine.toUtf8() + " // pinned\n");
        return dir + u"/go.mod"_s;
    }

    void writeGoEnvFile(const QByteArray &content) const
    {
        QFile f(m_goenv);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
    }

    [[nodiscard]] QString gomodcache() const { return m_gomodcache; }
    [[nodiscard]] QString home() const { return m_home; }
    [[nodiscard]] QString projects() const { return m_projects; }
    [[nodiscard]] QString goenvFile() const { return m_goenv; }
    [[nodiscard]] const ScratchDir &dir() const { return m_dir; }

private:
    ScratchDir m_dir;
    FixtureProxy m_proxy;
    QString m_home;
    QString m_gomodcache;
    QString m_goenv;
    QString m_projects;
};

} // namespace mk::test::toolchain
