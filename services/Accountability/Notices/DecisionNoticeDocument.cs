using System.Net;
using System.Text;
using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Measures;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Accountability.Notices;

/// <summary>
/// AC-10 (seed 000 第九条 "下达书面通知"): the written decision notice to one unit or person, as an HTML document.
/// A person is addressed by pseudonymous reference only (AC-13); the handling agency fills in the name on paper.
/// </summary>
public static class DecisionNoticeDocument
{
    public static string Render(AccountabilityCase @case, DecisionNotice notice, AccountabilityProfile profile, string handlingAgencyName)
    {
        var decision = @case.Decision ?? throw new RuleViolationException("AC-10", "no decision has been made in this case");
        var recipient = notice.Recipient switch
        {
            UnitSubject u => u.Unit.Name,
            PersonSubject p => $"责任人(编号 {p.Person.Value})",
            _ => "",
        };
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>责任追究决定通知书</title></head><body>\n");
        html.Append("<h1>责任追究决定通知书</h1>\n");
        Line(html, "案件编号", @case.Id.ToString());
        Line(html, "送达对象", recipient);
        Line(html, "涉及单位", @case.Unit.Name);
        Line(html, "违规情形", decision.Violation.Chinese());
        Line(html, "违规发生日期", decision.OccurredOn.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture));
        html.Append("<h2>追究方式</h2>\n<ul>\n");
        if (notice.Measures.Count == 0)
        {
            html.Append("<li>免于追究</li>\n");
        }

        foreach (var measure in notice.Measures)
        {
            html.Append("<li>").Append(Encode(measure.Chinese())).Append("</li>\n");
        }

        html.Append("</ul>\n");
        if (notice.Recipient is UnitSubject && decision.RectificationDue is { } due)
        {
            Line(html, "整改情况书面报告期限", Day(due) + "前报送政务公开工作机构和监察部门");
        }

        if (!string.IsNullOrEmpty(decision.DepartureReasons))
        {
            Line(html, "决定理由", decision.DepartureReasons);
        }

        if (notice.Measures.Count > 0)
        {
            Line(html, "申诉", $"如对本决定不服,可于{Day(notice.AppealDue(profile))}前提出申诉");
        }

        Line(html, "作出决定机关", handlingAgencyName);
        Line(html, "决定日期", Day(notice.IssuedOn));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Line(StringBuilder html, string label, string value) =>
        html.Append("<p><strong>").Append(Encode(label)).Append(":</strong>").Append(Encode(value)).Append("</p>\n");

    private static string Day(DateOnly day) => day.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
