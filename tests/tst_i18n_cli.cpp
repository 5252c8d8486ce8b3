// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli stays English, like go, in a Chinese locale: it installs no translator, its
// messages and tables read the same, and its --json is byte for byte the same document.
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include "Subprocess.h"

using namespace Qt::StringLiterals;
using mk::test::ProcessResult;
using mk::test::Subprocess;

namespace {

bool writeFile(const QString &path, const QByteArray &contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(contents) == contents.size();
}

bool writeVersion(const QString &gomodcache, const QString &path, const QString &version)
{
    const QString dl = gomodcache + u"/cache/download/"_s + path + u"/@v/"_s;
    bool ok = writeFile(gomodcache + u'/' + path + u'@' + version + u"/x.go"_s,
                        QByteArray("package x\n").repeated(3000));
    ok = ok
         && writeFile(dl + version + u".info"_s,
                      R"({"Version":")" + version.toUtf8() + R"(","Time":"2023-06-01T10:00:00Z"})");
    ok = ok && writeFile(dl + version + u".mod"_s, "module " + path.toUtf8() + "\n");
    ok = ok && writeFile(dl + version + u".zip"_s, QByteArray(123456, 'z'));
    return ok;
}

} // namespace

class TestI18nCli final : public QObject
{
    Q_OBJECT

public:
    TestI18nCli() = default;
    Q_DISABLE_COPY_MOVE(TestI18nCli)

private Q_SLOTS:
    void initTestCase();
    void shouldPrintTheSameInEveryLocale_data();
    void shouldPrintTheSameInEveryLocale();

private:
    ProcessResult cli(const QStringList &args, const QString &locale) const;

    QTemporaryDir m_dir;
    QString m_gomodcache;
};

void TestI18nCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_gomodcache = m_dir.filePath(u"mod"_s);
    QVERIFY(writeVersion(m_gomodcache, u"example.com/hello"_s, u"v1.0.0"_s));
    QVERIFY(writeVersion(m_gomodcache, u"golang.org/x/text"_s, u"v0.14.0"_s));
    QVERIFY(writeFile(m_gomodcache + u"/cache/lock"_s, {}));
}

ProcessResult TestI18nCli::cli(const QStringList &args, const QString &locale) const
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    env.insert(u"HOME"_s, m_dir.filePath(u"home"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"home/.config"_s));
    env.insert(u"GOENV"_s, u"off"_s);
    env.insert(u"GOMODCACHE"_s, m_gomodcache);
    env.insert(u"GOPROXY"_s, u"off"_s);
    // Every way a program learns its language.
    env.insert(u"LANG"_s, locale);
    env.insert(u"LC_ALL"_s, locale);
    env.insert(u"LANGUAGE"_s, locale.section(u'.', 0, 0));
    return Subprocess::run(QStringLiteral(MODKEEPER_CLI), args, env);
}

void TestI18nCli::shouldPrintTheSameInEveryLocale_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("scan --json") << QStringList{u"scan"_s, u"--json"_s} << 0;
    QTest::newRow("scan") << QStringList{u"scan"_s} << 0;
    QTest::newRow("env --json") << QStringList{u"env"_s, u"--json"_s} << 0;
    QTest::newRow("--help") << QStringList{u"--help"_s} << 0;
    QTest::newRow("scan --help") << QStringList{u"scan"_s, u"--help"_s} << 0;
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << 2;
    QTest::newRow("unknown option") << QStringList{u"env"_s, u"--frob"_s} << 2;
    QTest::newRow("unexpected argument") << QStringList{u"scan"_s, u"extra"_s} << 2;
}

void TestI18nCli::shouldPrintTheSameInEveryLocale()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    const ProcessResult english = cli(args, u"C.UTF-8"_s);
    QCOMPARE(english.exitCode, exitCode);
    QVERIFY(!english.stdOut.isEmpty() || !english.stdErr.isEmpty());
    for (const QString &locale : {u"zh_CN.UTF-8"_s, u"de_DE.UTF-8"_s}) {
        const ProcessResult other = cli(args, locale);
        QCOMPARE(other.exitCode, exitCode);
        QCOMPARE(QString::fromUtf8(other.stdOut), QString::fromUtf8(english.stdOut));
        QCOMPARE(QString::fromUtf8(other.stdErr), QString::fromUtf8(english.stdErr));
    }
    // And English it is: no CJK anywhere.
    const QString all = QString::fromUtf8(cli(args, u"zh_CN.UTF-8"_s).stdOut
                                          + cli(args, u"zh_CN.UTF-8"_s).stdErr);
    for (const QChar c : all)
        QVERIFY2(c.unicode() < 0x2E80, qPrintable(all));
}

QTEST_GUILESS_MAIN(TestI18nCli)
#include "tst_i18n_cli.moc"
