// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli other: lists what the cache holds besides module versions (a VCS clone the REAL
// go 1.23 made, helpers/VcsCloneFixture.h; a checksum cache; a symlink; a stray file) as JSON,
// and removes entries by their path: --dry-run changes nothing, the real run frees the bytes
// with du agreeing, a symlink's target survives, versions and paths outside are refused.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "DuRunner.h"
#include "helpers/VcsCloneFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

ProcessResult cli(const QString &home, const QStringList &args)
{
    QProcessEnvironment e;
    e.insert(u"HOME"_s, home);
    e.insert(u"GOENV"_s, u"off"_s);
    e.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    e.insert(u"XDG_CONFIG_HOME"_s, home + u"/.config"_s);
    return Subprocess::run(QStringLiteral(MODKEEPER_CLI), args, e);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QJsonObject json(const ProcessResult &r)
{
    return QJsonDocument::fromJson(r.stdOut).object();
}

QJsonObject entryNamed(const QJsonObject &doc, const QString &path)
{
    for (const QJsonValue &v : doc.value(u"entries"_s).toArray()) {
        if (v.toObject().value(u"path"_s).toString() == path)
            return v.toObject();
    }
    return {};
}

} // namespace

class TestCliOther final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The judge that makes the VCS clone: the real go 1.23 (also labels the suite "go").
        QVERIFY(QFileInfo(GoTool::go123()).isExecutable());
    }

    void shouldListAndRemoveOtherEntries()
    {
        ScratchDir dir(u"cli-other"_s);
        VcsCloneFixture fx;
        QVERIFY2(fx.make(dir), qPrintable(fx.error));
        const QString cache = fx.gomodcache;
        const QString home = dir.mkpath(u"clihome"_s);
        QVERIFY(writeFile(cache + u"/cache/download/sumdb/sum.golang.org/lookup/x"_s,
                          QByteArray(9000, 's')));
        QVERIFY(writeFile(dir.path() + u"/outside/victim"_s, QByteArray(5000, 'v')));
        QVERIFY(QFile::link(dir.path() + u"/outside"_s, cache + u"/link"_s));

        // The listing, as JSON, with what can be removed.
        const ProcessResult listed = cli(home, {u"other"_s, u"--json"_s, u"--modcache"_s, cache});
        QVERIFY2(listed.succeeded(), qPrintable(listed.describe()));
        const QJsonObject doc = json(listed);
        const QJsonObject clone = entryNamed(doc, fx.cloneRel);
        QCOMPARE(clone.value(u"kind"_s).toString(), u"vcs"_s);
        QVERIFY(clone.value(u"diskBytes"_s).toInteger() > 8192);
        QCOMPARE(clone.value(u"removable"_s).toBool(), true);
        QCOMPARE(entryNamed(doc, u"cache/download/sumdb/sum.golang.org"_s)
                     .value(u"kind"_s)
                     .toString(),
                 u"sumdb"_s);
        QCOMPARE(entryNamed(doc, u"link"_s).value(u"kind"_s).toString(), u"unknown"_s);
        QCOMPARE(entryNamed(doc, u"cache"_s).value(u"removable"_s).toBool(), false);
        const ProcessResult onlyVcs = cli(home, {u"other"_s, u"--json"_s, u"--kind"_s, u"vcs"_s,
                                                 u"--modcache"_s, cache});
        QVERIFY2(onlyVcs.succeeded(), qPrintable(onlyVcs.describe()));
        QCOMPARE(json(onlyVcs).value(u"entries"_s).toArray().size(), 1);

        const QStringList doomed = {fx.cloneRel, u"cache/download/sumdb/sum.golang.org"_s,
                                    u"link"_s};
        // --dry-run: says what would go, changes nothing.
        const quint64 before = DuRunner::summary(cache).valueOr(0);
        const ProcessResult dry = cli(home, QStringList{u"other"_s, u"remove"_s, u"--json"_s,
                                                        u"--dry-run"_s, u"--modcache"_s, cache}
                                                + doomed);
        QVERIFY2(dry.succeeded(), qPrintable(dry.describe()));
        for (const QJsonValue &v : json(dry).value(u"entries"_s).toArray())
            QCOMPARE(v.toObject().value(u"outcome"_s).toString(), u"would-remove"_s);
        QCOMPARE(DuRunner::summary(cache).valueOr(0), before);
        QVERIFY(QFileInfo(cache + u'/' + fx.cloneRel).isDir());

        // A module version, a path outside, go's metadata: refused, nothing removed.
        for (const QString &bad : QStringList{u"example.com/repo.git@v1.0.0"_s, u"../outside"_s,
                                               dir.path() + u"/outside"_s}) {
            const ProcessResult refused
                = cli(home, {u"other"_s, u"remove"_s, u"--modcache"_s, cache, bad});
            QCOMPARE(refused.exitCode, 1);
        }
        const ProcessResult metadata
            = cli(home, {u"other"_s, u"remove"_s, u"--modcache"_s, cache, u"cache"_s});
        QCOMPARE(metadata.exitCode, 1);
        QVERIFY(QString::fromUtf8(metadata.stdErr).contains(u"stay"_s));
        QVERIFY(QFileInfo(cache + u"/example.com/repo.git@v1.0.0"_s).isDir());

        // The real run.
        const ProcessResult removed = cli(
            home, QStringList{u"other"_s, u"remove"_s, u"--json"_s, u"--modcache"_s, cache}
                      + doomed);
        QVERIFY2(removed.succeeded(), qPrintable(removed.describe()));
        for (const QJsonValue &v : json(removed).value(u"entries"_s).toArray())
            QCOMPARE(v.toObject().value(u"outcome"_s).toString(), u"removed"_s);
        QVERIFY(!QFileInfo::exists(cache + u'/' + fx.cloneRel));
        QVERIFY(!QFileInfo::exists(cache + u"/cache/download/sumdb/sum.golang.org"_s));
        QVERIFY(!QFileInfo(cache + u"/link"_s).isSymLink());
        QCOMPARE(QFileInfo(dir.path() + u"/outside/victim"_s).size(), 5000);
        const ProcessResult after = cli(home, {u"other"_s, u"--json"_s, u"--modcache"_s, cache});
        QVERIFY(after.succeeded());
        const Expected<quint64> du = DuRunner::summary(cache);
        QVERIFY(du.ok());
        QCOMPARE(quint64(json(after).value(u"cacheDiskBytes"_s).toInteger()), du.value());
        QVERIFY(du.value() < before);
    }
};

QTEST_GUILESS_MAIN(TestCliOther)
#include "tst_cli_other.moc"
