// Word lists behind the PERSON, ADDRESS and context rules. Plain data; no logic.
// Strings are space-separated so each list reads as one paragraph.
#pragma once

#include <string_view>

namespace hushdesk::privacy::internal {

// Common Chinese single-character surnames (roughly the 300 most frequent).
inline constexpr std::string_view kCnSurnames =
    "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 "
    "彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 "
    "石 廖 贾 夏 韦 付 傅 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 阎 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 "
    "邵 万 钱 严 覃 武 戴 莫 孔 向 汤 常 温 康 施 文 牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪 庄 聂 "
    "章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞 左 柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌 毕 单 "
    "季 裴 霍 涂 成 苗 谷 盛 曲 翁 冉 骆 蓝 路 游 辛 靳 管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 解 "
    "牟 艾 尤 阳 时 穆 农 司 卓 古 吉 缪 简 车 项 连 芦 麦 褚 娄 窦 戚 岑 景 党 宫 费 卜 冷 晏 "
    "席 卫 米 柏 宗 瞿 桂 全 佟 应 臧 闵 苟 邬 边 卞 姬 师 仇 栾 隋 商 刁 沙 荣 巫 寇 桑 郎 甄 "
    "丛 仲 虞 敖 巩 明 佘 池 查 麻 苑 迟 邝 封 谈 匡 鞠 惠 荆 乐 冀 郁 胥 南 班 储 栗 燕 楚 鄢 "
    "劳 谌 奚 皮 粟 冼 蔺 楼 盘 满 闻 位 厉 伊 仝 区 郜 海 阚 花 权 强 帅 屠 豆 朴 盖 练 廉 禹 "
    "井 祖 漆 巴 丰 支 卿 国 狄 平 计 索 宣 晋 相 初 门 云 容 敬 来 扈 晁 芮 都 普 阙 浦 戈 伏 "
    "鹿 薄 邸 雍 辜 羊 乌 母 裘 亓 修 邰 赫 杭 况 那 宿 鲜 印 逯 隆 茹 诸 战 慕 危 玉 银 亢 嵇 "
    "湛 宾 戎 勾 茅 利 於 居 揭 干 尉 冶 斯 元 束 檀 衣 信 展 阴 昝 智 幸 奉 植 衡 富 尧 闭 由";

// Compound surnames.
inline constexpr std::string_view kCnCompoundSurnames =
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 "
    "西门 百里 呼延 澹台 万俟 钟离 申屠 太史 闻人 东郭 公羊 赫连 第五 拓跋";

// Characters that end a Chinese given name: function words and the first characters of words
// that commonly follow a name in service chat (电话, 手机, 地址, 先生, 的, ...).
inline constexpr std::string_view kCnNameStopChars =
    "的 了 是 在 和 与 跟 及 或 先 女 我 你 他 她 它 们 要 想 问 请 电 手 号 地 住 吗 呢 吧 啊 "
    "呀 哦 嗯 也 都 就 还 又 很 不 没 有 这 那 哪 谁 说 给 让 被 把 对 从 到 去 来 用 买 卖 退 换 "
    "寄 收 发 付 打 联 身 证 卡 银 账 帐 邮 微 订 单 客 服 经 理 同 学 师 傅 总 医 生 士 姐 哥 "
    "弟 妹 爸 妈 今 昨 现 已 刚 会 能 可 应 该 需 帮 谢 您 好 一 二 三 四 五 六 七 八 九 十 "
    "个 位 名 叫 姓 为 因 所 以 但 而 且 如 果 时 候 后 前 里 上 下 中 内 外 等 着 过 得 地 下 "
    "投 咨 查 申 办 确 取 回";

// Words after which a Chinese name follows (我叫张伟, 联系人：李娜).
inline constexpr std::string_view kCnNameCuesBefore =
    "我叫 我是 叫做 名叫 姓名 名字 联系人 收件人 收货人 寄件人 发件人 持卡人 户名 开户名 "
    "本人 签收人 患者 病人 客户 乘客 投保人 被保险人 受益人 申请人 法人 负责人 经办人 "
    "业主 租客 学生 家长 孩子 儿子 女儿 老公 老婆 丈夫 妻子 找 转给 交给 麻烦 请问";

// Honorifics after a surname or a full name (张先生, 李娜女士).
inline constexpr std::string_view kCnHonorifics =
    "先生 女士 小姐 老师 经理 师傅 医生 律师 同学 主任 总监 阿姨 大爷 太太 教授 护士 总";

// Province-level names and their short forms, prefecture-level and major cities, for ADDRESS.
inline constexpr std::string_view kCnGazetteer =
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 "
    "湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 "
    "石家庄 唐山 秦皇岛 邯郸 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治 晋城 朔州 "
    "晋中 运城 忻州 临汾 吕梁 呼和浩特 包头 鄂尔多斯 赤峰 通辽 沈阳 大连 鞍山 抚顺 本溪 丹东 "
    "锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 长春 四平 通化 延边 哈尔滨 齐齐哈尔 "
    "牡丹江 佳木斯 大庆 鸡西 双鸭山 绥化 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 "
    "镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌 合肥 芜湖 "
    "蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 福州 厦门 莆田 "
    "三明 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 "
    "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 郑州 "
    "开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 "
    "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 长沙 株洲 湘潭 衡阳 "
    "邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 "
    "茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮 南宁 柳州 桂林 梧州 "
    "北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 海口 三亚 儋州 成都 自贡 攀枝花 泸州 "
    "德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 贵阳 六盘水 遵义 "
    "安顺 毕节 铜仁 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 大理 西双版纳 拉萨 日喀则 西安 "
    "铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 "
    "酒泉 庆阳 定西 西宁 银川 石嘴山 吴忠 固原 中卫 乌鲁木齐 克拉玛依 吐鲁番 哈密 喀什 伊犁 "
    "昆山 江阴 常熟 张家港 慈溪 余姚 晋江 石狮 顺德 南海 番禺 浦东 海淀 朝阳区 东城 西城 "
    "丰台 昌平 大兴 通州 顺义 徐汇 静安 黄浦 长宁 闵行 宝山 杨浦 虹口 普陀 天河 越秀 白云 "
    "福田 罗湖 南山 宝安 龙岗 龙华 西湖 上城 拱墅 滨江 萧山 余杭 鼓楼 玄武 秦淮 建邺 江宁 "
    "武侯 锦江 青羊 金牛 成华 高新 雁塔 碑林 新城 莲湖 江北 渝中 沙坪坝 九龙坡 南岸 历下 "
    "市南 市北 崂山 黄岛 思明 湖里 集美 岳麓 芙蓉 天心 开福 雨花 江汉 江岸 洪山 武昌 汉阳";

// Administrative and street-level suffixes that end a Chinese address component, longest first
// where one is a prefix of another.
inline constexpr std::string_view kCnAddressSuffixes =
    "自治区 自治州 特别行政区 经济开发区 开发区 高新区 新区 工业园 产业园 科技园 "
    "省 市 区 县 旗 盟 州 镇 乡 街道 村 社区 大道 路 段 街 道 巷 弄 胡同 里 "
    "小区 花园 公寓 大厦 广场 中心 苑 园 城 府 庭 湾 家园 新村 大院 "
    "号院 号楼 号 栋 幢 座 楼 层 单元 室 户 组 期";

// Province abbreviations that open a mainland licence plate.
inline constexpr std::string_view kCnPlateProvinces =
    "京 津 沪 渝 冀 豫 云 辽 黑 湘 皖 鲁 新 苏 浙 赣 鄂 桂 甘 晋 蒙 陕 吉 闽 贵 粤 青 藏 川 宁 琼";

// Common English given names (both sexes, several origins).
inline constexpr std::string_view kEnFirstNames =
    "James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel "
    "Matthew Anthony Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Edward Ronald "
    "Timothy Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott "
    "Brandon Benjamin Samuel Gregory Frank Alexander Raymond Patrick Jack Dennis Jerry Tyler "
    "Aaron Jose Adam Henry Nathan Douglas Zachary Peter Kyle Walter Ethan Jeremy Harold Keith "
    "Christian Roger Noah Gerald Carl Terry Sean Austin Arthur Lawrence Jesse Dylan Bryan Joe "
    "Jordan Billy Bruce Albert Willie Gabriel Logan Alan Juan Wayne Roy Ralph Randy Eugene "
    "Vincent Russell Elijah Louis Bobby Philip Johnny Mary Patricia Jennifer Linda Elizabeth "
    "Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley Kimberly Emily "
    "Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia "
    "Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine "
    "Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie "
    "Joyce Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea "
    "Hannah Martha Jacqueline Frances Gloria Ann Teresa Kathryn Sara Janice Jean Alice Madison "
    "Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle Theresa Sophia Marie "
    "Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Lucy Oliver Harry Charlie Liam "
    "Mason Lucas Leo Oscar Freddie Archie Alfie Isla Ava Mia Amelia Poppy Ella Lily Sophie "
    "Chloe Ruby Evie Jessica Daisy Freya Alexandra Anastasia Natasha Olga Irina Svetlana Elena "
    "Tatiana Ivan Dmitri Sergei Vladimir Mikhail Nikolai Andrei Alexei Pavel Yuri Hans Klaus "
    "Jurgen Stefan Wolfgang Lukas Jonas Felix Maximilian Johannes Anna Lena Leonie Lea Laura "
    "Julia Sabine Petra Ursula Monika Pierre Jean Louis Michel Philippe Alain Nicolas Julien "
    "Antoine Camille Manon Chloe Sophie Amelie Isabelle Nathalie Sylvie Giulia Francesca Chiara "
    "Giuseppe Giovanni Marco Luca Matteo Alessandro Lorenzo Andrea Carlos Miguel Luis Javier "
    "Alejandro Diego Pablo Sofia Lucia Carmen Isabel Ana Paula Fernanda Gabriela Beatriz Joao "
    "Pedro Rafael Tiago Mohammed Muhammad Ahmed Ali Omar Hassan Hussein Yusuf Fatima Aisha "
    "Layla Mariam Zainab Raj Rahul Amit Priya Anjali Sanjay Vijay Arjun Deepak Sunita Neha "
    "Hiroshi Takeshi Kenji Yuki Haruto Sakura Yui Aiko Min Ji Hyun Seo Wei Ming Li Jun Lei "
    "Yan Hui Xin Tomasz Piotr Krzysztof Katarzyna Agnieszka Jan Lars Erik Anders Nils Ingrid "
    "Astrid Sven Bjorn Mikko Juha Matti Aino Helmi Tuomas Emil Viktor Sebastian Adrian Marcus "
    "Simon Martin Tobias Florian Fabian Daniela Claudia Susanne Katrin Jana Petr Pavla Tereza "
    "Eva Zuzana Ondrej Jakub Lukas Marek Laszlo Zoltan Istvan Gabor Eszter Katalin Zsofia";

// Common English and international family names.
inline constexpr std::string_view kEnLastNames =
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen "
    "Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez "
    "Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy "
    "Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox "
    "Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price "
    "Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell "
    "Sullivan Bell Coleman Butler Henderson Barnes Fisher Vasquez Simmons Graham Murray "
    "Ford Hamilton Marshall Owens Harrison Gibson Wallace Kennedy Wells Olson Stone Meyer "
    "Schmidt Schneider Fischer Weber Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf "
    "Schroder Neumann Schwarz Zimmermann Braun Kruger Hartmann Lange Werner Krause Lehmann "
    "Dubois Durand Leroy Moreau Simon Laurent Lefebvre Michel Bernard Petit Rossi Russo Ferrari "
    "Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Silva Santos "
    "Oliveira Souza Pereira Ferreira Almeida Nowak Kowalski Wisniewski Wojcik Kowalczyk "
    "Ivanov Smirnov Petrov Volkov Sokolov Popov Kuznetsov Novak Svoboda Dvorak Horvath Nagy "
    "Toth Szabo Kovacs Varga Molnar Nielsen Hansen Jensen Pedersen Andersen Larsen Johansson "
    "Karlsson Nilsson Eriksson Larsson Olsen Berg Korhonen Virtanen Nieminen Makinen Hamalainen "
    "Khan Singh Kumar Sharma Gupta Shah Mehta Ali Ahmed Hussain Yilmaz Kaya Demir Tanaka "
    "Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Park Choi Jung Kang Cho Wang Zhang "
    "Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Luo Zheng Liang Xie Song Tang";

// Capitalized words that are not names even when they follow a cue ("I am Happy").
inline constexpr std::string_view kEnNotNames =
    "I I'm Im A An The This That These Those It Its He She We They You Your My Our Their His Her "
    "Is Are Was Were Be Been Am Do Does Did Have Has Had Not No Yes Ok Okay Hi Hello Hey Dear "
    "Thanks Thank Please Sorry Sure And Or But So If When What Why How Where Who Which Can Could "
    "Would Should Will Just Also Here There Now Then Today Tomorrow Yesterday Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December Customer Service Support Agent Team Bank Card Account "
    "Order Number Phone Email Address Street Road Avenue Mr Mrs Ms Miss Dr Prof Sir Madam Best "
    "Regards Sincerely Kind Happy Good Great Fine New Order Please Looking Calling Writing Trying "
    "Going Still Really Very Not Unable Interested Sending Glad Available Happy Afraid Waiting "
    // Labels written "Label: text" that are not speakers.
    "Note Notes Answer Question Subject Re Fwd Update Warning Error Total Price Status Date Time "
    "User Bot Reply Summary Example Tip Step Result Reason Info Details Name Title Message Comment "
    "Reference Ref Amount Balance Item Items Product Quantity Size Color Colour Model Version Code "
    "Category Type Issue Problem Solution Location Source From To Cc Sent Edit Link Website Mobile "
    "Desk Fax Tel Cell Home Work Office Contact Attn Attention Sender Recipient Billing Shipping "
    "Delivery Invoice Payment Refund Tracking Account Password Username Login "
    // Words before a single letter that is not a middle initial ("Section B", "Gate C").
    "Section Appendix Chapter Part Figure Table Article Plan Grade Class Level Room Gate Terminal "
    "Block Zone Seat Vitamin Option Group Phase Stage Tier Unit Building Floor Platform Exhibit Schedule";

// Street-type words that end the street part of an English address.
inline constexpr std::string_view kEnStreetSuffixes =
    "Street St Avenue Ave Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Way Place Pl Square "
    "Sq Terrace Ter Parkway Pkwy Circle Cir Highway Hwy Crescent Close Gardens Grove Row Walk "
    "Hill Park Alley Trail Plaza Pike Expressway Route Rue Strasse Straße Via Calle Rua Camino";

// Unit designators inside an English address.
inline constexpr std::string_view kEnUnitWords = "Apt Apartment Suite Ste Unit Flat Floor Fl Room Rm Bldg Building";

}  // namespace hushdesk::privacy::internal
