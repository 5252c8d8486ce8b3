// SPDX-License-Identifier: GPL-3.0-or-later
#include "EnvHeader.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>

#include "env/GoEnvironment.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

QLabel *makeKey(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLabel *makeValue(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Long paths are clipped instead of widening the window; the tooltip has them whole.
    label->setMinimumWidth(40);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QLabel *makeOrigin(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

/// Where a value came from, in the UI language (core's toString() stays English for the CLI
/// and JSON).
QString originName(EnvOrigin origin)
{
    switch (origin) {
    case EnvOrigin::Environment:
        return EnvHeader::tr("environment", "where a go env value came from");
    case EnvOrigin::EnvFile:
        return EnvHeader::tr("go env file", "where a go env value came from");
    case EnvOrigin::GoRootEnv:
        return u"go.env"_s;
    case EnvOrigin::Default:
        return EnvHeader::tr("default", "where a go env value came from: go's built-in default");
    case EnvOrigin::Unset:
        break;
    }
    return EnvHeader::tr("unset", "where a go env value came from: nowhere");
}

QString originText(const QString &origin)
{
    return origin.isEmpty() ? QString() : EnvHeader::tr("(from %1)").arg(origin);
}

} // namespace

EnvHeader::EnvHeader(QWidget *parent)
    : QFrame(parent), m_cacheValue(makeValue(u"gomodcacheValue"_s, this)),
      m_cacheOrigin(makeOrigin(u"gomodcacheOrigin"_s, this)),
      m_proxyValue(makeValue(u"goproxyValue"_s, this)),
      m_proxyOrigin(makeOrigin(u"goproxyOrigin"_s, this)), m_goVersion(new QLabel(this))
{
    setObjectName(u"envHeader"_s);
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_goVersion->setObjectName(u"goVersionLabel"_s);
    m_goVersion->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(12, 8, 12, 8);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(3);
    // The origin follows its value closely; the Go version sits at the far right.
    const auto valueRow = [this](QLabel *value, QLabel *origin) {
        auto *row = new QHBoxLayout;
        row->setSpacing(10);
        row->addWidget(value);
        row->addWidget(origin);
        row->addStretch(1);
        return row;
    };
    grid->addWidget(makeKey(u"GOMODCACHE"_s, this), 0, 0);
    grid->addLayout(valueRow(m_cacheValue, m_cacheOrigin), 0, 1);
    grid->addWidget(makeKey(u"GOPROXY"_s, this), 1, 0);
    grid->addLayout(valueRow(m_proxyValue, m_proxyOrigin), 1, 1);
    grid->addWidget(m_goVersion, 0, 2, 2, 1);
    grid->setColumnStretch(1, 1);
}

EnvHeader::~EnvHeader() = default;

void EnvHeader::setEnvironment(const GoEnvironment &env)
{
    const Expected<QString> cache = env.gomodcache();
    const GoEnvironment::Variable cacheVar = env.variable(u"GOMODCACHE"_s);
    if (cache) {
        setCacheRoot(cache.value(), originName(cacheVar.origin));
    } else {
        m_cacheValue->setText(tr("not resolved"));
        m_cacheValue->setToolTip(cache.error().toString());
        m_cacheOrigin->setText(cache.error().message);
    }

    const GoEnvironment::Variable proxy = env.variable(u"GOPROXY"_s);
    m_proxyValue->setText(proxy.value.isEmpty() ? tr("(unset)") : proxy.value);
    m_proxyValue->setToolTip(proxy.error.isError() ? proxy.error.toString() : proxy.value);
    m_proxyOrigin->setText(originText(originName(proxy.origin)));

    if (env.goroot().isEmpty()) {
        m_goVersion->setText(tr("Go not found"));
        m_goVersion->setToolTip(tr("No go command on PATH and GOROOT is not set; values are "
                                   "go's defaults"));
    } else {
        m_goVersion->setText(env.goVersion().isEmpty() ? tr("Go (version unknown)")
                                                       : env.goVersion());
        m_goVersion->setToolTip(tr("GOROOT: %1").arg(env.goroot()));
    }
}

QString EnvHeader::originName(EnvOrigin origin)
{
    return mk::originName(origin);
}

void EnvHeader::setCacheRoot(const QString &path, const QString &origin)
{
    m_cacheValue->setText(path);
    m_cacheValue->setToolTip(path);
    m_cacheOrigin->setText(originText(origin));
}

} // namespace mk
