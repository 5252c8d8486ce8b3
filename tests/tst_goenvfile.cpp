// SPDX-License-Identifier: GPL-3.0-or-later
// GoEnvFile: parsing as go's readEnvFile, validation as `go env -w`, and content updates
// compared byte for byte with what the real go1.19 and go1.23 write.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "env/GoEnvFile.h"

using namespace Qt::StringLiterals;
using mk::GoEnvFile;

Q_DECLARE_METATYPE(std::optional<QByteArray>)

namespace {

struct GoRun
{
    int exitCode = -1;
    QString stdErr;
    QByteArray stdOut;
};

// Runs a real go in a sealed environment: HOME, cwd and GOENV in a temp dir, nothing else
// inherited (ctest's GOTOOLCHAIN/GOPROXY included). GOTOOLCHAIN=local keeps go1.23 from
// switching toolchains; both values stay in the OS environment on purpose, so the
// "does not override" warnings can be compared too.
GoRun runGo(const QString &go, const QString &home, const QString &envFile, const QStringList &args)
{
    QProcessEnvironment env;
    env.insert(u"HOME"_s, home);
    env.insert(u"PATH"_s, QFileInfo(go).absolutePath() + u":/usr/bin:/bin"_s);
    env.insert(u"GOENV"_s, envFile);
    env.insert(u"GOTOOLCHAIN"_s, u"local"_s);
    env.insert(u"GOPROXY"_s, u"off"_s);
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(home);
    p.start(go, args);
    GoRun r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.stdErr = QString::fromUtf8(p.readAllStandardError());
    r.stdOut = p.readAllStandardOutput();
    return r;
}

std::optional<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    return f.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

int minorOf(const QString &go)
{
    return go == QLatin1String(MODKEEPER_GO119) ? 19 : 23;
}

// What go1.21+ also accepts: keys already in the user file or in $GOROOT/go.env.
QStringList keysInFiles(const QString &go, const std::optional<QByteArray> &content)
{
    QStringList keys = content ? GoEnvFile::parse(*content).keys() : QStringList();
    const QString goEnv = QFileInfo(go).absolutePath() + u"/../go.env"_s;
    if (const auto data = readFile(goEnv))
        keys += GoEnvFile::parse(*data).keys();
    return keys;
}

} // namespace

class TestGoEnvFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldParseLikeReadEnvFile_data();
    void shouldParseLikeReadEnvFile();
    void shouldReadTheFileAsRealGoDoes_data();
    void shouldReadTheFileAsRealGoDoes();

    void shouldReproduceTheDocumentedFile();
    void shouldUpdateInPlaceAppendAndSortRuns_data();
    void shouldUpdateInPlaceAppendAndSortRuns();

    void shouldValidateLikeGoEnvW_data();
    void shouldValidateLikeGoEnvW();
    void shouldRejectWhatArgvCannotCarry();
    void shouldRefuseToUnsetWithoutAFile();
    void shouldListConflictingOsVariables();

    void shouldWriteWhatRealGoWrites_data();
    void shouldWriteWhatRealGoWrites();
};

void TestGoEnvFile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QFileInfo(QLatin1String(MODKEEPER_GO119)).isExecutable());
    QVERIFY(QFileInfo(QLatin1String(MODKEEPER_GO123)).isExecutable());
}

