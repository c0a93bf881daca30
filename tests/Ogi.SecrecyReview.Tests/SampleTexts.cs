namespace Ogi.SecrecyReview.Tests;

/// <summary>Real-looking government texts. Numbers marked "valid" pass their check; "invalid" ones are one digit off.</summary>
internal static class SampleTexts
{
    public const string ValidId = "500103198506123315";
    public const string InvalidId = "500103198506123316";      // check digit should be 5
    public const string InvalidIdLuhnValid = "510107199202290045"; // check digit should be 4; passes Luhn by chance
    public const string ValidIdWithX = "11010519491231002X";
    public const string ValidCard19 = "6222021001123456789";
    public const string NonLuhnCard19 = "6222021001123456780";
    public const string ValidCard16 = "6225880123456783";
    public const string ValidCreditCode = "91500000MA5U2XXX0G";
    public const string InvalidCreditCode = "91500000MA5U2XXX0H";

    /// <summary>政府信息公开申请答复书.</summary>
    public const string DisclosureReply =
        "重庆市渝中区住房和城乡建设委员会\n" +
        "政府信息公开申请答复书\n" +
        "渝中住建公开〔2026〕第45号\n" +
        "张某某：\n" +
        "本机关于2026年10月12日收到您提出的政府信息公开申请（身份证号码：" + ValidId + "，联系电话：13983001234），" +
        "申请获取“解放碑片区老旧小区改造项目实施方案”。经审查，现答复如下：\n" +
        "一、您申请的信息属于本机关公开范围，现予以提供（见附件）。\n" +
        "二、附件中涉及的第三方住户李某（身份证号码 " + InvalidId + "，号码经核对有误）的个人信息已作区分处理。\n" +
        "三、您的通信地址为重庆市渝中区解放碑路12号3单元501室，如有变更请告知。\n" +
        "如对本答复不服，可以在收到本答复之日起60日内向重庆市渝中区人民政府申请行政复议，或者在6个月内向人民法院提起行政诉讼。\n" +
        "联系电话：023-63891234\n" +
        "2026年11月2日\n";

    /// <summary>行政处罚决定书 (excerpt).</summary>
    public const string PenaltyDecision =
        "成都市武侯区市场监督管理局\n" +
        "行政处罚决定书\n" +
        "成武市监处罚〔2026〕1234号\n" +
        "当事人：成都某某餐饮管理有限公司\n" +
        "统一社会信用代码：" + ValidCreditCode + "\n" +
        "住所地：成都市武侯区人民南路四段19号\n" +
        "法定代表人：王某，身份证号：" + ValidIdWithX + "，手机：139-8000-1234\n" +
        "另查明，当事人提交的《营业执照》复印件所载代码 " + InvalidCreditCode + " 与登记信息不符。\n" +
        "当事人于2026年5月至7月间销售过期食品，违反了《中华人民共和国食品安全法》第三十四条第十项的规定。\n" +
        "依据《中华人民共和国食品安全法》第一百二十四条第一款，决定对当事人作出如下行政处罚：罚款人民币50000元。\n" +
        "当事人应自收到本决定书之日起十五日内，将罚款缴至指定账户（开户行：中国工商银行成都分行，账号 " + ValidCard19 + "）。" +
        "当事人此前提供的退款账号 " + NonLuhnCard19 + " 经核对无效。\n";

    /// <summary>会议纪要 with 内部 marks, and ordinary uses of 内部/秘密/保密 that are not marks.</summary>
    public const string MeetingMinutes =
        "内部资料  注意保存\n" +
        "【内部】\n" +
        "区政务公开工作领导小组会议纪要\n" +
        "2026年9月18日，区政务公开工作领导小组召开第三次会议。会议要求：\n" +
        "一、各单位要严格执行保密审查制度，坚持“先审查、后公开”，涉及国家秘密、工作秘密、商业秘密的信息不得公开。\n" +
        "二、完善机关内部管理制度，内部事务信息可以不予公开。\n" +
        "三、对秘密的界定要以定密文件为准，不得凭经验判断；机密文件的管理按有关规定执行。\n" +
        "四、联系人：办公室刘某，手机 13812345678；座机号码 023-12345678。\n" +
        "工作秘密\n" +
        "附：与会人员名单（略）\n";

    /// <summary>A classified notice: marks in the forms GB/T 9704 writes them.</summary>
    public const string ClassifiedNotice =
        "000123\n" +
        "机密★10年\n" +
        "特急\n" +
        "关于做好重大活动安全保卫工作的通知\n" +
        "（一）本通知第三部分密级：秘密，第四部分为（绝密）。\n" +
        "（二）附件1 秘密★ 另行下发；附件2 ★长期 保存。\n" +
        "★ 加强组织领导。\n";
}
