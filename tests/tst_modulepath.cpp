// SPDX-License-Identifier: GPL-3.0-or-later
// ModulePath against golang.org/x/mod/module and path.Match. Every expected value and
// error message below was produced by the real x/mod (vendored in go1.23's cmd/vendor)
// and path.Match from the same inputs; the go-cache-internals.md §1.7 and §4.3 vectors are
// among them.
#include <QRegularExpression>
#include <QTest>

#include "module/ModulePath.h"

using namespace Qt::StringLiterals;
using mk::ModulePath;

class TestModulePath final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMatchDocumentedVectors();
    void shouldEscapeAsGoDoes_data();
    void shouldEscapeAsGoDoes();
    void shouldEscapeVersionsAsGoDoes_data();
    void shouldEscapeVersionsAsGoDoes();
    void shouldUnescapeOrRejectPaths_data();
    void shouldUnescapeOrRejectPaths();
    void shouldUnescapeOrRejectVersions_data();
    void shouldUnescapeOrRejectVersions();
    void shouldRoundTripValidPaths_data();
    void shouldRoundTripValidPaths();
    void shouldCheckModulePaths_data();
    void shouldCheckModulePaths();
    void shouldCheckImportPaths_data();
    void shouldCheckImportPaths();
    void shouldCheckFilePaths_data();
    void shouldCheckFilePaths();
    void shouldSplitPathVersion_data();
    void shouldSplitPathVersion();
    void shouldMatchPrefixPatterns_data();
    void shouldMatchPrefixPatterns();
    void shouldMatchLikePathMatch_data();
    void shouldMatchLikePathMatch();
};

// go-cache-internals.md §1.7 and §4.3, spelled out so that the tables below cannot drift
// from the documentation unnoticed.
void TestModulePath::shouldMatchDocumentedVectors()
{
    QCOMPARE(ModulePath::escapePath(u"github.com/Azure/azure-sdk-for-go"_s).value(),
             u"github.com/!azure/azure-sdk-for-go"_s);
    QCOMPARE(ModulePath::escapePath(u"github.com/BurntSushi/toml"_s).value(),
             u"github.com/!burnt!sushi/toml"_s);
    QCOMPARE(ModulePath::escapePath(u"gopkg.in/yaml.v3"_s).value(), u"gopkg.in/yaml.v3"_s);
    QCOMPARE(ModulePath::escapeVersion(u"v1.0.0-RC1"_s).value(), u"v1.0.0-!r!c1"_s);
    QCOMPARE(ModulePath::escapeVersion(u"v2.0.0+incompatible"_s).value(), u"v2.0.0+incompatible"_s);
    QVERIFY(!ModulePath::unescapePath(u"github.com/!Azure/x"_s).ok());
    QVERIFY(!ModulePath::unescapePath(u"github.com/!!x"_s).ok());
    QVERIFY(!ModulePath::unescapePath(u"github.com/Azure/x"_s).ok());
    QVERIFY(!ModulePath::unescapePath(u"github.com/x!"_s).ok());

    QVERIFY(ModulePath::matchPrefixPatterns(u"*.corp.example.com", u"git.corp.example.com/xyzzy"));
    QVERIFY(!ModulePath::matchPrefixPatterns(u"*.corp.example.com", u"corp.example.com/x"));
    QVERIFY(ModulePath::matchPrefixPatterns(u"rsc.io/private", u"rsc.io/private/quux"));
    QVERIFY(!ModulePath::matchPrefixPatterns(u"rsc.io/private", u"rsc.io/privateer"));
    QVERIFY(ModulePath::matchPrefixPatterns(u"rsc.io/*", u"rsc.io/quote/v3"));
    QVERIFY(!ModulePath::matchPrefixPatterns(u"github.com/Org", u"github.com/org/repo"));
    QVERIFY(!ModulePath::matchPrefixPatterns(u"a.example.com, b.example.com", u"b.example.com/x"));
    QVERIFY(ModulePath::matchPrefixPatterns(u"example.com/", u"example.com/x"));
    QVERIFY(ModulePath::matchPrefixPatterns(u"*", u"example.com/x"));
    QVERIFY(!ModulePath::matchPrefixPatterns(u"*/*", u"example.com"));
    QVERIFY(!ModulePath::matchPrefixPatterns(u"none", u"example.com/x"));
    QVERIFY(!ModulePath::matchPrefixPatterns(u"[", u"example.com/x"));
}

// An empty error means "valid".
static void addErrorColumns()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("error");
}