void TestGoEnvFile::shouldParseLikeReadEnvFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("keys");   // sorted
    QTest::addColumn<QStringList>("values"); // in the order of keys

    QTest::newRow("empty") << QByteArray() << QStringList() << QStringList();
    QTest::newRow("simple") << "GOPROXY=off\nGOFLAGS=-mod=mod\n"_ba
                            << QStringList{u"GOFLAGS"_s, u"GOPROXY"_s}
                            << QStringList{u"-mod=mod"_s, u"off"_s};
    QTest::newRow("no final newline")
        << "GOPROXY=off"_ba << QStringList{u"GOPROXY"_s} << QStringList{u"off"_s};
    QTest::newRow("carriage return kept")
        << "GOPROXY=off\r\nGOFLAGS=x\r\n"_ba << QStringList{u"GOFLAGS"_s, u"GOPROXY"_s}
        << QStringList{u"x\r"_s, u"off\r"_s};
    QTest::newRow("comments skipped") << "# GOPROXY=commented\nGOSUMDB=off\n"_ba
                                      << QStringList{u"GOSUMDB"_s} << QStringList{u"off"_s};
    QTest::newRow("lower-case key skipped") << "goproxy=x\n_GO=y\n1GO=z\nGOPROXY=w\n"_ba
                                            << QStringList{u"GOPROXY"_s} << QStringList{u"w"_s};
    QTest::newRow("leading space skipped")
        << " GOPROXY=x\n\tGOSUMDB=y\n"_ba << QStringList() << QStringList();
    QTest::newRow("line without =")
        << "GOPROXY\nGOSUMDB=y\n"_ba << QStringList{u"GOSUMDB"_s} << QStringList{u"y"_s};
    QTest::newRow("line starting with =") << "=x\n"_ba << QStringList() << QStringList();
    QTest::newRow("last duplicate wins") << "GOPROXY=a\nGOPROXY=b\nGOPROXY=c\n"_ba
                                         << QStringList{u"GOPROXY"_s} << QStringList{u"c"_s};
    QTest::newRow("no trimming") << "GONOSUMDB= x y \n"_ba << QStringList{u"GONOSUMDB"_s}
                                 << QStringList{u" x y "_s};
    QTest::newRow("value keeps =") << "GOFLAGS=-ldflags=-s=1\n"_ba << QStringList{u"GOFLAGS"_s}
                                   << QStringList{u"-ldflags=-s=1"_s};
    QTest::newRow("empty value") << "GOPROXY=\n"_ba << QStringList{u"GOPROXY"_s}
                                 << QStringList{QString()};
    QTest::newRow("key with space") << "A B=1\n"_ba << QStringList{u"A B"_s} << QStringList{u"1"_s};
    QTest::newRow("key up to first =")
        << "GOPROXY =x\n"_ba << QStringList{u"GOPROXY "_s} << QStringList{u"x"_s};
    QTest::newRow("blank lines") << "\n\nGOPROXY=x\n\n"_ba << QStringList{u"GOPROXY"_s}
                                 << QStringList{u"x"_s};
    QTest::newRow("utf-8 value") << "GOPRIVATE=é.example.com\n"_ba << QStringList{u"GOPRIVATE"_s}
                                 << QStringList{u"\u00e9.example.com"_s};
}

void TestGoEnvFile::shouldParseLikeReadEnvFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, keys);
    QFETCH(QStringList, values);
    const QHash<QString, QString> got = GoEnvFile::parse(content);
    QStringList gotKeys = got.keys();
    gotKeys.sort();
    QCOMPARE(gotKeys, keys);
    for (qsizetype i = 0; i < keys.size(); ++i)
        QCOMPARE(got.value(keys.at(i)), values.at(i));
}

void TestGoEnvFile::shouldReadTheFileAsRealGoDoes_data()
{
    QTest::addColumn<QString>("go");
    QTest::addRow("go1.19") << QStringLiteral(MODKEEPER_GO119);
    QTest::addRow("go1.23") << QStringLiteral(MODKEEPER_GO123);
}

