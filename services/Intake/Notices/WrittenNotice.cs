using System.Globalization;
using System.Net;
using System.Text;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.Intake.Domain;

namespace Ogi.Intake.Notices;

/// <summary>The written notices (书面告知) intake sends an applicant.</summary>
public enum NoticeKind
{
    [Label("补正申请告知书")] Correction = 1,
    [Label("延长答复期限告知书")] Extension = 2,
    [Label("中止办理告知书")] Suspension = 3,
    [Label("恢复办理告知书")] Resumption = 4,
    [Label("收费通知书")] Fee = 5,
    [Label("政府信息公开申请答复书")] Reply = 6,
}

/// <summary>A notice ready to send: its title and an HTML document a clerk can print or send.</summary>
public sealed record WrittenNotice(NoticeKind Kind, string Title, string Html);

/// <summary>
/// Writes each notice from the application's own data (INT-4, INT-5, INT-6, INT-7, INT-8), so what the
/// applicant is told is exactly what the platform recorded. Every value is HTML-escaped.
/// </summary>
public sealed class NoticeWriter(DeadlineCalculator calendar)
{
    public WrittenNotice Write(NoticeKind kind, DisclosureApplication application, string agencyName, DateOnly issuedOn)
    {
        var body = kind switch
        {
            NoticeKind.Correction => Correction(application),
            NoticeKind.Extension => Extension(application),
            NoticeKind.Suspension => Suspension(application),
            NoticeKind.Resumption => Resumption(application),
            NoticeKind.Fee => Fee(application),
            NoticeKind.Reply => Reply(application),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var title = kind.Chinese();
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title></head><body>")
            .Append("<h1>").Append(E(agencyName)).Append("</h1><h2>").Append(E(title)).Append("</h2>")
            .Append("<p class=\"number\">").Append(E(application.TrackingNumber)).Append("</p>")
            .Append("<p>").Append(E(application.Applicant.Name)).Append("：</p>")
            .Append(body)
            .Append("<p class=\"issuer\">").Append(E(agencyName)).Append("</p><p class=\"date\">").Append(Day(issuedOn)).Append("</p>")
            .Append("</body></html>")
            .ToString();
        return new WrittenNotice(kind, title, html);
    }

    private static string Correction(DisclosureApplication application)
    {
        var notice = application.Correction ?? throw new RuleViolationException("INT-4", "该申请没有补正告知");
        var items = string.Concat(notice.Items.Select(i => $"<li>{E(i)}</li>"));
        return Paragraph($"本机关于{Day(application.ReceivedOn!.Value)}收到您的政府信息公开申请。经审查，申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对以下事项一并作出补正：") +
            $"<ol>{items}</ol>" +
            Paragraph($"请于{Day(notice.DueOn)}前提交补正材料。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。");
    }

    private string Extension(DisclosureApplication application)
    {
        var extension = application.Extension ?? throw new RuleViolationException("INT-5", "该申请没有延长答复期限");
        var deadline = application.Deadline(calendar);
        return Paragraph($"您于{Day(application.ReceivedOn!.Value)}提出的政府信息公开申请，因{extension.Reason}，不能在规定期限内答复。" +
            $"经政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，答复期限延长{extension.WorkingDays}个工作日" +
            (deadline?.DeadlineDate is { } d ? $"，至{Day(d)}。" : "。"));
    }

    private static string Suspension(DisclosureApplication application)
    {
        var stop = application.Stops.LastOrDefault(s => s.Kind == ClockStopKind.Suspension) ?? throw new RuleViolationException("INT-6", "该申请没有中止记录");
        return Paragraph($"您提出的政府信息公开申请，因{stop.Reason}，本机关自{Day(stop.Stopped)}起中止办理。中止期间不计算在答复期限内，中止事由消除后本机关将恢复办理并书面告知您。");
    }

    private string Resumption(DisclosureApplication application)
    {
        var stop = application.Stops.LastOrDefault(s => s.Kind == ClockStopKind.Suspension && s.Resumed is not null)
            ?? throw new RuleViolationException("INT-6", "该申请没有恢复办理记录");
        var deadline = application.Deadline(calendar);
        return Paragraph($"您提出的政府信息公开申请，中止事由已消除，本机关自{Day(stop.Resumed!.Value)}起恢复办理" +
            (deadline?.DeadlineDate is { } d ? $"，答复期限至{Day(d)}。" : "。"));
    }

    private static string Fee(DisclosureApplication application)
    {
        var fee = application.Fee ?? throw new RuleViolationException("INT-7", "该申请没有收费通知");
        var basis = fee.Method == FeeMethod.PerApplication
            ? $"您本月提出的第{fee.Quantity}件申请，按件计收"
            : $"所需信息共{fee.Quantity}页，按量计收";
        return Paragraph($"根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{basis}信息处理费{fee.Amount.ToString("0.##", CultureInfo.InvariantCulture)}元。") +
            Paragraph($"请于{Day(fee.PaymentDueOn)}前缴纳。自本通知送达之日至缴费之日的期间不计算在答复期限内；逾期未缴纳的，本机关不再处理该政府信息公开申请。");
    }

    private static string Reply(DisclosureApplication application)
    {
        var reply = application.Reply ?? throw new RuleViolationException("INT-8", "该申请尚未答复");
        var outcome = reply.Reason == OutcomeReason.None ? reply.Outcome.Chinese() : $"{reply.Outcome.Chinese()}（{reply.Reason.Chinese()}）";
        var body = Paragraph($"本机关于{Day(application.ReceivedOn ?? application.SubmittedOn)}收到您的政府信息公开申请。经审查，答复如下：") +
            Paragraph($"答复结果：{outcome}") +
            Paragraph($"理由：{reply.Explanation}") +
            Paragraph($"依据：{reply.LegalBasis}");
        if (reply.CompetentAgency is { Length: > 0 } competent)
        {
            body += Paragraph($"该政府信息的负责公开机关：{competent}");
        }

        if (reply.DeliveredForm is { } form)
        {
            body += Paragraph($"提供方式：{form.Chinese()}");
        }

        var released = application.Documents.Where(d => d.PermitsRelease).ToList();
        if (released.Count > 0)
        {
            body += "<p>随附文件：</p><ul>" + string.Concat(released.Select(d =>
                $"<li>{E(d.Title)}{(d.Verdict == ReviewVerdict.Partial ? "（经区分处理）" : "")}</li>")) + "</ul>";
        }

        return body + Paragraph("如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自收到本答复之日起六个月内依法提起行政诉讼。");
    }

    private static string Paragraph(string text) => $"<p>{E(text)}</p>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Day(DateOnly day) => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
