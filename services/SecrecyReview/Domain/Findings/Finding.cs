using Ogi.BuildingBlocks.Domain;
namespace Ogi.SecrecyReview.Domain.Findings;

/// <summary>What the scanner recognised (SR-7).</summary>
public enum FindingKind
{
    [Label("密级标志")] ClassificationMark,
    [Label("内部标志")] InternalMark,
    [Label("工作秘密标志")] WorkSecretMark,
    [Label("公民身份号码")] CitizenIdNumber,
    [Label("手机号码")] MobileNumber,
    [Label("银行卡号")] BankCardNumber,
    [Label("统一社会信用代码")] UnifiedSocialCreditCode,
    [Label("地址")] Address,
}

/// <summary>The three levels of state secret (国家秘密密级), lowest first.</summary>
public enum SecrecyLevel
{
    [Label("秘密")] Secret = 1,
    [Label("机密")] Confidential = 2,
    [Label("绝密")] TopSecret = 3,
}

/// <summary>
/// One automatic finding. <see cref="Start"/> and <see cref="Length"/> are UTF-16 code units of the scanned string
/// (what a redaction range uses); <see cref="Line"/> and <see cref="Column"/> are 1-based, for display.
/// <see cref="Level"/> is set for a classification mark that names its level; a bare "★10年" has none.
/// </summary>
public sealed record Finding(FindingKind Kind, int Start, int Length, int Line, int Column, string Text, SecrecyLevel? Level = null)
{
    public int End => Start + Length;

    /// <summary>A mark of 秘密/机密/绝密: the item is a state secret unless declassified (SR-4).</summary>
    public bool MarksStateSecret => Kind == FindingKind.ClassificationMark && Level is not null;
}