void TestModulePath::shouldEscapeAsGoDoes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("escaped");
    QTest::addColumn<QString>("error");
    QTest::addRow("path 0: github.com/Azure/azure-sdk-for-go")
        << u"github.com/Azure/azure-sdk-for-go"_s << u"github.com/!azure/azure-sdk-for-go"_s
        << u""_s;
    QTest::addRow("path 1: github.com/BurntSushi/toml")
        << u"github.com/BurntSushi/toml"_s << u"github.com/!burnt!sushi/toml"_s << u""_s;
    QTest::addRow("path 2: gopkg.in/yaml.v3")
        << u"gopkg.in/yaml.v3"_s << u"gopkg.in/yaml.v3"_s << u""_s;
    QTest::addRow("path 3: example.com") << u"example.com"_s << u"example.com"_s << u""_s;
    QTest::addRow("path 4: example.com/x/v2")
        << u"example.com/x/v2"_s << u"example.com/x/v2"_s << u""_s;
    QTest::addRow("path 5: example.com/x/v1")
        << u"example.com/x/v1"_s << u""_s
        << u"malformed module path \"example.com/x/v1\": invalid version"_s;
    QTest::addRow("path 6: example.com/x/v0")
        << u"example.com/x/v0"_s << u""_s
        << u"malformed module path \"example.com/x/v0\": invalid version"_s;
    QTest::addRow("path 7: example.com/x/v2.0")
        << u"example.com/x/v2.0"_s << u""_s
        << u"malformed module path \"example.com/x/v2.0\": invalid version"_s;
    QTest::addRow("path 8: example.com/x/v02")
        << u"example.com/x/v02"_s << u""_s
        << u"malformed module path \"example.com/x/v02\": invalid version"_s;
    QTest::addRow("path 9: .example.com/x")
        << u".example.com/x"_s << u""_s
        << u"malformed module path \".example.com/x\": leading dot in path element"_s;
    QTest::addRow("path 10: example.com/.x")
        << u"example.com/.x"_s << u""_s
        << u"malformed module path \"example.com/.x\": leading dot in path element"_s;
    QTest::addRow("path 11: example")
        << u"example"_s << u""_s
        << u"malformed module path \"example\": missing dot in first path element"_s;
    QTest::addRow("path 12: example/x")
        << u"example/x"_s << u""_s
        << u"malformed module path \"example/x\": missing dot in first path element"_s;
    QTest::addRow("path 13: Example.com/x")
        << u"Example.com/x"_s << u""_s
        << u"malformed module path \"Example.com/x\": invalid char 'E' in first path element"_s;
    QTest::addRow("path 14: -example.com/x")
        << u"-example.com/x"_s << u""_s
        << u"malformed module path \"-example.com/x\": leading dash"_s;
    QTest::addRow("path 15: example.com/-x") << u"example.com/-x"_s << u"example.com/-x"_s << u""_s;
    QTest::addRow("path 16: example.com//x")
        << u"example.com//x"_s << u""_s
        << u"malformed module path \"example.com//x\": double slash"_s;
    QTest::addRow("path 17: example.com/x/")
        << u"example.com/x/"_s << u""_s
        << u"malformed module path \"example.com/x/\": trailing slash"_s;
    QTest::addRow("path 18: /example.com")
        << u"/example.com"_s << u""_s
        << u"malformed module path \"/example.com\": empty path element"_s;
    QTest::addRow("path 19: example.com/x~1")
        << u"example.com/x~1"_s << u""_s
        << u"malformed module path \"example.com/x~1\": trailing tilde and digits in path element"_s;
    QTest::addRow("path 20: example.com/x~1.go")
        << u"example.com/x~1.go"_s << u""_s
        << u"malformed module path \"example.com/x~1.go\": trailing tilde and digits in path element"_s;
    QTest::addRow("path 21: example.com/x~a")
        << u"example.com/x~a"_s << u"example.com/x~a"_s << u""_s;
    QTest::addRow("path 22: example.com/con")
        << u"example.com/con"_s << u""_s
        << u"malformed module path \"example.com/con\": \"con\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 23: example.com/CON.txt")
        << u"example.com/CON.txt"_s << u""_s
        << u"malformed module path \"example.com/CON.txt\": \"CON\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 24: example.com/com1")
        << u"example.com/com1"_s << u""_s
        << u"malformed module path \"example.com/com1\": \"com1\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 25: example.com/lpt9x")
        << u"example.com/lpt9x"_s << u"example.com/lpt9x"_s << u""_s;
    QTest::addRow("path 26: example.com/x.")
        << u"example.com/x."_s << u""_s
        << u"malformed module path \"example.com/x.\": trailing dot in path element"_s;
    QTest::addRow("path 27: example.com/...")
        << u"example.com/..."_s << u""_s
        << u"malformed module path \"example.com/...\": invalid path element \"...\""_s;
    QTest::addRow("path 28: example.com/?")
        << u"example.com/\u00e9"_s << u""_s
        << u"malformed module path \"example.com/\u00e9\": invalid char '\u00e9'"_s;
    QTest::addRow("path 29: example.com/x y")
        << u"example.com/x y"_s << u""_s
        << u"malformed module path \"example.com/x y\": invalid char ' '"_s;
    QTest::addRow("path 30: example.com/x+y")
        << u"example.com/x+y"_s << u""_s
        << u"malformed module path \"example.com/x+y\": invalid char '+'"_s;
    QTest::addRow("path 31: example.com/x@v")
        << u"example.com/x@v"_s << u""_s
        << u"malformed module path \"example.com/x@v\": invalid char '@'"_s;
    QTest::addRow("path 32: example.com/a?b")
        << u"example.com/a\"b"_s << u""_s
        << u"malformed module path \"example.com/a\\\"b\": invalid char '\"'"_s;
    QTest::addRow("path 33: gopkg.in/yaml.v0")
        << u"gopkg.in/yaml.v0"_s << u"gopkg.in/yaml.v0"_s << u""_s;
    QTest::addRow("path 34: gopkg.in/yaml.v1")
        << u"gopkg.in/yaml.v1"_s << u"gopkg.in/yaml.v1"_s << u""_s;
    QTest::addRow("path 35: gopkg.in/yaml")
        << u"gopkg.in/yaml"_s << u""_s
        << u"malformed module path \"gopkg.in/yaml\": invalid version"_s;
    QTest::addRow("path 36: gopkg.in/yaml.v02")
        << u"gopkg.in/yaml.v02"_s << u""_s
        << u"malformed module path \"gopkg.in/yaml.v02\": invalid version"_s;
    QTest::addRow("path 37: gopkg.in/yaml.v3-unstable")
        << u"gopkg.in/yaml.v3-unstable"_s << u"gopkg.in/yaml.v3-unstable"_s << u""_s;
    QTest::addRow("path 38: gopkg.in/v3")
        << u"gopkg.in/v3"_s << u""_s << u"malformed module path \"gopkg.in/v3\": invalid version"_s;
    QTest::addRow("path 39: ex_ample.com/x")
        << u"ex_ample.com/x"_s << u""_s
        << u"malformed module path \"ex_ample.com/x\": invalid char '_' in first path element"_s;
    QTest::addRow("path 40: ex~ample.com/x")
        << u"ex~ample.com/x"_s << u""_s
        << u"malformed module path \"ex~ample.com/x\": invalid char '~' in first path element"_s;
    QTest::addRow("path 41: exa:mple.com/x")
        << u"exa:mple.com/x"_s << u""_s
        << u"malformed module path \"exa:mple.com/x\": invalid char ':'"_s;
    QTest::addRow("path 42: example.com/x?y")
        << u"example.com/x\\y"_s << u""_s
        << u"malformed module path \"example.com/x\\\\y\": invalid char '\\\\'"_s;
    QTest::addRow("path 43: (empty)")
        << u""_s << u""_s << u"malformed module path \"\": empty string"_s;
}

void TestModulePath::shouldEscapeAsGoDoes()
{
    QFETCH(QString, input);
    QFETCH(QString, escaped);
    QFETCH(QString, error);
    const mk::Expected<QString> got = ModulePath::escapePath(input);
    if (error.isEmpty()) {
        QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().message));
        QCOMPARE(got.value(), escaped);
    } else {
        QVERIFY(!got.ok());
        QCOMPARE(got.error().message, error);
        QCOMPARE(got.error().code, mk::Error::Code::InvalidArgument);
    }
}

void TestModulePath::shouldEscapeVersionsAsGoDoes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("escaped");
    QTest::addColumn<QString>("error");
    QTest::addRow("version 0: v1.0.0-RC1") << u"v1.0.0-RC1"_s << u"v1.0.0-!r!c1"_s << u""_s;
    QTest::addRow("version 1: v2.0.0+incompatible")
        << u"v2.0.0+incompatible"_s << u"v2.0.0+incompatible"_s << u""_s;
    QTest::addRow("version 2: v1.0.0") << u"v1.0.0"_s << u"v1.0.0"_s << u""_s;
    QTest::addRow("version 3: v1.0.0-!x")
        << u"v1.0.0-!x"_s << u""_s << u"version \"v1.0.0-!x\" invalid: disallowed version string"_s;
    QTest::addRow("version 4: v1.0.0/x")
        << u"v1.0.0/x"_s << u""_s << u"version \"v1.0.0/x\" invalid: disallowed version string"_s;
    QTest::addRow("version 5: v1.0.0 x") << u"v1.0.0 x"_s << u"v1.0.0 x"_s << u""_s;
    QTest::addRow("version 6: v1.0.0?")
        << u"v1.0.0\u00e9"_s << u""_s << u"internal error: inconsistency in EscapePath"_s;
    QTest::addRow("version 7: (empty)")
        << u""_s << u""_s << u"version \"\" invalid: disallowed version string"_s;
    QTest::addRow("version 8: ..")
        << u".."_s << u""_s << u"version \"..\" invalid: disallowed version string"_s;
    QTest::addRow("version 9: v1.0.0:x")
        << u"v1.0.0:x"_s << u""_s << u"version \"v1.0.0:x\" invalid: disallowed version string"_s;
}

void TestModulePath::shouldEscapeVersionsAsGoDoes()
{
    QFETCH(QString, input);
    QFETCH(QString, escaped);
    QFETCH(QString, error);
    const mk::Expected<QString> got = ModulePath::escapeVersion(input);
    if (error.isEmpty()) {
        QVERIFY(got.ok());
        QCOMPARE(got.value(), escaped);
    } else {
        QVERIFY(!got.ok());
        QCOMPARE(got.error().message, error);
    }
}

