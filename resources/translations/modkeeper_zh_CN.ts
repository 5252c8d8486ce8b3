<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DisplayFormat</name>
    <message>
        <location filename="../../ui/DisplayFormat.cpp" line="+28"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+53"/>
        <source>Partial</source>
        <translation>不完整</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Archive only</source>
        <translation>仅 zip 包</translation>
    </message>
    <message>
        <location filename="../../ui/CleanupDialog.cpp" line="+205"/>
        <location filename="../../ui/DisplayFormat.cpp" line="+2"/>
        <location filename="../../ui/MainWindow.cpp" line="+333"/>
        <source>Metadata only</source>
        <translation>仅元数据</translation>
    </message>
    <message>
        <location filename="../../ui/DisplayFormat.cpp" line="+9"/>
        <source>Extracted source tree with its verified zip hash: ready to build.</source>
        <translation>已解压的源码目录，zip 包哈希已校验：可直接用于构建。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An interrupted or inconsistent download: go will fetch it again.</source>
        <translation>下载中断或内容不一致：go 会重新下载它。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the zip archive is cached; go extracts it when a build needs it.</source>
        <translation>只缓存了 zip 包；构建需要时 go 会将其解压。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only .info/.mod metadata, as left by go list -m or module graph pruning.</source>
        <translation>只有 .info/.mod 元数据，由 go list -m 或模块图修剪留下。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not checked</source>
        <translation>未校验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Modified</source>
        <translation>被修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Corrupt</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unverifiable</source>
        <translation>无法校验</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/gui/main.cpp" line="+36"/>
        <source>Desktop manager for the Go module cache.</source>
        <translation>Go 模块缓存的桌面管理工具。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show the module cache in &lt;dir&gt; instead of GOMODCACHE.</source>
        <translation>显示 &lt;dir&gt; 中的模块缓存，而不是 GOMODCACHE。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save a PNG of the window to &lt;file&gt; once the first scan has finished, then exit (for screenshots).</source>
        <translation>首次扫描完成后将窗口截图保存为 PNG 文件 &lt;file&gt;，然后退出（用于制作截图）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>ModKeeper Settings</source>
        <translation>ModKeeper 设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ModKeeper could not read its settings file.</source>
        <translation>ModKeeper 无法读取其设置文件。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>--modcache</source>
        <translation>--modcache</translation>
    </message>
</context>
<context>
    <name>mk::AboutDialog</name>
    <message>
        <location filename="../../ui/AboutDialog.cpp" line="+46"/>
        <source>About ModKeeper</source>
        <translation>关于 ModKeeper</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A desktop manager for the Go module cache.</source>
        <translation>Go 模块缓存的桌面管理工具。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Free software under the &lt;a href=&quot;%1&quot;&gt;GNU General Public License&lt;/a&gt;, version 3 or later. It comes with no warranty.</source>
        <translation>自由软件，以 &lt;a href=&quot;%1&quot;&gt;GNU 通用公共许可证&lt;/a&gt;第 3 版或更新版本发布。本软件不提供任何担保。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Qt:</source>
        <translation>Qt：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (built with %2)</source>
        <translation>%1（构建时使用 %2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>QtKeychain:</source>
        <translation>QtKeychain：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>libzip:</source>
        <translation>libzip：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenSSL:</source>
        <translation>OpenSSL：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>libdeflate:</source>
        <translation>libdeflate：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings:</source>
        <translation>设置：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trash:</source>
        <translation>回收站：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Removed versions wait in the folder %1 inside each module cache until they are emptied or restored.</source>
        <translation>删除的版本会暂存在各个模块缓存内的 %1 文件夹中，直到被清空或恢复。</translation>
    </message>
</context>
<context>
    <name>mk::CacheFilterProxy</name>
    <message>
        <location filename="../../ui/CacheFilterProxy.cpp" line="+90"/>
        <source>Text matches module paths anywhere, ignoring case (&quot;yaml&quot;).