// The same odd file, read by parse() and by the real go (`go env -json`).
void TestGoEnvFile::shouldReadTheFileAsRealGoDoes()
{
    QFETCH(QString, go);
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString file = home.filePath(u"env"_s);
    const QByteArray content = "# GOPRIVATE=commented.example.com\n"
                               "goinsecure=lower.example.com\n"
                               "GOINSECURE=insecure.example.com\r\n"
                               " GOVCS=leading-space\n"
                               "GONOSUMDB= x y \n"
                               "GOPRIVATE=first.example.com\n"
                               "GOPRIVATE=second.example.com\n"
                               "GONOPROXY=a=b\n"
                               "GOFLAGS"_ba; // no '=' and no final newline
    QVERIFY(writeFile(file, content));
    const QStringList names = {u"GOINSECURE"_s, u"GOVCS"_s,     u"GONOSUMDB"_s,
                               u"GOPRIVATE"_s,  u"GONOPROXY"_s, u"GOFLAGS"_s};
    const GoRun r = runGo(go, home.path(), file, QStringList{u"env"_s, u"-json"_s} + names);
    QCOMPARE(r.exitCode, 0);
    const QJsonObject real = QJsonDocument::fromJson(r.stdOut).object();
    const QHash<QString, QString> parsed = GoEnvFile::parse(content);
    for (const QString &name : names)
        QCOMPARE(parsed.value(name), real.value(name).toString());
    // Values that prove the edge cases were really exercised.
    QCOMPARE(real.value(u"GOINSECURE"_s).toString(), u"insecure.example.com\r"_s);
    QCOMPARE(real.value(u"GOPRIVATE"_s).toString(), u"second.example.com"_s);
    QCOMPARE(real.value(u"GONOSUMDB"_s).toString(), u" x y "_s);
}

// go-cache-internals.md §5.2, the file observed after two `go env -w` runs.
void TestGoEnvFile::shouldReproduceTheDocumentedFile()
{
    const mk::Expected<QByteArray> first = GoEnvFile::set(
        std::nullopt, {{u"GOPROXY"_s, "https://a.example.com|https://b.example.com,direct"_ba},
                       {u"GOPRIVATE"_s, "*.corp.example.com,rsc.io/private"_ba},
                       {u"GOFLAGS"_s, "-modcacherw"_ba}});
    QVERIFY(first.ok());
    const mk::Expected<QByteArray> second
        = GoEnvFile::set(first.value(), {{u"GONOSUMDB"_s, "x y"_ba}});
    QVERIFY(second.ok());
    QCOMPARE(second.value(), "GOFLAGS=-modcacherw\n"
                             "GONOSUMDB=x y\n"
                             "GOPRIVATE=*.corp.example.com,rsc.io/private\n"
                             "GOPROXY=https://a.example.com|https://b.example.com,direct\n"_ba);
}

