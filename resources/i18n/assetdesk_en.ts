<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../ui/models/table_model.py" line="148"/>
        <source>TableModel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="192"/>
        <source>Worker</source>
        <comment>取消</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="193"/>
        <source>Worker</source>
        <comment>请稍候</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="213"/>
        <source>Worker</source>
        <comment>正在取消，请稍候…</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountEdit</name>
    <message>
        <location filename="../../ui/widgets/account_picker.py" line="124"/>
        <source>输入科目编码、名称或拼音首字母（如 yhck），上级编码会列出明细科目；F7 打开科目列表</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountLookupDialog</name>
    <message>
        <location filename="../../ui/widgets/account_picker.py" line="61"/>
        <source>选择科目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_picker.py" line="64"/>
        <source>科目编码、名称或拼音首字母，例如 102、租金、zjsr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_picker.py" line="68"/>
        <source>↑/↓ 选择，Enter 确定，Esc 取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="64"/>
        <location filename="../../ui/pages/accounts_page.py" line="417"/>
        <source>科目表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="65"/>
        <location filename="../../ui/pages/accounts_page.py" line="436"/>
        <source>期初余额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="76"/>
        <location filename="../../ui/pages/accounts_page.py" line="220"/>
        <source>科目编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="76"/>
        <location filename="../../ui/pages/accounts_page.py" line="220"/>
        <source>科目名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="76"/>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="77"/>
        <source>余额方向</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="77"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="87"/>
        <source>查找：编码、名称或拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="92"/>
        <location filename="../../ui/pages/accounts_page.py" line="185"/>
        <source>新增明细科目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="94"/>
        <source>修改名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="95"/>
        <location filename="../../ui/pages/accounts_page.py" line="127"/>
        <location filename="../../ui/pages/accounts_page.py" line="178"/>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="96"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="127"/>
        <location filename="../../ui/pages/accounts_page.py" line="178"/>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="186"/>
        <source>在“{0} {1}”下新增明细科目，名称：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="196"/>
        <source>修改科目名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="196"/>
        <source>科目“{0}”的新名称：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="211"/>
        <source>删除科目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="211"/>
        <source>删除科目“{0} {1}”？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="220"/>
        <source>方向</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="221"/>
        <source>借方余额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="221"/>
        <source>贷方余额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="237"/>
        <source>保存期初余额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="241"/>
        <source>试算平衡：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="250"/>
        <source>期初余额录入到末级科目；可输入 1234.50、1,234.50 或 12.5万。首个期间结账后不能再修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="311"/>
        <source>借方</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="311"/>
        <source>贷方</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="316"/>
        <source>科目 {0} {1}：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="335"/>
        <source>借方合计 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="336"/>
        <source>贷方合计 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="337"/>
        <source>差额 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="340"/>
        <source>有金额无法识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="342"/>
        <location filename="../../ui/pages/accounts_page.py" line="348"/>
        <source>平衡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="342"/>
        <source>不平衡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="364"/>
        <source>期初余额已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/accounts_page.py" line="365"/>
        <source>期初余额已保存，但借贷不平衡（差额 {0}）。结账前请补齐。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="80"/>
        <source>AssetDesk 社区集体资产财务</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BooksPage</name>
    <message>
        <location filename="../../ui/pages/books_page.py" line="137"/>
        <location filename="../../ui/pages/books_page.py" line="425"/>
        <location filename="../../ui/pages/books_page.py" line="470"/>
        <source>科目余额表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="138"/>
        <location filename="../../ui/pages/books_page.py" line="429"/>
        <location filename="../../ui/pages/books_page.py" line="475"/>
        <source>明细账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="141"/>
        <location filename="../../ui/pages/books_page.py" line="433"/>
        <location filename="../../ui/pages/books_page.py" line="480"/>
        <source>现金日记账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="142"/>
        <location filename="../../ui/pages/books_page.py" line="433"/>
        <location filename="../../ui/pages/books_page.py" line="480"/>
        <source>银行存款日记账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="143"/>
        <location filename="../../ui/pages/books_page.py" line="323"/>
        <location filename="../../ui/pages/books_page.py" line="390"/>
        <source>结账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="154"/>
        <source>全部级次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="154"/>
        <source>一级科目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="154"/>
        <source>至二级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="155"/>
        <source>至三级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="157"/>
        <source>级次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="167"/>
        <source>双击金额查看该科目的明细账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="186"/>
        <source>试算平衡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="189"/>
        <source>试算不平衡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="205"/>
        <source>科目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="243"/>
        <source>{0} {1}&#x3000;{2} 至 {3}&#x3000;余额方向：{4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="256"/>
        <source>账户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="278"/>
        <source>全部账户（合计）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="325"/>
        <location filename="../../ui/pages/books_page.py" line="399"/>
        <source>反结账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="326"/>
        <location filename="../../ui/pages/books_page.py" line="408"/>
        <location filename="../../ui/pages/books_page.py" line="417"/>
        <source>年终结转</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="327"/>
        <source>损益类科目结转到“本年收益”，再转入“收益分配—未分配收益”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="354"/>
        <location filename="../../ui/pages/books_page.py" line="491"/>
        <source>结账日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="372"/>
        <source>当前会计期间：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="390"/>
        <source>结账 {0}？结账后该月不能再记账（可反结账，需要填写原因）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="400"/>
        <source>反结账 {0} 的原因（记入结账日志）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="409"/>
        <source>将 {0} 年损益类科目结转到“本年收益”，再转入“收益分配—未分配收益”，生成日期为 {0}-12-31 的结转凭证。请在 12 月结账前进行。继续？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="416"/>
        <source>（损益类科目没有余额，无需结转）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="417"/>
        <source>已生成结转凭证：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="487"/>
        <source>会计期间</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterpartyPicker</name>
    <message>
        <location filename="../../ui/dialogs/aux_pickers.py" line="26"/>
        <source>选择往来单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/aux_pickers.py" line="29"/>
        <source>名称、证件号码或电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/aux_pickers.py" line="48"/>
        <source>（不指定往来单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/aux_pickers.py" line="58"/>
        <source>还有 {0} 个，请输入更多文字缩小范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/aux_pickers.py" line="78"/>
        <source>（不指定小区）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/aux_pickers.py" line="80"/>
        <source>选择小区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/aux_pickers.py" line="81"/>
        <source>小区：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../ui/widgets/date_edit.py" line="27"/>
        <source>2025-01-31</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_edit.py" line="28"/>
        <source>可输入 2025-01-31、2025/1/31、2025.1.31 或 2025年1月31日；F4 打开日历</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_edit.py" line="31"/>
        <source>选择日期</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/dialogs/error_dialog.py" line="94"/>
        <source>提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/error_dialog.py" line="94"/>
        <source>出错了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/error_dialog.py" line="110"/>
        <source>怎么办：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/error_dialog.py" line="124"/>
        <source>复制详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/error_dialog.py" line="139"/>
        <source>已复制</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="106"/>
        <source>从Excel导入</source>
        <extracomment>What each kind is for, shown under its name. Master-data exports: (kind, button text).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="115"/>
        <source>导入…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="117"/>
        <source>下载模板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="125"/>
        <source>导出到Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="133"/>
        <source>可直接重新导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="140"/>
        <source>全年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="141"/>
        <source>导出所选期间所在年度的全部凭证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="146"/>
        <source>凭证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="146"/>
        <source>已过账凭证，可重新导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="148"/>
        <source>导出凭证…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="153"/>
        <source>科目余额表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="153"/>
        <source>报送街道、区里的余额表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="158"/>
        <source>导出余额表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="163"/>
        <source>打印报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="181"/>
        <source>每份报表先打开预览，可选择期间和科目，再打印、另存为PDF或导出Excel。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="218"/>
        <source>保存导入模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="218"/>
        <source>{title}导入模板.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="243"/>
        <source>凭证（{y}年）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="245"/>
        <source>凭证（{p}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="254"/>
        <source>科目余额表（{p}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="269"/>
        <source>导出Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/exchange_page.py" line="279"/>
        <source>正在导出Excel…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home_page.py" line="69"/>
        <source>有 {0} 张凭证草稿尚未过账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="81"/>
        <source>{0} 尚未结账：月末请及时结账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="90"/>
        <source>期初余额借贷不平衡（差额 {0}）：请在“科目—期初余额”中补齐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="140"/>
        <source>当前会计期间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="141"/>
        <source>试算平衡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="142"/>
        <source>待过账凭证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="143"/>
        <source>未结账期间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="151"/>
        <source>今天需要处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="168"/>
        <source>{0} · 操作人：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="170"/>
        <source>第一个未结账的月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="179"/>
        <source>期末借方 {0}