With * ? [ ] or a comma, the text is a list of go glob patterns, matched as GOPRIVATE is: each pattern against the leading path elements, case-sensitive (&quot;github.com/*&quot;, &quot;golang.org/x/*,gopkg.in&quot;).</source>
        <translation>文本会在模块路径的任意位置匹配，不区分大小写（如 &quot;yaml&quot;）。
含有 * ? [ ] 或逗号时，文本被视为 go 通配模式列表，匹配方式与 GOPRIVATE 相同：每个模式与路径开头的若干段比较，区分大小写（如 &quot;github.com/*&quot;、&quot;golang.org/x/*,gopkg.in&quot;）。</translation>
    </message>
</context>
<context>
    <name>mk::CacheModel</name>
    <message>
        <location filename="../../ui/CacheModel.cpp" line="+60"/>
        <source>1 version</source>
        <translation>1 个版本</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n versions</source>
        <translation>
            <numerusform>%n 个版本</numerusform>
        </translation>
    </message>
    <message>
        <location line="+620"/>
        <source>Projects not read yet: choose project folders in Settings ▸ Projects…</source>
        <translation>尚未读取项目：请在“设置 ▸ 项目…”中选择项目文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No project needs this version</source>
        <translation>没有项目需要此版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No project needs a version of this module</source>
        <translation>没有项目需要此模块的任何版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (code)</source>
        <translation>%1（代码需要）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (go.mod only)</source>
        <translation>%1（仅 go.mod 需要）</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1 bytes on disk in %2</source>
        <translation>共 %2，磁盘占用 %1 字节</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Newest download: %1</source>
        <translation>最近一次下载：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Mixed · %1 %2</source>
        <translation>混合 · %2 %1 个</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1
On disk: %2@%3</source>
        <translation>%1
磁盘上的名称：%2@%3</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Used by %n project(s)</source>
        <translation>
            <numerusform>%n 个项目使用</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 bytes on disk (%2 apparent)
Extracted tree: %3</source>
        <translation>磁盘占用 %1 字节（表观大小 %2）
解压目录：%3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Unknown: neither .ziphash nor .info exists</source>
        <translation>未知：.ziphash 和 .info 都不存在</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Not tracked: the filesystem is mounted noatime</source>
        <translation>不记录：文件系统以 noatime 方式挂载</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not tracked</source>
        <translation>不记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approximate, to about a day (relatime): %1</source>
        <translation>近似值，精确到约一天（relatime）：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/MainWindow.cpp" line="-9"/>
        <source>Size on disk</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloaded</source>
        <translation>下载时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Integrity</source>
        <translation>完整性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Used by</source>
        <translation>项目使用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Module path, unescaped</source>
        <translation>模块路径（未转义）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cached versions of the module</source>
        <translation>该模块已缓存的版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Space allocated on disk (as du counts it)</source>
        <translation>在磁盘上分配的空间（与 du 的统计方式相同）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files in the extracted tree and the download directory</source>
        <translation>解压目录和下载目录中的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When go downloaded the version (.ziphash or .info time)</source>
        <translation>go 下载该版本的时间（.ziphash 或 .info 的时间）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newest access time of the version&apos;s metadata; approximate under relatime, not tracked under noatime</source>
        <translation>该版本元数据文件最近的访问时间；relatime 下为近似值，noatime 下不记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What go has of the version: tree, archive or metadata only</source>
        <translation>go 拥有该版本的哪些内容：源码目录、zip 包，或仅有元数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the last verification found: the zip and the extracted tree checked against the recorded hash, as go mod verify does</source>
        <translation>最近一次校验的结果：像 go mod verify 一样，将 zip 包和解压目录与记录的哈希进行比对</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many of your projects (Settings ▸ Projects…) need the version, for their code or only for their go.mod</source>
        <translation>你的项目（设置 ▸ 项目…）中有几个需要该版本：代码需要，或者仅 go.mod 需要</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Matches its recorded hash %1</source>
        <translation>与记录的哈希 %1 一致</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not verified yet: Verify checks it against its recorded hash</source>
        <translation>尚未校验：“校验”会将其与记录的哈希进行比对</translation>
    </message>
</context>
<context>
    <name>mk::CleanupDialog</name>
    <message>
        <location filename="../../ui/CleanupDialog.cpp" line="-158"/>
        <source>1 version</source>
        <translation>1 个版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 versions</source>
        <translation>%1 个版本</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Clean Up Module Cache</source>
        <translation>清理模块缓存</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Which modules</source>
        <translation>哪些模块</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All modules</source>
        <translation>所有模块</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patterns as modkeeper-cli purge takes them, separated by spaces:
  path@version   exactly that version
  path           every version of exactly that module
  golang.org/x/*,gopkg.in   a glob list, matched as GOPRIVATE is</source>
        <translation>模式写法与 modkeeper-cli purge 相同，以空格分隔：
  path@version   只匹配该版本
  path           该模块（完全一致）的所有版本
  golang.org/x/*,gopkg.in   通配模式列表，匹配方式与 GOPRIVATE 相同</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>path, path@version or globs like golang.org/x/*,gopkg.in, separated by spaces. Empty: every module, narrowed by the policies below.</source>
        <translation>path、path@version 或 golang.org/x/*,gopkg.in 这样的通配模式，以空格分隔。留空：所有模块，再由下面的策略筛选。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove versions that</source>
        <translation>删除满足以下条件的版本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>were last used more than</source>
        <translation>最近一次使用早于</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last use where the filesystem tracks access times; else the download date</source>
        <translation>文件系统记录访问时间时，按最近使用时间；否则按下载时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> days ago</source>
        <translation> 天前</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>are not among the newest</source>
        <translation>不在所属模块最新的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keeps the newest versions of each module and major version (v1 and v2 count apart), in semver order</source>
        <translation>按语义化版本顺序，保留每个模块、每个主版本最新的若干个版本（v1 和 v2 分开计算）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>of their module (per major version)</source>
        <translation>个版本之内（每个主版本分开计算）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>are in one of the states</source>
        <translation>处于以下状态之一</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Keep the zips (restorable offline): remove only the extracted trees</source>
        <translation>保留 zip 包（可离线恢复）：只删除解压目录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A light clean: go re-extracts a tree from its zip when a build needs it, and Restore does it offline</source>
        <translation>轻量清理：构建需要时 go 会从 zip 包重新解压，“恢复”也可以离线完成这一步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep only what my projects need</source>
        <translation>只保留我的项目需要的内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Versions no project needs are removed; versions needed only for their go.mod keep just .info and .mod; toolchains a project&apos;s toolchain line names, and the one running here, stay. The projects are read below the folders of Settings ▸ Projects…</source>
        <translation>删除没有项目需要的版本；仅 go.mod 需要的版本只保留 .info 和 .mod；被项目 toolchain 行指定的工具链以及当前运行的工具链会保留。项目从“设置 ▸ 项目…”中的文件夹下读取。</translation>
    </message>
    <message>
        <location line="+55"/>
        <location line="+132"/>
        <location line="+53"/>
        <location line="+16"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>1 toolchain kept (%1).</source>
        <translation>保留 1 个工具链（%1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 toolchains kept (%2).</source>
        <translation>保留 %1 个工具链（%2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clean %1</source>
        <translation>清理 %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tick at least one state.</source>
        <translation>请至少勾选一个状态。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose what to clean up: patterns, a policy or some states. To remove everything, use Cache ▸ Purge Everything.</source>
        <translation>请选择要清理的内容：模式、策略或状态。如需删除全部内容，请使用“缓存 ▸ 全部清除”。</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+52"/>
        <location line="+28"/>
        <source>Nothing to remove</source>
        <translation>没有可删除的内容</translation>
    </message>
    <message>
        <location line="-79"/>
        <location line="+52"/>
        <source>%1 · %2 freed</source>
        <translation>%1 · 释放 %2</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Needed by no project: %1 removed, %2.</source>
        <translation>没有项目需要：删除 %1，%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needed only for their go.mod: %1 cleaned down to .info and .mod, %2.</source>
        <translation>仅 go.mod 需要：%1 缩减为 .info 和 .mod，%2。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Only the extracted trees go; the zips stay, so Restore brings them back offline.</source>
        <translation>只删除解压目录；zip 包会保留，因此“恢复”可以离线把它们找回来。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>go downloads them again when a build needs them.</source>
        <translation>构建需要时 go 会重新下载它们。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 left alone, with the reason, at the end of the list.</source>
        <translation>%1 将被跳过，原因列在列表末尾。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No version of the cache meets all the criteria.</source>
        <translation>缓存中没有同时满足所有条件的版本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop 1 Tree</source>
        <translation>删除 1 个解压目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop %1 Trees</source>
        <translation>删除 %1 个解压目录</translation>
    </message>
</context>
<context>
    <name>mk::CompareMirrorsDialog</name>
    <message>
        <location filename="../../ui/CompareMirrorsDialog.cpp" line="+29"/>
        <source>Compare Mirrors</source>
        <translation>比较镜像</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Asks each mirror for the selected version — the version list, .info, go.mod and zip — and lists where they disagree. Nothing is written to the cache.</source>
        <translation>向每个镜像请求选中的版本（版本列表、.info、go.mod 和 zip 包），并列出它们不一致的地方。不会向缓存写入任何内容。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Asks each mirror for the %n selected versions — the version list, .info, go.mod and zip — and lists where they disagree. Nothing is written to the cache.</source>
        <translation>
            <numerusform>向每个镜像请求选中的 %n 个版本（版本列表、.info、go.mod 和 zip 包），并列出它们不一致的地方。不会向缓存写入任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The mirrors to compare, separated by commas</source>
        <translation>要比较的镜像，以逗号分隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mirrors:</source>
        <translation>镜像：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare the zips too (downloads each zip once per mirror)</source>
        <translation>同时比较 zip 包（每个镜像都会把每个 zip 包下载一次）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Finding</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other mirror</source>
        <translation>另一个镜像</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Name at least two mirrors.</source>
        <translation>请至少填写两个镜像。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Missing version</source>
        <translation>缺少版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Different version list</source>
        <translation>版本列表不同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Different hash (security)</source>
        <translation>哈希不同（安全问题）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mirror failed</source>
        <translation>镜像请求失败</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: %2 against %3</source>
        <translation>%1：%2 与 %3 不同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only at this mirror: %1; only at the other: %2</source>
        <translation>仅此镜像有：%1；仅另一个镜像有：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The comparison could not run: %1</source>
        <translation>无法进行比较：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>All %n mirrors agree on every version compared.</source>
        <translation>
            <numerusform>全部 %n 个镜像在所比较的每个版本上都一致。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 finding</source>
        <translation>1 处差异</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n findings</source>
        <translation>
            <numerusform>%n 处差异</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 security finding: a mirror serves content go would reject.</source>
        <translation>1 处安全问题：有镜像提供了 go 会拒绝的内容。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n security findings: mirrors serve content go would reject.</source>
        <translation>
            <numerusform>%n 处安全问题：有镜像提供了 go 会拒绝的内容。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped before the end.</source>
        <translation>未完成即已停止。</translation>
    </message>
</context>
<context>
    <name>mk::DetailsFilesModel</name>
    <message>
        <location filename="../../ui/DetailsFilesModel.cpp" line="+178"/>
        <source>%1 (symlink, not followed)</source>
        <translation>%1（符号链接，未跟随）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 on disk, %2 of content</source>
        <translation>磁盘占用 %1，内容大小 %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
</context>
<context>
    <name>mk::DetailsPane</name>
    <message>
        <location filename="../../ui/DetailsPane.cpp" line="+82"/>
        <source>Select a module or a version to see its details.</source>
        <translation>选择一个模块或版本以查看其详细信息。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the version&apos;s folder in the file manager</source>
        <translation>在文件管理器中打开该版本的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy path@version</source>
        <translation>复制 path@version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy go.sum Lines</source>
        <translation>复制 go.sum 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the lines go writes into go.sum for this version</source>
        <translation>复制 go 为该版本写入 go.sum 的行</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Integrity:</source>
        <translation>完整性：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published:</source>
        <translation>发布时间：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin:</source>
        <translation>源仓库：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zip hash:</source>
        <translation>zip 包哈希：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetched from:</source>
        <translation>获取来源：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used by:</source>
        <translation>项目使用：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>go.mod</source>
        <translation>go.mod</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Nothing selected</source>
        <translation>未选中任何内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 selected · %2</source>
        <translation>已选中 %1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 version</source>
        <translation>1 个版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 versions</source>
        <translation>%1 个版本</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>not read (projects are not known)</source>
        <translation>未读取（项目未知）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no project read uses it (or projects were not read)</source>
        <translation>已读取的项目都没有使用它（或尚未读取项目）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>listed in go.mod only</source>
        <translation>仅列在 go.mod 中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>built by its code</source>
        <translation>代码构建需要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The go.mod file cannot be read: %1</source>
        <translation>无法读取 go.mod 文件：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… (only the beginning is shown)</source>
        <translation>…（只显示开头部分）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown (%1)</source>
        <translation>未知（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not recorded by the proxy</source>
        <translation>代理未记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none (no .ziphash)</source>
        <translation>无（没有 .ziphash）</translation>
    </message>
</context>
<context>
    <name>mk::DownloadController</name>
    <message>
        <location filename="../../ui/DownloadController.cpp" line="+83"/>
        <source>GOPROXY was not switched: %1</source>
        <translation>未切换 GOPROXY：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GOPROXY switched to %1 in %2.</source>
        <translation>已在 %2 中将 GOPROXY 切换为 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The %1 environment variable of this session still overrides it.</source>
        <translation>当前会话的环境变量 %1 仍会覆盖它。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not started: the download could not be prepared.</source>
        <translation>未开始：无法完成下载前的准备。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The CA file of Settings ▸ Proxy…: %1</source>
        <translation>“设置 ▸ 代理…”中的 CA 文件：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GOSUMDB: %1</source>
        <translation>GOSUMDB：%1</translation>
    </message>
</context>
<context>
    <name>mk::DownloadDialog</name>
    <message>
        <location filename="../../ui/DownloadDialog.cpp" line="+38"/>
        <source>Refresh from a Proxy</source>
        <translation>从代理刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download Modules</source>
        <translation>下载模块</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Fetches %n version(s) again and compares them with the cache. Identical versions stay as they are; a version whose bytes differ is a security alert and the cached copy is kept.</source>
        <translation>
            <numerusform>从代理重新获取 %n 个版本，并与缓存比对。相同的版本保持不变；字节不一致的版本视为安全警报，缓存中的副本会被保留。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>One module@version per line, e.g. golang.org/x/text@v0.14.0. Each is checked as go checks it (zip rules, go.sum hash, checksum database) before it enters the cache.</source>
        <translation>每行一个 module@version，例如 golang.org/x/text@v0.14.0。每个版本进入缓存前都会像 go 一样进行检查（zip 规则、go.sum 哈希、校验和数据库）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Active GOPROXY (%1)</source>
        <translation>当前 GOPROXY（%1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fetch from:</source>
        <translation>获取来源：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also make it the GOPROXY that go uses (writes the go env file like go env -w)</source>
        <translation>同时将其设为 go 使用的 GOPROXY（像 go env -w 一样写入 go env 配置文件）</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Fetching from %1…</source>
        <translation>正在从 %1 获取…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetching…</source>
        <translation>正在获取…</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>%1: give module@version</source>
        <translation>%1：请写成 module@version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: not a canonical version (vX.Y.Z, a pre-release or a pseudo-version) or latest</source>
        <translation>%1：不是规范版本号（vX.Y.Z、预发布版本或伪版本），也不是 latest</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Type at least one module@version.</source>
        <translation>请至少输入一个 module@version。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing to fetch.</source>
        <translation>没有需要获取的内容。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The preset %1 no longer exists.</source>
        <translation>预设 %1 已不存在。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>GOPROXY was not switched: %1</source>
        <translation>未切换 GOPROXY：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Weaker checks</source>
        <translation>校验将被减弱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch anyway?</source>
        <translation>仍要切换吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not switched; nothing was fetched.</source>
        <translation>未切换；没有获取任何内容。</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n identical</source>
        <translation>
            <numerusform>%n 个相同</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n downloaded</source>
        <translation>
            <numerusform>%n 个已下载</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n already complete</source>
        <translation>
            <numerusform>%n 个已在缓存中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n CHANGED (security alert: the cached copies were kept)</source>
        <translation>
            <numerusform>%n 个有变化（安全警报：已保留缓存中的副本）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped. </source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was fetched.</source>
        <translation>没有获取任何内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 received.</source>
        <translation>已接收 %1。</translation>
    </message>
</context>
<context>
    <name>mk::DownloadReportModel</name>
    <message>
        <location filename="../../ui/DownloadReportModel.cpp" line="+19"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>already complete</source>
        <translation>已在缓存中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>identical</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CHANGED — security alert</source>
        <translation>有变化 — 安全警报</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>Module version</source>
        <translation>模块版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
</context>
<context>
    <name>mk::EmptyStatePage</name>
    <message>
        <location filename="../../ui/EmptyStatePage.cpp" line="+16"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>mk::EnvHeader</name>
    <message>
        <location filename="../../ui/EnvHeader.cpp" line="+51"/>
        <source>environment</source>
        <comment>where a go env value came from</comment>
        <translation>环境变量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>go env file</source>
        <comment>where a go env value came from</comment>
        <translation>go env 配置文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>default</source>
        <comment>where a go env value came from: go&apos;s built-in default</comment>
        <translation>默认值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unset</source>
        <comment>where a go env value came from: nowhere</comment>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(from %1)</source>
        <translation>（来源：%1）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>not resolved</source>
        <translation>未解析</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(unset)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Go not found</source>
        <translation>未找到 Go</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No go command on PATH and GOROOT is not set; values are go&apos;s defaults</source>
        <translation>PATH 中没有 go 命令，也没有设置 GOROOT；显示的是 go 的默认值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go (version unknown)</source>
        <translation>Go（版本未知）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GOROOT: %1</source>
        <translation>GOROOT：%1</translation>
    </message>
</context>
<context>
    <name>mk::ExportDialog</name>
    <message>
        <location filename="../../ui/ExportDialog.cpp" line="+33"/>
        <source>Export Modules</source>
        <translation>导出模块</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writes 1 version as a static GOPROXY folder: go reads it with GOPROXY=file://FOLDER, or from any web server that serves the folder.</source>
        <translation>把 1 个版本写成一个静态的 GOPROXY 文件夹：go 可以通过 GOPROXY=file://FOLDER 读取它，也可以从提供该文件夹的任意 Web 服务器读取。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Writes %n versions as a static GOPROXY folder: go reads it with GOPROXY=file://FOLDER, or from any web server that serves the folder.</source>
        <translation>
            <numerusform>把 %n 个版本写成一个静态的 GOPROXY 文件夹：go 可以通过 GOPROXY=file://FOLDER 读取它，也可以从提供该文件夹的任意 Web 服务器读取。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include the checksum database, so go can verify offline</source>
        <translation>包含校验和数据库，使 go 可以离线校验</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The report appears here.</source>
        <translation>结果报告会显示在这里。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Export to Folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose the folder to export to.</source>
        <translation>请选择要导出到的文件夹。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot export there: %1</source>
        <translation>无法导出到该位置：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>GOSUMDB is off: there is no checksum database to include.</source>
        <translation>GOSUMDB 为 off：没有可包含的校验和数据库。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 version exported to %1</source>
        <translation>已将 1 个版本导出到 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n versions exported to %1</source>
        <translation>
            <numerusform>已将 %n 个版本导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 version failed:</source>
        <translation>1 个版本失败：</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n versions failed:</source>
        <translation>
            <numerusform>%n 个版本失败：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 checksum-database file included</source>
        <translation>包含 1 个校验和数据库文件</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n checksum-database files included</source>
        <translation>
            <numerusform>包含 %n 个校验和数据库文件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped before the end.</source>
        <translation>未完成即已停止。</translation>
    </message>
</context>
<context>
    <name>mk::GoCacheController</name>
    <message>
        <location filename="../../ui/GoCacheController.cpp" line="+143"/>
        <location line="+7"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>mk::GoCacheTrimDialog</name>
    <message>
        <location filename="../../ui/GoCacheTrimDialog.cpp" line="+28"/>
        <source>Entries go has not used for</source>
        <translation>go 未使用的时间超过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Least recently used entries, down to</source>
        <translation>按最久未使用优先删除，直到缩小到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the build cache under this size after every scan</source>
        <translation>每次扫描后都把构建缓存保持在此大小以下</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trim the Build Cache</source>
        <translation>修剪构建缓存</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>go removes entries it has not used for 5 days, once a day. Trim now, with your own limit: an entry counts as used when go last touched it (go records that at most once an hour, so an hour is added to the age, as go does).</source>
        <translation>go 每天会自动删除一次 5 天未使用的条目。你也可以现在按自己的限制修剪：条目的使用时间以 go 最后一次更新它的时间为准（go 最多每小时记录一次，因此与 go 一样，计算时长时会多加一小时）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Trim</source>
        <translation>修剪</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>This removes %1 entries and frees %2 of %3.</source>
        <translation>这将删除 %1 个条目，释放 %3 中的 %2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The rest was used within the last hour and stays: the cache remains over this size.</source>
        <translation>其余条目在最近一小时内用过，会保留：缓存仍会超过此大小。</translation>
    </message>
</context>
<context>
    <name>mk::HelpBrowser</name>
    <message>
        <location filename="../../ui/HelpBrowser.cpp" line="+17"/>
        <source>ModKeeper User Guide</source>
        <translation>ModKeeper 使用指南</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The user guide is missing from this build of ModKeeper.</source>
        <translation>此版本的 ModKeeper 缺少使用指南。</translation>
    </message>
</context>
<context>
    <name>mk::HistoryController</name>
    <message>
        <location filename="../../ui/HistoryController.cpp" line="+107"/>
        <source>The scan could not be added to the size history: %1</source>
        <translation>无法将本次扫描加入大小历史记录：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The size history could not be read: %1</source>
        <translation>无法读取大小历史记录：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n damaged line(s) in the size history were skipped</source>
        <translation>
            <numerusform>已跳过大小历史记录中 %n 行损坏的记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::HistorySparkline</name>
    <message>
        <location filename="../../ui/HistorySparkline.cpp" line="+19"/>
        <source>How the module cache grew: one point per completed scan</source>
        <translation>模块缓存的增长情况：每次完成的扫描对应一个点</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>No history yet: every completed scan adds a point</source>
        <translation>还没有历史记录：每次完成扫描都会增加一个点</translation>
    </message>
</context>
<context>
    <name>mk::ImportDialog</name>
    <message>
        <location filename="../../ui/ImportDialog.cpp" line="+27"/>
        <source>Import Modules</source>
        <translation>导入模块</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loads a GOPROXY folder (what Export writes) into the module cache. Every version is checked as a download is: go&apos;s zip rules, the folder&apos;s go.sum and the checksum database. A version that fails a check leaves nothing in the cache.</source>
        <translation>把一个 GOPROXY 文件夹（即“导出”生成的内容）载入模块缓存。每个版本都像下载一样经过检查：go 的 zip 规则、文件夹中的 go.sum 以及校验和数据库。未通过检查的版本不会在缓存中留下任何内容。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The report appears here.</source>
        <translation>结果报告会显示在这里。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import from Folder</source>
        <translation>从文件夹导入</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose a folder (or a .zip bundle) that holds an export.</source>
        <translation>请选择包含导出内容的文件夹（或 .zip 打包文件）。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>1 version imported</source>
        <translation>已导入 1 个版本</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n versions imported</source>
        <translation>
            <numerusform>已导入 %n 个版本</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 version already in the cache</source>
        <translation>1 个版本已在缓存中</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n versions already in the cache</source>
        <translation>
            <numerusform>%n 个版本已在缓存中</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 version refused (nothing of it reached the cache):</source>
        <translation>1 个版本被拒绝（未写入缓存）：</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n versions refused (nothing of them reached the cache):</source>
        <translation>
            <numerusform>%n 个版本被拒绝（未写入缓存）：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>1 version has only .info/.mod in the folder and was skipped</source>
        <translation>1 个版本在文件夹中只有 .info/.mod，已跳过</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n versions have only .info/.mod in the folder and were skipped</source>
        <translation>
            <numerusform>%n 个版本在文件夹中只有 .info/.mod，已跳过</numerusform>
        </translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+9"/>
        <source>Nothing was imported: %1</source>
        <translation>没有导入任何内容：%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the checksum database could not be reached; checked against the folder&apos;s go.sum only</source>
        <translation>无法连接校验和数据库；只对照了文件夹中的 go.sum</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stopped before the end.</source>
        <translation>未完成即已停止。</translation>
    </message>
</context>
<context>
    <name>mk::LanguageSettingsDialog</name>
    <message>
        <location filename="../../ui/LanguageSettingsDialog.cpp" line="+22"/>
        <location line="+49"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>System default (%1)</source>
        <translation>系统默认（%1）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A new language applies the next time ModKeeper starts.</source>
        <translation>更改的语言将在 ModKeeper 下次启动时生效。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;User interface language:</source>
        <translation>界面语言(&amp;U)：</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>ModKeeper will use %1 the next time it starts.</source>
        <translation>ModKeeper 下次启动时将使用 %1。</translation>
    </message>
</context>
<context>
    <name>mk::MainWindow</name>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="-264"/>
        <source>Go does not seem to be installed: there is no go command on PATH and GOROOT is not set.</source>
        <translation>似乎没有安装 Go：PATH 中没有 go 命令，也没有设置 GOROOT。</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+360"/>
        <source>ModKeeper</source>
        <translation>ModKeeper</translation>
    </message>
    <message>
        <location line="-301"/>
        <source>&amp;Open Cache Folder…</source>
        <translation>打开缓存文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the module cache in another folder</source>
        <translation>显示另一个文件夹中的模块缓存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Rescan</source>
        <translation>重新扫描(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan the cache folder again</source>
        <translation>重新扫描缓存文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Copy module@version</source>
        <translation>复制 module@version(&amp;C)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Cache</source>
        <translation>缓存(&amp;C)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Filter modules: text, or go globs like golang.org/x/*,gopkg.in</source>
        <translation>筛选模块：输入文本，或 golang.org/x/*,gopkg.in 这样的 go 通配模式</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;State:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show only versions in this state</source>
        <translation>只显示处于该状态的版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Summary</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Summary Panel</source>
        <translation>概览面板(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Expand All</source>
        <translation>全部展开(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Collapse All</source>
        <translation>全部折叠(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowHelp.cpp" line="+19"/>
        <source>&amp;Language…</source>
        <translation>语言(&amp;L)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the language of ModKeeper&apos;s windows</source>
        <translation>选择 ModKeeper 界面使用的语言</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;User Guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read how to use ModKeeper</source>
        <translation>阅读 ModKeeper 的使用说明</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>&amp;About ModKeeper</source>
        <translation>关于 ModKeeper(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="+17"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the scan and keep what was found so far</source>
        <translation>停止扫描，保留目前已找到的内容</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>ModKeeper works out GOMODCACHE as go does: the GOMODCACHE variable, else GOPATH/pkg/mod, else ~/go/pkg/mod. Here it fails:
%1</source>
        <translation>ModKeeper 按 go 的方式确定 GOMODCACHE：优先使用 GOMODCACHE 变量，其次是 GOPATH/pkg/mod，最后是 ~/go/pkg/mod。此处失败了：
%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No module cache found</source>
        <translation>未找到模块缓存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GOMODCACHE could not be resolved</source>
        <translation>无法确定 GOMODCACHE</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>chosen folder</source>
        <translation>所选文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — ModKeeper</source>
        <translation>%1 — ModKeeper</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ModKeeper looked for the module cache in
%1
(%2).</source>
        <translation>ModKeeper 在以下位置查找模块缓存：
%1
（%2）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That path is not a folder.</source>
        <translation>该路径不是文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no such folder: go creates it the first time it downloads a module.</source>
        <translation>该文件夹不存在：go 会在第一次下载模块时创建它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The module cache path is not a folder</source>
        <translation>模块缓存路径不是文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The module cache folder does not exist</source>
        <translation>模块缓存文件夹不存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to scan</source>
        <translation>没有可扫描的内容</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open Module Cache Folder</source>
        <translation>打开模块缓存文件夹</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The folder does not exist yet</source>
        <translation>该文件夹尚不存在</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scanning… %1 versions in %2 modules</source>
        <translation>正在扫描… 已发现 %2 个模块、%1 个版本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The module cache could not be read</source>
        <translation>无法读取模块缓存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ModKeeper tried to scan
%1
(%2) and failed:
%3</source>
        <translation>ModKeeper 尝试扫描
%1
（%2），但失败了：
%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan failed</source>
        <translation>扫描失败</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan cancelled after %1 s: showing what was found so far</source>
        <translation>扫描在 %1 秒后取消：显示的是目前已找到的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The scan ended without its final report: totals may be incomplete</source>
        <translation>扫描结束时没有收到最终报告：合计数字可能不完整</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scanned in %1 s</source>
        <translation>扫描用时 %1 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanned in %1 s; %2 paths could not be read</source>
        <translation>扫描用时 %1 秒；%2 个路径无法读取</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 of %2 versions · %3 of %4 on disk</source>
        <translation>%2 个版本中的 %1 个 · 磁盘占用 %4 中的 %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 · %2 on disk</source>
        <translation>%1 · 磁盘占用 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/MainWindowPurge.cpp" line="+44"/>
        <location filename="../../ui/MainWindowVerify.cpp" line="+40"/>
        <source>1 version</source>
        <translation>1 个版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/MainWindowPurge.cpp" line="+1"/>
        <location filename="../../ui/MainWindowVerify.cpp" line="+1"/>
        <source>%1 versions</source>
        <translation>%1 个版本</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 selected · %2</source>
        <translation>已选中 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowDownload.cpp" line="+19"/>
        <source>Re&amp;fresh from a Proxy…</source>
        <translation>从代理刷新(&amp;F)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fetch the selected versions (all, if none is selected) again from a proxy, optionally switching GOPROXY first, and compare them with the cache</source>
        <translation>从代理重新获取选中的版本（未选中时为全部版本），可先切换 GOPROXY，然后与缓存比对</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Download Modules…</source>
        <translation>下载模块(&amp;D)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fetch module@version lines into the cache, checked as go checks them</source>
        <translation>将 module@version 逐行下载到缓存中，并像 go 一样进行检查</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowProxy.cpp" line="+24"/>
        <source>&amp;Proxy…</source>
        <translation>代理(&amp;P)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GOPROXY presets, private modules, proxy credentials and a health probe</source>
        <translation>GOPROXY 预设、私有模块、代理凭据以及可用性探测</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowHelp.cpp" line="-10"/>
        <location filename="../../ui/MainWindowProxy.cpp" line="+6"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowPurge.cpp" line="+13"/>
        <location filename="../../ui/MainWindowVerify.cpp" line="+207"/>
        <source>and %1 more</source>
        <translation>另有 %1 个</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove the selected versions from the module cache</source>
        <translation>从模块缓存中删除选中的版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Light Clean (Keep Zips)…</source>
        <translation>轻量清理（保留 zip 包）(&amp;L)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop the extracted trees of the selected versions; their zips stay, so they can be restored offline</source>
        <translation>删除选中版本的解压目录；zip 包会保留，可离线恢复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Extract the trees of the selected archive-only versions again from their zips, offline</source>
        <translation>从 zip 包离线重新解压选中的“仅 zip 包”版本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clean &amp;Up…</source>
        <translation>清理(&amp;U)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove versions by pattern, age, count or state, with a preview</source>
        <translation>按模式、时间、数量或状态删除版本，并可预览</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Purge Everything…</source>
        <translation>全部清除(&amp;P)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Empty the whole module cache, like go clean -modcache, without the wait</source>
        <translation>清空整个模块缓存，效果同 go clean -modcache，但无需等待</translation>
    </message>
    <message>
        <location line="+55"/>
        <location filename="../../ui/MainWindowVerify.cpp" line="-110"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop after the version being removed or restored; what is done stays done</source>
        <translation>在当前正在删除或恢复的版本完成后停止；已完成的部分保持不变</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Cannot Remove Versions</source>
        <translation>无法删除版本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove Versions</source>
        <translation>删除版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the zips (restorable offline)</source>
        <translation>保留 zip 包（可离线恢复）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop only the extracted trees: go re-extracts a tree from its zip when a build needs it, and Restore does it offline</source>
        <translation>只删除解压目录：构建需要时 go 会从 zip 包重新解压，“恢复”也可以离线完成这一步</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+22"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Remove 1 version (%1) from the module cache? go will download it again when needed.</source>
        <translation>要从模块缓存中删除 1 个版本（%1）吗？需要时 go 会重新下载它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove %1 versions (%2) from the module cache? go will download them again when needed.</source>
        <translation>要从模块缓存中删除 %1 个版本（%2）吗？需要时 go 会重新下载它们。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None of the selected versions has an extracted tree with a verified zip to keep, so there is nothing to drop.</source>
        <translation>选中的版本都没有可保留的、zip 包已校验的解压目录，因此没有可删除的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop the extracted tree of 1 version (%1)? Its zip stays, so Restore brings it back offline.</source>
        <translation>要删除 1 个版本的解压目录（%1）吗？其 zip 包会保留，因此“恢复”可以离线找回它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop the extracted trees of %1 versions (%2)? The zips stay, so Restore brings them back offline.</source>
        <translation>要删除 %1 个版本的解压目录（%2）吗？zip 包会保留，因此“恢复”可以离线找回它们。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop Trees</source>
        <translation>删除解压目录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Left alone (%1), no verified zip or no tree:
%2</source>
        <translation>已跳过（%1 个），没有已校验的 zip 包或没有解压目录：
%2</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Cannot Purge Everything</source>
        <translation>无法全部清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ModKeeper will not empty this folder.</source>
        <translation>ModKeeper 不会清空这个文件夹。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+15"/>
        <source>Purge Everything</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Remove everything in the module cache?</source>
        <translation>要删除模块缓存中的全部内容吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1

%2 and everything else in it go (%3 on disk), as with go clean -modcache: trees and zips, VCS clones, the checksum database cache, downloaded toolchains.

go downloads what a build needs again; builds without network access fail until then.</source>
        <translation>%1

%2 及其中的所有内容都将被删除（磁盘占用 %3），效果同 go clean -modcache：解压目录和 zip 包、VCS 克隆、校验和数据库缓存、已下载的工具链。

构建时 go 会重新下载所需内容；在此之前，无法联网的构建会失败。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>I understand that every module must be downloaded again</source>
        <translation>我明白所有模块都需要重新下载</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Freeing space… %1 freed</source>
        <translation>正在释放空间… 已释放 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed trees are deleted from the trash inside the cache in the background</source>
        <translation>被删除的解压目录正在后台从缓存内的回收站中删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 freed</source>
        <translation>已释放 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Space freed by the last clean-up</source>
        <translation>上次清理释放的空间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 freed · %2 not removed</source>
        <translation>已释放 %1 · %2 未删除</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>These could not be deleted from the trash:
%1</source>
        <translation>以下内容无法从回收站中删除：
%1</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowVerify.cpp" line="-81"/>
        <source>&amp;Verify</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the selected versions against their recorded hashes, as go mod verify does</source>
        <translation>像 go mod verify 一样，将选中的版本与其记录的哈希进行比对</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verify &amp;Whole Cache</source>
        <translation>校验整个缓存(&amp;W)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check every version in the cache against its recorded hash</source>
        <translation>将缓存中的每个版本与其记录的哈希进行比对</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;pair</source>
        <translation>修复(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extract the damaged selected versions again from their zips; the damaged trees go to the trash</source>
        <translation>从 zip 包重新解压选中的受损版本；受损的目录会移入回收站</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Show only versions whose last verification found this</source>
        <translation>只显示最近一次校验结果为此项的版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any integrity</source>
        <translation>所有完整性状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damaged</source>
        <translation>受损</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Stop verifying; what was checked stays shown</source>
        <translation>停止校验；已校验的结果会继续显示</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Verifying %1…</source>
        <translation>正在校验 %1…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 checked (%2)</source>
        <translation>已校验 %1（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: everything matches its recorded hash.</source>
        <translation>%1：全部与记录的哈希一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 damaged.</source>
        <translation>%1：%2 受损。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification stopped: %1</source>
        <translation>校验已停止：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verification stopped</source>
        <translation>校验已停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verification finished</source>
        <translation>校验完成</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>

Select them (Integrity filter “Damaged”) and choose Repair.</source>
        <translation>

在完整性筛选中选择“受损”以选中它们，然后选择“修复”。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Repairing %1…</source>
        <translation>正在修复 %1…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>needs a new download</source>
        <translation>需要重新下载</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Repaired %1.</source>
        <translation>已修复 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repaired %1; %2 could not be repaired.</source>
        <translation>已修复 %1；%2 无法修复。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repair finished</source>
        <translation>修复完成</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowGoCache.cpp" line="+34"/>
        <source>Build cache trim failed: %1</source>
        <translation>构建缓存修剪失败：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Build cache trimmed: %1 entries removed, %2 freed</source>
        <translation>构建缓存已修剪：删除了 %1 个条目，释放 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cleaning the build cache failed: %1</source>
        <translation>清空构建缓存失败：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>go will run every test again</source>
        <translation>go 将重新运行所有测试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Build cache cleaned: %1 freed</source>
        <translation>构建缓存已清空：释放 %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+10"/>
        <source>Clean Test Cache</source>
        <translation>清理测试缓存</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Make go run every test again? Test results cached until now will be ignored, as after go clean -testcache. Nothing is deleted.</source>
        <translation>要让 go 重新运行所有测试吗？与执行 go clean -testcache 之后一样，目前缓存的测试结果都将被忽略。不会删除任何文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source>Clean Build Cache</source>
        <translation>清空构建缓存</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Empty the build cache? This removes %1 entries and frees about %2, as go clean -cache does; go rebuilds what it needs next time.</source>
        <translation>要清空构建缓存吗？与 go clean -cache 一样，这将删除 %1 个条目，释放约 %2；下次构建时 go 会重新构建所需的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowBundle.cpp" line="+20"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the selected versions (all, if none is selected) as a GOPROXY folder that go reads offline or from a web server</source>
        <translation>把选中的版本（未选中时为全部版本）写成 GOPROXY 文件夹，供 go 离线读取或通过 Web 服务器读取</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load an exported GOPROXY folder into the cache, checked as go checks a download</source>
        <translation>把导出的 GOPROXY 文件夹载入缓存，并像 go 检查下载一样进行检查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare &amp;Mirrors…</source>
        <translation>比较镜像(&amp;M)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask several GOPROXY mirrors for the selected versions and show where they disagree</source>
        <translation>向多个 GOPROXY 镜像请求选中的版本，并显示它们不一致的地方</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowToolchains.cpp" line="+19"/>
        <source>&amp;Toolchains…</source>
        <translation>工具链(&amp;T)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Go toolchains go downloaded into the module cache: size, last use, which one runs here; remove them one by one</source>
        <translation>go 下载到模块缓存中的 Go 工具链：大小、最近使用时间、当前运行的是哪一个；可以逐个删除</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowProjects.cpp" line="+41"/>
        <source>&amp;Projects…</source>
        <translation>项目(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your Go projects: module, go and toolchain lines, the versions they need and those the cache lacks</source>
        <translation>你的 Go 项目：module、go 和 toolchain 行，它们需要的版本以及缓存中缺少的版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pro&amp;jects…</source>
        <translation>项目(&amp;J)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folders ModKeeper looks for Go projects in</source>
        <translation>ModKeeper 在哪些文件夹中查找 Go 项目</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Show only versions by what your projects need</source>
        <translation>按项目的需要筛选版本</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Any project use</source>
        <translation>所有项目使用情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unused by any project</source>
        <translation>没有项目使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needed only for the module graph</source>
        <translation>仅模块图需要</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <source>Needed by %1</source>
        <translation>%1 需要</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowDetails.cpp" line="+40"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Details Pane</source>
        <translation>详细信息面板(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowHistory.cpp" line="+33"/>
        <source>Growth</source>
        <translation>增长趋势</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowOthers.cpp" line="+63"/>
        <source>Removing entries…</source>
        <translation>正在删除条目…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Wait until the scan or removal under way has finished</source>
        <translation>请等待正在进行的扫描或删除完成</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Removed 1 entry (%1)</source>
        <translation>已删除 1 个条目（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed %1 entries (%2)</source>
        <translation>已删除 %1 个条目（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, then stopped</source>
        <translation>，随后停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Some Entries Were Not Removed</source>
        <translation>部分条目未删除</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries could not be removed.</source>
        <translation>
            <numerusform>%n 个条目无法删除。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowTreemap.cpp" line="+22"/>
        <source>Space Map</source>
        <translation>空间分布图</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Space &amp;Map</source>
        <translation>空间分布图(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the cache as nested tiles, sized by space on disk</source>
        <translation>以嵌套色块显示缓存，色块大小对应磁盘占用</translation>
    </message>
</context>
<context>
    <name>mk::OtherEntriesDialog</name>
    <message>
        <location filename="../../ui/OtherEntriesDialog.cpp" line="+32"/>
        <source>Repositories go cloned under cache/vcs for direct fetches (GOPROXY=direct, GOPRIVATE). Removing one takes go&apos;s lock on the clone first; go clones it again when it needs it.</source>
        <translation>go 为直接获取（GOPROXY=direct、GOPRIVATE）克隆到 cache/vcs 下的仓库。删除前会先获取 go 对该克隆的锁；go 需要时会重新克隆。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What go cached from checksum databases (cache/download/sumdb). go fetches lookups and tiles again when it needs them; the tree it trusts is kept elsewhere.</source>
        <translation>go 从校验和数据库缓存的内容（cache/download/sumdb）。go 需要时会重新获取查询记录和 tile；它所信任的树保存在别处。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>go&apos;s own directories, version lists and lock files. They stay: go may hold them at any time and recreates them at once.</source>
        <translation>go 自己的目录、版本列表和锁文件。它们会保留：go 随时可能持有它们，删除后也会立即重建。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Entries go would not have written: stray files, undecodable names, leftover temporary directories, symbolic links. A symbolic link is removed itself, never what it points to.</source>
        <translation>不是 go 会写入的条目：零散文件、无法解码的名称、残留的临时目录、符号链接。删除符号链接时只删除链接本身，绝不删除它指向的内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trees ModKeeper moved aside while removing; they are deleted in the background.</source>
        <translation>ModKeeper 在删除时移到一旁的目录；它们会在后台被删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go toolchains are managed in Cache ▸ Toolchains…</source>
        <translation>Go 工具链请在“缓存 ▸ 工具链…”中管理</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Remove…</source>
        <translation>删除(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Empty Trash Now</source>
        <translation>立即清空回收站(&amp;E)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Delete everything in ModKeeper&apos;s trash now</source>
        <translation>立即删除 ModKeeper 回收站中的所有内容</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>VCS Clones</source>
        <translation>VCS 克隆</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checksum Database</source>
        <translation>校验和数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toolchains</source>
        <translation>工具链</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown Entries</source>
        <translation>未知条目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 · %2 of %3 in the cache</source>
        <translation>%1 · 占缓存 %3 中的 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 entry</source>
        <translation>1 个条目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 entries</source>
        <translation>%1 个条目</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Remove the selected entries from the module cache</source>
        <translation>从模块缓存中删除选中的条目</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>and %1 more</source>
        <translation>另有 %1 个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove 1 entry (%1) from the module cache? go fetches what it needs again.</source>
        <translation>要从模块缓存中删除 1 个条目（%1）吗？go 会重新获取它需要的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove %1 entries (%2) from the module cache? go fetches what it needs again.</source>
        <translation>要从模块缓存中删除 %1 个条目（%2）吗？go 会重新获取它需要的内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Left alone:
%1</source>
        <translation>已跳过：
%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>mk::OtherEntriesModel</name>
    <message>
        <location filename="../../ui/OtherEntriesModel.cpp" line="+47"/>
        <source>Clone go made for a direct fetch; go clones it again when needed</source>
        <translation>go 为直接获取而创建的克隆；需要时 go 会重新克隆</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checksum database lookups and tiles; go fetches them again when needed</source>
        <translation>校验和数据库的查询记录和 tile；需要时 go 会重新获取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>go&apos;s own directories, version lists and lock files; they stay</source>
        <translation>go 自己的目录、版本列表和锁文件；它们会保留</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trees ModKeeper moved aside, waiting to be deleted</source>
        <translation>ModKeeper 移到一旁、等待删除的目录</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Cannot be removed: %1</source>
        <translation>无法删除：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 bytes on disk</source>
        <translation>磁盘占用 %1 字节</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>mk::ProbeResultsModel</name>
    <message>
        <location filename="../../ui/ProbeResultsModel.cpp" line="+122"/>
        <source>%1 ★ fastest</source>
        <translation>%1 ★ 最快</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>GET %1</source>
        <translation>GET %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>through the outbound proxy %1</source>
        <translation>经由出站代理 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the stored credential was sent (https, same host)</source>
        <translation>已发送保存的凭据（https，同一主机）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>mk::ProjectPolicy</name>
    <message>
        <location filename="../../ui/ProjectPolicy.cpp" line="+61"/>
        <source>The toolchain of the go that runs here</source>
        <translation>当前运行的 go 所用的工具链</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A toolchain a project names</source>
        <translation>被项目指定的工具链</translation>
    </message>
</context>
<context>
    <name>mk::ProjectRootsDialog</name>
    <message>
        <location filename="../../ui/ProjectRootsDialog.cpp" line="+22"/>
        <source>Project Folders</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ModKeeper looks for Go projects (go.mod and go.work files) below these folders, to tell which module versions and toolchains they need.</source>
        <translation>ModKeeper 在这些文件夹下查找 Go 项目（go.mod 和 go.work 文件），以确定它们需要哪些模块版本和工具链。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Add Folder…</source>
        <translation>添加文件夹(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Proposed: the usual project folders found in your home. OK keeps them.</source>
        <translation>建议：在你的主目录中找到的常见项目文件夹。点“确定”即保留它们。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None of the usual project folders (~/go/src, ~/src, ~/code, ~/projects, ~/work) exists: add yours.</source>
        <translation>常见的项目文件夹（~/go/src、~/src、~/code、~/projects、~/work）都不存在：请添加你自己的文件夹。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Project Folder</source>
        <translation>项目文件夹</translation>
    </message>
</context>
<context>
    <name>mk::ProjectsDialog</name>
    <message>
        <location filename="../../ui/ProjectsDialog.cpp" line="+26"/>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Double-click a project to show the versions it needs</source>
        <translation>双击项目即可显示它需要的版本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Project &amp;Folders…</source>
        <translation>项目文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No project folders chosen: add some with Project Folders…</source>
        <translation>尚未选择项目文件夹：请通过“项目文件夹…”添加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Projects not read yet.</source>
        <translation>尚未读取项目。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n project(s) in %1</source>
        <translation>
            <numerusform>%1 中有 %n 个项目</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading the projects…</source>
        <translation>正在读取项目…</translation>
    </message>
</context>
<context>
    <name>mk::ProjectsModel</name>
    <message>
        <location filename="../../ui/ProjectsModel.cpp" line="+53"/>
        <source>Could not be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No toolchain line</source>
        <translation>没有 toolchain 行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>toolchain %1</source>
        <translation>toolchain %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 for its code, %2 only for the module graph</source>
        <translation>代码需要 %1 个，仅模块图需要 %2 个</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not in the cache (go downloads them on the next build):
%1</source>
        <translation>不在缓存中（下次构建时 go 会下载）：
%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go</source>
        <translation>Go</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toolchain</source>
        <translation>工具链</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs</source>
        <translation>需要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
</context>
<context>
    <name>mk::ProxyList</name>
    <message>
        <location filename="../../core/proxy/ProxyList.cpp" line="+198"/>
        <source>After a proxy, &apos;,&apos; moves on to the next entry only when the module is not there (HTTP 404 or 410), while &apos;|&apos; moves on after any error, timeouts included; direct fetches from version control, off stops.</source>
        <translation>代理之后的 &apos;,&apos; 只在模块不存在（HTTP 404 或 410）时才尝试下一项，而 &apos;|&apos; 在任何错误（包括超时）之后都会尝试下一项；direct 表示从版本控制系统直接获取，off 表示到此停止。</translation>
    </message>
</context>
<context>
    <name>mk::ProxyPresetSelector</name>
    <message>
        <location filename="../../ui/ProxyPresetSelector.cpp" line="+28"/>
        <source>%1 removed</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>GOPROXY:</source>
        <translation>GOPROXY：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The GOPROXY preset go uses; choose another to switch (writes the go env file, as go env -w does)</source>
        <translation>go 当前使用的 GOPROXY 预设；选择其他预设即可切换（像 go env -w 一样写入 go env 配置文件）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Overridden by the environment</source>
        <translation>被环境变量覆盖</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The OS environment of ModKeeper sets proxy variables, and go prefers them to the go env file.</source>
        <translation>ModKeeper 的系统环境变量中设置了代理相关变量，go 会优先使用它们，而不是 go env 配置文件。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 (yours)</source>
        <translation>%1（我的）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GOPROXY=%1 matches no preset</source>
        <translation>GOPROXY=%1 不匹配任何预设</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>GOPROXY go uses: %1 (from %2)</source>
        <translation>go 使用的 GOPROXY：%1（来自 %2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GOENV=off: go reads no go env file, so switching is not possible here.</source>
        <translation>GOENV=off：go 不读取任何 go env 配置文件，因此无法在这里切换。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1
  stored in the go env file: %2
  effective (OS environment): %3
%4</source>
        <translation>%1
  go env 配置文件中的值：%2
  实际生效的值（系统环境变量）：%3
%4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not set there)</source>
        <translation>（此处未设置）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Overridden by the Environment</source>
        <translation>被环境变量覆盖</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot Switch</source>
        <translation>无法切换</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>There is no preset named %1 any more.</source>
        <translation>已不存在名为 %1 的预设。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+57"/>
        <source>Cannot Switch to %1</source>
        <translation>无法切换到 %1</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Weaker Checks</source>
        <translation>校验将被减弱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The preset %1 weakens the checks go makes on downloaded modules. Switch anyway?</source>
        <translation>预设 %1 会减弱 go 对下载模块的校验。仍要切换吗？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Also: the OS environment overrides some of these values:</source>
        <translation>另外：系统环境变量覆盖了其中部分值：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Switch Anyway</source>
        <translation>仍然切换</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The go env file was not written.</source>
        <translation>未写入 go env 配置文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was written to %2, but go will not use it in this environment:</source>
        <translation>%1 已写入 %2，但在当前环境下 go 不会使用它：</translation>
    </message>
</context>
<context>
    <name>mk::ProxyRoute</name>
    <message>
        <location filename="../../core/proxy/ProxyRoute.cpp" line="+31"/>
        <source>GOPRIVATE (%1 defaults to it)</source>
        <translation>GOPRIVATE（%1 默认取它的值）</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>every fetch fails: %1</source>
        <translation>每次获取都会失败：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 pattern %2 matches, so go fetches it directly from version control and skips every proxy in GOPROXY</source>
        <translation>%1 中的模式 %2 匹配，因此 go 直接从版本控制系统获取它，跳过 GOPROXY 中的所有代理</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>GOPROXY lists these proxies</source>
        <translation>GOPROXY 列出了这些代理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no GONOPROXY/GOPRIVATE pattern matches, so GOPROXY applies</source>
        <translation>没有匹配的 GONOPROXY/GOPRIVATE 模式，因此使用 GOPROXY</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>GOPROXY starts with direct</source>
        <translation>GOPROXY 以 direct 开头</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+65"/>
        <source>module lookup disabled by GOPROXY=off</source>
        <translation>模块查找已被 GOPROXY=off 禁用</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>go always checks toolchain downloads</source>
        <translation>go 总会校验下载的工具链</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 pattern %2 matches: go trusts whatever it downloads first</source>
        <translation>%1 中的模式 %2 匹配：go 会信任它首次下载到的任何内容</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>GOSUMDB=off: no checksum database checks any module</source>
        <translation>GOSUMDB=off：没有校验和数据库检查任何模块</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the checksum database would be consulted, but go fails: %1</source>
        <translation>本应查询校验和数据库，但 go 会失败：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>checked by %1</source>
        <translation>由 %1 检查</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>GOPROXY is invalid, so every fetch fails: %1</source>
        <translation>GOPROXY 无效，因此每次获取都会失败：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>direct from version control (GOINSECURE allows http and unverified TLS)</source>
        <translation>直接从版本控制系统获取（GOINSECURE 允许 http 和未经验证的 TLS）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>direct from version control</source>
        <translation>直接从版本控制系统获取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>off (fails: module lookup disabled)</source>
        <translation>off（失败：模块查找已禁用）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (on any error try the next)</source>
        <translation>%1（出现任何错误都尝试下一项）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (on 404/410 try the next)</source>
        <translation>%1（遇到 404/410 时尝试下一项）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>fetched from %1; %2</source>
        <translation>获取来源：%1；%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, then </source>
        <translation>，然后 </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1.
Checksum database: checked (%2).</source>
        <translation>%1。
校验和数据库：会检查（%2）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1.
Checksum database: NOT checked (%2).</source>
        <translation>%1。
校验和数据库：不会检查（%2）。</translation>
    </message>
</context>
<context>
    <name>mk::ProxySettingsDialog</name>
    <message>
        <location filename="../../ui/ProxySettingsDialog.cpp" line="+55"/>
        <source>Module path globs that are private: fetched directly and not checked by the checksum database (the default of GONOPROXY and GONOSUMDB).</source>
        <translation>私有模块路径的通配模式：直接获取，且不经校验和数据库检查（也是 GONOPROXY 和 GONOSUMDB 的默认值）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Globs fetched directly from version control, never through the proxies. &quot;none&quot; sends private modules through a private proxy.</source>
        <translation>这些通配模式直接从版本控制系统获取，从不经过代理。设为 &quot;none&quot; 时，私有模块通过私有代理获取。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Globs the checksum database does not check.</source>
        <translation>校验和数据库不检查的通配模式。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The checksum database: sum.golang.org, a key, &quot;name url&quot;, or off.</source>
        <translation>校验和数据库：sum.golang.org、一个公钥、&quot;名称 URL&quot;，或 off。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Globs fetched directly over plain http or without TLS checks (direct fetches only).</source>
        <translation>这些通配模式通过明文 http 或不校验 TLS 的方式直接获取（仅限直接获取）。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>→ on any error →</source>
        <translation>→ 任何错误时 →</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>→ on 404/410 →</source>
        <translation>→ 404/410 时 →</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Proxy Settings</source>
        <translation>代理设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Credentials</source>
        <translation>凭据(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;robe</source>
        <translation>探测(&amp;R)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Probing… %1 of %2 answered</source>
        <translation>正在探测… %2 个中已有 %1 个响应</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Use</source>
        <translation>使用(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch go to this preset (writes the go env file)</source>
        <translation>让 go 切换到此预设（写入 go env 配置文件）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GO&amp;PROXY:</source>
        <translation>GOPROXY(&amp;P)：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Unticked: applying the preset leaves %1 as it is. Ticked and empty: applying removes it (go env -u).</source>
        <translation>不勾选：应用预设时 %1 保持不变。勾选但留空：应用时将其删除（go env -u）。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Save Preset</source>
        <translation>保存预设(&amp;S)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pattern tester: where go fetches a module with this preset applied</source>
        <translation>模式测试：应用此预设后，go 从哪里获取某个模块</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Module path, e.g. git.corp.example.com/team/lib</source>
        <translation>模块路径，例如 git.corp.example.com/team/lib</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 (built-in)</source>
        <translation>%1（内置）</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Built-in presets cannot be changed; New starts a preset of your own.</source>
        <translation>内置预设不能修改；点“新建”创建你自己的预设。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>%1: a preset of that name exists already</source>
        <translation>%1：已存在同名预设</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Type a module path to see where go fetches it.</source>
        <translation>输入模块路径，查看 go 从哪里获取它。</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+129"/>
        <source>Checking the OS keychain…</source>
        <translation>正在检查系统密钥环…</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>The proxy&apos;s host (and port, unless 443). Credentials are only ever sent over https, to this host.</source>
        <translation>代理的主机名（端口不是 443 时还要加上端口）。凭据只会通过 https 发送给该主机。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>password or token: stored in the keychain, never shown again</source>
        <translation>密码或令牌：保存在密钥环中，之后不再显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word or token:</source>
        <translation>密码或令牌(&amp;W)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save to &amp;Keychain</source>
        <translation>保存到密钥环(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove from Keychain</source>
        <translation>从密钥环中删除</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hosts with a stored credential:</source>
        <translation>已保存凭据的主机：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>go itself does not read the keychain: go 1.24 and later can use `modkeeper-cli goauth` as GOAUTH; for older go, `modkeeper-cli proxy login --netrc` writes a plain-text .netrc entry.</source>
        <translation>go 本身不读取密钥环：go 1.24 及以上版本可以把 `modkeeper-cli goauth` 用作 GOAUTH；更早的 go 可以用 `modkeeper-cli proxy login --netrc` 写入一条明文的 .netrc 记录。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Certificate authority</source>
        <translation>证书颁发机构</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PEM file of CA certificates to trust besides the system&apos;s</source>
        <translation>除系统证书外还要信任的 CA 证书 PEM 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloads, refreshes and repairs trust the system&apos;s certificate authorities, those of SSL_CERT_FILE and SSL_CERT_DIR (as go does), and the ones in this file.</source>
        <translation>下载、刷新和修复会信任系统的证书颁发机构、SSL_CERT_FILE 和 SSL_CERT_DIR 中的证书（与 go 相同），以及此文件中的证书。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>CA Certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No CA file: the system&apos;s certificate authorities (and SSL_CERT_FILE, SSL_CERT_DIR) only.</source>
        <translation>没有 CA 文件：只信任系统的证书颁发机构（以及 SSL_CERT_FILE、SSL_CERT_DIR）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloads, refreshes and repairs also trust the certificates in %1.</source>
        <translation>下载、刷新和修复还会信任 %1 中的证书。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Credentials are kept in the OS keychain only (service &quot;%1&quot;), never in ModKeeper&apos;s settings or the go env file.</source>
        <translation>凭据只保存在系统密钥环中（服务名 &quot;%1&quot;），绝不写入 ModKeeper 的设置或 go env 配置文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No secure storage: %1. Saving credentials is disabled; ModKeeper never keeps them in plain text.</source>
        <translation>没有安全存储：%1。保存凭据的功能已禁用；ModKeeper 绝不以明文保存凭据。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>No secure storage: nothing was saved.</source>
        <translation>没有安全存储：未保存任何内容。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saving the credential for %1…</source>
        <translation>正在保存 %1 的凭据…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved the credential for %1 in the keychain.</source>
        <translation>已将 %1 的凭据保存到密钥环。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Removed the credential for %1.</source>
        <translation>已删除 %1 的凭据。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>All presets</source>
        <translation>所有预设</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My presets</source>
        <translation>我的预设</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected preset</source>
        <translation>选中的预设</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Module:</source>
        <translation>模块：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The probe fetches &lt;proxy&gt;/&lt;module&gt;/@v/list from every proxy</source>
        <translation>探测会从每个代理获取 &lt;proxy&gt;/&lt;module&gt;/@v/list</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timeout:</source>
        <translation>超时：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Probe</source>
        <translation>探测(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Requests leave through %1, as go&apos;s do.</source>
        <translation>请求与 go 的请求一样经由 %1 发出。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Module %1: %2</source>
        <translation>模块 %1：%2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Nothing to probe: no preset in this selection.</source>
        <translation>没有可探测的内容：所选范围内没有预设。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Reading %1 credential(s) from the keychain…</source>
        <translation>正在从密钥环读取 %1 个凭据…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Probing %1 proxies…</source>
        <translation>正在探测 %1 个代理…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cancelled; %1 answered.</source>
        <translation>已取消；%1 个已响应。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fastest: %1, %2 (%3 ms)</source>
        <translation>最快：%1，%2（%3 毫秒）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No proxy answered with the module list.</source>
        <translation>没有代理返回模块版本列表。</translation>
    </message>
</context>
<context>
    <name>mk::PurgeController</name>
    <message>
        <location filename="../../ui/PurgeController.cpp" line="+20"/>
        <source>1 version</source>
        <translation>1 个版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 versions</source>
        <translation>%1 个版本</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Dropping the trees of %1…</source>
        <translation>正在删除 %1 的解压目录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removing %1…</source>
        <translation>正在删除 %1…</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Dropped the trees of %1 · %2</source>
        <translation>已删除 %1 的解压目录 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed %1 · %2</source>
        <translation>已删除 %1 · %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · %1 already removed by someone else</source>
        <translation> · %1 已被其他程序删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · stopped before the end</source>
        <translation> · 未完成即停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · %1 not removed</source>
        <translation> · %1 未删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Some Versions Were Not Removed</source>
        <translation>部分版本未删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 could not be removed; they stay in the tree.</source>
        <translation>%2 中有 %1 无法删除；它们仍保留在列表中。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Restoring %1 from the zips…</source>
        <translation>正在从 zip 包恢复 %1…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Restored %1 · %2 extracted</source>
        <translation>已恢复 %1 · 解压了 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · %1 failed</source>
        <translation> · %1 失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some Versions Were Not Restored</source>
        <translation>部分版本未恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 could not be restored from their zips.</source>
        <translation>%2 中有 %1 无法从 zip 包恢复。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Moving the cache aside…</source>
        <translation>正在将缓存移到一旁…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Purge Everything Stopped</source>
        <translation>全部清除已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cache could not be moved aside completely. What was moved is in the trash and is deleted now.

%1</source>
        <translation>缓存未能完整移到一旁。已移走的部分在回收站中，现在会被删除。

%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Moved %1 entries aside; the space is freed in the background</source>
        <translation>已将 %1 个条目移到一旁；空间会在后台释放</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Interrupted purges could not be completed: %1</source>
        <translation>无法完成被中断的清除：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Interrupted purges rolled back</source>
        <translation>被中断的清除已回滚</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n interrupted purge(s) could not be trusted and were rolled back; their versions were kept:</source>
        <translation>
            <numerusform>%n 次被中断的清除不可信，已回滚；其中的版本都已保留：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Completed %n interrupted purge(s)</source>
        <translation>
            <numerusform>已完成 %n 次被中断的清除</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mk::PurgePreviewModel</name>
    <message>
        <location filename="../../ui/PurgePreviewModel.cpp" line="+74"/>
        <source>Last used %1</source>
        <translation>最近使用 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloaded %1 (last use is not tracked)</source>
        <translation>下载于 %1（未记录最近使用时间）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Neither last use nor download time is known</source>
        <translation>最近使用时间和下载时间都未知</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Tree only</source>
        <translation>仅解压目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The extracted tree goes; the zip stays, so Restore brings it back offline</source>
        <translation>删除解压目录；zip 包保留，因此“恢复”可以离线找回它</translation>
    </message>
    <message>
        <location filename="../../ui/CleanupDialog.cpp" line="-194"/>
        <location filename="../../ui/PurgePreviewModel.cpp" line="+8"/>
        <source>Whole version</source>
        <translation>整个版本</translation>
    </message>
    <message>
        <location filename="../../ui/PurgePreviewModel.cpp" line="-3"/>
        <source>Down to .info/.mod</source>
        <translation>缩减为 .info/.mod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tree and zip go; .info and .mod stay for the module graph</source>
        <translation>删除解压目录和 zip 包；保留 .info 和 .mod 供模块图使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tree, zip and metadata go; go downloads the version again when a build needs it</source>
        <translation>删除解压目录、zip 包和元数据；构建需要时 go 会重新下载该版本</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+2"/>
        <source>Left alone: %1</source>
        <translation>跳过：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Module version</source>
        <translation>模块版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Frees</source>
        <translation>释放空间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What goes</source>
        <translation>删除内容</translation>
    </message>
</context>
<context>
    <name>mk::ScanController</name>
    <message>
        <location filename="../../ui/ScanController.cpp" line="+111"/>
        <source>The folder does not exist</source>
        <translation>该文件夹不存在</translation>
    </message>
</context>
<context>
    <name>mk::SpaceBar</name>
    <message>
        <location filename="../../ui/SpaceBar.cpp" line="+153"/>
        <source>%1: %2 (%3%) — click to see the entries</source>
        <translation>%1：%2（%3%）— 点击查看条目</translation>
    </message>
</context>
<context>
    <name>mk::SummaryPanel</name>
    <message>
        <location filename="../../ui/SummaryPanel.cpp" line="+87"/>
        <source>Trim…</source>
        <translation>修剪…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clean build cache</source>
        <translation>清空构建缓存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clean test cache</source>
        <translation>清理测试缓存</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Space on disk</source>
        <translation>磁盘空间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the filter of the table shows, next to the whole cache</source>
        <translation>表格筛选结果与整个缓存的对比</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Show the Go toolchains in the cache</source>
        <translation>显示缓存中的 Go 工具链</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the entries, their sizes, and remove them</source>
        <translation>显示这些条目及其大小，并可删除</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Module versions in the tree</source>
        <translation>主列表中的模块版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repositories cloned under cache/vcs for direct fetches</source>
        <translation>为直接获取（direct）而克隆到 cache/vcs 下的仓库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checksum database lookups and tiles (cache/download/sumdb)</source>
        <translation>校验和数据库的查询记录和 tile（cache/download/sumdb）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go toolchains downloaded as golang.org/toolchain modules</source>
        <translation>以 golang.org/toolchain 模块形式下载的 Go 工具链</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Directories, version lists and lock files</source>
        <translation>目录、版本列表和锁文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stray files, undecodable names, leftover temporary directories</source>
        <translation>零散文件、无法解码的名称、残留的临时目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trees ModKeeper moved aside, waiting to be deleted</source>
        <translation>ModKeeper 移到一旁、等待删除的目录</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unreadable paths</source>
        <translation>无法读取的路径</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Remove build cache entries go has not used for some days, or keep the cache under a size</source>
        <translation>删除 go 若干天未使用的构建缓存条目，或把缓存保持在指定大小以下</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Empty the build cache, like go clean -cache</source>
        <translation>清空构建缓存，效果同 go clean -cache</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make go run every test again, like go clean -testcache; nothing is deleted</source>
        <translation>让 go 重新运行所有测试，效果同 go clean -testcache；不会删除任何文件</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Module versions</source>
        <translation>模块版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VCS clones</source>
        <translation>VCS 克隆</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checksum DB</source>
        <translation>校验和数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toolchains</source>
        <translation>工具链</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>GOCACHE: unknown</source>
        <translation>GOCACHE：未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GOCACHE: %1</source>
        <translation>GOCACHE：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The build cache. It is not part of GOMODCACHE; its size is measured after each scan.</source>
        <translation>构建缓存。它不属于 GOMODCACHE；每次扫描后会测量其大小。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 entries (%2 actions, %3 outputs)</source>
        <translation>%1 个条目（动作 %2 个，输出 %3 个）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1+ days</source>
        <translation>%1 天以上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1–%2 days</source>
        <translation>%1–%2 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last used — %1</source>
        <translation>最近使用 — %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>go last trimmed it %1</source>
        <translation>go 上次修剪：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>go has not trimmed it yet</source>
        <translation>go 尚未修剪过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test results before %1 are ignored</source>
        <translation>%1 之前的测试结果会被忽略</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no test cache expiry</source>
        <translation>测试缓存没有设置失效时间</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Entries unused for %n days: %1 (%2)</source>
        <translation>
            <numerusform>%n 天未使用的条目：%1（%2）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Kept under %1 (over it now)</source>
        <translation>保持在 %1 以下（当前已超出）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept under %1</source>
        <translation>保持在 %1 以下</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Filter: %1 of %2 versions · %3 of %4</source>
        <translation>筛选：%2 个版本中的 %1 个 · %4 中的 %3</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Nothing scanned yet</source>
        <translation>尚未扫描</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 files in %2 directories%3</source>
        <translation>%2 个目录中的 %1 个文件%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · scanning…</source>
        <translation> · 正在扫描…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>and %1 more</source>
        <translation>另有 %1 个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every directory of the cache could be read</source>
        <translation>缓存中的所有目录都可以读取</translation>
    </message>
</context>
<context>
    <name>mk::ToolchainDialog</name>
    <message>
        <location filename="../../ui/ToolchainDialog.cpp" line="+33"/>
        <source>Go Toolchains</source>
        <translation>Go 工具链</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Add Project Folder…</source>
        <translation>添加项目文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look for go.mod and go.work files with a toolchain line below this folder</source>
        <translation>在此文件夹下查找含有 toolchain 行的 go.mod 和 go.work 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget Folders</source>
        <translation>清空项目文件夹列表</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove…</source>
        <translation>删除(&amp;R)…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Looking for toolchains…</source>
        <translation>正在查找工具链…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Go toolchains that go downloaded into %1.</source>
        <translation>go 下载到 %1 中的 Go 工具链。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The go that runs here: %1.</source>
        <translation>当前运行的 go：%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot tell which go runs here: %1</source>
        <translation>无法确定当前运行的是哪个 go：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the module cache: %1</source>
        <translation>无法读取模块缓存：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No Go toolchain in the module cache.</source>
        <translation>模块缓存中没有 Go 工具链。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n toolchain(s), %1</source>
        <translation>
            <numerusform>%n 个工具链，%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This toolchain is the go that runs here (go env GOROOT), so it cannot be removed; switch GOTOOLCHAIN first</source>
        <translation>此工具链就是当前运行的 go（go env GOROOT），因此不能删除；请先切换 GOTOOLCHAIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select the toolchains to remove</source>
        <translation>选择要删除的工具链</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected toolchains from the module cache</source>
        <translation>从模块缓存中删除选中的工具链</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Remove Toolchains</source>
        <translation>删除工具链</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Remove %n toolchain(s) (%1) from the module cache? go downloads a toolchain again when GOTOOLCHAIN or a project asks for it.</source>
        <translation>
            <numerusform>要从模块缓存中删除 %n 个工具链（%1）吗？当 GOTOOLCHAIN 或某个项目需要时，go 会重新下载工具链。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Named in the toolchain line of:
%1
go will download it again there.</source>
        <translation>以下文件的 toolchain 行指定了它：
%1
在这些项目中 go 会重新下载它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove Anyway</source>
        <translation>仍然删除</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Removing…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Toolchain Not Removed</source>
        <translation>工具链未删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was removed.</source>
        <translation>没有删除任何内容。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Some Toolchains Not Removed</source>
        <translation>部分工具链未删除</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n toolchain(s) could not be removed.</source>
        <translation>
            <numerusform>%n 个工具链无法删除。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Projects: none chosen (add folders to see which toolchains they need)</source>
        <translation>项目：尚未选择（添加文件夹后可查看它们需要哪些工具链）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects: %1</source>
        <translation>项目：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Project Folder</source>
        <translation>项目文件夹</translation>
    </message>
</context>
<context>
    <name>mk::ToolchainModel</name>
    <message>
        <location filename="../../ui/ToolchainModel.cpp" line="+43"/>
        <source>running</source>
        <translation>正在使用</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>needed by %n project(s)</source>
        <translation>
            <numerusform>%n 个项目需要</numerusform>
        </translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 files in the extracted tree</source>
        <translation>解压目录中有 %1 个文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The go that runs here (go env GOROOT is this toolchain)</source>
        <translation>当前运行的 go（go env GOROOT 指向此工具链）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Named in the toolchain line of:</source>
        <translation>以下文件的 toolchain 行指定了它：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Toolchain</source>
        <translation>工具链</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last Used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>mk::TreemapPanel</name>
    <message>
        <location filename="../../ui/TreemapPanel.cpp" line="+32"/>
        <source>Colour by state</source>
        <translation>按状态着色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour by last use</source>
        <translation>按最近使用时间着色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the colour of a tile tells</source>
        <translation>色块颜色的含义</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Show this level</source>
        <translation>显示这一层</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All modules</source>
        <translation>所有模块</translation>
    </message>
</context>
<context>
    <name>mk::TreemapView</name>
    <message numerus="yes">
        <location filename="../../ui/TreemapView.cpp" line="+290"/>
        <source>%n more</source>
        <translation>
            <numerusform>另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+63"/>
        <source>No module versions to show</source>
        <translation>没有可显示的模块版本</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Used today</source>
        <translation>今天用过</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a year or more</source>
        <translation>一年或更久</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>All modules</source>
        <translation>所有模块</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n smaller item(s) in %1</source>
        <translation>
            <numerusform>%1 中另有 %n 个较小的项</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size on disk: %1</source>
        <translation>磁盘占用：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last used: %1</source>
        <translation>最近使用：%1</translation>
    </message>
</context>
</TS>