void TestGoEnvFile::shouldUpdateInPlaceAppendAndSortRuns_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("set"); // KEY=VALUE
    QTest::addColumn<QStringList>("remove");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("new file") << QByteArray() << QStringList{u"GOPROXY=off"_s, u"GOFLAGS=-x"_s}
                              << QStringList() << "GOFLAGS=-x\nGOPROXY=off\n"_ba;
    QTest::newRow("update in place")
        << "GOSUMDB=s\nGOPROXY=a\n# c\nGOFLAGS=f\n"_ba << QStringList{u"GOPROXY=b"_s}
        << QStringList() << "GOPROXY=b\nGOSUMDB=s\n# c\nGOFLAGS=f\n"_ba;
    QTest::newRow("append sorts into last run")
        << "GOSUMDB=s\n# c\nGOPROXY=p\n"_ba << QStringList{u"GOFLAGS=f"_s} << QStringList()
        << "GOSUMDB=s\n# c\nGOFLAGS=f\nGOPROXY=p\n"_ba;
    QTest::newRow("append after a comment") << "GOSUMDB=s\n# c\n"_ba << QStringList{u"GOFLAGS=f"_s}
                                            << QStringList() << "GOSUMDB=s\n# c\nGOFLAGS=f\n"_ba;
    QTest::newRow("unset splits a run") << "GOSUMDB=s\nGOPROXY=p\nGOFLAGS=f\n"_ba << QStringList()
                                        << QStringList{u"GOPROXY"_s} << "GOSUMDB=s\nGOFLAGS=f\n"_ba;
    QTest::newRow("duplicates collapse to the last")
        << "GOPROXY=1\nGOSUMDB=s\nGOPROXY=2\n"_ba << QStringList() << QStringList()
        << "GOPROXY=2\nGOSUMDB=s\n"_ba;
    QTest::newRow("unterminated last line")
        << "GOPROXY=1"_ba << QStringList() << QStringList() << "GOPROXY=1\n"_ba;
    QTest::newRow("lower-case keys sort too")
        << "zz=1\nGOPROXY=1\n"_ba << QStringList() << QStringList() << "GOPROXY=1\nzz=1\n"_ba;
    QTest::newRow("# before = is not a key") << "GOSUMDB=1\n# x=y\nGOPROXY=1\n"_ba << QStringList()
                                             << QStringList() << "GOSUMDB=1\n# x=y\nGOPROXY=1\n"_ba;
    QTest::newRow("carriage return kept") << "GOSUMDB=x\r\nGOPROXY=1\n"_ba << QStringList()
                                          << QStringList() << "GOPROXY=1\nGOSUMDB=x\r\n"_ba;
    QTest::newRow("unset absent key")
        << "GOPROXY=1\n"_ba << QStringList() << QStringList{u"GOSUMDB"_s} << "GOPROXY=1\n"_ba;
    QTest::newRow("unset last key")
        << "GOPROXY=1\n"_ba << QStringList() << QStringList{u"GOPROXY"_s} << QByteArray();
    QTest::newRow("spaces in value")
        << QByteArray() << QStringList{u"GONOSUMDB=x y"_s} << QStringList() << "GONOSUMDB=x y\n"_ba;
    QTest::newRow("blank lines stay") << "\nGOPROXY=1\n\n"_ba << QStringList{u"GOFLAGS=f"_s}
                                      << QStringList() << "\nGOPROXY=1\n\nGOFLAGS=f\n"_ba;
}

void TestGoEnvFile::shouldUpdateInPlaceAppendAndSortRuns()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, set);
    QFETCH(QStringList, remove);
    QFETCH(QByteArray, expected);
    QList<GoEnvFile::Assignment> add;
    for (const QString &kv : std::as_const(set))
        add.append({kv.section(u'=', 0, 0), kv.section(u'=', 1).toUtf8()});
    QCOMPARE(GoEnvFile::update(content, add, remove), expected);
}