void TestModulePath::shouldUnescapeOrRejectPaths_data()
{
    QTest::addColumn<QString>("escaped");
    QTest::addColumn<QString>("unescaped");
    QTest::addColumn<QString>("error");
    QTest::addRow("escaped 0: github.com/!azure/azure-sdk-for-go")
        << u"github.com/!azure/azure-sdk-for-go"_s << u"github.com/Azure/azure-sdk-for-go"_s
        << u""_s;
    QTest::addRow("escaped 1: github.com/!burnt!sushi/toml")
        << u"github.com/!burnt!sushi/toml"_s << u"github.com/BurntSushi/toml"_s << u""_s;
    QTest::addRow("escaped 2: github.com/!Azure/x")
        << u"github.com/!Azure/x"_s << u""_s
        << u"invalid escaped module path \"github.com/!Azure/x\""_s;
    QTest::addRow("escaped 3: github.com/!!x")
        << u"github.com/!!x"_s << u""_s << u"invalid escaped module path \"github.com/!!x\""_s;
    QTest::addRow("escaped 4: github.com/Azure/x")
        << u"github.com/Azure/x"_s << u""_s
        << u"invalid escaped module path \"github.com/Azure/x\""_s;
    QTest::addRow("escaped 5: github.com/x!")
        << u"github.com/x!"_s << u""_s << u"invalid escaped module path \"github.com/x!\""_s;
    QTest::addRow("escaped 6: github.com/!1x")
        << u"github.com/!1x"_s << u""_s << u"invalid escaped module path \"github.com/!1x\""_s;
    QTest::addRow("escaped 7: gopkg.in/yaml.v3")
        << u"gopkg.in/yaml.v3"_s << u"gopkg.in/yaml.v3"_s << u""_s;
    QTest::addRow("escaped 8: github.com/!a!b!c")
        << u"github.com/!a!b!c"_s << u"github.com/ABC"_s << u""_s;
    QTest::addRow("escaped 9: example.com/x/v1")
        << u"example.com/x/v1"_s << u""_s
        << u"invalid escaped module path \"example.com/x/v1\": malformed module path \"example.com/x/v1\": invalid version"_s;
}

void TestModulePath::shouldUnescapeOrRejectPaths()
{
    QFETCH(QString, escaped);
    QFETCH(QString, unescaped);
    QFETCH(QString, error);
    const mk::Expected<QString> got = ModulePath::unescapePath(escaped);
    if (error.isEmpty()) {
        QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().message));
        QCOMPARE(got.value(), unescaped);
    } else {
        // Never decoded to a different path: an error, with go's text.
        QVERIFY(!got.ok());
        QCOMPARE(got.error().message, error);
    }
}

void TestModulePath::shouldUnescapeOrRejectVersions_data()
{
    QTest::addColumn<QString>("escaped");
    QTest::addColumn<QString>("unescaped");
    QTest::addColumn<QString>("error");
    QTest::addRow("escaped 0: v1.0.0-!r!c1") << u"v1.0.0-!r!c1"_s << u"v1.0.0-RC1"_s << u""_s;
    QTest::addRow("escaped 1: v1.0.0-RC1")
        << u"v1.0.0-RC1"_s << u""_s << u"invalid escaped version \"v1.0.0-RC1\""_s;
    QTest::addRow("escaped 2: v1.0.0-!")
        << u"v1.0.0-!"_s << u""_s << u"invalid escaped version \"v1.0.0-!\""_s;
    QTest::addRow("escaped 3: v1.0.0-!!r")
        << u"v1.0.0-!!r"_s << u""_s << u"invalid escaped version \"v1.0.0-!!r\""_s;
    QTest::addRow("escaped 4: v2.0.0+incompatible")
        << u"v2.0.0+incompatible"_s << u"v2.0.0+incompatible"_s << u""_s;
    QTest::addRow("escaped 5: v1.0.0-!r!c1/x")
        << u"v1.0.0-!r!c1/x"_s << u""_s
        << u"invalid escaped version \"v1.0.0-RC1/x\": invalid char '/'"_s;
}

void TestModulePath::shouldUnescapeOrRejectVersions()
{
    QFETCH(QString, escaped);
    QFETCH(QString, unescaped);
    QFETCH(QString, error);
    const mk::Expected<QString> got = ModulePath::unescapeVersion(escaped);
    if (error.isEmpty()) {
        QVERIFY(got.ok());
        QCOMPARE(got.value(), unescaped);
    } else {
        QVERIFY(!got.ok());
        QCOMPARE(got.error().message, error);
    }
}

void TestModulePath::shouldRoundTripValidPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addRow("0: github.com/Azure/azure-sdk-for-go") << u"github.com/Azure/azure-sdk-for-go"_s;
    QTest::addRow("1: github.com/BurntSushi/toml") << u"github.com/BurntSushi/toml"_s;
    QTest::addRow("2: gopkg.in/yaml.v3") << u"gopkg.in/yaml.v3"_s;
    QTest::addRow("3: example.com") << u"example.com"_s;
    QTest::addRow("4: example.com/x/v2") << u"example.com/x/v2"_s;
    QTest::addRow("15: example.com/-x") << u"example.com/-x"_s;
    QTest::addRow("21: example.com/x~a") << u"example.com/x~a"_s;
    QTest::addRow("25: example.com/lpt9x") << u"example.com/lpt9x"_s;
    QTest::addRow("33: gopkg.in/yaml.v0") << u"gopkg.in/yaml.v0"_s;
    QTest::addRow("34: gopkg.in/yaml.v1") << u"gopkg.in/yaml.v1"_s;
    QTest::addRow("37: gopkg.in/yaml.v3-unstable") << u"gopkg.in/yaml.v3-unstable"_s;
}

void TestModulePath::shouldRoundTripValidPaths()
{
    QFETCH(QString, path);
    const mk::Expected<QString> escaped = ModulePath::escapePath(path);
    QVERIFY(escaped.ok());
    QVERIFY(!escaped.value().contains(QRegularExpression(u"[A-Z]"_s)));
    const mk::Expected<QString> back = ModulePath::unescapePath(escaped.value());
    QVERIFY(back.ok());
    QCOMPARE(back.value(), path);
}

