// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpProxyFactory.h"

namespace mk {

HttpProxyFactory::HttpProxyFactory(HttpProxyEnvironment environment)
    : m_environment(std::move(environment))
{ }

QList<QNetworkProxy> HttpProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    const HttpProxyEnvironment::Decision d = m_environment.decide(query.url());
    if (d.proxy) {
        if (const Expected<QNetworkProxy> p = HttpProxyEnvironment::networkProxy(*d.proxy))
            return {*p};
    }
    return {QNetworkProxy(QNetworkProxy::NoProxy)};
}

} // namespace mk