void TestGoEnvFile::shouldValidateLikeGoEnvW_data()
{
    QTest::addColumn<int>("goMinor");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("error"); // empty: accepted

    // The messages are go's (both releases print the same text unless noted).
    for (const int minor : {19, 23}) {
        const auto row = [minor](const char *name) -> QTestData & {
            return QTest::addRow("go1.%d %s", minor, name) << minor;
        };
        row("plain") << u"GOPROXY"_s << "https://proxy.example.com"_ba << QString();
        row("empty value") << u"GOFLAGS"_s << QByteArray() << QString();
        row("GOENV") << u"GOENV"_s << "/x"_ba
                     << u"GOENV can only be set using the OS environment"_s;
        row("computed") << u"GOVERSION"_s << "1"_ba << u"GOVERSION cannot be modified"_s;
        row("computed GOMOD") << u"GOMOD"_s << "1"_ba << u"GOMOD cannot be modified"_s;
        row("unknown") << u"GOFOO"_s << "1"_ba << u"unknown go command variable GOFOO"_s;
        row("GO111MODULE bad") << u"GO111MODULE"_s << "x"_ba
                               << u"invalid GO111MODULE value \"x\""_s;
        row("GO111MODULE ok") << u"GO111MODULE"_s << "auto"_ba << QString();
        row("GOPATH tilde")
            << u"GOPATH"_s << "~/go"_ba
            << u"GOPATH entry cannot start with shell metacharacter '~': \"~/go\""_s;
        row("GOPATH relative") << u"GOPATH"_s << "rel"_ba
                               << u"GOPATH entry is relative; must be absolute path: \"rel\""_s;
        row("GOPATH windows path on linux")
            << u"GOPATH"_s << "C:\\x"_ba
            << u"GOPATH entry is relative; must be absolute path: \"C:\\\\x\""_s;
        // go tests the whole value, so a list with a relative second entry passes -w.
        row("GOPATH list") << u"GOPATH"_s << "/a:rel"_ba << QString();
        row("GOPATH empty") << u"GOPATH"_s << QByteArray() << QString();
        row("GOMODCACHE relative")
            << u"GOMODCACHE"_s << "rel"_ba
            << u"GOMODCACHE entry is relative; must be absolute path: \"rel\""_s;
        row("GOMODCACHE absolute") << u"GOMODCACHE"_s << "/cache"_ba << QString();
        row("CC unterminated") << u"CC"_s << "\"a b"_ba << u"invalid CC: unterminated \" string"_s;
        row("CC relative") << u"CC"_s << "x/gcc"_ba
                           << u"CC entry is relative; must be absolute path: \"x/gcc\""_s;
        row("CXX only space") << u"CXX"_s << "  "_ba << u"CXX entry cannot contain only space"_s;
        row("CC on PATH") << u"CC"_s << "gcc -O2"_ba << QString();
        row("newline") << u"GOFLAGS"_s << "a\nb"_ba << u"invalid newline in GOFLAGS=... value"_s;
        row("carriage return") << u"GOFLAGS"_s << "a\rb"_ba
                               << u"invalid newline in GOFLAGS=... value"_s;
        row("vertical tab") << u"GOFLAGS"_s << "a\vb"_ba
                            << u"invalid newline in GOFLAGS=... value"_s;
        row("NUL") << u"GOFLAGS"_s << QByteArray("a\0b", 3)
                   << u"invalid NUL in GOFLAGS=... value"_s;
        row("invalid UTF-8") << u"GOFLAGS"_s << "a\xff"_ba
                             << u"invalid UTF-8 in GOFLAGS=... value"_s;
        row("overlong UTF-8") << u"GOFLAGS"_s << "\xc0\xaf"_ba
                              << u"invalid UTF-8 in GOFLAGS=... value"_s;
        row("surrogate in UTF-8") << u"GOFLAGS"_s << "\xed\xa0\x80"_ba
                                  << u"invalid UTF-8 in GOFLAGS=... value"_s;
        row("valid UTF-8") << u"GOPRIVATE"_s << "\xc3\xa9.example.com"_ba << QString();
        // The key rule comes before the byte rules, as in go.
        row("relative before UTF-8")
            << u"GOMODCACHE"_s << "r\xff"_ba
            << u"GOMODCACHE entry is relative; must be absolute path: \"r\\xff\""_s;
    }
    // Where the releases differ.
    QTest::newRow("go1.19 GODEBUG")
        << 19 << u"GODEBUG"_s << "x=1"_ba << u"unknown go command variable GODEBUG"_s;
    QTest::newRow("go1.23 GODEBUG")
        << 23 << u"GODEBUG"_s << "x=1"_ba << u"GODEBUG can only be set using the OS environment"_s;
    QTest::newRow("go1.19 GOTOOLCHAIN")
        << 19 << u"GOTOOLCHAIN"_s << "local"_ba << u"unknown go command variable GOTOOLCHAIN"_s;
    QTest::newRow("go1.23 GOTOOLCHAIN") << 23 << u"GOTOOLCHAIN"_s << "local"_ba << QString();
}

void TestGoEnvFile::shouldValidateLikeGoEnvW()
{
    QFETCH(int, goMinor);
    QFETCH(QString, key);
    QFETCH(QByteArray, value);
    QFETCH(QString, error);
    GoEnvFile::Rules rules;
    rules.goMinor = goMinor;
    const mk::Status st = GoEnvFile::checkWrite(key, value, rules);
    if (error.isEmpty()) {
        QVERIFY2(st.ok(), qPrintable(st.error().message));
    } else {
        QVERIFY(!st.ok());
        QCOMPARE(st.error().message, error);
        QCOMPARE(st.error().code, mk::Error::Code::InvalidArgument);
    }
}

