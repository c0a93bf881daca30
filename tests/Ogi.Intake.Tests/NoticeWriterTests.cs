using Ogi.Intake.Domain;
using Ogi.Intake.Notices;
using static Ogi.Intake.Tests.Given;

namespace Ogi.Intake.Tests;

/// <summary>Each written notice says what the platform recorded, in the applicant's terms.</summary>
public sealed class NoticeWriterTests
{
    private const string AgencyName = "长春市人民政府办公厅";
    private readonly NoticeWriter _writer = new(Calendar);

    [Fact]
    public void INT4_the_correction_notice_lists_every_item_and_the_period()
    {
        var application = Received(D(2026, 3, 2));
        application.RequestCorrection(["所需信息的文号", "获取信息的方式 <纸质/电子>"], D(2026, 3, 20), Clerk, D(2026, 3, 4), Calendar);

        var notice = _writer.Write(NoticeKind.Correction, application, AgencyName, D(2026, 3, 4));

        Assert.Equal("补正申请告知书", notice.Title);
        Assert.Contains("<li>所需信息的文号</li>", notice.Html, StringComparison.Ordinal);
        Assert.Contains("获取信息的方式 &lt;纸质/电子&gt;", notice.Html, StringComparison.Ordinal); // escaped, never raw HTML
        Assert.Contains("2026年3月20日前", notice.Html, StringComparison.Ordinal);
        Assert.Contains(application.TrackingNumber, notice.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void INT5_the_extension_notice_gives_the_reason_and_the_new_deadline()
    {
        var application = Received(D(2026, 3, 2));
        application.Extend(15, "需调取历史档案", OfficeHead, approverIsOfficeHead: true, D(2026, 3, 20), Calendar);

        var html = _writer.Write(NoticeKind.Extension, application, AgencyName, D(2026, 3, 20)).Html;

        Assert.Contains("因需调取历史档案", html, StringComparison.Ordinal);
        Assert.Contains("延长15个工作日", html, StringComparison.Ordinal);
        var deadline = application.Deadline(Calendar)!.DeadlineDate!.Value;
        Assert.Contains($"至{deadline.Year}年{deadline.Month}月{deadline.Day}日", html, StringComparison.Ordinal);
    }

    [Fact]
    public void INT6_suspension_and_resumption_notices_give_their_days()
    {
        var application = Received(D(2026, 3, 2));
        application.Suspend("因不可抗力", D(2026, 3, 3));
        Assert.Contains("自2026年3月3日起中止办理", _writer.Write(NoticeKind.Suspension, application, AgencyName, D(2026, 3, 3)).Html, StringComparison.Ordinal);

        Assert.Throws<BuildingBlocks.Domain.RuleViolationException>(() => _writer.Write(NoticeKind.Resumption, application, AgencyName, D(2026, 3, 3)));
        application.Resume(D(2026, 3, 10));
        var resumed = _writer.Write(NoticeKind.Resumption, application, AgencyName, D(2026, 3, 10)).Html;
        Assert.Contains("自2026年3月10日起恢复办理", resumed, StringComparison.Ordinal);
        Assert.Contains("答复期限至2026年4月7日", resumed, StringComparison.Ordinal);
    }

    [Fact]
    public void INT7_the_fee_notice_gives_method_amount_and_payment_deadline()
    {
        var application = Received(D(2026, 3, 2));
        application.IssueFeeNotice(FeeMethod.PerVolume, 120, D(2026, 3, 5), Calendar);

        var html = _writer.Write(NoticeKind.Fee, application, AgencyName, D(2026, 3, 5)).Html;

        Assert.Contains("共120页，按量计收信息处理费1100元", html, StringComparison.Ordinal);
        Assert.Contains("请于2026年4月2日前缴纳", html, StringComparison.Ordinal);
    }

    [Fact]
    public void INT8_the_reply_letter_states_outcome_reason_basis_and_released_documents()
    {
        var application = Received(D(2026, 3, 2));
        application.AttachDocument("doc-1", "资金安排表", Classification.None);
        application.RecordReview("doc-1", ReviewVerdict.Partial, Classification.None, "released/doc-1");
        application.IssueReply(Disclosed with { Outcome = ReplyOutcome.PartiallyDisclosed, Explanation = "部分内容涉及个人隐私，已作区分处理" }, D(2026, 3, 10), Clerk, Calendar);

        var html = _writer.Write(NoticeKind.Reply, application, AgencyName, D(2026, 3, 10)).Html;

        Assert.Contains("答复结果：部分公开", html, StringComparison.Ordinal);
        Assert.Contains("理由：部分内容涉及个人隐私，已作区分处理", html, StringComparison.Ordinal);
        Assert.Contains("依据：《中华人民共和国政府信息公开条例》第三十六条", html, StringComparison.Ordinal);
        Assert.Contains("<li>资金安排表（经区分处理）</li>", html, StringComparison.Ordinal);
        Assert.Contains("行政复议", html, StringComparison.Ordinal);
    }

    [Fact]
    public void INT8_a_cannot_provide_reply_names_its_sub_reason_and_the_competent_agency()
    {
        var application = Received(D(2026, 3, 2));
        application.IssueReply(NotHeld, D(2026, 3, 5), Clerk, Calendar);

        var html = _writer.Write(NoticeKind.Reply, application, AgencyName, D(2026, 3, 5)).Html;

        Assert.Contains("答复结果：无法提供（本机关不掌握相关政府信息）", html, StringComparison.Ordinal);
        Assert.Contains("负责公开机关：市住房和城乡建设局", html, StringComparison.Ordinal);
    }
}
