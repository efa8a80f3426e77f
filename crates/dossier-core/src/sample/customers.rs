//! Deterministic sample archive for demos and load tests: realistic Chinese individuals and
//! enterprises from a seeded splitmix64 generator. Every card goes through `validate_card`, so
//! samples are always valid and normalised.

use crate::customer::card::{validate_card, CardBody, Kind};
use crate::customer::contact::{validate_contact, Contact};
use crate::customer::Customer;
use crate::customer::numbering::Numbering;
use crate::customer::owner::Rep;
use crate::forms::schema::RawForm;
use crate::forms::value::FieldValue;
use crate::primitives::clock::{Hlc, Stamp};
use crate::primitives::codes::{Stage, Tag, Tier};
use crate::primitives::id::new_id;
use crate::validation::check::{format_date, id_check_digit, uscc_check_char};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// splitmix64: tiny, good enough for sample data, identical on every platform (tests use it for
/// random saves too).
pub struct Rng(pub u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// lo..=hi (lo if the range is empty).
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }
    pub(crate) fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    pub(crate) fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }
    pub(crate) fn bytes16(&mut self) -> [u8; 16] {
        let (a, b) = (self.next().to_le_bytes(), self.next().to_le_bytes());
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&a);
        out[8..].copy_from_slice(&b);
        out
    }
}

struct City {
    province: &'static str,
    city: &'static str,
    districts: &'static [&'static str],
    area: &'static str,
    post: &'static str,
    region: &'static str,
    /// Administrative division code used in ID and credit codes.
    code: &'static str,
}

macro_rules! cities {
    ($(($p:literal, $c:literal, [$($d:literal),+], $a:literal, $post:literal, $r:literal, $code:literal)),+ $(,)?) => {
        &[$(City { province: $p, city: $c, districts: &[$($d),+], area: $a, post: $post, region: $r, code: $code }),+]
    };
}