void TestModulePath::shouldCheckModulePaths_data()
{
    addErrorColumns();
    QTest::addRow("path 0: github.com/Azure/azure-sdk-for-go")
        << u"github.com/Azure/azure-sdk-for-go"_s << u""_s;
    QTest::addRow("path 1: github.com/BurntSushi/toml") << u"github.com/BurntSushi/toml"_s << u""_s;
    QTest::addRow("path 2: gopkg.in/yaml.v3") << u"gopkg.in/yaml.v3"_s << u""_s;
    QTest::addRow("path 3: example.com") << u"example.com"_s << u""_s;
    QTest::addRow("path 4: example.com/x/v2") << u"example.com/x/v2"_s << u""_s;
    QTest::addRow("path 5: example.com/x/v1")
        << u"example.com/x/v1"_s
        << u"malformed module path \"example.com/x/v1\": invalid version"_s;
    QTest::addRow("path 6: example.com/x/v0")
        << u"example.com/x/v0"_s
        << u"malformed module path \"example.com/x/v0\": invalid version"_s;
    QTest::addRow("path 7: example.com/x/v2.0")
        << u"example.com/x/v2.0"_s
        << u"malformed module path \"example.com/x/v2.0\": invalid version"_s;
    QTest::addRow("path 8: example.com/x/v02")
        << u"example.com/x/v02"_s
        << u"malformed module path \"example.com/x/v02\": invalid version"_s;
    QTest::addRow("path 9: .example.com/x")
        << u".example.com/x"_s
        << u"malformed module path \".example.com/x\": leading dot in path element"_s;
    QTest::addRow("path 10: example.com/.x")
        << u"example.com/.x"_s
        << u"malformed module path \"example.com/.x\": leading dot in path element"_s;
    QTest::addRow("path 11: example")
        << u"example"_s
        << u"malformed module path \"example\": missing dot in first path element"_s;
    QTest::addRow("path 12: example/x")
        << u"example/x"_s
        << u"malformed module path \"example/x\": missing dot in first path element"_s;
    QTest::addRow("path 13: Example.com/x")
        << u"Example.com/x"_s
        << u"malformed module path \"Example.com/x\": invalid char 'E' in first path element"_s;
    QTest::addRow("path 14: -example.com/x")
        << u"-example.com/x"_s << u"malformed module path \"-example.com/x\": leading dash"_s;
    QTest::addRow("path 15: example.com/-x") << u"example.com/-x"_s << u""_s;
    QTest::addRow("path 16: example.com//x")
        << u"example.com//x"_s << u"malformed module path \"example.com//x\": double slash"_s;
    QTest::addRow("path 17: example.com/x/")
        << u"example.com/x/"_s << u"malformed module path \"example.com/x/\": trailing slash"_s;
    QTest::addRow("path 18: /example.com")
        << u"/example.com"_s << u"malformed module path \"/example.com\": empty path element"_s;
    QTest::addRow("path 19: example.com/x~1")
        << u"example.com/x~1"_s
        << u"malformed module path \"example.com/x~1\": trailing tilde and digits in path element"_s;
    QTest::addRow("path 20: example.com/x~1.go")
        << u"example.com/x~1.go"_s
        << u"malformed module path \"example.com/x~1.go\": trailing tilde and digits in path element"_s;
    QTest::addRow("path 21: example.com/x~a") << u"example.com/x~a"_s << u""_s;
    QTest::addRow("path 22: example.com/con")
        << u"example.com/con"_s
        << u"malformed module path \"example.com/con\": \"con\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 23: example.com/CON.txt")
        << u"example.com/CON.txt"_s
        << u"malformed module path \"example.com/CON.txt\": \"CON\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 24: example.com/com1")
        << u"example.com/com1"_s
        << u"malformed module path \"example.com/com1\": \"com1\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 25: example.com/lpt9x") << u"example.com/lpt9x"_s << u""_s;
    QTest::addRow("path 26: example.com/x.")
        << u"example.com/x."_s
        << u"malformed module path \"example.com/x.\": trailing dot in path element"_s;
    QTest::addRow("path 27: example.com/...")
        << u"example.com/..."_s
        << u"malformed module path \"example.com/...\": invalid path element \"...\""_s;
    QTest::addRow("path 28: example.com/?")
        << u"example.com/\u00e9"_s
        << u"malformed module path \"example.com/\u00e9\": invalid char '\u00e9'"_s;
    QTest::addRow("path 29: example.com/x y")
        << u"example.com/x y"_s << u"malformed module path \"example.com/x y\": invalid char ' '"_s;
    QTest::addRow("path 30: example.com/x+y")
        << u"example.com/x+y"_s << u"malformed module path \"example.com/x+y\": invalid char '+'"_s;
    QTest::addRow("path 31: example.com/x@v")
        << u"example.com/x@v"_s << u"malformed module path \"example.com/x@v\": invalid char '@'"_s;
    QTest::addRow("path 32: example.com/a?b")
        << u"example.com/a\"b"_s
        << u"malformed module path \"example.com/a\\\"b\": invalid char '\"'"_s;
    QTest::addRow("path 33: gopkg.in/yaml.v0") << u"gopkg.in/yaml.v0"_s << u""_s;
    QTest::addRow("path 34: gopkg.in/yaml.v1") << u"gopkg.in/yaml.v1"_s << u""_s;
    QTest::addRow("path 35: gopkg.in/yaml")
        << u"gopkg.in/yaml"_s << u"malformed module path \"gopkg.in/yaml\": invalid version"_s;
    QTest::addRow("path 36: gopkg.in/yaml.v02")
        << u"gopkg.in/yaml.v02"_s
        << u"malformed module path \"gopkg.in/yaml.v02\": invalid version"_s;
    QTest::addRow("path 37: gopkg.in/yaml.v3-unstable") << u"gopkg.in/yaml.v3-unstable"_s << u""_s;
    QTest::addRow("path 38: gopkg.in/v3")
        << u"gopkg.in/v3"_s << u"malformed module path \"gopkg.in/v3\": invalid version"_s;
    QTest::addRow("path 39: ex_ample.com/x")
        << u"ex_ample.com/x"_s
        << u"malformed module path \"ex_ample.com/x\": invalid char '_' in first path element"_s;
    QTest::addRow("path 40: ex~ample.com/x")
        << u"ex~ample.com/x"_s
        << u"malformed module path \"ex~ample.com/x\": invalid char '~' in first path element"_s;
    QTest::addRow("path 41: exa:mple.com/x")
        << u"exa:mple.com/x"_s << u"malformed module path \"exa:mple.com/x\": invalid char ':'"_s;
    QTest::addRow("path 42: example.com/x?y")
        << u"example.com/x\\y"_s
        << u"malformed module path \"example.com/x\\\\y\": invalid char '\\\\'"_s;
    QTest::addRow("path 43: (empty)") << u""_s << u"malformed module path \"\": empty string"_s;
}

void TestModulePath::shouldCheckModulePaths()
{
    QFETCH(QString, input);
    QFETCH(QString, error);
    const mk::Status st = ModulePath::checkPath(input);
    if (error.isEmpty()) {
        QVERIFY2(st.ok(), qPrintable(st.error().message));
    } else {
        QVERIFY(!st.ok());
        QCOMPARE(st.error().message, error);
        QCOMPARE(st.error().subject, input);
    }
}