期末贷方 {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="182"/>
        <source>平衡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="184"/>
        <source>不平衡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="190"/>
        <source>{0} 张</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="191"/>
        <source>草稿过账后才记入账簿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="191"/>
        <source>没有待过账的草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="197"/>
        <source>{0} 个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/home_page.py" line="208"/>
        <source>暂时没有需要处理的事项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="59"/>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="59"/>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="60"/>
        <source>未变</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="60"/>
        <source>有错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="163"/>
        <source>从Excel导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="173"/>
        <source>上一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="174"/>
        <source>下一步：检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="175"/>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="176"/>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="177"/>
        <location filename="../../ui/dialogs/import_wizard.py" line="416"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="211"/>
        <source>选择要导入的 Excel 工作簿（.xlsx、.xls）或 CSV 文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="214"/>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="217"/>
        <source>下载模板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="225"/>
        <source>工作表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="230"/>
        <source>导入内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="231"/>
        <source>Excel 文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="238"/>
        <source>表格可以带标题行、“单位：元”行、合计行和填表人行，读取时会自动跳过；列名可以用常见的别名，列的顺序不限。导入前会先检查全部数据：有任何错误都不会导入，改正后重新选择文件即可。同一个文件重复导入不会产生重复记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="244"/>
        <source>没有现成的表格？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="265"/>
        <source>（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="267"/>
        <source>表格的列：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="268"/>
        <source>从Excel导入{title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="273"/>
        <source>选择要导入的Excel文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="300"/>
        <source>全部工作表（每张按其内容识别）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="311"/>
        <source>保存导入模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="311"/>
        <source>{title}导入模板.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="332"/>
        <source>导出错误报告…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="334"/>
        <source>错误清单和标红的原表，便于对照改正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="349"/>
        <source>错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="350"/>
        <source>变化明细</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="383"/>
        <source>正在读取“{name}”：{done} / {total} 行…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="384"/>
        <source>正在读取“{name}”：已读 {done} 行…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="398"/>
        <source>正在检查“{name}”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="413"/>
        <source>导入类型不符</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="414"/>
        <source>要改为导入“{title}”吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="415"/>
        <source>改为导入“{title}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="427"/>
        <source>错误（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="428"/>
        <source>变化明细（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="440"/>
        <source>未导入的工作表：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="442"/>
        <source>未导入的表格：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="450"/>
        <source>发现 {n} 处错误，未导入任何数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="451"/>
        <source>“{name}”：共 {rows} 行，新增 {new}，修改 {changed}，未变 {same}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="458"/>
        <source>已跳过模板中的示例行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="460"/>
        <source>未使用的列：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="465"/>
        <source>文件中的数据与账簿一致，无需导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="466"/>
        <source>检查通过，可以导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="470"/>
        <source>“{name}”共 {rows} 行，有错误的行见下表。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="475"/>
        <source>其余 {n} 条记录无误（新增 {new}，修改 {changed}，未变 {same}），但要全部改正后才能导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="478"/>
        <source>请改正 Excel 文件后，点“上一步”重新检查。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="491"/>
        <source>导出错误报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="491"/>
        <source>{name}-错误报告.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="499"/>
        <source>正在导出错误报告…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="532"/>
        <source>正在导入{title}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="547"/>
        <source>导入完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="548"/>
        <source>{title}：新增 {new}，修改 {changed}，未变 {same}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="550"/>
        <source>各页面已自动刷新。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <location filename="../../ui/main_window.py" line="325"/>
        <source>AssetDesk 社区集体资产财务</source>
        <extracomment>Navigation areas in order: (module, class). Add a page by adding its line.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="125"/>
        <source>Ctrl+1…6 切换页面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>文件(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>新建账套(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>打开数据库(&amp;O)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164"/>
        <source>最近打开(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>备份(&amp;B)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>恢复备份(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>退出(&amp;X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>编辑(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>查看(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>关于 AssetDesk(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>当前操作人（记入审计日志）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>数据库：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>AssetDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="322"/>
        <source>当前期间：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>操作人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="337"/>
        <source>在“设置”中添加用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373"/>
        <source>新账套的数据库文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="384"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>关于 AssetDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>&lt;b&gt;AssetDesk 社区集体资产财务&lt;/b&gt;&lt;br&gt;社区集体经济组织的资产、合同、物业费、资金与账务管理。&lt;br&gt;&lt;br&gt;执行《农村集体经济组织会计制度》（财会〔2023〕14号）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="427"/>
        <source>尚未保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="427"/>
        <source>“{0}”中有尚未保存的修改，是否保存？</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoneyEdit</name>
    <message>
        <location filename="../../ui/widgets/money_edit.py" line="26"/>
        <source>0.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/money_edit.py" line="27"/>
        <source>可输入 1234.50、1,234.50、¥1234.50、1234.50元 或 12.5万</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="35"/>
        <source>2025-03</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="36"/>
        <source>会计期间，格式 YYYY-MM；Ctrl+↑/↓ 切换月份</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPreviewDialog</name>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="75"/>
        <source>{title} — 打印预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="124"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="125"/>
        <source>按所选期间和科目重新生成（F5）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="130"/>
        <source>期间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="132"/>
        <source>至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="136"/>
        <source>科目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="151"/>
        <source>全部有发生额的科目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="153"/>
        <source>库存现金日记账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="154"/>
        <source>银行存款日记账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="170"/>
        <source>上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="171"/>
        <source>下一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="175"/>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="365"/>
        <source>适合宽度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="176"/>
        <source>缩小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="177"/>
        <source>放大</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="180"/>
        <source>打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="182"/>
        <source>打印（Ctrl+P）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="183"/>
        <source>另存为PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="184"/>
        <source>导出Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="185"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="264"/>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="266"/>
        <source>正在生成{title}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="274"/>
        <source>报表文件无法显示，请点“刷新”重新生成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="299"/>
        <source>报表未能生成。请调整期间或科目后点“刷新”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="307"/>
        <source>已取消。点“刷新”重新生成报表。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="406"/>
        <source>全部账簿是几本账的合订本，请在各报表中分别导出Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="407"/>
        <source>凭证导出Excel按单月或整年，请选择一个月或1月至12月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="335"/>
        <source>第 {n} / {m} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="389"/>
        <source>另存为PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="434"/>
        <source>导出Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/report_preview_dialog.py" line="438"/>
        <source>正在导出Excel…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="73"/>
        <source>账套信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="79"/>
        <source>保存账套信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="84"/>
        <source>社区名称(&amp;N)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="85"/>
        <source>统一社会信用代码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="86"/>
        <source>会计制度：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="87"/>
        <source>启用期间：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="94"/>
        <location filename="../../ui/pages/settings_page.py" line="198"/>
        <source>用户和角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="98"/>
        <location filename="../../ui/pages/settings_page.py" line="237"/>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="98"/>
        <location filename="../../ui/pages/settings_page.py" line="118"/>
        <location filename="../../ui/pages/settings_page.py" line="237"/>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="112"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="116"/>
        <source>添加用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="124"/>
        <source>操作人在状态栏选择，记入审计日志；本程序不设登录密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="139"/>
        <source>凭证编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="147"/>
        <source>凭证字：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="148"/>
        <source>编号方式：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="152"/>
        <source>备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="154"/>
        <source>默认：用户数据目录下的 backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="155"/>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="159"/>
        <source> 份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="160"/>
        <source>保存备份设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="166"/>
        <source>备份文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="167"/>
        <source>退出时自动备份，保留最近：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="172"/>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="177"/>
        <source>字体文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="179"/>
        <source>保存打印设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="184"/>
        <source>PDF 报表使用的中文字体；所选字体不可用时自动改用本机的中文字体。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="188"/>
        <source>PDF 字体：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="205"/>
        <source>农村集体经济组织会计制度（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="212"/>
        <source>{0}-0001、{0}-0002 …… 每月从 0001 起连续编号，过账时自动分配，不可手工修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="228"/>
        <source>已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="254"/>
        <source>选择备份文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="265"/>
        <source>选择字体文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="266"/>
        <source>TrueType 字体 (*.ttf *.ttc);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValidatedLineEdit</name>
    <message>
        <location filename="../../ui/widgets/validated_edit.py" line="90"/>
        <source>此项必须填写</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoucherDialog</name>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="54"/>
        <source>记账凭证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="68"/>
        <source>记 账 凭 证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="78"/>
        <source> 张</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="81"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="84"/>
        <source>凭证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="89"/>
        <source>附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="122"/>
        <source>合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="132"/>
        <source>Enter 下一格&#x3000;= 平衡金额&#x3000;空格 借贷互换&#x3000;- 红字&#x3000;.. 复制上行摘要&#x3000;// 复制首行摘要&#x3000;F7 科目列表&#x3000;F8 往来单位&#x3000;F9 小区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="135"/>
        <source>保存草稿 Ctrl+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="136"/>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="221"/>
        <source>保存并新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="137"/>
        <source>过账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="139"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="221"/>
        <source>新增凭证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="226"/>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="229"/>
        <source>（过账后编号）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="227"/>
        <source>新凭证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="234"/>
        <source>制单：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="235"/>
        <source>&#x3000;审核：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="237"/>
        <source>来源：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="241"/>
        <source>冲销 &lt;a href=&apos;{0}&apos;&gt;{1}&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="243"/>
        <source>已被 &lt;a href=&apos;{0}&apos;&gt;{1}&lt;/a&gt; 冲销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="258"/>
        <source>借贷平衡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="261"/>
        <source>借贷不平，差额 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="285"/>
        <source>请填写凭证日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="285"/>
        <source>例如 2025-03-31</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="312"/>
        <source>已保存草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="335"/>
        <source>已过账：{0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="350"/>
        <source>暂未自动保存：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="357"/>
        <source>已自动保存草稿 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="364"/>
        <source>凭证尚未保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/voucher_dialog.py" line="364"/>
        <source>这张凭证有未保存的修改。是否保存为草稿？</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoucherGrid</name>
    <message>
        <location filename="../../ui/widgets/account_picker.py" line="123"/>
        <source>编码/名称/拼音</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VouchersPage</name>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="157"/>
        <source>全部期间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="165"/>
        <source>科目编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="168"/>
        <source>摘要包含…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="171"/>
        <location filename="../../ui/pages/vouchers_page.py" line="193"/>
        <source>金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="184"/>
        <source>期间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="188"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="191"/>
        <source>科目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="199"/>
        <source>新建 Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="201"/>
        <source>打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="202"/>
        <source>过账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="203"/>
        <location filename="../../ui/pages/vouchers_page.py" line="381"/>
        <source>红字冲销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="204"/>
        <location filename="../../ui/pages/vouchers_page.py" line="394"/>
        <source>删除草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="260"/>
        <source>共 {0} 张凭证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="292"/>
        <source>选择一张凭证查看分录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="42"/>
        <location filename="../../ui/pages/vouchers_page.py" line="304"/>
        <source>来源：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="312"/>
        <source>已被 &lt;a href=&apos;{0}&apos;&gt;{1}&lt;/a&gt; 冲销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="314"/>
        <source>冲销 &lt;a href=&apos;{0}&apos;&gt;{1}&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="346"/>
        <source>凭证列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="382"/>
        <source>将为 {0} {1}（{2}）生成一张红字冲销凭证，金额全部取负数并立即过账。
确定冲销吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/vouchers_page.py" line="394"/>
        <source>删除凭证草稿“{0}”？删除后不能恢复。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="54"/>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="57"/>
        <source>欢迎使用 AssetDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="59"/>
        <source>当前数据库还没有账套。请填写本社区（集体经济组织）的信息建立账套，或先打开演示社区看看。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="63"/>
        <source>数据库：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="68"/>
        <source>例如：兰花社区股份经济合作社</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="71"/>
        <source>18 位，可以以后再填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="77"/>
        <source>2023 年制度（财会〔2023〕14号）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="83"/>
        <source>社区名称(&amp;N)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="84"/>
        <source>统一社会信用代码(&amp;C)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="85"/>
        <source>启用期间(&amp;P)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="86"/>
        <source>会计制度(&amp;V)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="88"/>
        <source>建立账套</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="91"/>
        <source>打开演示社区(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="94"/>
        <source>打开其他数据库(&amp;O)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/welcome_dialog.py" line="97"/>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <location filename="../../ui/pages/books_page.py" line="100"/>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="103"/>
        <source>期间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/books_page.py" line="105"/>
        <source>至</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
