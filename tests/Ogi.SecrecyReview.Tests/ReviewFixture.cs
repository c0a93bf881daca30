using Ogi.SecrecyReview.Domain.Findings;
using Ogi.SecrecyReview.Domain.Reviews;

namespace Ogi.SecrecyReview.Tests;

/// <summary>People and builders shared by the review tests.</summary>
internal static class ReviewFixture
{
    public const string Clerk = "clerk-chen";
    public const string Reviewer = "reviewer-li";
    public const string Leader = "leader-wang";
    /// <summary>The named reviewer acting, outside the general office; SR-8 needs <see cref="ByGeneralOfficeReviewer"/>.</summary>
    public static readonly ActingReviewer ByReviewer = new(Reviewer, InGeneralOffice: false);

    /// <summary>The named reviewer acting as a member of the general office (办公室/综合科, SR-8).</summary>
    public static readonly ActingReviewer ByGeneralOfficeReviewer = new(Reviewer, InGeneralOffice: true);

    public static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public const string PlainText = "关于2026年第三季度城市道路维修计划的公告\n本季度计划维修主干道12条，总投资3200万元。\n";

    public static ReviewItem ApplicationItem(string text = PlainText, SecrecyLevel? declared = null, IReadOnlyList<string>? coProducers = null) =>
        new("item-1", "11500000009284512Q", "答复材料", text, ItemSource.ApplicationDocument,
            ApplicationId: "app-2026-0001", ReplyDeadline: new DateOnly(2026, 11, 20),
            DeclaredClassification: declared, CoProducers: coProducers);

    public static ReviewItem ProactiveItem(string text = PlainText) =>
        new("item-p", "11500000009284512Q", "主动公开公告", text, ItemSource.ProactivePublication,
            Proactive: new ProactivePeriod(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 30)));

    public static Review Submitted(ReviewItem? item = null, string id = "review-1") =>
        Review.Submit(id, item ?? ApplicationItem(), Clerk, At);

    /// <summary>Submitted, assigned, checklist all "no"; a jointly produced item by the general office (SR-8).</summary>
    public static Review InReview(ReviewItem? item = null, string id = "review-1", bool stateSecret = false)
    {
        var review = Submitted(item, id);
        review.Assign(Reviewer, Leader, At);
        review.RecordChecklist(review.IsJointlyProduced ? ByGeneralOfficeReviewer : ByReviewer, Checklist(stateSecret), At);
        return review;
    }

    public static SecrecyChecklist Checklist(bool stateSecret = false) => new(
        Enum.GetValues<ChecklistQuestion>().ToDictionary(
            q => q,
            q => new ChecklistAnswer(q == ChecklistQuestion.StateOrWorkSecret && stateSecret, "已逐项核对")));

    public static void KeepAllFindings(Review review)
    {
        foreach (var f in review.Findings)
        {
            review.ResolveFinding(ByReviewer, f.Number, FindingDisposition.Kept, "经核对可以公开", At);
        }
    }

    public static Opinion PublicOpinion() => Opinion.Public("《政府信息公开条例》第十九条", "不涉及国家秘密、商业秘密和个人隐私");
}