void TestModulePath::shouldCheckImportPaths_data()
{
    addErrorColumns();
    QTest::addRow("path 0: github.com/Azure/azure-sdk-for-go")
        << u"github.com/Azure/azure-sdk-for-go"_s << u""_s;
    QTest::addRow("path 1: github.com/BurntSushi/toml") << u"github.com/BurntSushi/toml"_s << u""_s;
    QTest::addRow("path 2: gopkg.in/yaml.v3") << u"gopkg.in/yaml.v3"_s << u""_s;
    QTest::addRow("path 3: example.com") << u"example.com"_s << u""_s;
    QTest::addRow("path 4: example.com/x/v2") << u"example.com/x/v2"_s << u""_s;
    QTest::addRow("path 5: example.com/x/v1") << u"example.com/x/v1"_s << u""_s;
    QTest::addRow("path 6: example.com/x/v0") << u"example.com/x/v0"_s << u""_s;
    QTest::addRow("path 7: example.com/x/v2.0") << u"example.com/x/v2.0"_s << u""_s;
    QTest::addRow("path 8: example.com/x/v02") << u"example.com/x/v02"_s << u""_s;
    QTest::addRow("path 9: .example.com/x") << u".example.com/x"_s << u""_s;
    QTest::addRow("path 10: example.com/.x") << u"example.com/.x"_s << u""_s;
    QTest::addRow("path 11: example") << u"example"_s << u""_s;
    QTest::addRow("path 12: example/x") << u"example/x"_s << u""_s;
    QTest::addRow("path 13: Example.com/x") << u"Example.com/x"_s << u""_s;
    QTest::addRow("path 14: -example.com/x")
        << u"-example.com/x"_s << u"malformed import path \"-example.com/x\": leading dash"_s;
    QTest::addRow("path 15: example.com/-x") << u"example.com/-x"_s << u""_s;
    QTest::addRow("path 16: example.com//x")
        << u"example.com//x"_s << u"malformed import path \"example.com//x\": double slash"_s;
    QTest::addRow("path 17: example.com/x/")
        << u"example.com/x/"_s << u"malformed import path \"example.com/x/\": trailing slash"_s;
    QTest::addRow("path 18: /example.com")
        << u"/example.com"_s << u"malformed import path \"/example.com\": empty path element"_s;
    QTest::addRow("path 19: example.com/x~1")
        << u"example.com/x~1"_s
        << u"malformed import path \"example.com/x~1\": trailing tilde and digits in path element"_s;
    QTest::addRow("path 20: example.com/x~1.go")
        << u"example.com/x~1.go"_s
        << u"malformed import path \"example.com/x~1.go\": trailing tilde and digits in path element"_s;
    QTest::addRow("path 21: example.com/x~a") << u"example.com/x~a"_s << u""_s;
    QTest::addRow("path 22: example.com/con")
        << u"example.com/con"_s
        << u"malformed import path \"example.com/con\": \"con\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 23: example.com/CON.txt")
        << u"example.com/CON.txt"_s
        << u"malformed import path \"example.com/CON.txt\": \"CON\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 24: example.com/com1")
        << u"example.com/com1"_s
        << u"malformed import path \"example.com/com1\": \"com1\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 25: example.com/lpt9x") << u"example.com/lpt9x"_s << u""_s;
    QTest::addRow("path 26: example.com/x.")
        << u"example.com/x."_s
        << u"malformed import path \"example.com/x.\": trailing dot in path element"_s;
    QTest::addRow("path 27: example.com/...")
        << u"example.com/..."_s
        << u"malformed import path \"example.com/...\": invalid path element \"...\""_s;
    QTest::addRow("path 28: example.com/?")
        << u"example.com/\u00e9"_s
        << u"malformed import path \"example.com/\u00e9\": invalid char '\u00e9'"_s;
    QTest::addRow("path 29: example.com/x y")
        << u"example.com/x y"_s << u"malformed import path \"example.com/x y\": invalid char ' '"_s;
    QTest::addRow("path 30: example.com/x+y") << u"example.com/x+y"_s << u""_s;
    QTest::addRow("path 31: example.com/x@v")
        << u"example.com/x@v"_s << u"malformed import path \"example.com/x@v\": invalid char '@'"_s;
    QTest::addRow("path 32: example.com/a?b")
        << u"example.com/a\"b"_s
        << u"malformed import path \"example.com/a\\\"b\": invalid char '\"'"_s;
    QTest::addRow("path 33: gopkg.in/yaml.v0") << u"gopkg.in/yaml.v0"_s << u""_s;
    QTest::addRow("path 34: gopkg.in/yaml.v1") << u"gopkg.in/yaml.v1"_s << u""_s;
    QTest::addRow("path 35: gopkg.in/yaml") << u"gopkg.in/yaml"_s << u""_s;
    QTest::addRow("path 36: gopkg.in/yaml.v02") << u"gopkg.in/yaml.v02"_s << u""_s;
    QTest::addRow("path 37: gopkg.in/yaml.v3-unstable") << u"gopkg.in/yaml.v3-unstable"_s << u""_s;
    QTest::addRow("path 38: gopkg.in/v3") << u"gopkg.in/v3"_s << u""_s;
    QTest::addRow("path 39: ex_ample.com/x") << u"ex_ample.com/x"_s << u""_s;
    QTest::addRow("path 40: ex~ample.com/x") << u"ex~ample.com/x"_s << u""_s;
    QTest::addRow("path 41: exa:mple.com/x")
        << u"exa:mple.com/x"_s << u"malformed import path \"exa:mple.com/x\": invalid char ':'"_s;
    QTest::addRow("path 42: example.com/x?y")
        << u"example.com/x\\y"_s
        << u"malformed import path \"example.com/x\\\\y\": invalid char '\\\\'"_s;
    QTest::addRow("path 43: (empty)") << u""_s << u"malformed import path \"\": empty string"_s;
}

void TestModulePath::shouldCheckImportPaths()
{
    QFETCH(QString, input);
    QFETCH(QString, error);
    const mk::Status st = ModulePath::checkImportPath(input);
    if (error.isEmpty()) {
        QVERIFY2(st.ok(), qPrintable(st.error().message));
    } else {
        QVERIFY(!st.ok());
        QCOMPARE(st.error().message, error);
        QCOMPARE(st.error().subject, input);
    }
}

