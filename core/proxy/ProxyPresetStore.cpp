// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyPresetStore.h"

#include <algorithm>

#include <QSettings>

#include "env/GoEnvFile.h"
#include "proxy/ProxyVariable.h"
#include "proxy/ProxyList.h"
#include "proxy/SumDbConfig.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr int maxNameLength = 64;
const QString groupName = u"ProxyPresets"_s;
const QString arrayName = u"presets"_s;
const QStringList optionalNames = ProxyVariable::optionalNames();

Error invalid(const QString &message, const QString &subject)
{
    return Error::make(Error::Code::InvalidArgument, message, subject);
}

} // namespace

ProxyPresetStore::ProxyPresetStore(QSettings *settings)
{
    if (settings) {
        m_settings = settings;
    } else {
        m_owned = std::make_unique<QSettings>();
        m_settings = m_owned.get();
    }
}

ProxyPresetStore::~ProxyPresetStore() = default;

QList<ProxyPreset> ProxyPresetStore::userPresets() const
{
    m_settings->sync(); // another process (the CLI, a second window) may have changed them
    QList<ProxyPreset> out;
    m_settings->beginGroup(groupName);
    const int n = m_settings->beginReadArray(arrayName);
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        ProxyPreset p;
        p.name = m_settings->value(u"name"_s).toString();
        p.goproxy = m_settings->value(u"GOPROXY"_s).toString();
        p.description = m_settings->value(u"description"_s).toString();
        for (const QString &name : optionalNames) {
            if (m_settings->contains(name))
                p.setValue(name, m_settings->value(name).toString());
        }
        if (!p.name.isEmpty())
            out.append(p);
    }
    m_settings->endArray();
    m_settings->endGroup();
    std::sort(out.begin(), out.end(), [](const ProxyPreset &a, const ProxyPreset &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

QList<ProxyPreset> ProxyPresetStore::presets() const
{
    return ProxyPreset::builtIns() + userPresets();
}

std::optional<ProxyPreset> ProxyPresetStore::find(const QString &name) const
{
    const QList<ProxyPreset> all = presets();
    for (const ProxyPreset &p : all) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

Status ProxyPresetStore::validate(const ProxyPreset &preset)
{
    const QString &name = preset.name;
    if (name.trimmed().isEmpty())
        return invalid(u"a preset needs a name"_s, u"name"_s);
    if (name.trimmed() != name)
        return invalid(u"a preset name cannot start or end with white space"_s, name);
    if (name.size() > maxNameLength)
        return invalid(u"a preset name is at most %1 characters"_s.arg(maxNameLength), name);
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c.isSurrogate())
            return invalid(u"a preset name cannot contain control characters"_s, name);
    }
    if (!preset.builtIn) {
        for (const ProxyPreset &b : ProxyPreset::builtIns()) {
            if (b.name.compare(name, Qt::CaseInsensitive) == 0)
                return invalid(u"this name belongs to a built-in preset"_s, name);
        }
    }

    // What `go env -w` would refuse (NUL, newlines, invalid UTF-8) first, then go's GOPROXY rules.
    for (const auto &[var, value] : preset.values()) {
        if (Status st = GoEnvFile::checkWrite(var, value); !st)
            return st;
    }
    if (const Expected<ProxyList> list = ProxyList::parseStrict(preset.goproxy); !list)
        return list.error();
    if (preset.gosumdb && !preset.gosumdb->isEmpty()) {
        if (const Expected<SumDbConfig> db = SumDbConfig::parse(*preset.gosumdb); !db)
            return db.error();
    }
    return {};
}

Status ProxyPresetStore::add(const ProxyPreset &presetIn, bool replace)
{
    ProxyPreset preset = presetIn;
    preset.builtIn = false;
    if (Status st = validate(preset); !st)
        return st;
    QList<ProxyPreset> list = userPresets();
    if (Status st = readable(); !st)
        return st;
    const auto it = std::find_if(list.begin(), list.end(),
                                 [&](const ProxyPreset &p) { return p.name == preset.name; });
    if (it != list.end()) {
        if (!replace)
            return Error::make(Error::Code::InvalidArgument,
                               u"a preset with this name exists already"_s, preset.name);
        *it = preset;
    } else {
        list.append(preset);
    }
    save(list);
    if (m_settings->status() != QSettings::NoError)
        return Error::make(Error::Code::Io, u"could not save the presets"_s,
                           m_settings->fileName());
    return {};
}

Status ProxyPresetStore::remove(const QString &name)
{
    for (const ProxyPreset &b : ProxyPreset::builtIns()) {
        if (b.name == name)
            return Error::make(Error::Code::Refused, u"built-in presets cannot be removed"_s, name);
    }
    QList<ProxyPreset> list = userPresets();
    if (Status st = readable(); !st)
        return st;
    const qsizetype removed = list.removeIf([&](const ProxyPreset &p) { return p.name == name; });
    if (removed == 0)
        return Error::make(Error::Code::NotFound, u"no such preset"_s, name);
    save(list);
    if (m_settings->status() != QSettings::NoError)
        return Error::make(Error::Code::Io, u"could not save the presets"_s,
                           m_settings->fileName());
    return {};
}

Status ProxyPresetStore::readable() const
{
    // Saving rewrites the whole file: what QSettings could not read would be lost with it.
    if (m_settings->status() != QSettings::NoError)
        return Error::make(
            Error::Code::Io,
            u"the settings file could not be read, so the presets were not saved over it"_s,
            m_settings->fileName());
    return {};
}

void ProxyPresetStore::save(const QList<ProxyPreset> &presets)
{
    m_settings->beginGroup(groupName);
    m_settings->remove(QString()); // the whole group: a shorter array leaves no stale rows
    m_settings->beginWriteArray(arrayName, int(presets.size()));
    for (int i = 0; i < presets.size(); ++i) {
        const ProxyPreset &p = presets.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(u"name"_s, p.name);
        m_settings->setValue(u"GOPROXY"_s, p.goproxy);
        if (!p.description.isEmpty())
            m_settings->setValue(u"description"_s, p.description);
        for (const QString &name : optionalNames) {
            if (const std::optional<QString> v = p.value(name))
                m_settings->setValue(name, *v);
        }
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->sync();
}

std::optional<ProxyPreset> ProxyPresetStore::activePreset(const ProxySettings &effective) const
{
    std::optional<ProxyPreset> best;
    for (const ProxyPreset &p : presets()) {
        if (p.matches(effective) && (!best || p.specificity() > best->specificity()))
            best = p;
    }
    return best;
}

} // namespace mk