const CITIES: &[City] = cities![
    ("北京市", "北京市", ["朝阳区", "海淀区", "丰台区", "西城区"], "010", "100", "华北", "110105"),
    ("天津市", "天津市", ["和平区", "河西区", "南开区", "河东区"], "022", "300", "华北", "120101"),
    ("河北省", "石家庄市", ["长安区", "桥西区", "新华区", "裕华区"], "0311", "050", "华北", "130102"),
    ("山西省", "太原市", ["小店区", "迎泽区", "杏花岭区", "万柏林区"], "0351", "030", "华北", "140105"),
    ("上海市", "上海市", ["浦东新区", "徐汇区", "静安区", "闵行区"], "021", "200", "华东", "310115"),
    ("江苏省", "南京市", ["鼓楼区", "玄武区", "秦淮区", "江宁区"], "025", "210", "华东", "320106"),
    ("江苏省", "苏州市", ["姑苏区", "吴中区", "相城区", "虎丘区"], "0512", "215", "华东", "320508"),
    ("浙江省", "杭州市", ["西湖区", "上城区", "拱墅区", "滨江区"], "0571", "310", "华东", "330106"),
    ("浙江省", "宁波市", ["海曙区", "江北区", "鄞州区", "北仑区"], "0574", "315", "华东", "330203"),
    ("安徽省", "合肥市", ["蜀山区", "包河区", "庐阳区", "瑶海区"], "0551", "230", "华东", "340104"),
    ("福建省", "厦门市", ["思明区", "湖里区", "集美区", "海沧区"], "0592", "361", "华东", "350203"),
    ("山东省", "济南市", ["历下区", "市中区", "槐荫区", "天桥区"], "0531", "250", "华东", "370102"),
    ("山东省", "青岛市", ["市南区", "市北区", "李沧区", "崂山区"], "0532", "266", "华东", "370202"),
    ("广东省", "广州市", ["天河区", "越秀区", "白云区", "番禺区"], "020", "510", "华南", "440106"),
    ("广东省", "深圳市", ["南山区", "福田区", "宝安区", "龙岗区"], "0755", "518", "华南", "440305"),
    ("广西壮族自治区", "南宁市", ["青秀区", "兴宁区", "西乡塘区", "江南区"], "0771", "530", "华南", "450103"),
    ("湖北省", "武汉市", ["江汉区", "武昌区", "洪山区", "汉阳区"], "027", "430", "华中", "420103"),
    ("湖南省", "长沙市", ["芙蓉区", "天心区", "岳麓区", "开福区"], "0731", "410", "华中", "430102"),
    ("河南省", "郑州市", ["金水区", "中原区", "二七区", "管城回族区"], "0371", "450", "华中", "410105"),
    ("江西省", "南昌市", ["东湖区", "西湖区", "青山湖区", "红谷滩区"], "0791", "330", "华中", "360102"),
    ("四川省", "成都市", ["锦江区", "青羊区", "武侯区", "成华区"], "028", "610", "西南", "510104"),
    ("重庆市", "重庆市", ["渝中区", "江北区", "南岸区", "九龙坡区"], "023", "400", "西南", "500103"),
    ("云南省", "昆明市", ["五华区", "盘龙区", "官渡区", "西山区"], "0871", "650", "西南", "530102"),
    ("贵州省", "贵阳市", ["南明区", "云岩区", "观山湖区", "花溪区"], "0851", "550", "西南", "520102"),
    ("陕西省", "西安市", ["雁塔区", "碑林区", "莲湖区", "新城区"], "029", "710", "西北", "610113"),
    ("甘肃省", "兰州市", ["城关区", "七里河区", "安宁区", "西固区"], "0931", "730", "西北", "620102"),
    ("新疆维吾尔自治区", "乌鲁木齐市", ["天山区", "沙依巴克区", "新市区", "水磨沟区"], "0991", "830", "西北", "650102"),
    ("辽宁省", "沈阳市", ["和平区", "沈河区", "皇姑区", "铁西区"], "024", "110", "东北", "210102"),
    ("吉林省", "长春市", ["朝阳区", "南关区", "宽城区", "绿园区"], "0431", "130", "东北", "220104"),
    ("黑龙江省", "哈尔滨市", ["南岗区", "道里区", "香坊区", "道外区"], "0451", "150", "东北", "230103"),
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田",
    "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚",
    "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白",
    "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "欧阳", "司马",
];
const MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫",
    "波", "宁", "建国", "志强", "海", "东", "林", "峰", "国", "文", "俊", "浩", "宇", "晨", "博", "凯",
];
const FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀英", "燕", "玲", "桂英", "丹", "萍", "红", "婷",
    "雪", "琳", "晶", "慧", "莉", "颖", "倩", "洁", "佳", "欣", "怡", "梅", "兰", "月", "琴", "璐",
];
const ROADS: &[&str] = &[
    "人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "长江路", "黄河路", "胜利路", "文化路",
    "光明路", "友谊路", "幸福路", "朝阳路", "滨江路", "东风路", "青年路", "工业路", "商业街", "振兴大道",
];
const BRAND: &[&str] = &[
    "鑫", "盛", "华", "泰", "隆", "丰", "源", "达", "通", "顺", "恒", "瑞", "祥", "安", "康", "宏", "远",
    "德", "信", "诚", "金", "利", "兴", "旺", "昌", "嘉", "和", "聚", "福", "海", "永", "茂", "佳", "汇",
];
/// (word in the company name, 所属行业, product lines).
const TRADES: &[(&str, &str, &[&str])] = &[
    ("食品", "食品饮料", &["饮料", "休闲食品", "乳制品", "方便食品"]),
    ("五金", "五金机电", &["五金工具", "水暖配件", "电线电缆", "紧固件"]),
    ("建材", "建筑材料", &["瓷砖", "涂料", "板材", "卫浴"]),
    ("电器", "家用电器", &["空调", "冰箱", "小家电", "厨电"]),
    ("日化", "日用化学品", &["洗护用品", "化妆品", "清洁用品"]),
    ("医药", "医药流通", &["处方药", "非处方药", "医疗器械", "保健品"]),
    ("农资", "农业生产资料", &["化肥", "农药", "种子", "农膜"]),
    ("酒业", "酒类流通", &["白酒", "啤酒", "葡萄酒", "黄酒"]),
    ("粮油", "粮油副食", &["大米", "食用油", "面粉", "调味品"]),
    ("汽配", "汽车配件", &["轮胎", "机油", "蓄电池", "滤清器"]),
    ("文具", "文教用品", &["办公用品", "学生文具", "纸品"]),
];
const POSITIONS: &[&str] = &["总经理", "董事长", "副总经理", "采购经理", "财务经理", "销售主管", "店长", "仓库主管", "业务员"];
const TITLES: &[&str] = &["经理", "主任", "教师", "医生", "个体户", "工程师", "主管", "店主", "会计", "公务员"];
const PAYMENTS: &[&str] = &["现金", "月结30天", "票到付款", "银行转账", "银行承兑汇票", "货到付款", "预付款"];
const HOBBIES: &[&str] = &["钓鱼", "打乒乓球", "喝茶", "书法", "摄影", "爬山", "打羽毛球", "下象棋", "听戏曲", "旅游", "跑步", "养花"];
const FORMER_REASONS: &[&str] = &["经营不善停业", "转向竞争对手进货", "价格谈不拢", "公司搬迁外地", "负责人变更", "长期拖欠货款"];
const ETHNIC: &[&str] = &["回族", "满族", "壮族", "蒙古族", "朝鲜族", "土家族"];
const BANKS: &[&str] = &["中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "交通银行", "招商银行"];
const MS_PER_DAY: u64 = 86_400_000;
/// Days from 0001-01-01 (CE day 1) to 1970-01-01.
const EPOCH_CE_DAYS: i64 = 719_163;

/// `count` customers created over the three years before `today`, ~40 % individuals.
pub fn sample_archive(seed: u64, count: usize, today: NaiveDate, device: &str) -> Vec<Customer> {
    let mut rng = Rng(seed);
    let mut numbering = Numbering::default();
    let today_days = i64::from(today.num_days_from_ce()) - EPOCH_CE_DAYS;
    let end_ms = (today_days.max(0) as u64) * MS_PER_DAY;
    let span = 3 * 365 * MS_PER_DAY;
    let start_ms = end_ms.saturating_sub(span);
    let reps: Vec<String> = (0..8)
        .map(|_| {
            let male = rng.chance(50);
            person_name(&mut rng, male)
        })
        .collect();
    (0..count)
        .map(|i| {
            // Creation times increase with i, so registration numbers follow time.
            let step = span / count.max(1) as u64;
            let ms = start_ms + i as u64 * step + rng.below(step.max(1));
            let created = Stamp::new(Hlc { ms, n: 0 }, device);
            let created_day = date_of_ms(ms).unwrap_or(today);
            let reg_no = numbering.issue(created_day.year());
            let g = Gen { rng: &mut rng, today, created_day, reps: &reps };
            g.customer(reg_no, created)
        })
        .collect()
}

/// Eight reps for a sample archive, each covering some of its regions, and an owner for each
/// customer: the rep of its region (about one in twenty has none yet). Enterprise cards name their
/// owner as 开发人. The first assignment is recorded in 负责人记录 as made when the card was created.
pub fn sample_owners(seed: u64, customers: &mut [Customer], device: &str) -> Vec<Rep> {
    let mut rng = Rng(seed ^ 0x6f77_6e65_7273);
    let mut regions: Vec<String> = customers.iter().map(|c| c.region.clone()).filter(|r| !r.is_empty()).collect();
    regions.sort();
    regions.dedup();
    let n = 8usize;
    // Region i is covered by the reps k with k ≡ i (mod the smaller count): every region has a
    // rep, every rep a region.
    let m = regions.len().min(n).max(1);
    let covers = |k: usize, i: usize| if regions.len() >= n { i % n == k } else { k % m == i };
    let reps: Vec<Rep> = (0..n)
        .map(|k| {
            let male = rng.chance(50);
            let name = person_name(&mut rng, male);
            let phone = format!("139{:08}", rng.below(100_000_000));
            let areas: Vec<&str> = regions.iter().enumerate().filter(|(i, _)| covers(k, *i)).map(|(_, r)| r.as_str()).collect();
            let created = Stamp::new(Hlc { ms: 1, n: k as u32 }, device);
            Rep::new(new_id(rng.bytes16()), &name, &phone, &areas.join("、"), created)
        })
        .collect();
    let of_region: Vec<Vec<usize>> = (0..regions.len()).map(|i| (0..n).filter(|&k| covers(k, i)).collect()).collect();
    let rep_of = |region: &str, rng: &mut Rng| {
        let i = regions.iter().position(|r| r == region)?;
        Some(*rng.pick(&of_region[i]))
    };
    for c in customers.iter_mut() {
        if c.deleted || rng.chance(5) {
            continue;
        }
        let Some(k) = rep_of(&c.region, &mut rng) else { continue };
        let rep = &reps[k];
        let at = Stamp::new(Hlc { ms: c.created.at.ms, n: c.created.at.n + 1 }, device);
        if crate::customer::owner::change_owner(c, &rep.id, &rep.id, "", at).is_ok() {
            if let CardBody::Enterprise(e) = &mut c.body {
                e.business.developer = rep.name.clone();
            }
        }
    }
    reps
}

fn date_of_ms(ms: u64) -> Option<NaiveDate> {
    let days = i64::try_from(ms / MS_PER_DAY).ok()? + EPOCH_CE_DAYS;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)
}