void TestModulePath::shouldCheckFilePaths_data()
{
    addErrorColumns();
    QTest::addRow("path 0: github.com/Azure/azure-sdk-for-go")
        << u"github.com/Azure/azure-sdk-for-go"_s << u""_s;
    QTest::addRow("path 1: github.com/BurntSushi/toml") << u"github.com/BurntSushi/toml"_s << u""_s;
    QTest::addRow("path 2: gopkg.in/yaml.v3") << u"gopkg.in/yaml.v3"_s << u""_s;
    QTest::addRow("path 3: example.com") << u"example.com"_s << u""_s;
    QTest::addRow("path 4: example.com/x/v2") << u"example.com/x/v2"_s << u""_s;
    QTest::addRow("path 5: example.com/x/v1") << u"example.com/x/v1"_s << u""_s;
    QTest::addRow("path 6: example.com/x/v0") << u"example.com/x/v0"_s << u""_s;
    QTest::addRow("path 7: example.com/x/v2.0") << u"example.com/x/v2.0"_s << u""_s;
    QTest::addRow("path 8: example.com/x/v02") << u"example.com/x/v02"_s << u""_s;
    QTest::addRow("path 9: .example.com/x") << u".example.com/x"_s << u""_s;
    QTest::addRow("path 10: example.com/.x") << u"example.com/.x"_s << u""_s;
    QTest::addRow("path 11: example") << u"example"_s << u""_s;
    QTest::addRow("path 12: example/x") << u"example/x"_s << u""_s;
    QTest::addRow("path 13: Example.com/x") << u"Example.com/x"_s << u""_s;
    QTest::addRow("path 14: -example.com/x") << u"-example.com/x"_s << u""_s;
    QTest::addRow("path 15: example.com/-x") << u"example.com/-x"_s << u""_s;
    QTest::addRow("path 16: example.com//x")
        << u"example.com//x"_s << u"malformed file path \"example.com//x\": double slash"_s;
    QTest::addRow("path 17: example.com/x/")
        << u"example.com/x/"_s << u"malformed file path \"example.com/x/\": trailing slash"_s;
    QTest::addRow("path 18: /example.com")
        << u"/example.com"_s << u"malformed file path \"/example.com\": empty path element"_s;
    QTest::addRow("path 19: example.com/x~1") << u"example.com/x~1"_s << u""_s;
    QTest::addRow("path 20: example.com/x~1.go") << u"example.com/x~1.go"_s << u""_s;
    QTest::addRow("path 21: example.com/x~a") << u"example.com/x~a"_s << u""_s;
    QTest::addRow("path 22: example.com/con")
        << u"example.com/con"_s
        << u"malformed file path \"example.com/con\": \"con\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 23: example.com/CON.txt")
        << u"example.com/CON.txt"_s
        << u"malformed file path \"example.com/CON.txt\": \"CON\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 24: example.com/com1")
        << u"example.com/com1"_s
        << u"malformed file path \"example.com/com1\": \"com1\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 25: example.com/lpt9x") << u"example.com/lpt9x"_s << u""_s;
    QTest::addRow("path 26: example.com/x.")
        << u"example.com/x."_s
        << u"malformed file path \"example.com/x.\": trailing dot in path element"_s;
    QTest::addRow("path 27: example.com/...")
        << u"example.com/..."_s
        << u"malformed file path \"example.com/...\": invalid path element \"...\""_s;
    QTest::addRow("path 28: example.com/?") << u"example.com/\u00e9"_s << u""_s;
    QTest::addRow("path 29: example.com/x y") << u"example.com/x y"_s << u""_s;
    QTest::addRow("path 30: example.com/x+y") << u"example.com/x+y"_s << u""_s;
    QTest::addRow("path 31: example.com/x@v") << u"example.com/x@v"_s << u""_s;
    QTest::addRow("path 32: example.com/a?b")
        << u"example.com/a\"b"_s
        << u"malformed file path \"example.com/a\\\"b\": invalid char '\"'"_s;
    QTest::addRow("path 33: gopkg.in/yaml.v0") << u"gopkg.in/yaml.v0"_s << u""_s;
    QTest::addRow("path 34: gopkg.in/yaml.v1") << u"gopkg.in/yaml.v1"_s << u""_s;
    QTest::addRow("path 35: gopkg.in/yaml") << u"gopkg.in/yaml"_s << u""_s;
    QTest::addRow("path 36: gopkg.in/yaml.v02") << u"gopkg.in/yaml.v02"_s << u""_s;
    QTest::addRow("path 37: gopkg.in/yaml.v3-unstable") << u"gopkg.in/yaml.v3-unstable"_s << u""_s;
    QTest::addRow("path 38: gopkg.in/v3") << u"gopkg.in/v3"_s << u""_s;
    QTest::addRow("path 39: ex_ample.com/x") << u"ex_ample.com/x"_s << u""_s;
    QTest::addRow("path 40: ex~ample.com/x") << u"ex~ample.com/x"_s << u""_s;
    QTest::addRow("path 41: exa:mple.com/x")
        << u"exa:mple.com/x"_s << u"malformed file path \"exa:mple.com/x\": invalid char ':'"_s;
    QTest::addRow("path 42: example.com/x?y")
        << u"example.com/x\\y"_s
        << u"malformed file path \"example.com/x\\\\y\": invalid char '\\\\'"_s;
    QTest::addRow("path 43: (empty)") << u""_s << u"malformed file path \"\": empty string"_s;
    QTest::addRow("path 44: a/b.go") << u"a/b.go"_s << u""_s;
    QTest::addRow("path 45: a/ b.go") << u"a/ b.go"_s << u""_s;
    QTest::addRow("path 46: a/b#c") << u"a/b#c"_s << u""_s;
    QTest::addRow("path 47: a/b:c")
        << u"a/b:c"_s << u"malformed file path \"a/b:c\": invalid char ':'"_s;
    QTest::addRow("path 48: a/b*c")
        << u"a/b*c"_s << u"malformed file path \"a/b*c\": invalid char '*'"_s;
    QTest::addRow("path 49: a/b?c")
        << u"a/b?c"_s << u"malformed file path \"a/b?c\": invalid char '?'"_s;
    QTest::addRow("path 50: a/.hidden") << u"a/.hidden"_s << u""_s;
    QTest::addRow("path 51: -x/y") << u"-x/y"_s << u""_s;
    QTest::addRow("path 52: a/?n?code") << u"a/\u00dcn\u00efcode"_s << u""_s;
    QTest::addRow("path 53: a/b?c")
        << u"a/b\u00a0c"_s << u"malformed file path \"a/b\\u00a0c\": invalid char '\\u00a0'"_s;
    QTest::addRow("path 54: a/?") << u"a/\u2028"_s
                                  << u"malformed file path \"a/\\u2028\": invalid char '\\u2028'"_s;
    QTest::addRow("path 55: a/b~1") << u"a/b~1"_s << u""_s;
    QTest::addRow("path 56: a/aux.c")
        << u"a/aux.c"_s
        << u"malformed file path \"a/aux.c\": \"aux\" disallowed as path element component on Windows"_s;
    QTest::addRow("path 57: a/b'c")
        << u"a/b'c"_s << u"malformed file path \"a/b'c\": invalid char '\\''"_s;
    QTest::addRow("path 58: a/b`c")
        << u"a/b`c"_s << u"malformed file path \"a/b`c\": invalid char '`'"_s;
    QTest::addRow("path 59: a/b|c")
        << u"a/b|c"_s << u"malformed file path \"a/b|c\": invalid char '|'"_s;
    QTest::addRow("path 60: a/b<c")
        << u"a/b<c"_s << u"malformed file path \"a/b<c\": invalid char '<'"_s;
    QTest::addRow("path 61: a/b>c")
        << u"a/b>c"_s << u"malformed file path \"a/b>c\": invalid char '>'"_s;
    QTest::addRow("path 62: a/b?c")
        << u"a/b\"c"_s << u"malformed file path \"a/b\\\"c\": invalid char '\"'"_s;
    QTest::addRow("path 63: a/$x") << u"a/$x"_s << u""_s;
    QTest::addRow("path 64: a/[x]") << u"a/[x]"_s << u""_s;
    QTest::addRow("path 65: a/{x}") << u"a/{x}"_s << u""_s;
}

void TestModulePath::shouldCheckFilePaths()
{
    QFETCH(QString, input);
    QFETCH(QString, error);
    const mk::Status st = ModulePath::checkFilePath(input);
    if (error.isEmpty()) {
        QVERIFY2(st.ok(), qPrintable(st.error().message));
    } else {
        QVERIFY(!st.ok());
        QCOMPARE(st.error().message, error);
        QCOMPARE(st.error().subject, input);
    }
}