// Lone surrogates, and platform rules the real go on this machine cannot show.
void TestGoEnvFile::shouldRejectWhatArgvCannotCarry()
{
    const QString lone = u"a"_s + QChar(0xD800);
    QCOMPARE(GoEnvFile::checkWrite(u"GOFLAGS"_s, lone).error().message,
             u"invalid UTF-8 in GOFLAGS=... value"_s);
    QCOMPARE(GoEnvFile::checkWrite(u"GOFOO"_s, lone).error().message,
             u"unknown go command variable GOFOO"_s);
    QVERIFY(GoEnvFile::checkWrite(u"GOPRIVATE"_s, u"\u00e9.example.com"_s).ok());

    GoEnvFile::Rules windows;
    windows.platform = mk::Platform::Windows;
    QVERIFY(GoEnvFile::checkWrite(u"GOPATH"_s, "C:\\Users\\me\\go"_ba, windows).ok());
    QVERIFY(GoEnvFile::checkWrite(u"GOMODCACHE"_s, "\\\\server\\share\\mod"_ba, windows).ok());
    QCOMPARE(GoEnvFile::checkWrite(u"GOPATH"_s, "/home/me/go"_ba, windows).error().message,
             u"GOPATH entry is relative; must be absolute path: \"/home/me/go\""_s);
    QCOMPARE(GoEnvFile::checkWrite(u"GOMODCACHE"_s, "C:mod"_ba, windows).error().message,
             u"GOMODCACHE entry is relative; must be absolute path: \"C:mod\""_s);
    QVERIFY(GoEnvFile::checkWrite(u"CC"_s, "C:\\mingw\\bin\\gcc.exe"_ba, windows).ok());
    QCOMPARE(GoEnvFile::checkWrite(u"CC"_s, "bin\\gcc"_ba, windows).error().message,
             u"CC entry is relative; must be absolute path: \"bin\\\\gcc\""_s);

    // go1.21+ accepts keys that are already in one of the files.
    GoEnvFile::Rules go123;
    go123.keysInFiles = {u"MYVAR"_s};
    QVERIFY(GoEnvFile::checkWrite(u"MYVAR"_s, "1"_ba, go123).ok());
    GoEnvFile::Rules go119 = go123;
    go119.goMinor = 19;
    QCOMPARE(GoEnvFile::checkWrite(u"MYVAR"_s, "1"_ba, go119).error().message,
             u"unknown go command variable MYVAR"_s);
}

void TestGoEnvFile::shouldRefuseToUnsetWithoutAFile()
{
    GoEnvFile::Rules rules;
    rules.path = u"/nonexistent/env"_s;
    const mk::Expected<QByteArray> r = GoEnvFile::unset(std::nullopt, {u"GOPROXY"_s}, rules);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, mk::Error::Code::NotFound);
    QCOMPARE(r.error().message,
             u"reading go env config: open /nonexistent/env: no such file or directory"_s);
    // -w creates the file.
    const mk::Expected<QByteArray> w
        = GoEnvFile::set(std::nullopt, {{u"GOPROXY"_s, "off"_ba}}, rules);
    QVERIFY(w.ok());
    QCOMPARE(w.value(), "GOPROXY=off\n"_ba);
    QCOMPARE(GoEnvFile::set(""_ba, {}, rules).error().message, u"no KEY=VALUE arguments given"_s);
    QCOMPARE(GoEnvFile::unset(""_ba, {}, rules).error().message,
             u"'go env -u' requires an argument"_s);
}

void TestGoEnvFile::shouldListConflictingOsVariables()
{
    const QHash<QString, QString> os
        = {{u"GOPROXY"_s, u"off"_s}, {u"GOFLAGS"_s, QString()}, {u"GOSUMDB"_s, u"x"_s}};
    const QStringList w = GoEnvFile::conflictWarnings(
        {{u"GOPROXY"_s, "direct"_ba}, {u"GOFLAGS"_s, "-x"_ba}, {u"GOSUMDB"_s, "x"_ba}}, os);
    // An empty OS value does not override; an equal one does not conflict.
    QCOMPARE(
        w,
        QStringList{
            u"warning: go env -w GOPROXY=... does not override conflicting OS environment variable"_s});
}