pub(super) fn person_name(rng: &mut Rng, male: bool) -> String {
    let given = if male { MALE } else { FEMALE };
    let mut s = String::from(if rng.chance(50) { *rng.pick(&SURNAMES[..10]) } else { *rng.pick(SURNAMES) });
    let first = *rng.pick(given);
    s.push_str(first);
    if first.chars().count() == 1 && rng.chance(60) {
        // A second one-character part; two-character entries are whole given names.
        let second = *rng.pick(given);
        if second.chars().count() == 1 {
            s.push_str(second);
        }
    }
    s
}

struct Gen<'a> {
    rng: &'a mut Rng,
    today: NaiveDate,
    created_day: NaiveDate,
    reps: &'a [String],
}

impl Gen<'_> {
    fn customer(mut self, reg_no: String, created: Stamp) -> Customer {
        let id = new_id(self.rng.bytes16());
        let city = self.rng.pick(CITIES);
        let individual = self.rng.chance(40);
        let (kind, raw) = if individual { (Kind::Individual, self.individual(city)) } else { (Kind::Enterprise, self.enterprise(city)) };
        let body = validate_card(kind, &raw, self.today).unwrap_or_else(|e| {
            debug_assert!(false, "sample card invalid: {e:?}");
            let name = raw.get("name").cloned().unwrap_or_default();
            let raw = RawForm::from([("name".to_string(), name)]);
            validate_card(kind, &raw, self.today).unwrap_or_default()
        });
        let mut c = Customer::new(id, reg_no, body, created.clone());
        c.region = city.region.to_string();
        self.status(&mut c);
        if !individual {
            for k in 0..self.rng.range(1, 4) {
                self.contact(&mut c, city, k == 0, &created);
            }
        }
        c
    }

    fn status(&mut self, c: &mut Customer) {
        let r = self.rng.below(100);
        c.stage = if r < 30 { Stage::Potential } else if r < 85 { Stage::Current } else { Stage::Former };
        let mut tags = BTreeSet::new();
        match c.stage {
            Stage::Potential if self.rng.chance(40) => {
                tags.insert(Tag::Hot);
            }
            Stage::Current => {
                if self.rng.chance(50) {
                    tags.insert(Tag::Base);
                }
                if self.rng.chance(8) {
                    tags.insert(Tag::Vip);
                }
            }
            Stage::Former => {
                c.former_reason = self.rng.pick(FORMER_REASONS).to_string();
                if self.rng.chance(50) {
                    tags.insert(Tag::Lost);
                }
            }
            _ => {}
        }
        c.tags = tags;
        let t = self.rng.below(100);
        c.tier = match t {
            0..=11 => Some(Tier::Key),
            12..=17 => Some(Tier::Special),
            18..=79 => Some(Tier::Ordinary),
            _ => None,
        };
    }

    fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0) as u64;
        from.checked_add_days(chrono::Days::new(self.rng.below(span + 1))).unwrap_or(to)
    }

    fn years_ago(&self, years: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.today.year() - years, 1, 1).unwrap_or(self.today)
    }

    fn address(&mut self, city: &City) -> String {
        let head = if city.province == city.city { city.city.to_string() } else { format!("{}{}", city.province, city.city) };
        format!("{head}{}{}{}号", self.rng.pick(city.districts), self.rng.pick(ROADS), self.rng.range(1, 399))
    }

    fn mobile(&mut self) -> String {
        let p = self.rng.pick(&["13", "15", "18", "17", "19", "16", "14"]);
        let mut m = format!("{p}{}", self.rng.range(0, 9));
        m.push_str(&self.rng.digits(8));
        // Half written the way people type them, to exercise normalisation.
        if self.rng.chance(50) {
            format!("{} {} {}", &m[..3], &m[3..7], &m[7..])
        } else {
            m
        }
    }

    fn landline(&mut self, city: &City) -> String {
        let len = if city.area.len() == 3 { 8 } else { 7 + self.rng.below(2) as usize };
        format!("{}-{}{}", city.area, self.rng.range(2, 8), self.rng.digits(len - 1))
    }

    fn uscc(&mut self, city: &City) -> String {
        const ORG: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
        let org: String = (0..9).map(|_| char::from(*self.rng.pick(ORG))).collect();
        let head = format!("91{}{org}", city.code);
        match uscc_check_char(&head) {
            Some(c) => format!("{head}{c}"),
            None => String::new(),
        }
    }

    fn id_number(&mut self, city: &City, birth: NaiveDate, male: bool) -> String {
        let seq = self.rng.range(0, 49) * 2 + u64::from(male);
        let head = format!("{}{:04}{:02}{:02}0{seq:02}", city.code, birth.year(), birth.month(), birth.day());
        match id_check_digit(&head) {
            Some(c) => format!("{head}{c}"),
            None => String::new(),
        }
    }

    fn company(&mut self, city: &City, trade: &str) -> String {
        let short = city.city.trim_end_matches('市');
        let brand = format!("{}{}", self.rng.pick(BRAND), self.rng.pick(BRAND));
        let suffix = *self.rng.pick(&["有限公司", "有限公司", "商贸有限公司", "贸易有限公司", "商行", "经营部"]);
        format!("{short}{brand}{trade}{suffix}")
    }

    fn individual(&mut self, city: &City) -> RawForm {
        let male = self.rng.chance(55);
        let birth = self.date_between(self.years_ago(70), self.years_ago(22));
        let mut f = Fields::default();
        let name = person_name(self.rng, male);
        if self.rng.chance(30) {
            // 老王 from the surname, 小芳 / 阿芳 from the last character of the given name.
            let (first, last) = (name.chars().next().unwrap_or('王'), name.chars().last().unwrap_or('明'));
            let nick = match self.rng.below(3) {
                0 => format!("老{first}"),
                1 => format!("小{last}"),
                _ => format!("阿{last}"),
            };
            f.set("nickname", nick);
        }
        f.set("name", name);
        f.set("gender", if male { "m" } else { "f" });
        f.set("title", *self.rng.pick(TITLES));
        if self.rng.chance(60) {
            let (trade, _, _) = *self.rng.pick(TRADES);
            f.set("company", self.company(city, trade));
        }
        f.set("address", self.address(city));
        if self.rng.chance(40) {
            f.set("office_phone", self.landline(city));
        }
        if self.rng.chance(30) {
            f.set("home_phone", self.landline(city));
        }
        if self.rng.chance(95) {
            f.set("mobile", self.mobile());
        }
        if self.rng.chance(30) {
            f.set("email", format!("{}@{}", self.rng.range(10_000, 999_999_999), self.rng.pick(&["qq.com", "163.com", "126.com", "sina.com"])));
        }
        f.set("birth_date", format_date(birth));
        let home = self.rng.pick(CITIES);
        f.set("birthplace", home.city);
        f.set("native_place", format!("{}{}", home.province, home.city));
        f.set("ethnicity", if self.rng.chance(90) { "汉族" } else { *self.rng.pick(ETHNIC) });
        if self.rng.chance(30) {
            f.set("id_number", self.id_number(home, birth, male));
        }
        f.set("education", *self.rng.pick(&["senior", "college", "bachelor", "bachelor", "master"]));
        if self.rng.chance(50) {
            f.set("school", format!("{}大学", home.city.trim_end_matches('市')));
        }
        let married = self.rng.chance(75);
        f.set("marital", if married { "married" } else { "single" });
        if married {
            f.set("spouse", person_name(self.rng, !male));
            let from = birth.checked_add_days(chrono::Days::new(22 * 366)).unwrap_or(self.today).min(self.today);
            f.set("anniversary", format_date(self.date_between(from, self.today)));
            let kids: Vec<Vec<String>> = (0..self.rng.below(3))
                .map(|_| {
                    let boy = self.rng.chance(50);
                    vec![person_name(self.rng, boy), self.rng.range(1, 25).to_string()]
                })
                .collect();
            if !kids.is_empty() {
                f.put("children", FieldValue::Rows(kids));
            }
        }
        f.set("hobbies", format!("{}、{}", self.rng.pick(HOBBIES), self.rng.pick(HOBBIES)));
        if self.rng.chance(10) {
            f.set("taboo", *self.rng.pick(&["离婚", "生意失败", "身体状况", "子女升学"]));
        }
        if self.rng.chance(40) {
            f.set("payment", *self.rng.pick(PAYMENTS));
        }
        f.0
    }

    fn enterprise(&mut self, city: &City) -> RawForm {
        let (trade, industry, products) = *self.rng.pick(TRADES);
        let mut f = Fields::default();
        let name = self.company(city, trade);
        let sole = name.ends_with("商行") || name.ends_with("经营部");
        f.set("name", name);
        f.set("address", self.address(city));
        f.set("phone", if self.rng.chance(80) { self.landline(city) } else { self.mobile() });
        if self.rng.chance(50) {
            f.set("fax", self.landline(city));
        }
        f.set("postcode", format!("{}{}", city.post, self.rng.digits(3)));
        if self.rng.chance(30) {
            f.set("website", format!("www.{}{}.com.cn", self.rng.pick(&["xy", "hs", "jl", "dh", "hx", "ty"]), self.rng.digits(4)));
        }
        if self.rng.chance(50) {
            f.set("email", format!("sales{}@{}", self.rng.range(1, 99), self.rng.pick(&["163.com", "126.com", "qq.com", "sina.com"])));
        }
        let nature = if sole { "sole" } else { *self.rng.pick(&["joint_stock", "joint_stock", "joint_stock", "partnership", "collective", "state", "other"]) };
        f.set("nature", nature);
        f.set("category", *self.rng.pick(&["agent", "wholesale1", "wholesale1", "wholesale2", "wholesale2", "key_retail", "other"]));
        f.set("industry", industry);
        let male = self.rng.chance(75);
        f.set("legal_rep", person_name(self.rng, male));
        if self.rng.chance(85) {
            f.set("tax_number", self.uscc(city));
        }
        if self.rng.chance(60) {
            let acct = format!("{} {} {} {}", self.rng.digits(4), self.rng.digits(4), self.rng.digits(4), self.rng.digits(7));
            f.set("bank_account", format!("{}{}{}支行 {acct}", self.rng.pick(BANKS), city.city, self.rng.pick(city.districts)));
        }
        // Sole traders are small: capital, staff and turnover scale with the legal form.
        let capital_wan = if sole { *self.rng.pick(&[3u64, 5, 10, 20, 50]) } else { *self.rng.pick(&[50u64, 100, 200, 500, 1000, 2000, 5000]) };
        f.set("registered_capital", (capital_wan * 10_000).to_string());
        if self.rng.chance(50) {
            f.set("working_capital", format!("{}.{:02}", self.rng.range(1, capital_wan) * 10_000, self.rng.below(100)));
        }
        let opened = self.date_between(self.years_ago(30), self.created_day.min(self.today));
        f.set("opened", format_date(opened));
        f.set("business_area", self.rng.range(30, 3000).to_string());
        if self.rng.chance(70) {
            f.set("warehouse_area", self.rng.range(50, 10_000).to_string());
        }
        f.set("employees", if sole { self.rng.range(2, 20) } else { self.rng.range(10, 500) }.to_string());
        f.set("storefront", *self.rng.pick(&["owned", "rented", "rented"]));
        f.set("vehicles", self.rng.range(0, 30).to_string());
        let mut modes: Vec<&str> = vec![*self.rng.pick(&["road", "road", "rail", "water", "pickup"])];
        if self.rng.chance(40) {
            modes.push(*self.rng.pick(&["pickup", "rail", "other"]));
        }
        f.put("transport", FieldValue::Multi(modes.iter().map(|m| m.to_string()).collect()));
        let coverage = match self.rng.below(3) {
            0 => format!("{}及周边县市", city.city),
            1 => format!("{}全省", city.province),
            _ => format!("{}地区", city.region),
        };
        f.set("coverage", coverage);
        f.set("scope", format!("{industry}批发、零售"));
        let turnover_wan = if sole { self.rng.range(20, 800) } else { self.rng.range(300, 20_000) };
        f.set("turnover", (turnover_wan * 10_000).to_string());
        let n = self.rng.range(1, products.len() as u64) as usize;
        let mut left = 100u64;
        let mut lines = Vec::new();
        for (k, p) in products.iter().take(n).enumerate() {
            // Shares in steps of 5 that add up to 100.
            let share = if k + 1 == n { left } else { self.rng.range(1, (left / 5).saturating_sub((n - k - 1) as u64).max(1)) * 5 };
            let share = share.min(left);
            left -= share;
            lines.push(vec![p.to_string(), share.to_string()]);
        }
        f.put("products", FieldValue::Rows(lines));
        f.set("developed", format_date(self.created_day.min(self.today)));
        f.set("developer", self.rng.pick(self.reps).clone());
        f.set("payment", *self.rng.pick(PAYMENTS));
        if self.rng.chance(40) {
            f.set("credit", *self.rng.pick(&["良好", "一般", "较好，从未拖欠", "偶有拖欠，需关注"]));
        }
        f.0
    }

    fn contact(&mut self, c: &mut Customer, city: &City, head: bool, stamp: &Stamp) {
        let male = self.rng.chance(60);
        let mut f = Fields::default();
        f.set("name", person_name(self.rng, male));
        f.set("gender", if male { "m" } else { "f" });
        let (position, role, influence) = if head {
            (*self.rng.pick(&POSITIONS[..3]), "in_charge", "high")
        } else {
            let role = *self.rng.pick(&["influencer", "buyer", "seller", "buyer"]);
            (*self.rng.pick(&POSITIONS[3..]), role, *self.rng.pick(&["medium", "low"]))
        };
        f.set("position", position);
        f.put("roles", FieldValue::Multi(vec![role.to_string()]));
        f.set("influence", influence);
        f.set("mobile", self.mobile());
        if self.rng.chance(40) {
            f.set("office_phone", self.landline(city));
        }
        if self.rng.chance(40) {
            let birth = self.date_between(self.years_ago(65), self.years_ago(22));
            f.set("birth_date", format_date(birth));
        }
        f.set("ethnicity", "汉族");
        if self.rng.chance(30) {
            f.set("hobbies", *self.rng.pick(HOBBIES));
        }
        if self.rng.chance(50) {
            f.put("receives_sms", FieldValue::Flag(true));
        }
        if self.rng.chance(30) {
            f.put("receives_mail", FieldValue::Flag(true));
        }
        match validate_contact(&f.0, self.today) {
            Ok(info) => {
                c.upsert_contact(Contact::new(new_id(self.rng.bytes16()), info, stamp.clone()));
            }
            Err(e) => debug_assert!(false, "sample contact invalid: {e:?}"),
        }
    }
}

#[derive(Default)]
struct Fields(RawForm);

impl Fields {
    fn set(&mut self, k: &str, v: impl Into<String>) {
        self.put(k, FieldValue::Text(v.into()));
    }

    fn put(&mut self, k: &str, v: FieldValue) {
        self.0.insert(k.to_string(), v);
    }
}