void TestModulePath::shouldSplitPathVersion_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("pathMajor");
    QTest::addColumn<bool>("ok");
    QTest::addRow("0: github.com/Azure/azure-sdk-for-go")
        << u"github.com/Azure/azure-sdk-for-go"_s << u"github.com/Azure/azure-sdk-for-go"_s << u""_s
        << true;
    QTest::addRow("1: github.com/BurntSushi/toml")
        << u"github.com/BurntSushi/toml"_s << u"github.com/BurntSushi/toml"_s << u""_s << true;
    QTest::addRow("2: gopkg.in/yaml.v3")
        << u"gopkg.in/yaml.v3"_s << u"gopkg.in/yaml"_s << u".v3"_s << true;
    QTest::addRow("3: example.com") << u"example.com"_s << u"example.com"_s << u""_s << true;
    QTest::addRow("4: example.com/x/v2")
        << u"example.com/x/v2"_s << u"example.com/x"_s << u"/v2"_s << true;
    QTest::addRow("5: example.com/x/v1")
        << u"example.com/x/v1"_s << u"example.com/x/v1"_s << u""_s << false;
    QTest::addRow("6: example.com/x/v0")
        << u"example.com/x/v0"_s << u"example.com/x/v0"_s << u""_s << false;
    QTest::addRow("7: example.com/x/v2.0")
        << u"example.com/x/v2.0"_s << u"example.com/x/v2.0"_s << u""_s << false;
    QTest::addRow("8: example.com/x/v02")
        << u"example.com/x/v02"_s << u"example.com/x/v02"_s << u""_s << false;
    QTest::addRow("9: .example.com/x")
        << u".example.com/x"_s << u".example.com/x"_s << u""_s << true;
    QTest::addRow("10: example.com/.x")
        << u"example.com/.x"_s << u"example.com/.x"_s << u""_s << true;
    QTest::addRow("11: example") << u"example"_s << u"example"_s << u""_s << true;
    QTest::addRow("12: example/x") << u"example/x"_s << u"example/x"_s << u""_s << true;
    QTest::addRow("13: Example.com/x") << u"Example.com/x"_s << u"Example.com/x"_s << u""_s << true;
    QTest::addRow("14: -example.com/x")
        << u"-example.com/x"_s << u"-example.com/x"_s << u""_s << true;
    QTest::addRow("15: example.com/-x")
        << u"example.com/-x"_s << u"example.com/-x"_s << u""_s << true;
    QTest::addRow("16: example.com//x")
        << u"example.com//x"_s << u"example.com//x"_s << u""_s << true;
    QTest::addRow("17: example.com/x/")
        << u"example.com/x/"_s << u"example.com/x/"_s << u""_s << true;
    QTest::addRow("18: /example.com") << u"/example.com"_s << u"/example.com"_s << u""_s << true;
    QTest::addRow("19: example.com/x~1")
        << u"example.com/x~1"_s << u"example.com/x~1"_s << u""_s << true;
    QTest::addRow("20: example.com/x~1.go")
        << u"example.com/x~1.go"_s << u"example.com/x~1.go"_s << u""_s << true;
    QTest::addRow("21: example.com/x~a")
        << u"example.com/x~a"_s << u"example.com/x~a"_s << u""_s << true;
    QTest::addRow("22: example.com/con")
        << u"example.com/con"_s << u"example.com/con"_s << u""_s << true;
    QTest::addRow("23: example.com/CON.txt")
        << u"example.com/CON.txt"_s << u"example.com/CON.txt"_s << u""_s << true;
    QTest::addRow("24: example.com/com1")
        << u"example.com/com1"_s << u"example.com/com1"_s << u""_s << true;
    QTest::addRow("25: example.com/lpt9x")
        << u"example.com/lpt9x"_s << u"example.com/lpt9x"_s << u""_s << true;
    QTest::addRow("26: example.com/x.")
        << u"example.com/x."_s << u"example.com/x."_s << u""_s << true;
    QTest::addRow("27: example.com/...")
        << u"example.com/..."_s << u"example.com/..."_s << u""_s << true;
    QTest::addRow("28: example.com/?")
        << u"example.com/\u00e9"_s << u"example.com/\u00e9"_s << u""_s << true;
    QTest::addRow("29: example.com/x y")
        << u"example.com/x y"_s << u"example.com/x y"_s << u""_s << true;
    QTest::addRow("30: example.com/x+y")
        << u"example.com/x+y"_s << u"example.com/x+y"_s << u""_s << true;
    QTest::addRow("31: example.com/x@v")
        << u"example.com/x@v"_s << u"example.com/x@v"_s << u""_s << true;
    QTest::addRow("32: example.com/a?b")
        << u"example.com/a\"b"_s << u"example.com/a\"b"_s << u""_s << true;
    QTest::addRow("33: gopkg.in/yaml.v0")
        << u"gopkg.in/yaml.v0"_s << u"gopkg.in/yaml"_s << u".v0"_s << true;
    QTest::addRow("34: gopkg.in/yaml.v1")
        << u"gopkg.in/yaml.v1"_s << u"gopkg.in/yaml"_s << u".v1"_s << true;
    QTest::addRow("35: gopkg.in/yaml")
        << u"gopkg.in/yaml"_s << u"gopkg.in/yaml"_s << u""_s << false;
    QTest::addRow("36: gopkg.in/yaml.v02")
        << u"gopkg.in/yaml.v02"_s << u"gopkg.in/yaml.v02"_s << u""_s << false;
    QTest::addRow("37: gopkg.in/yaml.v3-unstable")
        << u"gopkg.in/yaml.v3-unstable"_s << u"gopkg.in/yaml"_s << u".v3-unstable"_s << true;
    QTest::addRow("38: gopkg.in/v3") << u"gopkg.in/v3"_s << u"gopkg.in/v3"_s << u""_s << false;
    QTest::addRow("39: ex_ample.com/x")
        << u"ex_ample.com/x"_s << u"ex_ample.com/x"_s << u""_s << true;
    QTest::addRow("40: ex~ample.com/x")
        << u"ex~ample.com/x"_s << u"ex~ample.com/x"_s << u""_s << true;
    QTest::addRow("41: exa:mple.com/x")
        << u"exa:mple.com/x"_s << u"exa:mple.com/x"_s << u""_s << true;
    QTest::addRow("42: example.com/x?y")
        << u"example.com/x\\y"_s << u"example.com/x\\y"_s << u""_s << true;
    QTest::addRow("43: (empty)") << u""_s << u""_s << u""_s << true;
}

void TestModulePath::shouldSplitPathVersion()
{
    QFETCH(QString, path);
    QFETCH(QString, prefix);
    QFETCH(QString, pathMajor);
    QFETCH(bool, ok);
    const ModulePath::Split s = ModulePath::splitPathVersion(path);
    QCOMPARE(s.ok, ok);
    QCOMPARE(s.prefix, prefix);
    QCOMPARE(s.pathMajor, pathMajor);
    if (ok)
        QCOMPARE(s.prefix + s.pathMajor, path);
}

void TestModulePath::shouldMatchPrefixPatterns_data()
{
    QTest::addColumn<QString>("globs");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("match");
    QTest::addRow("0: *.corp.example.com ~ git.corp.example.com/xyzzy")
        << u"*.corp.example.com"_s << u"git.corp.example.com/xyzzy"_s << true;
    QTest::addRow("1: *.corp.example.com ~ corp.example.com/x")
        << u"*.corp.example.com"_s << u"corp.example.com/x"_s << false;
    QTest::addRow("2: rsc.io/private ~ rsc.io/private/quux")
        << u"rsc.io/private"_s << u"rsc.io/private/quux"_s << true;
    QTest::addRow("3: rsc.io/private ~ rsc.io/privateer")
        << u"rsc.io/private"_s << u"rsc.io/privateer"_s << false;
    QTest::addRow("4: rsc.io/* ~ rsc.io/quote/v3") << u"rsc.io/*"_s << u"rsc.io/quote/v3"_s << true;
    QTest::addRow("5: github.com/Org ~ github.com/org/repo")
        << u"github.com/Org"_s << u"github.com/org/repo"_s << false;
    QTest::addRow("6: a.example.com, b.example.com ~ b.example.com/x")
        << u"a.example.com, b.example.com"_s << u"b.example.com/x"_s << false;
    QTest::addRow("7: a.example.com,b.example.com ~ b.example.com/x")
        << u"a.example.com,b.example.com"_s << u"b.example.com/x"_s << true;
    QTest::addRow("8: example.com/ ~ example.com/x")
        << u"example.com/"_s << u"example.com/x"_s << true;
    QTest::addRow("9: * ~ example.com/x") << u"*"_s << u"example.com/x"_s << true;
    QTest::addRow("10: */* ~ example.com") << u"*/*"_s << u"example.com"_s << false;
    QTest::addRow("11: none ~ example.com/x") << u"none"_s << u"example.com/x"_s << false;
    QTest::addRow("12: [ ~ example.com/x") << u"["_s << u"example.com/x"_s << false;
    QTest::addRow("13: [,example.com ~ example.com/y")
        << u"[,example.com"_s << u"example.com/y"_s << true;
    QTest::addRow("14: ,,example.com, ~ example.com")
        << u",,example.com,"_s << u"example.com"_s << true;
    QTest::addRow("15: (empty) ~ example.com") << u""_s << u"example.com"_s << false;
    QTest::addRow("16: example.com/x/y ~ example.com/x")
        << u"example.com/x/y"_s << u"example.com/x"_s << false;
    QTest::addRow("17: example.com/x/y ~ example.com/x/y/z")
        << u"example.com/x/y"_s << u"example.com/x/y/z"_s << true;
    QTest::addRow("18: */x ~ example.com/x/v2") << u"*/x"_s << u"example.com/x/v2"_s << true;
    QTest::addRow("19: ex?mple.com ~ example.com/a")
        << u"ex?mple.com"_s << u"example.com/a"_s << true;
    QTest::addRow("20: ex?ample.com ~ example.com/a")
        << u"ex\\ample.com"_s << u"example.com/a"_s << true;
    QTest::addRow("21: example.com// ~ example.com/a")
        << u"example.com//"_s << u"example.com/a"_s << false;
    QTest::addRow("22: / ~ example.com") << u"/"_s << u"example.com"_s << false;
}

