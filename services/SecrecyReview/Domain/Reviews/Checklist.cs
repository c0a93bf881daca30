using Ogi.BuildingBlocks.Domain;
namespace Ogi.SecrecyReview.Domain.Reviews;

/// <summary>The five questions every review answers (SR-6; seed 003 重庆市公安局保密审查办法 第五条).</summary>
public enum ChecklistQuestion
{
    [Label("是否涉及国家秘密和工作秘密")] StateOrWorkSecret,
    [Label("是否涉及敏感信息，影响社会稳定、造成公众恐慌")] SensitiveAffectingStability,
    [Label("是否影响正常的行政管理活动")] AffectsNormalAdministration,
    [Label("是否涉及个人隐私")] PersonalPrivacy,
    [Label("是否涉及商业秘密")] CommercialSecret,
}

/// <summary>One answer: yes or no, and a note saying what was checked.</summary>
public sealed record ChecklistAnswer(bool Yes, string Note);

/// <summary>SR-6: an answer to each of the five questions; a missing question or an answer without a note is refused.</summary>
public sealed record SecrecyChecklist(IReadOnlyDictionary<ChecklistQuestion, ChecklistAnswer> Answers)
{
    public ChecklistAnswer this[ChecklistQuestion question] => Answers[question];
}