// Sequences of `go env -w` / `go env -u` run by the real go and by GoEnvFile. After every
// step the file (or the error) must be identical.
void TestGoEnvFile::shouldWriteWhatRealGoWrites_data()
{
    QTest::addColumn<QString>("go");
    QTest::addColumn<std::optional<QByteArray>>("initial");
    QTest::addColumn<QList<QStringList>>("steps"); // {"-w", "K=V", ...} or {"-u", "K", ...}

    const QList<QStringList> docExample = {
        {u"-w"_s, u"GOPROXY=https://a.example.com|https://b.example.com,direct"_s,
         u"GOPRIVATE=*.corp.example.com,rsc.io/private"_s, u"GOFLAGS=-modcacherw"_s},
        {u"-w"_s, u"GONOSUMDB=x y"_s},
    };
    const QList<QStringList> messy = {
        {u"-w"_s, u"GOFLAGS=-mod=mod"_s, u"GOPRIVATE=p.example.com"_s},
        {u"-u"_s, u"GOSUMDB"_s},
        {u"-w"_s, u"GOPROXY=3"_s},
        {u"-u"_s, u"GOINSECURE"_s, u"GOPROXY"_s},
        {u"-w"_s, u"GOINSECURE=i.example.com"_s},
    };
    const QList<QStringList> splitRun = {{u"-u"_s, u"GOPROXY"_s}, {u"-w"_s, u"GOBIN=/bin"_s}};
    const QList<QStringList> errors = {
        {u"-w"_s, u"GOENV=/x"_s},
        {u"-w"_s, u"GOVERSION=1"_s},
        {u"-w"_s, u"GOFOO=1"_s},
        {u"-w"_s, u"GOPATH=rel"_s},
        {u"-w"_s, u"GOPATH=~/go"_s},
        {u"-w"_s, u"GOMODCACHE=rel"_s},
        {u"-w"_s, u"GOFLAGS=a\nb"_s},
        {u"-w"_s, u"GOFLAGS=a\rb"_s},
        {u"-w"_s, u"GO111MODULE=x"_s},
        {u"-w"_s, u"GOTMPDIR=rel"_s},
        {u"-w"_s, u"GOTMPDIR=rel"_s, u"GOFOO=1"_s},
        {u"-w"_s, u"CC=x/gcc"_s},
        {u"-w"_s, u"CC=\"a b"_s},
        {u"-w"_s, u"CXX=  "_s},
        {u"-w"_s, u"GOPROXY=a"_s, u"GOPROXY=b"_s},
        {u"-u"_s, u"GOPROXY"_s, u"GOENV"_s},
        {u"-u"_s, u"GOHOSTOS"_s},
        {u"-w"_s, u"GODEBUG=x=1"_s},
        {u"-w"_s, u"GOTOOLCHAIN=local"_s},
        {u"-w"_s, u"MYVAR=2"_s},
        {u"-w"_s, u"GOPATH=/abs/go"_s, u"GOMODCACHE=/abs/mod"_s, u"CC=gcc -O2"_s},
    };
    const QList<QStringList> conflicts = {{u"-w"_s, u"GOPROXY=direct"_s, u"GOTOOLCHAIN=local"_s}};

    for (const QString &go : {QStringLiteral(MODKEEPER_GO119), QStringLiteral(MODKEEPER_GO123)}) {
        const QString v = go == QLatin1String(MODKEEPER_GO119) ? u"go1.19"_s : u"go1.23"_s;
        QTest::addRow("%s doc example (§5.2)", qPrintable(v))
            << go << std::optional<QByteArray>() << docExample;
        QTest::addRow("%s messy file", qPrintable(v))
            << go
            << std::optional<QByteArray>(
                   "# comment\nGOPROXY=1\nzz=1\n\nGOSUMDB=x\r\nGOPROXY=2\nGOINSECURE=i"_ba)
            << messy;
        QTest::addRow("%s unset splits a run", qPrintable(v))
            << go << std::optional<QByteArray>("GOSUMDB=s\nGOPROXY=p\nGOFLAGS=f\n"_ba) << splitRun;
        QTest::addRow("%s errors", qPrintable(v))
            << go << std::optional<QByteArray>("MYVAR=1\n"_ba) << errors;
        QTest::addRow("%s empty file", qPrintable(v))
            << go << std::optional<QByteArray>(QByteArray())
            << QList<QStringList>{{u"-u"_s, u"GOPROXY"_s}, {u"-w"_s, u"GOSUMDB=off"_s}};
        QTest::addRow("%s missing file, -u", qPrintable(v))
            << go << std::optional<QByteArray>() << QList<QStringList>{{u"-u"_s, u"GOPROXY"_s}};
        QTest::addRow("%s conflicting OS variables", qPrintable(v))
            << go << std::optional<QByteArray>() << conflicts;
    }
}

