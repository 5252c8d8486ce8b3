// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QNetworkProxyFactory>

#include "proxy/HttpProxyEnvironment.h"

namespace mk {

/// Lets Qt Network ask go's rules (HTTPS_PROXY / HTTP_PROXY / NO_PROXY) which way out each
/// request takes. Qt calls it for every request, redirects included, as go calls its
/// Transport.Proxy func. A value go would refuse means a direct connection here; callers that
/// must report the refusal check HttpProxyEnvironment::decide themselves.
class HttpProxyFactory final : public QNetworkProxyFactory
{
public:
    explicit HttpProxyFactory(HttpProxyEnvironment environment);
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

private:
    const HttpProxyEnvironment m_environment;
};

} // namespace mk