void TestModulePath::shouldMatchPrefixPatterns()
{
    QFETCH(QString, globs);
    QFETCH(QString, target);
    QFETCH(bool, match);
    QCOMPARE(ModulePath::matchPrefixPatterns(globs, target), match);
}

void TestModulePath::shouldMatchLikePathMatch_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("match");
    QTest::addRow("0: * ~ abc") << u"*"_s << u"abc"_s << true;
    QTest::addRow("1: * ~ a/b") << u"*"_s << u"a/b"_s << false;
    QTest::addRow("2: *c ~ abc") << u"*c"_s << u"abc"_s << true;
    QTest::addRow("3: a* ~ a") << u"a*"_s << u"a"_s << true;
    QTest::addRow("4: a*/b ~ abc/b") << u"a*/b"_s << u"abc/b"_s << true;
    QTest::addRow("5: a*/b ~ a/c/b") << u"a*/b"_s << u"a/c/b"_s << false;
    QTest::addRow("6: a*b*c*d*e*/f ~ axbxcxdxe/f") << u"a*b*c*d*e*/f"_s << u"axbxcxdxe/f"_s << true;
    QTest::addRow("7: a*b*c*d*e*/f ~ axbxcxdxexxx/f")
        << u"a*b*c*d*e*/f"_s << u"axbxcxdxexxx/f"_s << true;
    QTest::addRow("8: a*b*c*d*e*/f ~ axbxcxdxe/xxx/f")
        << u"a*b*c*d*e*/f"_s << u"axbxcxdxe/xxx/f"_s << false;
    QTest::addRow("9: a*b?c*x ~ abxbbxdbxebxczzx") << u"a*b?c*x"_s << u"abxbbxdbxebxczzx"_s << true;
    QTest::addRow("10: a*b?c*x ~ abxbbxdbxebxczzy")
        << u"a*b?c*x"_s << u"abxbbxdbxebxczzy"_s << false;
    QTest::addRow("11: ab[c] ~ abc") << u"ab[c]"_s << u"abc"_s << true;
    QTest::addRow("12: ab[b-d] ~ abc") << u"ab[b-d]"_s << u"abc"_s << true;
    QTest::addRow("13: ab[e-g] ~ abc") << u"ab[e-g]"_s << u"abc"_s << false;
    QTest::addRow("14: ab[^c] ~ abc") << u"ab[^c]"_s << u"abc"_s << false;
    QTest::addRow("15: ab[^b-d] ~ abc") << u"ab[^b-d]"_s << u"abc"_s << false;
    QTest::addRow("16: ab[^e-g] ~ abc") << u"ab[^e-g]"_s << u"abc"_s << true;
    QTest::addRow("17: a?*b ~ a*b") << u"a\\*b"_s << u"a*b"_s << true;
    QTest::addRow("18: a?*b ~ ab") << u"a\\*b"_s << u"ab"_s << false;
    QTest::addRow("19: a?b ~ a?b") << u"a?b"_s << u"a\u263ab"_s << true;
    QTest::addRow("20: a[^a]b ~ a?b") << u"a[^a]b"_s << u"a\u263ab"_s << true;
    QTest::addRow("21: a???b ~ a?b") << u"a???b"_s << u"a\u263ab"_s << false;
    QTest::addRow("22: a[^a][^a][^a]b ~ a?b") << u"a[^a][^a][^a]b"_s << u"a\u263ab"_s << false;
    QTest::addRow("23: [a-?]* ~ ?") << u"[a-\u03b6]*"_s << u"\u03b1"_s << true;
    QTest::addRow("24: *[a-?] ~ A") << u"*[a-\u03b6]"_s << u"A"_s << false;
    QTest::addRow("25: a?b ~ a/b") << u"a?b"_s << u"a/b"_s << false;
    QTest::addRow("26: a*b ~ a/b") << u"a*b"_s << u"a/b"_s << false;
    QTest::addRow("27: [?]a] ~ ]") << u"[\\]a]"_s << u"]"_s << true;
    QTest::addRow("28: [?-] ~ -") << u"[\\-]"_s << u"-"_s << true;
    QTest::addRow("29: [x?-] ~ x") << u"[x\\-]"_s << u"x"_s << true;
    QTest::addRow("30: [x?-] ~ -") << u"[x\\-]"_s << u"-"_s << true;
    QTest::addRow("31: [x?-] ~ z") << u"[x\\-]"_s << u"z"_s << false;
    QTest::addRow("32: [?-x] ~ x") << u"[\\-x]"_s << u"x"_s << true;
    QTest::addRow("33: [?-x] ~ -") << u"[\\-x]"_s << u"-"_s << true;
    QTest::addRow("34: [?-x] ~ a") << u"[\\-x]"_s << u"a"_s << false;
    QTest::addRow("35: []a] ~ ]") << u"[]a]"_s << u"]"_s << false;
    QTest::addRow("36: [-] ~ -") << u"[-]"_s << u"-"_s << false;
    QTest::addRow("37: [x-] ~ x") << u"[x-]"_s << u"x"_s << false;
    QTest::addRow("38: [x-] ~ -") << u"[x-]"_s << u"-"_s << false;
    QTest::addRow("39: [x-] ~ z") << u"[x-]"_s << u"z"_s << false;
    QTest::addRow("40: [-x] ~ x") << u"[-x]"_s << u"x"_s << false;
    QTest::addRow("41: [-x] ~ -") << u"[-x]"_s << u"-"_s << false;
    QTest::addRow("42: [-x] ~ a") << u"[-x]"_s << u"a"_s << false;
    QTest::addRow("43: ? ~ a") << u"\\"_s << u"a"_s << false;
    QTest::addRow("44: [a-b-c] ~ a") << u"[a-b-c]"_s << u"a"_s << false;
    QTest::addRow("45: [ ~ a") << u"["_s << u"a"_s << false;
    QTest::addRow("46: [^ ~ a") << u"[^"_s << u"a"_s << false;
    QTest::addRow("47: [^bc ~ a") << u"[^bc"_s << u"a"_s << false;
    QTest::addRow("48: a[ ~ a") << u"a["_s << u"a"_s << false;
    QTest::addRow("49: a[ ~ ab") << u"a["_s << u"ab"_s << false;
    QTest::addRow("50: a[ ~ x") << u"a["_s << u"x"_s << false;
    QTest::addRow("51: a/b[ ~ x") << u"a/b["_s << u"x"_s << false;
    QTest::addRow("52: *x ~ xxx") << u"*x"_s << u"xxx"_s << true;
    QTest::addRow("53: [a-z] ~ m") << u"[a-z]"_s << u"m"_s << true;
    QTest::addRow("54: [a-z] ~ M") << u"[a-z]"_s << u"M"_s << false;
    QTest::addRow("55: [^x] ~ y") << u"[^x]"_s << u"y"_s << true;
    QTest::addRow("56: [^x] ~ x") << u"[^x]"_s << u"x"_s << false;
    QTest::addRow("57: a? ~ a") << u"a\\"_s << u"a"_s << false;
    QTest::addRow("58: (empty) ~ (empty)") << u""_s << u""_s << true;
    QTest::addRow("59: (empty) ~ a") << u""_s << u"a"_s << false;
    QTest::addRow("60: a ~ (empty)") << u"a"_s << u""_s << false;
    QTest::addRow("61: * ~ (empty)") << u"*"_s << u""_s << true;
}

void TestModulePath::shouldMatchLikePathMatch()
{
    QFETCH(QString, pattern);
    QFETCH(QString, name);
    QFETCH(bool, match);
    QCOMPARE(ModulePath::pathMatch(pattern, name), match);
}

QTEST_GUILESS_MAIN(TestModulePath)
#include "tst_modulepath.moc"
