"""Traditional → simplified characters of budget text (繁简对照，预算文本常用字).

Data only, importing nothing of budgetperf: :func:`budgetperf.money.simplified` reads it, for the statements
and the tables' label matching alike.

The fallback used when the ``zh`` extra (OpenCC) is not installed: every character of the
seed reports, the classification tables and the grammar's own words that has a traditional
form, paired with it. The pairs are one-to-one character mappings, so the conversion never
changes the length of a text and spans stay exact. A test checks them against OpenCC.
"""

from __future__ import annotations

from typing import Final

__all__ = ["SIMPLIFIED", "TRADITIONAL"]

TRADITIONAL: Final = (
    "萬與專業東兩嚴喪個豐臨爲為舉麼義烏樂習鄉書買亂爭於雲亞產畝親億僅從儀們價衆眾優夥"
    "會偉傳傷體餘債傾償儲兒黨蘭關興養內冊寫軍農決況準涼減憑劃劉則創別製劑辦務動勵勞勢"
    "區醫華協單佔衛廠廳歷曆厲壓縣參雙發髮變隻臺號後聽啓吳員週諮響團糰園圍國圖圓場堅壇"
    "聲處備復複夠頭獎奧婦學寧實審宮對導將爾盡層屆屬崗嶺峯鞏師帶幫幹乾並廣慶庫應開異張"
    "彌強歸當噹錄徹徵徑誌懷態總慣願戰戶執擴揚撫護報擔擬擁撥擇掛擠揮換據攬攜攝撐數鬥斬"
    "斷無舊時顯晉曉暫術機雜權條來楊傑極構標欄樹樣檔橋夢檢樓殲殘殯氣匯漢溝沒澤測濟澱滲"
    "遊灣溼滯滿滅災點煉熱燻愛牽狀獨豬獻環現電畫暢療監蓋盤礦碼礪礎確離種祕積稱稅穩競築"
    "籌籤簡類粵糧緊糾紅約級紀綱納紐線綫練組細織終經結繞繪給絡統繼績續維綜綠緩編繕繳網"
    "羅羣職聯肅勝腦脫艙豔藝節蘇蘋範薦榮藥獲營慮虛蟲雖銜補裝見觀規視覽覺觸譽計訂認討讓"
    "訓議訊記講許論設訪證評識訴診詞試話詢該詳誤說請諸諾讀課調談謀謝謹貞負貢財責賬貨質"
    "貧購貫貼貸費賃資賽贊趙躍踐蹤車轉軟輕載較輔輛輻輯輸轄辯邊達遷過運還這進違連遲適選"
    "鄧郵鄭採釋裏裡鑑鑒針鍾鐘鉤錢鉛銀鋪鏈銷鋅錯鍛鎮鏡長門閉問間閣閱闡闊隊陽陣階際陳險"
    "隨難靜韋項順顧頒預領頻穎題顏額風飛飲飼饒餅館饋馬驅駛駐駕驗鴻黃齊齡龍龔"
)
"""Traditional characters, one a position."""

SIMPLIFIED: Final = (
    "万与专业东两严丧个丰临为为举么义乌乐习乡书买乱争于云亚产亩亲亿仅从仪们价众众优伙"
    "会伟传伤体余债倾偿储儿党兰关兴养内册写军农决况准凉减凭划刘则创别制剂办务动励劳势"
    "区医华协单占卫厂厅历历厉压县参双发发变只台号后听启吴员周咨响团团园围国图圆场坚坛"
    "声处备复复够头奖奥妇学宁实审宫对导将尔尽层届属岗岭峰巩师带帮干干并广庆库应开异张"
    "弥强归当当录彻征径志怀态总惯愿战户执扩扬抚护报担拟拥拨择挂挤挥换据揽携摄撑数斗斩"
    "断无旧时显晋晓暂术机杂权条来杨杰极构标栏树样档桥梦检楼歼残殡气汇汉沟没泽测济淀渗"
    "游湾湿滞满灭灾点炼热熏爱牵状独猪献环现电画畅疗监盖盘矿码砺础确离种秘积称税稳竞筑"
    "筹签简类粤粮紧纠红约级纪纲纳纽线线练组细织终经结绕绘给络统继绩续维综绿缓编缮缴网"
    "罗群职联肃胜脑脱舱艳艺节苏苹范荐荣药获营虑虚虫虽衔补装见观规视览觉触誉计订认讨让"
    "训议讯记讲许论设访证评识诉诊词试话询该详误说请诸诺读课调谈谋谢谨贞负贡财责账货质"
    "贫购贯贴贷费赁资赛赞赵跃践踪车转软轻载较辅辆辐辑输辖辩边达迁过运还这进违连迟适选"
    "邓邮郑采释里里鉴鉴针钟钟钩钱铅银铺链销锌错锻镇镜长门闭问间阁阅阐阔队阳阵阶际陈险"
    "随难静韦项顺顾颁预领频颖题颜额风飞饮饲饶饼馆馈马驱驶驻驾验鸿黄齐龄龙龚"
)
"""Their simplified forms, position by position."""