void TestGoEnvFile::shouldWriteWhatRealGoWrites()
{
    QFETCH(QString, go);
    QFETCH(std::optional<QByteArray>, initial);
    QFETCH(QList<QStringList>, steps);

    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString file = home.filePath(u"config/env"_s);
    QVERIFY(QDir(home.path()).mkpath(u"config"_s));
    if (initial)
        QVERIFY(writeFile(file, *initial));
    // What runGo puts in go's OS environment.
    const QHash<QString, QString> osEnv
        = {{u"GOTOOLCHAIN"_s, u"local"_s}, {u"GOPROXY"_s, u"off"_s}};

    for (const QStringList &step : steps) {
        const std::optional<QByteArray> before = readFile(file);
        GoEnvFile::Rules rules;
        rules.goMinor = minorOf(go);
        rules.keysInFiles = keysInFiles(go, before);
        rules.path = file;

        mk::Expected<QByteArray> ours = QByteArray();
        QStringList expectedWarnings;
        if (step.first() == u"-w") {
            QList<GoEnvFile::Assignment> add;
            for (const QString &kv : step.mid(1))
                add.append({kv.section(u'=', 0, 0), kv.section(u'=', 1).toUtf8()});
            ours = GoEnvFile::set(before, add, rules);
            expectedWarnings = GoEnvFile::conflictWarnings(add, osEnv);
        } else {
            ours = GoEnvFile::unset(before, step.mid(1), rules);
        }

        const GoRun real = runGo(go, home.path(), file, QStringList{u"env"_s} + step);
        const QString what = step.join(u' ');
        QVERIFY2(real.exitCode == 0 || real.exitCode == 1,
                 qPrintable(what + u": "_s + real.stdErr));
        const std::optional<QByteArray> after = readFile(file);
        if (real.exitCode == 0) {
            QVERIFY2(ours.ok(), qPrintable(what + u": we refused: "_s
                                           + (ours.ok() ? QString() : ours.error().message)));
            QVERIFY(after.has_value());
            QCOMPARE(ours.value(), *after);
            QStringList realWarnings = real.stdErr.split(u'\n', Qt::SkipEmptyParts);
            QCOMPARE(realWarnings, expectedWarnings);
        } else {
            QVERIFY2(!ours.ok(), qPrintable(what + u": go refused with " + real.stdErr));
            // Warnings for earlier arguments may come first; the error is the last line.
            const QString message = real.stdErr.split(u'\n', Qt::SkipEmptyParts).last();
            QVERIFY(message.startsWith(u"go: "));
            QCOMPARE(ours.error().message, message.mid(4));
            QCOMPARE(after, before); // go wrote nothing
        }
    }
}

QTEST_GUILESS_MAIN(TestGoEnvFile)
#include "tst_goenvfile.moc"
