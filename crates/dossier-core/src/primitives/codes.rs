//! The closed vocabularies of the card, with the seeds' Chinese wording, and what every `coded!`
//! enum has in common ([`Coded`], [`Choice`]). The vocabularies of the customer's file are in
//! [`super::ledger_codes`].

use super::lang::Lang;

/// Common face of the `coded!` enums, so form reading/writing is generic.
pub trait Coded: Copy + Ord {
    fn code(self) -> &'static str;
    fn from_code(s: &str) -> Option<Self>;
}

/// One value of a `coded!` enum as a form offers it: the code and both labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Choice {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

coded! {
    /// 性质 (表2-2).
    pub enum Nature {
        Individual = "sole", "个体", "Sole trader";
        Collective = "collective", "集体", "Collective";
        Partnership = "partnership", "合伙", "Partnership";
        State = "state", "国营", "State-owned";
        JointStock = "joint_stock", "股份公司", "Joint-stock company";
        Other = "other", "其他", "Other";
    }
}

coded! {
    /// 类别 (表2-2).
    pub enum Category {
        Agent = "agent", "代理商", "Agent";
        Wholesaler1 = "wholesale1", "一级批发商", "First-tier wholesaler";
        Wholesaler2 = "wholesale2", "二级批发商", "Second-tier wholesaler";
        KeyRetailer = "key_retail", "重要零售商", "Key retailer";
        Other = "other", "其他", "Other";
    }
}

coded! {
    /// 运输方式.
    pub enum Transport {
        Rail = "rail", "铁路", "Rail";
        Water = "water", "水运", "Waterway";
        Road = "road", "汽运", "Road";
        Pickup = "pickup", "自提", "Customer pickup";
        Other = "other", "其他", "Other";
    }
}

coded! {
    /// 店面.
    pub enum Storefront {
        Owned = "owned", "自有", "Owned";
        Rented = "rented", "租用", "Rented";
    }
}

coded! {
    /// 婚姻状况.
    pub enum Marital {
        Single = "single", "未婚", "Single";
        Married = "married", "已婚", "Married";
        Divorced = "divorced", "离异", "Divorced";
        Widowed = "widowed", "丧偶", "Widowed";
    }
}

coded! {
    pub enum Gender {
        Male = "m", "男", "Male";
        Female = "f", "女", "Female";
    }
}

coded! {
    /// 学历.
    pub enum Education {
        Junior = "junior", "初中及以下", "Junior school or less";
        Senior = "senior", "高中/中专", "High school / vocational";
        College = "college", "大专", "Junior college";
        Bachelor = "bachelor", "本科", "Bachelor";
        Master = "master", "硕士", "Master";
        Doctor = "doctor", "博士", "Doctorate";
    }
}

coded! {
    /// Roles of people at an enterprise (表2-2 人员).
    pub enum ContactRole {
        InCharge = "in_charge", "负责人", "Person in charge";
        Influencer = "influencer", "影响人", "Influencer";
        Buyer = "buyer", "采购人", "Buyer";
        Seller = "seller", "售货人", "Seller";
    }
}

coded! {
    /// 重要 / 特殊 / 一般 (seed 002).
    pub enum Tier {
        Key = "key", "重要", "Key";
        Special = "special", "特殊", "Special";
        Ordinary = "ordinary", "一般", "Ordinary";
    }
}

coded! {
    /// Card lifecycle (seed 000: 潜在客户卡 / 现有客户卡 / 旧客户卡).
    pub enum Stage {
        Potential = "potential", "潜在客户", "Potential";
        Current = "current", "现有客户", "Current";
        Former = "former", "旧客户", "Former";
    }
}

// The `coded!` macro owns the derive list, so the default is written by hand.
#[allow(clippy::derivable_impls)]
impl Default for Stage {
    fn default() -> Self {
        Stage::Potential
    }
}

coded! {
    /// Tags a user may switch on (seed 003).
    pub enum Tag {
        Hot = "hot", "有望", "Hot lead";
        Base = "base", "基盘", "Base customer";
        Vip = "vip", "VIP", "VIP";
        Lost = "lost", "战败", "Lost";
    }
}

coded! {
    /// 决策影响力.
    pub enum Influence {
        High = "high", "高", "High";
        Medium = "medium", "中", "Medium";
        Low = "low", "低", "Low";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_choices() {
        for (i, n) in Nature::ALL.iter().enumerate() {
            assert_eq!(Nature::from_code(n.code()), Some(*n));
            assert_eq!(Nature::CHOICES[i].code, n.code());
            assert_eq!(Nature::CHOICES[i].zh, n.label(Lang::Zh));
        }
        assert_eq!(Category::KeyRetailer.label(Lang::Zh), "重要零售商");
        assert_eq!(Tag::Lost.label(Lang::En), "Lost");
        assert_eq!(serde_json::to_string(&Transport::Road).unwrap(), "\"road\"");
        assert_eq!(Nature::from_code("nope"), None);
    }
}
